// What `ccst deliberate` reads from and writes to the workspace: registered candidates (identity, dispenses,
// bénéfices), stored notes and livrets; then notes (with audit), livrets and results in one transaction.
import fs from 'node:fs';
import type { Ctx } from '../context.js';
import { openExistingWorkspace, workspacePath } from '../workspace-access.js';
import { mutateSqlite, type Workspace } from '../../store/workspace.js';
import { candidatesByNumeroSqlite } from '../../store/candidates.js';
import { CONFORMITY_SOURCE, unitsUnderReserve } from '../../store/conformity.js';
import { deliberatedNumeros, storedLivrets, storedNotes, writeLivrets, writeNotes, writeResults, type NoteWrite, type NoteWriteReport } from '../../store/deliberation.js';
import { parseNoteCell, formatNoteCell, type NoteCell } from '../../domain/deliberation/note-cell.js';
import type { AssembleInput } from '../../domain/deliberation/assemble.js';
import type { CandidateResult } from '../../domain/deliberation/candidate-result.js';
import { sqliteOf } from '../../store/workspace.js';

/**
 * The workspace is used when named (--workspace, CCST_WORKSPACE: it must exist) or when ./ccst.db exists;
 * otherwise the notes file alone is deliberated (issue 5: `ccst deliberate notes.csv > pv.csv`).
 */
export async function maybeOpenWorkspace(ctx: Ctx, opts: { workspace?: string; dryRun?: boolean }): Promise<Workspace | undefined> {
  const mode = opts.dryRun ? 'read' : 'write'; // --dry-run stores nothing: a read-only workspace will do
  if (opts.workspace || ctx.env.CCST_WORKSPACE) return await openExistingWorkspace(ctx, opts, mode);
  const file = workspacePath(ctx, opts);
  return fs.existsSync(file) ? await openExistingWorkspace(ctx, opts, mode) : undefined;
}

/** Everything registered in the workspace (all candidates: the notes are read after this). */
export function workspaceInputs(ws: Workspace): NonNullable<AssembleInput['workspace']> {
  const notes = new Map<string, Map<string, NoteCell>>();
  const conformityNV = new Map<string, Set<string>>();
  for (const [numero, units] of storedNotes(sqliteOf(ws))) {
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
  return { candidates: candidatesByNumeroSqlite(sqliteOf(ws)), notes, livrets: storedLivrets(sqliteOf(ws)), conformityNV, underReserve: unitsUnderReserve(sqliteOf(ws)) };
}

export interface StoreInput {
  notesSource: string;
  fileCells: { numero: string; cells: Map<string, NoteCell> }[];
  jurySource?: string;
  livrets: { numero: string; supplied: boolean; examined: boolean }[];
  results: { result: CandidateResult; detail: unknown }[];
}

/** One transaction: the file's notes, the jury's changes (audited with their motif), livrets, results. */
export function storeDeliberation(ws: Workspace, at: Date, input: StoreInput): NoteWriteReport {
  return mutateSqlite(ws, 'deliberate', at, (db) => {
    const deliberated = deliberatedNumeros(db);
    const writes: NoteWrite[] = [];
    // The file's note then the jury's (logged « 9 → 10, motif »). When the jury's note is already stored (the same
    // files deliberated again), the file's first note must not bring the old value back for a moment.
    const juryNote = new Map<string, string>();
    for (const { result } of input.results) for (const j of result.jury) juryNote.set(`${result.numero}\u0000${j.unite}`, formatNoteCell(j.after));
    const stored = db.prepare('SELECT value FROM notes WHERE numero = ? AND unite = ?');
    for (const f of input.fileCells) {
      for (const [unite, cell] of f.cells) {
        const jury = juryNote.get(`${f.numero}\u0000${unite}`);
        if (jury !== undefined && (stored.get(f.numero, unite) as { value: string } | undefined)?.value === jury) continue;
        writes.push({ numero: f.numero, unite, value: formatNoteCell(cell), source: input.notesSource });
      }
    }
    for (const { result } of input.results) {
      for (const j of result.jury) {
        writes.push({ numero: result.numero, unite: j.unite, value: formatNoteCell(j.after), source: `jury:${input.jurySource ?? ''}`, motif: j.motif });
      }
    }
    const report = writeNotes(db, at, writes, deliberated);
    writeLivrets(db, at, input.livrets);
    writeResults(db, at, input.results.map((r) => ({ numero: r.result.numero, decision: r.result.deliberation.decision, detail: r.detail })));
    const counts: Record<string, number> = {};
    for (const r of input.results) counts[r.result.deliberation.decision] = (counts[r.result.deliberation.decision] ?? 0) + 1;
    return {
      result: report,
      detail: { source: input.notesSource, jury: input.jurySource ?? null, candidates: input.results.length, decisions: counts, notesInserted: report.inserted, notesChanged: report.changed },
    };
  });
}
