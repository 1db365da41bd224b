// ccst deliberate [notes]: the jury's deliberation — reads the notes (wide or long, CSV or XLSX; with no file, the
// notes gathered in the workspace by `ccst notes import`), applies the jury's changes and the épreuves de contrôle,
// decides for every candidate (src/domain/deliberation), stores notes and results in the workspace when there is one,
// and writes the PV (CSV French Excel by default, XLSX, JSON).
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { usageError } from '../errors.js';
import { maybeOpenWorkspace, storeDeliberation } from '../deliberation/workspace-inputs.js';
import { decideAll, type Decided } from '../deliberation/decide-all.js';
import { loadBundledRegulation } from '../../io/regulation-file.js';
import { readControle, readJury, readLivrets } from '../../io/deliberation-inputs.js';
import { outputFormat } from '../../io/table-writer.js';
import { mutate } from '../../store/workspace.js';
import { readSnapshot } from '../../store/snapshot.js';
import { hasDeliberation, type NoteWriteReport } from '../../store/deliberation.js';
import { sessionRegulation, readSessionInfo } from '../../store/session.js';
import { rulesFrom } from '../../domain/deliberation/rules.js';
import { resultDetail } from '../../domain/deliberation/candidate-result.js';
import { PvCollector } from '../deliberation/pv-collector.js';
import { formatRate, type PvSummary } from '../../domain/deliberation/pv.js';
import { DECISIONS } from '../../domain/deliberation/decide.js';
import { compareCandidates } from '../../domain/candidate.js';
import { commitLast, commitLastWithin } from '../commit-last.js';
import { claimOutputs } from '../output-policy.js';
import { claimOldChangesFile, dropStaleChangesFile, renderChangesFile, reportChangesAfterDeliberation } from '../deliberation/after-deliberation.js';

/** How many of the candidates without a notes row are named on stderr (all of them are in --json). */
const MISSING_SHOWN = 30;

const optionsSchema = z.object({
  /** Absent: the notes gathered in the workspace (issue #13 item 5). */
  notes: z.string().min(1).optional(),
  workspace: z.string().optional(),
  output: z.string().default('-'),
  json: z.boolean().optional(),
  jury: z.string().optional(),
  livrets: z.string().optional(),
  controle: z.string().optional(),
  sheet: z.string().optional(),
  csvFormat: z.enum(['excel-fr', 'rfc4180']).default('excel-fr'),
  dryRun: z.boolean().optional(),
  force: z.boolean().optional(),
  /** Not a command-line flag: lets tests and the bench choose the notes worker's paths (notes-thread.ts). */
  notesThread: z.object({ minBytes: z.number(), batchSize: z.number() }).partial().optional(),
});

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  // Refuse an impossible output before reading anything.
  const format = opts.output === '-' ? 'csv' : outputFormat(opts.output);
  if (format === 'pdf') throw usageError('le PV est produit en .csv, .xlsx ou .json (les relevés PDF : ccst releves).');
  // The output rule (output-policy.ts): never an input or the workspace, --force to replace, no file on --dry-run.
  const rule = { inputs: [opts.notes, opts.jury, opts.livrets, opts.controle], workspace: opts, force: opts.force, dryRun: opts.dryRun };
  const writeFile = await claimOutputs(ctx, [opts.output], rule);

  if (opts.notes === undefined && opts.sheet !== undefined) throw usageError('--sheet choisit la feuille d’un fichier de notes : sans fichier, la délibération porte sur les notes du workspace.');
  const ws = await maybeOpenWorkspace(ctx, opts);
  if (!ws && opts.notes === undefined) {
    throw usageError('sans fichier de notes, ccst deliberate délibère sur les notes du workspace, et il n’y en a pas ici (ccst init, ou --workspace) ; sinon donnez le fichier : ccst deliberate notes.csv');
  }
  try {
    // A deliberation already stored: this run may list the notes it changes beside the PV — an old list there is
    // claimed (--force) now, before the reading and deciding (minutes on a national session), not after them.
    const changesClaimed = ws && !opts.dryRun && (await hasDeliberation(ws.db)) ? await claimOldChangesFile(ctx, opts.output, rule) : false;
    const reg = ws ? await sessionRegulation(ws.db) : loadBundledRegulation();
    const session = (ws && (await readSessionInfo(ws.db))?.session) || reg.session;
    const rules = rulesFrom(reg, session);

    // The side files first: each candidate is then deliberated as soon as its notes are read.
    const jury = opts.jury ? await readJury(opts.jury, reg) : undefined;
    const livrets = opts.livrets ? await readLivrets(opts.livrets) : undefined;
    const controle = opts.controle ? await readControle(opts.controle, reg) : undefined;
    const keepResults = Boolean(ws || opts.json);
    const collector = new PvCollector(rules, { format, csvFormat: opts.csvFormat, keepResults });
    const decideInput = { notesFile: opts.notes, sheet: opts.sheet, reg, rules, collector, keepResults, jury, livrets, controle, notesThread: opts.notesThread };
    const toFile = opts.output !== '-' && writeFile;
    const render = async () => {
      if (toFile) await collector.write(opts.output, ctx.stdout);
    };
    const targets = { targets: [opts.output], cwd: ctx.cwd };

    // Commit last (commit-last.ts): the PV file is rendered to its temp file, then the notes and results are stored,
    // then the PV is renamed into place; the PV on stdout follows the commit. With a workspace the stored notes are
    // read in the transaction that stores the new ones (issue 12 §2): the deliberation sees one snapshot, and a note
    // another agent changes meanwhile makes the commit fail (« réessayez ») instead of being overwritten.
    let d: Decided;
    let report: NoteWriteReport | undefined;
    if (ws && !opts.dryRun) {
      ({ d, report } = await commitLastWithin(targets, (stage) => mutate(ws, 'deliberate', ctx.now(), async (trx) => {
        const decided = await decideAll(ctx, decideInput, trx);
        // The PV to its temp file, then the writes (signals held from here to the renames), then the list of notes
        // changed after a deliberation, which only the streamed writes tell (they compare each note with the stored
        // one): staged too, so that it is renamed with the PV after the commit (commit-last.ts, after-deliberation.ts).
        await stage(render);
        const stored = await storeDeliberation(trx, ctx.now(), decided.registered!.stored, {
          notesSource: decided.notesName,
          fileCells: decided.fileCells,
          jurySource: jury?.name,
          livrets: livrets?.rows ?? [],
          results: decided.results,
          detail: (r) => resultDetail(rules, r, session),
        });
        await stage(() => renderChangesFile(ctx, stored.report.afterDeliberation, opts.output, rule, changesClaimed));
        return { result: { d: decided, report: stored.report }, detail: stored.detail };
      })));
    } else {
      d = ws ? await readSnapshot(ws, (db) => decideAll(ctx, decideInput, db)) : await decideAll(ctx, decideInput);
      await commitLast({ ...targets, render });
    }
    const { notesName, registered, inFile, results } = d;
    if (report) {
      reportChangesAfterDeliberation(ctx, report.afterDeliberation, opts.output);
      if (changesClaimed) dropStaleChangesFile(ctx, report.afterDeliberation, opts.output);
      say(ctx, `Workspace : ${report.inserted} note(s) ajoutée(s), ${report.changed} modifiée(s) (historique dans note_audit), ${results.length} résultat(s) enregistré(s).`);
    } else if (ws) say(ctx, 'Simulation (--dry-run) : rien n’a été enregistré dans le workspace.');

    const missing = registered ? [...registered.input.candidates.values()].filter((c) => !inFile.has(c.numero)).sort(compareCandidates) : [];
    const summary = collector.summary();
    if (opts.json) {
      const sansNotes = registered ? {
        inscrits: registered.input.candidates.size,
        nombre: missing.length,
        candidats: missing.map((c) => ({ numero: c.numero, nom: c.nom, prenom: c.prenom, etablissement: c.etablissement ?? null })),
      } : null;
      ctx.stdout.write(JSON.stringify({ session, summary, sansNotes, results: results.map((r) => resultDetail(rules, r, session)) }, null, 2) + '\n');
    }
    if (opts.output === '-' && !opts.json) await collector.write(opts.output, ctx.stdout);
    printSummary(ctx, summary, toFile ? opts.output : '-');
    if (opts.output !== '-' && !toFile) say(ctx, `Simulation (--dry-run) : ${opts.output} n’a pas été écrit.`);
    if (registered) printMissing(ctx, missing, registered.input.candidates.size, notesName, opts.notes === undefined, Boolean(opts.json));
    if (jury) say(ctx, `Jury : ${jury.rows.length} modification(s) de note appliquée(s) (motif dans le PV).`);
    if (controle && summary.byDecision.CONTROLE > 0) {
      say(ctx, ctx.color.yellow(`Attention : ${summary.byDecision.CONTROLE} candidat(s) CONTROLE sans note de contrôle dans ${controle.name} : décision en attente.`));
    }
  } finally {
    await ws?.close();
  }
}

