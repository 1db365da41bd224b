// The deliberation proper of `ccst deliberate`: the workspace's registered inputs (read in the command's transaction,
// when there is a workspace), then every candidate decided as soon as its notes are read (notes-thread.ts) — or, with
// no notes file, every candidate with notes gathered in the workspace (workspace-records.ts) — every issue of every
// input refused at once (exit 3), and the PV collected. Nothing is stored here: deliberate.ts does.
import path from 'node:path';
import type { Ctx } from '../context.js';
import { say } from '../context.js';
import { inputError } from '../errors.js';
import { formatIssues } from '../issue-report.js';
import { workspaceInputs, type RegisteredInputs } from './workspace-inputs.js';
import { readNotesThreaded, type ThreadTuning } from './notes-thread.js';
import { issuesNamingCandidates, workspaceRecords, WORKSPACE_NOTES_NAME } from './workspace-records.js';
import type { Db } from '../../store/workspace.js';
import type { NotesFile } from '../../io/notes-reader.js';
import type { Regulation } from '../../domain/regulation/schema.js';
import type { CellIssue } from '../../domain/validation.js';
import type { DeliberationRules } from '../../domain/deliberation/rules.js';
import { Assembler, type FileRecord } from '../../domain/deliberation/assemble.js';
import { deliberateCandidate, type CandidateResult } from '../../domain/deliberation/candidate-result.js';
import type { NoteCell } from '../../domain/deliberation/note-cell.js';
import type { readControle, readJury, readLivrets } from '../../io/deliberation-inputs.js';
import type { PvCollector } from './pv-collector.js';
import { fileCellAgainstAttendance } from '../../domain/attendance/absence-notes.js';

export interface SideFiles {
  jury?: Awaited<ReturnType<typeof readJury>>;
  livrets?: Awaited<ReturnType<typeof readLivrets>>;
  controle?: Awaited<ReturnType<typeof readControle>>;
}

export interface DecideInput extends SideFiles {
  /** Undefined: the notes gathered in the workspace (`ccst notes import`), which must then be given (db). */
  notesFile?: string;
  sheet?: string;
  reg: Regulation;
  rules: DeliberationRules;
  collector: PvCollector;
  /** Full results are kept (the workspace stores them, --json prints them). */
  keepResults: boolean;
  notesThread?: Partial<ThreadTuning>;
}

export interface Decided {
  /** The notes file's name in messages, or WORKSPACE_NOTES_NAME. */
  notesName: string;
  registered?: RegisteredInputs;
  /** Numeros of the notes file (only counted with a workspace: registered candidates without a row are named). */
  inFile: Set<string>;
  /** The file's cells, to store (with a workspace). */
  fileCells: { numero: string; cells: Map<string, NoteCell> }[];
  results: CandidateResult[];
}

/** Reads the workspace (db: inside the caller's transaction) and the notes file, decides every candidate. */
export async function decideAll(ctx: Ctx, input: DecideInput, db?: Db): Promise<Decided> {
  const { jury, livrets, controle, collector } = input;
  const registered = db ? await workspaceInputs(db) : undefined;
  const fromWorkspace = input.notesFile === undefined;
  if (fromWorkspace && !registered) throw new Error('decideAll : délibération sur les notes du workspace sans workspace');
  const notesName = fromWorkspace ? WORKSPACE_NOTES_NAME : input.notesFile === '-' ? 'stdin' : path.basename(input.notesFile!);
  let unitLabels = new Map<string, string>();
  const assembler = new Assembler({
    rules: input.rules,
    notesName,
    unitLabel: (code) => unitLabels.get(code) ?? code,
    workspace: registered?.input,
    jury,
    livrets,
    controle,
  });
  const fileCells: Decided['fileCells'] = [];
  const refused: CellIssue[] = [];
  // Registered candidates the notes file does not name are not deliberated: they are counted and named (issue 10 §6).
  const inFile = new Set<string>();

  // On a large file the notes are read by a worker thread while this one deliberates (notes-thread.ts).
  const readOptions = {
    reg: input.reg, rules: input.rules, sheet: input.sheet, stdin: ctx.stdin,
    onRecord: (rec: FileRecord, file: NotesFile) => {
      unitLabels = file.unitLabels;
      if (registered) {
        inFile.add(rec.numero);
        if (!fromWorkspace) fileCells.push({ numero: rec.numero, cells: keptFileCells(rec, registered) });
      }
      const candidate = assembler.candidate(rec);
      if (!candidate) return;
      const r = deliberateCandidate(input.rules, candidate);
      const observation = registered?.observations.get(rec.numero);
      if (r.ok && observation) r.value.observations = [observation];
      if (r.ok) collector.add(r.value);
      else refused.push({ row: assembler.controleRow.get(rec.numero) ?? 0, column: 'numero', kind: r.kind, message: `${rec.numero} : ${r.message}` });
    },
  };
  const notes = fromWorkspace ? workspaceRecords(registered!, readOptions.onRecord) : await readNotesThreaded(input.notesFile!, readOptions, input.notesThread);
  assembler.finish();
  for (const w of notes.warnings) say(ctx, ctx.color.yellow(`Attention : ${w}`));

  const issues = new Map<string, CellIssue[]>();
  const addIssues = (file: string, list: CellIssue[]) => list.length && issues.set(file, [...(issues.get(file) ?? []), ...list]);
  for (const side of [jury, livrets, controle]) if (side) addIssues(side.name, side.issues);
  addIssues(notesName, notes.issues);
  for (const [file, list] of assembler.issues) addIssues(file, fromWorkspace && file === notesName ? issuesNamingCandidates(registered!, list) : list);
  if (controle) addIssues(controle.name, refused);
  refuseOnIssues(issues);
  return { notesName, registered, inFile, fileCells, results: input.keepResults ? collector.results() : [] };
}

/**
 * Any issue in any input → exit 3 with every problem listed, before anything is stored or written. Each file's
 * issues in row order (stable sort: the same list whether one thread or two deliberated).
 */
function refuseOnIssues(issues: Map<string, CellIssue[]>): void {
  if (!issues.size) return;
  for (const list of issues.values()) list.sort((a, b) => a.row - b.row);
  const count = [...issues.values()].reduce((n, l) => n + l.length, 0);
  const details = [...issues].flatMap(([file, list]) => formatIssues(file, list));
  throw inputError(`${count} erreur(s) dans les fichiers fournis : rien n’a été enregistré ni écrit.`, details, { issues: Object.fromEntries(issues) });
}

/**
 * The file's cells to store: a bordereau's ABS where the room's PV absence has since been justified (ABJ) is not
 * stored over the justification (assemble.ts deliberates on the ABJ), nor a note over a disciplinary NUL. Most
 * records have neither: as read.
 */
function keptFileCells(rec: FileRecord, registered: RegisteredInputs): Map<string, NoteCell> {
  const codes = registered.input.attendance?.get(rec.numero);
  const voided = registered.input.voided?.get(rec.numero);
  if (!codes && !voided) return rec.cells;
  const kept = new Map(rec.cells);
  // A unit voided by a disciplinary decision keeps its NUL (assemble.ts deliberates on it).
  for (const u of voided ?? []) kept.delete(u);
  for (const [u, code] of codes ?? []) {
    const c = kept.get(u);
    if (c && fileCellAgainstAttendance(code, c) === 'stored') kept.delete(u);
  }
  return kept;
}
