// ccst controle deliberate <notes-controle>: the second deliberation (controle/second.ts). Reads the contrôle notes
// (numero, unite, note or ABS), checks each row against the stored choices (row and column, exit 3), decides every
// CONTROLE candidate whose chosen orals all have a note — ADMIS or AJOURNE, never CONTROLE again — stores the notes
// and the results (the relevés use them) in one transaction, and writes the second PV.
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { say } from '../context.js';
import { parseOptions } from '../options.js';
import { inputError, ruleConflict, usageError } from '../errors.js';
import { formatIssues } from '../issue-report.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { commitLast, commitLastWithin } from '../commit-last.js';
import { readControle } from '../../io/deliberation-inputs.js';
import { outputFormat, writeTable, type OutCell } from '../../io/table-writer.js';
import { mutate, type Db } from '../../store/workspace.js';
import { readSnapshot } from '../../store/snapshot.js';
import { storedLivrets, writeResults } from '../../store/deliberation.js';
import { writeControleNotes } from '../../store/controle.js';
import { formatHundredths } from '../../domain/candidate.js';
import { truncHundredths } from '../../domain/deliberation/exact.js';
import { sortForPv } from '../../domain/deliberation/pv.js';
import { resultDetail } from '../../domain/deliberation/candidate-result.js';
import { secondDeliberation, stillControle } from '../../domain/controle/second.js';
import { controleCandidates, loadControleData, warnToConfirm } from '../controle/session-data.js';
import { claimOutputs } from '../output-policy.js';

const optionsSchema = z.object({
  notes: z.string().min(1),
  workspace: z.string().optional(),
  output: z.string().default('-'),
  json: z.boolean().optional(),
  csvFormat: z.enum(['excel-fr', 'rfc4180']).default('excel-fr'),
  dryRun: z.boolean().optional(),
  force: z.boolean().optional(),
});
type Options = z.infer<typeof optionsSchema>;

const COLUMNS = ['numero', 'nom', 'prenom', 'etablissement', 'premiere_decision', 'epreuves_controle', 'moyenne', 'decision', 'motif', 'unites_acquises', 'regle', 'alertes'];

