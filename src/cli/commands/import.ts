// ccst import <fichier>: reads a candidate list (CSV or XLSX), checks every cell, and — only if every row is valid,
// or with --skip-invalid — upserts the candidates by numero in one transaction (idempotent re-import).
// Rows are streamed (this thread reads; a worker thread checks and writes, cli/import/pipeline.ts) inside one open
// transaction that is rolled back unless the whole file passed: a 250k-row file is never held in memory and a
// rejected file leaves the workspace untouched.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { startProgress } from '../progress.js';
import { say } from '../context.js';
import { CcstError, EXIT, inputError, usageError } from '../errors.js';
import { formatIssues } from '../issue-report.js';
import { assertWritableWorkspace, workspacePath } from '../workspace-access.js';
import { applyColumnMap, promptUnknownColumns } from '../import-columns.js';
import { fieldChanges, summaryLines, tableDescription, voieLabel, type ImportReport } from '../import-report.js';
import { readHeader, type HeaderMap } from '../../io/header-mapping.js';
import { CANDIDATE_COLUMNS, importColumnSpecs, isDerivedColumn } from '../../io/candidate-columns.js';
import { bundledRegulationPath, DEFAULT_REGULATION_ID, readRegulationFile } from '../../io/regulation-file.js';
import { tempSibling } from '../../io/output.js';
import { noteWorkspace } from '../environment-errors.js';
import { trackTemp, untrackTemp } from '../../io/interrupt.js';
import { sweepStaleTemps } from '../../io/temp-files.js';
import type { RecordContext } from '../../domain/candidate-record.js';
import type { CellIssue } from '../../domain/validation.js';
import type { Regulation } from '../../domain/regulation/schema.js';
import { getMeta, isPostgresUrl, openWorkspace, tagCommand, type Workspace } from '../../store/workspace.js';
import { readSessionInfo, sessionRegulation } from '../../store/session.js';
import { openImportPipeline, type ImportPipeline } from '../import/pipeline.js';
import { openTable, type RawRow } from '../../io/table-reader.js';

const optionsSchema = z.object({
  file: z.string().min(1, 'fichier à importer manquant'),
  workspace: z.string().optional(),
  sheet: z.string().optional(),
  dryRun: z.boolean().optional(),
  skipInvalid: z.boolean().optional(),
  map: z.array(z.string()).optional(),
  json: z.boolean().optional(),
  /** D643-15-1: the EF3 request is made « au plus tard à la date limite d'inscription à l'examen »; remembered. */
  dateLimiteInscription: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '--date-limite-inscription attend une date AAAA-MM-JJ').optional(),
});
type Options = z.infer<typeof optionsSchema>;

/** Meta key of the date limite d'inscription (D643-15-1, EF3 request). */
const DATE_LIMITE_INSCRIPTION = 'date_limite_inscription';

/** The workspace to import into: the existing one, or a new one built in a temp sibling and renamed on success. */
interface Target {
  ws: Workspace;
  file: string;
  created: boolean;
  regulationText?: string;
  context: RecordContext;
  closed?: boolean;
}

async function openTarget(ctx: Ctx, opts: Options): Promise<Target> {
  const file = workspacePath(ctx, opts);
  noteWorkspace(file);
  const postgres = isPostgresUrl(file);
  if (postgres || fs.existsSync(file)) {
    // A read-only file is refused before reading the file (exit 2); a PostgreSQL role without the right to write is
    // refused by the server at the first write (exit 2, cli/database-errors.ts), before anything is stored.
    if (!postgres) assertWritableWorkspace(file);
    const ws = await openWorkspace(file, { create: false, env: ctx.env });
    const info = await readSessionInfo(ws.db);
    if (!info) {
      await ws.close();
      throw usageError(`le workspace ${ws.target} n’a pas de session ; lancez \`ccst init --session 2024\``);
    }
    const regulation = await sessionRegulation(ws.db);
    return { ws, file, created: false, context: { regulation, session: info.session, defaultAcademie: info.academie } };
  }
  // Implicit creation with the default regulation (issue #2 §2); nothing appears at `file` unless the import commits.
  const { regulation, text } = readRegulationFile(bundledRegulationPath(DEFAULT_REGULATION_ID));
  sweepStaleTemps(path.dirname(file)); // a temp workspace left by a killed import (kill -9)
  const tmp = tempSibling(file);
  // Removed on Ctrl-C/SIGTERM with its journal: nothing appears at `file` unless the import commits.
  trackTemp(tmp);
  trackTemp(`${tmp}-journal`);
  const ws = await openWorkspace(tmp, { create: true });
  return { ws, file, created: true, regulationText: text, context: { regulation, session: regulation.session } };
}

