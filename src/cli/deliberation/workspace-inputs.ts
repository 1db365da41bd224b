// What `ccst deliberate` reads from and writes to the workspace: registered candidates (identity, dispenses,
// bénéfices), stored notes and livrets; then notes (with audit), livrets and results. Both run inside the command's
// one transaction (deliberate.ts): the writes are checked against the very notes the deliberation read.
import fs from 'node:fs';
import type { Ctx } from '../context.js';
import { openExistingWorkspace, workspacePath } from '../workspace-access.js';
import type { Db, Workspace } from '../../store/workspace.js';
import { candidatesByNumero } from '../../store/candidates.js';
import { CONFORMITY_SOURCE, unitsUnderReserve } from '../../store/conformity.js';
import { deliberatedNumeros, planNotes, storedLivrets, storedNotes, writeLivrets, writeNotePlan, writeResults, type NoteWrite, type NoteWriteReport, type StoredNotes } from '../../store/deliberation.js';
import { parseNoteCell, formatNoteCell, type NoteCell } from '../../domain/deliberation/note-cell.js';
import type { AssembleInput } from '../../domain/deliberation/assemble.js';
import type { CandidateResult } from '../../domain/deliberation/candidate-result.js';

/**
 * The workspace is used when named (--workspace, CCST_WORKSPACE: it must exist) or when ./ccst.db exists;
 * otherwise the notes file alone is deliberated (issue 5: `ccst deliberate notes.csv > pv.csv`).
 */
export async function maybeOpenWorkspace(ctx: Ctx, opts: { workspace?: string; dryRun?: boolean }): Promise<Workspace | undefined> {
  const mode = opts.dryRun ? 'read' : 'write'; // --dry-run stores nothing: a read-only workspace will do
  if (opts.workspace || ctx.env.CCST_WORKSPACE) return openExistingWorkspace(ctx, opts, mode);
  const file = workspacePath(ctx, opts);
  return fs.existsSync(file) ? openExistingWorkspace(ctx, opts, mode) : undefined;
}

export interface RegisteredInputs {
  /** What the deliberation needs (all candidates: the notes file is read after this). */
  input: NonNullable<AssembleInput['workspace']>;
  /** The stored notes as text: what the writes compare with (prepareDeliberation). */
  stored: StoredNotes;
}

/** Everything registered in the workspace, read in the caller's transaction. */
export async function workspaceInputs(db: Db): Promise<RegisteredInputs> {
  const stored = await storedNotes(db);
  const notes = new Map<string, Map<string, NoteCell>>();
  const conformityNV = new Map<string, Set<string>>();
  for (const [numero, units] of stored) {
    const cells = new Map<string, NoteCell>();
    for (const [u, n] of units) {
      if (n.value === 'NV' && n.source.startsWith(`${CONFORMITY_SOURCE}:`)) {
        conformityNV.set(numero, (conformityNV.get(numero) ?? new Set()).add(u));
      }
      const parsed = parseNoteCell(n.value);
      // Stored values were written by ccst in canonical form: anything else is a damaged workspace (a bug).
      if (!parsed.ok || !parsed.value) throw new Error(`note enregistrée illisible : ${numero} ${u} « ${n.value} »`);
      cells.set(u, parsed.value);
    }
    notes.set(numero, cells);
  }
  const input = { candidates: await candidatesByNumero(db), notes, livrets: await storedLivrets(db), conformityNV, underReserve: await unitsUnderReserve(db) };
  return { input, stored };
}

export interface StoreInput {
  notesSource: string;
  fileCells: { numero: string; cells: Map<string, NoteCell> }[];
  jurySource?: string;
  livrets: { numero: string; supplied: boolean; examined: boolean }[];
  results: { result: CandidateResult; detail: unknown }[];
}

export interface PreparedDeliberation {
  /** What the writes will do (notes added, changed, changed after a deliberation): known before anything is written. */
  report: NoteWriteReport;
  /** The audit log's detail. */
  detail: object;
  /** Writes the notes (with their audit), livrets and results. */
  write: () => Promise<void>;
}

/**
 * The file's notes, the jury's changes (audited with their motif), livrets, results — planned inside the transaction
 * that read `stored`, written by write() in that same transaction. The report comes first so that the files it
 * feeds (the list of notes changed after a deliberation) are rendered before any write (commit-last.ts).
 */
export async function prepareDeliberation(db: Db, at: Date, stored: StoredNotes, input: StoreInput): Promise<PreparedDeliberation> {
  const deliberated = await deliberatedNumeros(db);
  const writes: NoteWrite[] = [];
  // The file's note then the jury's (logged « 9 → 10, motif »). When the jury's note is already stored (the same
  // files deliberated again), the file's first note must not bring the old value back for a moment.
  const juryNote = new Map<string, string>();
  for (const { result } of input.results) for (const j of result.jury) juryNote.set(`${result.numero}\u0000${j.unite}`, formatNoteCell(j.after));
  for (const f of input.fileCells) {
    for (const [unite, cell] of f.cells) {
      const jury = juryNote.get(`${f.numero}\u0000${unite}`);
      if (jury !== undefined && stored.get(f.numero)?.get(unite)?.value === jury) continue;
      writes.push({ numero: f.numero, unite, value: formatNoteCell(cell), source: input.notesSource });
    }
  }
  for (const { result } of input.results) {
    for (const j of result.jury) {
      writes.push({ numero: result.numero, unite: j.unite, value: formatNoteCell(j.after), source: `jury:${input.jurySource ?? ''}`, motif: j.motif });
    }
  }
  const plan = planNotes(at, writes, deliberated, stored);
  const { report } = plan;
  const counts: Record<string, number> = {};
  for (const r of input.results) counts[r.result.deliberation.decision] = (counts[r.result.deliberation.decision] ?? 0) + 1;
  return {
    report,
    detail: { source: input.notesSource, jury: input.jurySource ?? null, candidates: input.results.length, decisions: counts, notesInserted: report.inserted, notesChanged: report.changed },
    write: async () => {
      await writeNotePlan(db, plan);
      await writeLivrets(db, at, input.livrets);
      await writeResults(db, at, input.results.map((r) => ({ numero: r.result.numero, decision: r.result.deliberation.decision, detail: r.detail })));
    },
  };
}
