// ccst deliberate <notes>: the jury's deliberation — reads the notes (wide or long, CSV or XLSX), applies the jury's
// changes and the épreuves de contrôle, decides for every candidate (src/domain/deliberation), stores notes and
// results in the workspace when there is one, and writes the PV (CSV French Excel by default, XLSX, JSON).
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { say } from '../context.js';
import { inputError, usageError } from '../errors.js';
import { formatIssues } from '../issue-report.js';
import { maybeOpenWorkspace, storeDeliberation, workspaceInputs } from '../deliberation/workspace-inputs.js';
import { loadBundledRegulation } from '../../io/regulation-file.js';
import { readNotes } from '../../io/notes-reader.js';
import { readControle, readJury, readLivrets } from '../../io/deliberation-inputs.js';
import { outputFormat, writeTable } from '../../io/table-writer.js';
import { writeFastCsv } from '../../io/fast-csv.js';
import { sessionRegulation, readSessionInfo } from '../../store/session.js';
import type { CellIssue } from '../../domain/validation.js';
import { rulesFrom } from '../../domain/deliberation/rules.js';
import { assemble } from '../../domain/deliberation/assemble.js';
import { deliberateCandidate, resultDetail, type CandidateResult } from '../../domain/deliberation/candidate-result.js';
import { sortForPv, formatRate, pvColumns, pvRow, summarise, type PvSummary } from '../../domain/deliberation/pv.js';
import { DECISIONS } from '../../domain/deliberation/decide.js';

const optionsSchema = z.object({
  notes: z.string().min(1),
  workspace: z.string().optional(),
  output: z.string().default('-'),
  json: z.boolean().optional(),
  jury: z.string().optional(),
  livrets: z.string().optional(),
  controle: z.string().optional(),
  sheet: z.string().optional(),
  csvFormat: z.enum(['excel-fr', 'rfc4180']).default('excel-fr'),
  dryRun: z.boolean().optional(),
});

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const parsed = optionsSchema.safeParse(input);
  if (!parsed.success) throw usageError(parsed.error.issues.map((i) => `${i.path.join('.')} : ${i.message}`).join('; '));
  const opts = parsed.data;
  // Refuse an impossible output before reading anything.
  const format = opts.output === '-' ? 'csv' : outputFormat(opts.output);
  if (format === 'pdf') throw usageError('le PV est produit en .csv, .xlsx ou .json (les relevés PDF : ccst releves).');

  const ws = maybeOpenWorkspace(ctx, opts);
  try {
    const reg = ws ? sessionRegulation(ws.db) : loadBundledRegulation();
    const session = (ws && readSessionInfo(ws.db)?.session) || reg.session;
    const rules = rulesFrom(reg, session);

    const notes = await readNotes(opts.notes, { reg, rules, sheet: opts.sheet, stdin: ctx.stdin });
    const jury = opts.jury ? await readJury(opts.jury, reg) : undefined;
    const livrets = opts.livrets ? await readLivrets(opts.livrets) : undefined;
    const controle = opts.controle ? await readControle(opts.controle, reg) : undefined;
    for (const w of notes.warnings) say(ctx, ctx.color.yellow(`Attention : ${w}`));

    const issues = new Map<string, CellIssue[]>();
    const addIssues = (file: string, list: CellIssue[]) => list.length && issues.set(file, [...(issues.get(file) ?? []), ...list]);
    addIssues(notes.info.name, notes.issues);
    for (const side of [jury, livrets, controle]) if (side) addIssues(side.name, side.issues);
    refuseOnIssues(issues);

    const assembled = assemble({
      rules,
      notesName: notes.info.name,
      unitLabel: (code) => notes.unitLabels.get(code) ?? code,
      records: notes.records.values(),
      workspace: ws ? workspaceInputs(ws, [...notes.records.keys(), ...(livrets?.rows.map((l) => l.numero) ?? [])]) : undefined,
      jury,
      livrets,
      controle,
    });
    for (const [file, list] of assembled.issues) addIssues(file, list);
    refuseOnIssues(issues);

    let results: CandidateResult[] = [];
    for (const c of assembled.candidates) {
      const r = deliberateCandidate(rules, c);
      if (r.ok) results.push(r.value);
      else addIssues(controle!.name, [{ row: assembled.controleRow.get(c.numero) ?? 0, column: 'numero', kind: r.kind, message: `${c.numero} : ${r.message}` }]);
    }
    refuseOnIssues(issues);
    results = sortForPv(results);

    if (ws && !opts.dryRun) {
      const report = storeDeliberation(ws, ctx.now(), {
        notesSource: notes.info.name,
        fileCells: [...notes.records.values()].map((r) => ({ numero: r.numero, cells: r.cells })),
        jurySource: jury?.name,
        livrets: livrets?.rows ?? [],
        results: results.map((r) => ({ result: r, detail: resultDetail(rules, r, session) })),
      });
      for (const c of report.afterDeliberation) {
        say(ctx, ctx.color.yellow(`Attention : note modifiée après délibération — ${c.numero} ${c.unite} : ${c.old} → ${c.new}`));
      }
      say(ctx, `Workspace : ${report.inserted} note(s) ajoutée(s), ${report.changed} modifiée(s) (historique dans note_audit), ${results.length} résultat(s) enregistré(s).`);
    } else if (ws) say(ctx, 'Simulation (--dry-run) : rien n’a été enregistré dans le workspace.');

    const summary = summarise(results);
    if (opts.json) {
      ctx.stdout.write(JSON.stringify({ session, summary, results: results.map((r) => resultDetail(rules, r, session)) }, null, 2) + '\n');
    }
    if (!opts.json || opts.output !== '-') {
      const numeric = format === 'xlsx';
      const pv = { columns: pvColumns(rules), rows: (function* () {
        for (const r of results) yield pvRow(rules, r, numeric);
      })(), sheetName: 'PV de délibération' };
      // CSV through the batched writer (same bytes as writeTable's, test/io/fast-csv.test.ts); XLSX and JSON as usual.
      if (format === 'csv') await writeFastCsv(opts.output, ctx.stdout, pv, opts.csvFormat);
      else await writeTable(opts.output, ctx.stdout, pv);
    }
    printSummary(ctx, summary, opts.output);
  } finally {
    ws?.close();
  }
}

