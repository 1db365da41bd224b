// ccst harmonisation apply ajustements.csv: the adjustments decided by the commission d'harmonisation (issue 15
// item 2) applied to the stored notes — every line checked first (row and column in each message, exit 3, nothing
// written), then one transaction with every changed note in note_audit (old, new, the commission's motif). Codes
// (ABS, ABJ, NV, DIS, BEN, REP) are never adjusted. Refused (exit 4) for candidates already deliberated unless
// --after-deliberation, which then gives deliberate's « note modifiée après délibération » warning.
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { say } from '../context.js';
import { parseOptions } from '../options.js';
import { inputError, ruleConflict, usageError } from '../errors.js';
import { formatIssues } from '../issue-report.js';
import { commitLast } from '../commit-last.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { sessionRegulation } from '../../store/session.js';
import { harmonisationSource } from '../../domain/notes/import-plan.js';
import { deliberatedAmong, groupNotes, StaleNoteError, writeAdjustedNotes } from '../../store/harmonisation.js';
import { findUnit } from '../../domain/regulation/units.js';
import type { CellIssue } from '../../domain/validation.js';
import { parseAdjustment } from '../../domain/statistics/adjustment.js';
import { planAdjustments, type LineOutcome, type PlanLine } from '../../domain/statistics/adjustment-plan.js';
import { formatTruncated } from '../../domain/deliberation/exact.js';
import { readAdjustments } from '../../io/adjustments-reader.js';
import { countUnit, groupLabels, GROUPINGS, type CountedUnit, type Grouping } from '../statistics/harmonisation-data.js';
import type { GroupSelector } from '../../store/harmonisation.js';
import { renderChangesFile, reportChangesAfterDeliberation } from '../deliberation/after-deliberation.js';
import { pointsNumber } from '../../documents/statistics/format.js';

const optionsSchema = z.object({
  file: z.string().min(1),
  workspace: z.string().optional(),
  dryRun: z.boolean().optional(),
  afterDeliberation: z.boolean().optional(),
  json: z.boolean().optional(),
  force: z.boolean().optional(),
});

