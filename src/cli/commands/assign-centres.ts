// ccst assign-centres: places every candidate, for every épreuve taken on exam day, in a centre (written centre
// of the candidate's académie, oral centre of the organising académie — circulaire nationale §1-B, annexe 1),
// keeps earlier placements and pins, and prints the Toulouse-style table. Infeasible → exit 4, nothing written.
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { inputError, ruleConflict } from '../errors.js';
import { concurrentChange } from '../database-errors.js';
import { confirmOrRefuse } from '../confirm.js';
import { refuseMissingLanguages } from '../language-check.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { mutate } from '../../store/workspace.js';
import { sessionRegulation } from '../../store/session.js';
import { listCandidates } from '../../store/candidates.js';
import { listCentres } from '../../store/centres.js';
import { listAssignments, oralSlotCount, replaceAssignments } from '../../store/assignments.js';
import { assignCentres } from '../../domain/assignment/assign.js';
import { buildReport, formatReport } from '../../domain/assignment/report.js';
import type { Shortfall } from '../../domain/assignment/pool.js';
import { parsePinArgs, parseUnpinArgs, readPinsFile } from '../assign-pins.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  dryRun: z.boolean().optional(),
  json: z.boolean().optional(),
  reset: z.boolean().optional(),
  yes: z.boolean().optional(),
  pin: z.array(z.string()).optional(),
  unpin: z.array(z.string()).optional(),
  pins: z.string().optional(),
});

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** One line per shortfall; `etablissements` names an establishment from its UAI (the candidates' file). */
export function describeShortfall(s: Shortfall, etablissements: ReadonlyMap<string, string> = new Map()): string {
  const what = `${s.academie}, ${s.epreuve} (${s.nature === 'ecrit' ? 'écrit' : 'oral'})${s.languages.length ? `, ${s.languages.join('/')}` : ''}`;
  if (s.reason === 'aucun-centre') {
    return `${what} : aucun centre ${s.nature === 'ecrit' ? 'd’écrit' : 'd’oral'} n’organise cette épreuve — ${s.missing} candidat(s) sans centre`;
  }
  if (s.reason === 'designation') {
    const etab = s.etablissement ? `l’établissement ${s.etablissement}${etablissements.get(s.etablissement) ? ` (${etablissements.get(s.etablissement)})` : ''}` : 'l’établissement';
    // After the designated groups are placed, the designated centres have no seat left (pool.ts fills them first).
    const seats = (s.seats ?? []).map((c) => `${c.uai} (${c.nom}) : ${plural(c.capacity, 'place', 'places')}, 0 restante${c.kept ? ` (${c.kept} attribuée(s) lors d’une affectation précédente)` : ''}`);
    return `${what} : ${etab} est désigné au centre ${seats.length ? seats.join(' ; ') : s.centres.join(', ')} — ${s.missing} candidat(s) de l’établissement sans place`;
  }
  return `${what} : il manque ${s.missing} place(s) — ${s.demand} candidat(s) pour ${s.capacity} place(s) disponibles`;
}

/** What the office can do about the shortfalls, most specific first (issue #10 §13). */
export function waysOut(shortfalls: Shortfall[], hasConflicts: boolean, hasEarlierPlacements: boolean): string[] {
  const out: string[] = [];
  const designation = shortfalls.filter((s) => s.reason === 'designation');
  const full = [...new Set(designation.flatMap((s) => s.centres))].sort();
  if (full.length) {
    out.push(`Augmentez la capacité du ou des centres désignés (${full.join(', ')}) : colonne capacite de centres.csv, puis ccst centres import centres.csv.`);
    const elsewhere = new Map<string, { nom: string; free: number }>();
    for (const s of designation) for (const e of s.elsewhere ?? []) if (!elsewhere.has(e.uai) || elsewhere.get(e.uai)!.free > e.free) elsewhere.set(e.uai, e);
    const etabs = [...new Set(designation.map((s) => s.etablissement).filter(Boolean))].sort();
    const free = [...elsewhere].sort(([, a], [, b]) => b.free - a.free).slice(0, 3).map(([uai, e]) => `${uai} ${e.nom} : ${e.free} place(s) libre(s)`);
    out.push(`Ou désignez aussi un centre qui a encore des places pour ${etabs.join(', ') || 'cet établissement'} (colonne origines de centres.csv)${free.length ? ` — ${free.join(' ; ')}` : ''}.`);
    out.push('Ou placez ces candidats vous-même : ccst assign-centres --pin NUMERO:EPREUVE=UAI (ou --pins fichier.csv).');
    const reclaim = designation.flatMap((s) => s.seats ?? []).reduce((n, c) => Math.max(n, c.keptForOthers), 0);
    if (reclaim > 0) {
      out.push(`Ou relancez avec --reset : ${reclaim} place(s) du centre désigné sont occupées par des candidats d’autres établissements lors d’une affectation précédente ; --reset replace tout le monde (épinglages conservés).`);
    } else if (hasEarlierPlacements) {
      out.push('--reset n’y changerait rien : les places du centre désigné sont toutes prises par les établissements qui lui sont désignés.');
    }
  }
  if (shortfalls.some((s) => s.reason !== 'designation')) {
    out.push('Ajoutez des places ou des centres (ccst centres import centres.csv)' + (hasEarlierPlacements ? ', ou relancez avec --reset pour replacer tout le monde (épinglages conservés).' : '.'));
  }
  if (hasConflicts) out.push('Corrigez les épinglages signalés, puis relancez.');
  return out;
}

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const ws = await openExistingWorkspace(ctx, opts, opts.dryRun ? 'read' : 'write');
  try {
    const reg = (await sessionRegulation(ws.db));
    const pins = [...parsePinArgs(reg, opts.pin ?? []), ...(opts.pins ? await readPinsFile(reg, opts.pins, ctx) : [])];
    const unpin = parseUnpinArgs(reg, opts.unpin ?? []);
    const candidates = (await listCandidates(ws.db));
    const centres = (await listCentres(ws.db));
    if (!candidates.length) throw inputError('aucun candidat dans le workspace', ['Importez-les d’abord : ccst import candidats.csv']);
    if (!centres.length) throw inputError('aucun centre dans le workspace', ['Importez-les d’abord : ccst centres import centres.csv']);
    // A language oral goes to a centre offering the candidate's language: without it the candidate cannot be placed.
    refuseMissingLanguages(reg, candidates, 'affectation impossible', { ponctuelOnly: true });
    const existing = (await listAssignments(ws.db));
    if (opts.reset && !opts.dryRun && existing.some((p) => !p.pinned)) {
      await confirmOrRefuse(ctx, `Replacer les ${existing.filter((p) => !p.pinned).length} affectations existantes (les épinglages sont conservés) ?`, { yes: opts.yes });
    }

    const outcome = assignCentres({ reg, candidates, centres, existing, pins, unpin, reset: Boolean(opts.reset) });
    for (const w of outcome.warnings) say(ctx, ctx.color.yellow(`Attention : ${w}`));
    if (!outcome.ok) {
      const etablissements = new Map(candidates.flatMap((c) => (c.etablissementUai && c.etablissement ? [[c.etablissementUai, c.etablissement] as const] : [])));
      const details = [...outcome.conflicts, ...outcome.shortfalls.map((sf) => describeShortfall(sf, etablissements))];
      const hints = waysOut(outcome.shortfalls, outcome.conflicts.length > 0, !opts.reset && existing.some((p) => !p.pinned));
      if (opts.json) ctx.stdout.write(JSON.stringify({ ok: false, conflicts: outcome.conflicts, shortfalls: outcome.shortfalls, issues: hints }, null, 2) + '\n');
      throw ruleConflict(
        `affectation impossible (${details.length} problème(s)) : rien n’a été enregistré`,
        [...details, ...hints],
        { conflicts: outcome.conflicts, shortfalls: outcome.shortfalls },
      );
    }

    if (!opts.dryRun) {
      await mutate(ws, 'assign-centres', ctx.now(), async (db) => {
        // Another agent may have assigned since we read (e.g. during the --reset question): never overwrite it.
        if (JSON.stringify(await listAssignments(db)) !== JSON.stringify(existing)) throw concurrentChange('assign-centres', 'table assignments');
        await replaceAssignments(db, outcome.placements);
        return { result: undefined, detail: { ...outcome.stats, reset: Boolean(opts.reset), pins: pins.length, unpin: unpin.length } };
      });
    }
    const report = buildReport(reg, candidates, centres, outcome.placements);
    if (opts.json) {
      ctx.stdout.write(JSON.stringify({ ok: true, dryRun: Boolean(opts.dryRun), stats: outcome.stats, moves: outcome.moves, warnings: outcome.warnings, report }, null, 2) + '\n');
    } else {
      ctx.stdout.write(formatReport(report).join('\n') + '\n');
    }
    for (const m of outcome.moves) say(ctx, ctx.color.yellow(`Déplacé : ${m.numero} ${m.epreuve} (était ${m.from}) — ${m.reason}`));
    const s = outcome.stats;
    say(ctx, `${s.requirements} épreuve(s) à placer : ${s.kept} conservée(s), ${s.pinned} épinglée(s), ${s.placed} nouvellement placée(s), ${s.moved} déplacée(s)${s.dropped ? `, ${s.dropped} affectation(s) abandonnée(s)` : ''}.`);
    const slots = await oralSlotCount(ws.db);
    if (opts.dryRun) say(ctx, 'Simulation (--dry-run) : rien n’a été enregistré.');
    else say(ctx, ctx.color.green('Affectations enregistrées.') + (slots ? ' Relancez ccst schedule-orals pour mettre à jour les horaires d’oral.' : ''));
  } finally {
    await ws.close();
  }
}