/** Any issue in any input → exit 3 with every problem listed, before anything is stored or written. */
function refuseOnIssues(issues: Map<string, CellIssue[]>): void {
  if (!issues.size) return;
  const count = [...issues.values()].reduce((n, l) => n + l.length, 0);
  const details = [...issues].flatMap(([file, list]) => formatIssues(file, list));
  throw inputError(`${count} erreur(s) dans les fichiers fournis : rien n’a été enregistré ni écrit.`, details, { issues: Object.fromEntries(issues) });
}

function printSummary(ctx: Ctx, s: PvSummary, output: string): void {
  const counts = DECISIONS.map((d) => `${d} ${s.byDecision[d]}`).join(', ');
  say(ctx, `Délibération : ${s.total} candidat(s) — ${counts}.`);
  if (s.byEtablissement.length) say(ctx, 'Réussite par établissement (admis / candidats délibérés) :');
  for (const e of s.byEtablissement) {
    const incomplete = e.total - e.deliberated;
    say(ctx, `  ${e.etablissement} : ${e.admis} / ${e.deliberated} (${formatRate(e.admis, e.deliberated)})${incomplete ? `, ${incomplete} incomplet(s)` : ''}`);
  }
  if (s.alerts) say(ctx, ctx.color.yellow(`Attention : ${s.alerts} candidat(s) avec une alerte (livret scolaire non examiné, D643-26) : voir la colonne alertes.`));
  if (output !== '-') say(ctx, ctx.color.green(`PV écrit : ${output}`));
}