async function closeTarget(t: Target, commit: boolean): Promise<void> {
  t.closed = true;
  await t.ws.close();
  if (!t.created) return;
  untrackTemp(t.ws.target);
  untrackTemp(`${t.ws.target}-journal`);
  if (commit && !fs.existsSync(t.file)) {
    fs.renameSync(t.ws.target, t.file);
    return;
  }
  fs.rmSync(t.ws.target, { force: true });
  if (commit) throw usageError(`le workspace ${t.file} a été créé par une autre commande pendant l’import ; relancez-la`);
}

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const table = await openTable(opts.file, { sheet: opts.sheet, stdin: ctx.stdin });
  if (opts.sheet && table.info.format === 'csv') say(ctx, ctx.color.yellow('--sheet ne concerne que les classeurs XLSX : ignoré pour ce CSV.'));
  const target = await openTarget(ctx, opts);
  const dateLimiteInscription = opts.dateLimiteInscription ?? (target.created ? undefined : await getMeta(target.ws.db, DATE_LIMITE_INSCRIPTION));
  if (dateLimiteInscription) target.context = { ...target.context, dateLimiteInscription };
  let committed = false;
  let pipeline: ImportPipeline | undefined;
  try {
    const reg = target.context.regulation;
    const specs = importColumnSpecs(reg);
    const { header, rest } = await readHeader(table.rows, specs);
    const name = table.info.name;
    if (!header) {
      throw inputError(`${name} : ligne d’en-tête introuvable dans les 20 premières lignes${table.info.sheet ? ` de la feuille « ${table.info.sheet} »` : ''}`, [
        `Colonnes attendues, au moins : ${CANDIDATE_COLUMNS.filter((c) => c.required).map((c) => c.label).join(', ')}.`,
        ...(table.info.format === 'xlsx' && !opts.sheet ? ['Si la liste est sur une autre feuille du classeur, indiquez-la avec --sheet "Nom de la feuille".'] : []),
      ]);
    }
    if (opts.map) applyColumnMap(header, opts.map, specs);
    if (ctx.isTTY && !opts.json && header.unknown.length > 0) await promptUnknownColumns(ctx, header, specs);
    checkColumns(name, header, target.context);
    const unknownColumns = header.unknown.map((u) => u.label);
    if (unknownColumns.length > 0) {
      say(ctx, ctx.color.yellow(`Colonnes ignorées (inconnues) : ${unknownColumns.map((l) => `« ${l} »`).join(', ')}`) +
        ' — associez-les avec --map "Colonne=champ" si besoin.');
    }

    const session = target.created
      ? { info: { session: target.context.session, regulationId: reg.id }, regulationText: target.regulationText! }
      : undefined;
    const setup = {
      context: target.context,
      fields: [...header.columns].filter(([, field]) => !isDerivedColumn(field)),
      labels: [...header.labels],
    };
    const presentFields = setup.fields.map(([, field]) => field);
    const meta: [string, string][] = opts.dryRun || !opts.dateLimiteInscription ? [] : [[DATE_LIMITE_INSCRIPTION, opts.dateLimiteInscription]];
    const location = target.created ? target.ws.target : target.file;
    pipeline = await openImportPipeline(target.ws, location, ctx.env, { at: ctx.now().toISOString(), session, presentFields, agent: target.ws.agent, meta }, setup).catch((e: Error) => {
      // busy_timeout (5 s) elapsed: another command holds the workspace. Not a bug: say so and stop.
      if (/database is locked|SQLITE_BUSY/i.test(e.message)) {
        throw usageError(`le workspace ${target.ws.target} est occupé par une autre commande ccst ; relancez l’import quand elle sera terminée.`);
      }
      throw tagCommand(e, 'import', target.ws.agent);
    });
    const rowsRead = await feedRows(ctx, rest, pipeline);
    const { issues: found, outcome } = await pipeline.finish();
    const rejected = new Set(found.map((i) => i.row)).size;
    const issues = sortIssues(found, header);
    const base = {
      file: name, format: table.info.format, encoding: table.info.encoding, delimiter: table.info.delimiter,
      sheet: table.info.sheet, headerRow: header.headerRow, workspace: target.created ? target.file : target.ws.target, workspaceCreated: target.created,
      rowsRead, rejected, unknownColumns, issues,
    };
    if (rejected > 0 && !opts.skipInvalid) {
      await pipeline.rollback();
      if (opts.json) {
        const report: ImportReport = { ...base, status: 'rejected', created: 0, updated: 0, unchanged: 0, changes: [], perEtablissement: [], perVoie: [] };
        ctx.stdout.write(JSON.stringify(report, null, 2) + '\n');
      }
      throw inputError(`${name} : ${rejected} ligne(s) invalide(s) sur ${rowsRead} — rien n’a été importé.`, [
        ...formatIssues(name, issues),
        ...hints(issues, reg),
        'Corrigez le fichier, ou relancez avec --skip-invalid pour n’importer que les lignes valides.',
      ], { issues });
    }

    const report: ImportReport = {
      ...base,
      status: opts.dryRun ? 'dry-run' : 'imported',
      created: outcome.created,
      updated: outcome.updated.length,
      unchanged: outcome.unchanged,
      changes: outcome.updated.map((u) => ({ numero: u.numero, row: u.row, fields: fieldChanges(u.before, u.after) })),
      perEtablissement: outcome.perEtablissement,
      perVoie: outcome.perVoie.map((v) => ({ ...v, label: voieLabel(reg, v.voie) })),
    };
    if (opts.dryRun) {
      await pipeline.rollback();
    } else {
      const { created, updated, unchanged } = report;
      await pipeline.commit('import', ctx.now(), { file: name, rowsRead, created, updated, unchanged, rejected }).catch((e: unknown) => {
        throw tagCommand(e, 'import', target.ws.agent);
      });
    }
    committed = !opts.dryRun;
    await closeTarget(target, committed);

    say(ctx, `${name} (${tableDescription(table.info)}, en-tête ligne ${header.headerRow})`);
    if (target.created && committed) say(ctx, `Workspace créé : ${target.file} — session ${target.context.session}, règlement ${reg.id}`);
    if (rejected > 0) for (const l of [...formatIssues(name, issues), ...hints(issues, reg)]) say(ctx, ctx.color.yellow(l));
    for (const l of summaryLines(report)) say(ctx, l);
    if (opts.dryRun) say(ctx, ctx.color.cyan('Simulation (--dry-run) : rien n’a été enregistré.'));
    if (opts.json) ctx.stdout.write(JSON.stringify(report, null, 2) + '\n');
    // --skip-invalid imported the valid rows; the rejected ones still make the exit code 3 (README « Codes de
    // sortie »), so that a script never takes a partial import for a complete one.
    if (rejected > 0) {
      throw new CcstError('ROWS_REJECTED', EXIT.INVALID_INPUT, `${rejected} ligne(s) écartée(s) (--skip-invalid) : ${opts.dryRun ? 'rien n’a été enregistré' : `les ${rowsRead - rejected} autre(s) sont importées`}.`, [], { rejected, issues });
    }
  } catch (e) {
    // The role and the command, for a refused privilege or a conflict met while the rows were being written.
    throw tagCommand(e, 'import', target.ws.agent);
  } finally {
    if (!committed && !target.closed) {
      try {
        await pipeline?.rollback();
      } finally {
        await closeTarget(target, false);
      }
    }
  }
}