/** The second deliberation from the workspace as `db` sees it (the command's transaction: one snapshot). */
async function deliberateSecond(ctx: Ctx, opts: Options, db: Db) {
  const data = await loadControleData(db);
  const first = new Map(controleCandidates(data).map((f) => [f.numero, f]));
  // The stored first decision must still follow from the stored notes (a note changed since would change it).
  const stale = [...first.values()].filter((f) => !stillControle(data.rules, f)).map((f) => f.numero);
  if (stale.length) throw ruleConflict(`${stale.length} candidat(s) ne sont plus CONTROLE d’après leurs notes enregistrées : ${stale.join(', ')}`, ['Délibérez à nouveau (ccst deliberate) avant les épreuves de contrôle.']);
  const file = await readControle(opts.notes === '-' ? opts.notes : path.resolve(ctx.cwd, opts.notes), data.reg);
  const outcome = secondDeliberation({ rules: data.rules, first, choices: data.choices, stored: data.notes, rows: file.rows, livrets: await storedLivrets(db) });
  const issues = [...file.issues, ...outcome.issues].sort((a, b) => a.row - b.row);
  if (issues.length) throw inputError(`${issues.length} erreur(s) dans ${file.name} : rien n’a été enregistré ni écrit.`, formatIssues(file.name, issues), { issues });

  const details = outcome.results.map((r) => ({ r, detail: resultDetail(data.rules, r, data.session) }));
  const regle = `D643-13 ; D643-15 (${data.regime.id})`;
  // The PV's order: nom, prénom, numéro without accents or case (as the first PV, pv.ts).
  const rows = sortForPv(details.map((d) => ({ ...d, nom: d.r.nom, prenom: d.r.prenom, numero: d.r.numero })))
    .map(({ r, detail }): OutCell[] => [
      r.numero, r.nom, r.prenom, r.etablissement, `${r.first?.decision} — ${r.first?.motif}`,
      detail.controle.map((l) => `${l.unite} ${l.premiere} → ${l.controle} (retenue ${l.retenue})`).join(' ; '),
      // A number: a decimal comma in excel-fr, a point in rfc4180, a number cell in XLSX (table-writer).
      r.deliberation.averages?.mg ? truncHundredths(r.deliberation.averages.mg) / 100 : '', r.deliberation.decision, r.deliberation.motif,
      r.deliberation.acquired.join(' '), regle, r.alerts.join(' ; '),
    ]);
  return { data, first, file, outcome, details, rows };
}

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  if (opts.output !== '-' && outputFormat(opts.output) === 'pdf') throw usageError('le PV est produit en .csv, .xlsx ou .json.');
  const writeFile = await claimOutputs(ctx, [opts.json ? undefined : opts.output], { inputs: [opts.notes], workspace: opts, force: opts.force, dryRun: opts.dryRun });
  const ws = await openExistingWorkspace(ctx, opts, opts.dryRun ? 'read' : 'write');
  try {
    const toFile = !opts.json && opts.output !== '-' && writeFile;
    const targets = { targets: [toFile ? opts.output : undefined], cwd: ctx.cwd };
    const render = (rows: OutCell[][]) => async () => {
      if (toFile) await writeTable(path.resolve(ctx.cwd, opts.output), ctx.stdout, { columns: COLUMNS, rows, sheetName: 'PV contrôle' }, { csvFormat: opts.csvFormat });
    };
    // Commit last (commit-last.ts), the results read and written in one transaction (issue 12 §2): the PV file
    // rendered to its temp file, then notes and results stored, then renamed.
    const second = opts.dryRun
      ? await readSnapshot(ws, async (db) => {
        const s = await deliberateSecond(ctx, opts, db);
        await commitLast({ ...targets, render: render(s.rows) });
        return s;
      })
      : await commitLastWithin(targets, (stage) => mutate(ws, 'controle deliberate', ctx.now(), async (db) => {
        const s = await deliberateSecond(ctx, opts, db);
        await stage(render(s.rows));
        await writeControleNotes(db, s.file.name, s.outcome.notes.map((n) => ({ numero: n.numero, unite: n.unite, note: n.value === 'ABS' ? 'ABS' : formatHundredths(n.value) })));
        await writeResults(db, ctx.now(), s.details.map(({ r, detail }) => ({ numero: r.numero, decision: r.deliberation.decision, detail })));
        const counts: Record<string, number> = {};
        for (const { r } of s.details) counts[r.deliberation.decision] = (counts[r.deliberation.decision] ?? 0) + 1;
        return { result: s, detail: { file: s.file.name, decisions: counts, pending: s.outcome.pending.length } };
      }));
    const { data, first, outcome, details, rows } = second;
    if (opts.json) ctx.stdout.write(JSON.stringify({ session: data.session, regime: data.regime.id, results: details.map((d) => d.detail), pending: outcome.pending }, null, 2) + '\n');
    else if (opts.output === '-') await writeTable('-', ctx.stdout, { columns: COLUMNS, rows, sheetName: 'PV contrôle' }, { csvFormat: opts.csvFormat });

    const admis = details.filter((d) => d.r.deliberation.decision === 'ADMIS').length;
    say(ctx, `${opts.dryRun ? 'Simulation (--dry-run) : ' : ''}Délibération après contrôle : ${details.length} candidat(s) — ADMIS ${admis}, AJOURNE ${details.length - admis}.`);
    for (const p of outcome.pending) say(ctx, ctx.color.yellow(`Attention : ${p.numero} en attente, pas de note de contrôle en ${p.missing.join(', ')}.`));
    const noChoice = [...first.keys()].filter((n) => !data.choices.has(n));
    if (noChoice.length) say(ctx, ctx.color.yellow(`Attention : ${noChoice.length} candidat(s) CONTROLE sans choix d’épreuves : décision en attente (${noChoice.join(', ')}).`));
    if (outcome.raised.length) {
      const rule = data.regime.acquiredAfterControle;
      say(ctx, ctx.color.yellow(`Attention : ${outcome.raised.length} candidat(s) ajourné(s) avec une unité portée à 10 ou plus au contrôle, ${rule.value ? 'comptée' : 'non comptée'} comme acquise (controle.${data.regime.id}.acquiredAfterControle${rule.aConfirmer ? ', à confirmer' : ''}) : ${outcome.raised.map((r) => `${r.numero} ${r.units.join(' ')}`).join(', ')}.`));
    }
    if (toFile) say(ctx, ctx.color.green(`PV après contrôle écrit : ${opts.output}`));
    warnToConfirm(ctx, data.regime, ['beneficeChoosable']);
  } finally {
    await ws.close();
  }
}