function printMissing(ctx: Ctx, missing: { numero: string; nom: string; prenom: string; etablissement?: string }[], registered: number, notesName: string, fromWorkspace: boolean, json: boolean): void {
  if (missing.length === 0) return;
  const where = fromWorkspace ? 'sans aucune note dans le workspace (ccst notes status)' : `sans ligne dans ${notesName}`;
  say(ctx, ctx.color.yellow(`Attention : ${missing.length} candidat(s) inscrit(s) sur ${registered} ${where} : non délibéré(s).`));
  for (const c of missing.slice(0, MISSING_SHOWN)) say(ctx, `  ${c.numero} ${c.nom} ${c.prenom}${c.etablissement ? ` (${c.etablissement})` : ''}`);
  if (missing.length > MISSING_SHOWN) {
    say(ctx, `  … et ${missing.length - MISSING_SHOWN} autre(s)${json ? ' (liste complète : « sansNotes » du JSON)' : ' : liste complète avec --json (« sansNotes »)'}.`);
  }
}

function printSummary(ctx: Ctx, s: PvSummary, output: string): void {
  const counts = DECISIONS.map((d) => `${d} ${s.byDecision[d]}`).join(', ');
  say(ctx, `Délibération : ${s.total} candidat(s) — ${counts}.`);
  if (s.byEtablissement.length) say(ctx, 'Réussite par établissement (admis / candidats délibérés) :');
  for (const e of s.byEtablissement) {
    const incomplete = e.total - e.deliberated;
    say(ctx, `  ${e.etablissement} : ${e.admis} / ${e.deliberated} (${formatRate(e.admis, e.deliberated)})${incomplete ? `, ${incomplete} incomplet(s)` : ''}`);
  }
  if (s.alerts) say(ctx, ctx.color.yellow(`Attention : ${s.alerts} candidat(s) avec une alerte (livret scolaire non examiné, D643-26 ; NV à une épreuve facultative) : voir la colonne alertes.`));
  if (output !== '-') say(ctx, ctx.color.green(`PV écrit : ${output}`));
}