function checkColumns(name: string, header: HeaderMap, context: RecordContext): void {
  const hint = 'Ajoutez la colonne ou associez-en une avec --map "Colonne=champ".';
  if (header.missing.length > 0) {
    const labels = header.missing.map((m) => CANDIDATE_COLUMNS.find((c) => c.name === m)?.label ?? m);
    throw inputError(`${name} : colonne(s) obligatoire(s) absente(s) de l’en-tête (ligne ${header.headerRow}) : ${labels.join(', ')}`, [hint]);
  }
  if (!header.labels.has('academie') && !context.defaultAcademie) {
    throw inputError(`${name} : pas de colonne « Académie » et le workspace n’a pas d’académie par défaut`, [
      hint,
      'Ou créez le workspace avec son académie : `ccst init --session 2024 --academie TOULOUSE`.',
    ]);
  }
}

const blankCell = (c: unknown) => c === null || c === '' || (typeof c === 'string' && c.trim() === '');

/** Reads the data rows into the pipeline (blank rows skipped); progress on stderr at a terminal. */
async function feedRows(ctx: Ctx, rows: AsyncIterable<RawRow>, pipeline: ImportPipeline): Promise<number> {
  let rowsRead = 0;
  const progress = startProgress(ctx, 'Lignes lues');
  for await (const raw of rows) {
    if (raw.cells.every(blankCell)) continue;
    rowsRead++;
    pipeline.row(raw.row, raw.cells);
    if (rowsRead % 500 === 0) {
      await pipeline.ready();
      progress.update(rowsRead);
    }
  }
  progress.done();
  return rowsRead;
}

/** What the file may say instead, for the kinds of mistakes that have a closed list of answers. */
function hints(issues: CellIssue[], reg: Regulation): string[] {
  const kinds = new Set(issues.map((i) => i.kind));
  const out: string[] = [];
  if (kinds.has('voie')) out.push(`Voies reconnues : ${reg.voies.map((v) => `${v.code} (« ${v.label} »)`).join(', ')}.`);
  if (kinds.has('academie')) out.push(`Académies reconnues : ${reg.academies.map((a) => a.label).join(', ')}.`);
  return out;
}

/** Row order, then the file's column order, so the report reads like the file. */
function sortIssues(issues: CellIssue[], header: HeaderMap): CellIssue[] {
  const position = new Map<string, number>();
  for (const [i, name] of header.columns) position.set(header.labels.get(name) ?? name, i);
  return [...issues].sort((a, b) => a.row - b.row || (position.get(a.column) ?? 999) - (position.get(b.column) ?? 999));
}