/** The canonical key of a selector: what the report prints between brackets and the store groups by. */
const keyOf = (s: GroupSelector) => (s.kind === 'commission' ? `${s.centreUai} C${s.commission}` : s.kind === 'lot' ? s.lot : s.uai);

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  if (opts.file === '-') throw usageError('le fichier d’ajustements se lit depuis un fichier (.csv ou .xlsx), pas depuis stdin');
  const file = await readAdjustments(opts.file);
  const ws = await openExistingWorkspace(ctx, opts, opts.dryRun ? 'read' : 'write');
  try {
    const reg = await sessionRegulation(ws.db);
    const issues: CellIssue[] = [...file.issues];
    const issue = (row: number, column: string, kind: string, message: string) => issues.push({ row, column: file.labels.get(column) ?? column, kind, message });
    const lines: PlanLine[] = [];
    const seen = new Map<string, number>();
    // Group labels per unit and grouping, from the same rows as the report (so a key the report printed is found).
    const counted = new Map<string, CountedUnit>();
    const known = new Map<string, Map<string, string>>();
    for (const r of file.rows) {
      const unit = findUnit(reg, r.epreuve);
      const adjustment = parseAdjustment(r.ajustement);
      if (!adjustment.ok) issue(r.row, 'ajustement', adjustment.kind, adjustment.message);
      if (!unit) {
        issue(r.row, 'epreuve', 'epreuve', `épreuve « ${r.epreuve} » inconnue du règlement`);
        continue;
      }
      const groupings = Object.values(GROUPINGS).filter((g) => g.applies(reg, unit));
      let found: { g: Grouping; selector: GroupSelector } | undefined;
      for (const g of groupings) {
        const selector = g.selector(reg, unit, r.groupe);
        if (selector) found = { g, selector };
      }
      if (!found) {
        const expected = groupings.flatMap((g) => (g.groupeCell ? [g.groupeCell] : []));
        issue(r.row, 'groupe', 'groupe', `« ${r.groupe} » : attendu pour ${unit.epreuve} ${expected.join(' ou ') || '— aucun regroupement possible'}`);
        continue;
      }
      const cacheKey = `${unit.code}/${found.g.par}`;
      if (!counted.has(unit.code)) counted.set(unit.code, await countUnit(ws.db, reg, unit, groupings));
      if (!known.has(cacheKey)) known.set(cacheKey, groupLabels(counted.get(unit.code)!, found.g.par));
      const key = keyOf(found.selector);
      const label = known.get(cacheKey)!.get(key);
      if (label === undefined) {
        issue(r.row, 'groupe', 'groupe', `« ${r.groupe} » : aucune note de ${unit.epreuve} pour ce groupe (ccst harmonisation --epreuve ${unit.epreuve} liste les groupes)`);
        continue;
      }
      const first = seen.get(`${unit.code}/${key}`);
      if (first !== undefined) {
        issue(r.row, 'groupe', 'doublon', `${key} ${unit.epreuve} déjà ajusté ligne ${first} : un seul ajustement par groupe et épreuve`);
        continue;
      }
      seen.set(`${unit.code}/${key}`, r.row);
      if (!adjustment.ok) continue;
      lines.push({ row: r.row, groupKey: key, groupLabel: label, epreuve: unit.epreuve, unite: unit.code, adjustment: adjustment.value, motif: r.motif, notes: await groupNotes(ws.db, unit.code, found.selector) });
    }
    if (issues.length) {
      issues.sort((a, b) => a.row - b.row);
      throw inputError(`${issues.length} erreur(s) dans ${file.name} : aucune note n’a été modifiée.`, formatIssues(file.name, issues), { issues });
    }
    if (lines.length === 0) throw inputError(`${file.name} : aucune ligne d’ajustement.`);

    const plan = planAdjustments(lines);
    if (plan.overlaps.length) {
      throw inputError(`${plan.overlaps.length} note(s) visée(s) par deux lignes de ${file.name} : aucune note n’a été modifiée.`, plan.overlaps.slice(0, 20).map((o) => `${o.numero} ${o.unite} : lignes ${o.rows[0]} et ${o.rows[1]}`));
    }
    const deliberated = await deliberatedAmong(ws.db, [...new Set(plan.changes.map((c) => c.numero))]);
    const summary = lineSummary(plan.lines);
    if (deliberated.size && !opts.afterDeliberation) {
      // A dry run still shows what the commission's file would do, then ends as the real run would.
      if (opts.dryRun) printSummary(ctx, Boolean(opts.json), file.name, true, summary, plan.changes);
      throw ruleConflict(`${deliberated.size} candidat(s) dont une note changerait ont déjà été délibérés : ${opts.dryRun ? 'l’application serait refusée' : 'aucune note n’a été modifiée'}.`, [
        'Après la délibération, une note ne change que par décision du jury : relancez avec --after-deliberation, puis délibérez à nouveau (ccst deliberate).',
      ]);
    }
    const changedAfter = plan.changes.filter((c) => deliberated.has(c.numero));
    // Many notes changed after a deliberation are listed in a side file of the current folder: rendered before the
    // commit, renamed after it (commit-last.ts), under the output rule; none on --dry-run.
    const written = await commitLast({
      targets: [],
      cwd: ctx.cwd,
      render: async () => {
        if (!opts.dryRun) await renderChangesFile(ctx, changedAfter, '-', { inputs: [opts.file], workspace: opts, force: opts.force });
      },
      commit: opts.dryRun ? undefined : async () => {
        try {
          await writeAdjustedNotes(ws, ctx.now(), harmonisationSource(file.name), plan.changes, { file: file.name, lines: summary, changed: plan.changes.length });
        } catch (e) {
          if (e instanceof StaleNoteError) throw ruleConflict(`${e.message} : le workspace a changé pendant l’opération ; aucune note n’a été modifiée. Relancez la commande.`);
          throw e;
        }
        return true;
      },
    });
    printSummary(ctx, Boolean(opts.json), file.name, Boolean(opts.dryRun), summary, plan.changes);
    if (!written) say(ctx, `Simulation (--dry-run) : ${plan.changes.length} note(s) seraient modifiée(s) ; rien n’a été enregistré.`);
    else {
      say(ctx, `Workspace : ${plan.changes.length} note(s) modifiée(s) (historique dans note_audit, motif de la commission).`);
      reportChangesAfterDeliberation(ctx, changedAfter, '-');
    }
    const capped = plan.lines.reduce((n, l) => n + l.capped + l.floored, 0);
    if (capped) say(ctx, ctx.color.yellow(`Attention : ${capped} note(s) ramenée(s) à 20 ou à 0 : l’ajustement opposé ne les rétablira pas.`));
  } finally {
    await ws.close();
  }
}

const mean = (f: LineOutcome['meanBefore']) => (f ? Number(formatTruncated(f).replace(',', '.')) : null);

function lineSummary(lines: LineOutcome[]) {
  return lines.map((l) => ({
    ligne: l.row, groupe: l.groupKey, libelle: l.groupLabel, epreuve: l.epreuve, ajustement: l.adjustment, motif: l.motif,
    notes: l.notes, codes: l.codes, modifiees: l.changed, plafonnees: l.capped, ramenees_a_zero: l.floored,
    avant: { moyenne: mean(l.meanBefore), min: pointsNumber(l.minBefore), max: pointsNumber(l.maxBefore) },
    apres: { moyenne: mean(l.meanAfter), min: pointsNumber(l.minAfter), max: pointsNumber(l.maxAfter) },
  }));
}

function printSummary(ctx: Ctx, json: boolean, fichier: string, simulation: boolean, lignes: ReturnType<typeof lineSummary>, changements: unknown[]): void {
  if (json) ctx.stdout.write(JSON.stringify({ fichier, simulation, notesModifiees: changements.length, lignes, changements }, null, 2) + '\n');
  else ctx.stdout.write(textSummary(lignes));
}

function textSummary(lines: ReturnType<typeof lineSummary>): string {
  const n = (x: number | null) => (x === null ? '—' : x.toFixed(2).replace('.', ','));
  const out = ['ligne\tgroupe\tépreuve\tajustement\tnotes\tmodifiées\tmoyenne avant → après\tmin–max avant → après'];
  for (const l of lines) {
    out.push(`${l.ligne}\t${l.groupe} (${l.libelle})\t${l.epreuve}\t${l.ajustement}\t${l.notes}${l.codes ? ` (+${l.codes} code(s))` : ''}\t${l.modifiees}\t${n(l.avant.moyenne)} → ${n(l.apres.moyenne)}\t${n(l.avant.min)}–${n(l.avant.max)} → ${n(l.apres.min)}–${n(l.apres.max)}`);
  }
  return out.join('\n') + '\n';
}
