// What `ccst deliberate` reads from and writes to the workspace: registered candidates (identity, dispenses,
// bénéfices), stored notes and livrets; then notes (with audit), livrets and results. Both run inside the command's
// one transaction (deliberate.ts): the writes are checked against the very notes the deliberation read.
import fs from 'node:fs';
import type { Ctx } from '../context.js';
import { openExistingWorkspace, workspacePath } from '../workspace-access.js';
import type { Db, Workspace } from '../../store/workspace.js';
import { candidatesByNumero } from '../../store/candidates.js';
import { CONFORMITY_SOURCE, unitsUnderReserve } from '../../store/conformity.js';
import { deliberatedNumeros, storedLivrets, storedNotes, writeLivrets, writeNotes, writeResults, type NoteWrite, type NoteWriteReport, type StoredNotes } from '../../store/deliberation.js';
import { parseNoteCell, formatNoteCell, type NoteCell } from '../../domain/deliberation/note-cell.js';
import type { AssembleInput } from '../../domain/deliberation/assemble.js';
import type { CandidateResult } from '../../domain/deliberation/candidate-result.js';
import type { DetailFacts } from '../../domain/statistics/session.js';
import { fromAttendance } from '../../domain/attendance/absence-notes.js';
import { groupByNumero, pvObservation } from '../../domain/incidents/incident.js';
import { fromDiscipline, incidentOfSource } from '../../domain/incidents/effects.js';
import { loadDiscipline } from '../../io/discipline-file.js';
import { listIncidents } from '../../store/incidents.js';

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
  /** The stored notes as text: what the writes compare with (storeDeliberation). */
  stored: StoredNotes;
  /** numero → the PV's observation: a fraud case open, or its decision once closed (issue #14 §4). */
  observations: Map<string, string>;
}

/** Everything registered in the workspace, read in the caller's transaction. */
export async function workspaceInputs(db: Db): Promise<RegisteredInputs> {
  const stored = await storedNotes(db);
  const notes = new Map<string, Map<string, NoteCell>>();
  const conformityNV = new Map<string, Set<string>>();
  const attendance = new Map<string, Map<string, 'ABS' | 'ABJ'>>();
  const voided = new Map<string, Set<string>>();
  /** incident id → the units its decision voided, for the PV's observation. */
  const voidedBy = new Map<number, string[]>();
  for (const [numero, units] of stored) {
    const cells = new Map<string, NoteCell>();
    for (const [u, n] of units) {
      if (fromAttendance(n)) (attendance.get(numero) ?? attendance.set(numero, new Map()).get(numero)!).set(u, n.value as 'ABS' | 'ABJ');
      if (fromDiscipline(n)) {
        voided.set(numero, (voided.get(numero) ?? new Set()).add(u));
        const id = incidentOfSource(n.source);
        if (id !== undefined) voidedBy.set(id, [...(voidedBy.get(id) ?? []), u].sort());
      }
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
  const input = { candidates: await candidatesByNumero(db), notes, livrets: await storedLivrets(db), conformityNV, underReserve: await unitsUnderReserve(db), attendance, voided };
  const observations = new Map<string, string>();
  const incidents = await listIncidents(db);
  // A closed case: the decision and its date (the template is read only when there is an incident).
  const closed = incidents.some((i) => i.closedAt !== undefined) ? { discipline: loadDiscipline(), voided: voidedBy } : undefined;
  for (const [numero, list] of groupByNumero(incidents)) {
    const o = pvObservation(list, closed);
    if (o) observations.set(numero, o);
  }
  return { input, stored, observations };
}

export interface StoreInput {
  notesSource: string;
  fileCells: { numero: string; cells: Map<string, NoteCell> }[];
  jurySource?: string;
  livrets: { numero: string; supplied: boolean; examined: boolean }[];
  results: CandidateResult[];
  /** What results.detail stores for a result: made as each row is written (1.3 KB of JSON a candidate). */
  detail: (r: CandidateResult) => DetailFacts;
}

/**
 * The file's notes, the jury's changes (audited with their motif), livrets, results — inside the transaction that
 * read `stored`. Returns the report and the audit log's detail. Notes and results are made as they are written
 * (generators): a national session's 1.5M note rows and 200k result details are never all held at once.
 */
export async function storeDeliberation(db: Db, at: Date, stored: StoredNotes, input: StoreInput): Promise<{ report: NoteWriteReport; detail: object }> {
  const deliberated = await deliberatedNumeros(db);
  const juryOf = new Map<string, CandidateResult['jury']>();
  for (const r of input.results) if (r.jury.length) juryOf.set(r.numero, r.jury);
  const jurySource = `jury:${input.jurySource ?? ''}`;
  // Each candidate's writes together (writeNotes needs them so): the file's notes, then the jury's (logged « 9 → 10,
  // motif »). When the jury's note is already stored (the same files deliberated again), the file's note must not
  // bring the old value back for a moment.
  function* writes(): Generator<NoteWrite> {
    for (const f of input.fileCells) {
      const jury = juryOf.get(f.numero);
      for (const [unite, cell] of f.cells) {
        const j = jury?.findLast((x) => x.unite === unite);
        if (j && stored.get(f.numero)?.get(unite)?.value === formatNoteCell(j.after)) continue;
        yield { numero: f.numero, unite, value: formatNoteCell(cell), source: input.notesSource };
      }
      if (jury) {
        juryOf.delete(f.numero);
        for (const j of jury) yield { numero: f.numero, unite: j.unite, value: formatNoteCell(j.after), source: jurySource, motif: j.motif };
      }
    }
    // A deliberated candidate always has its row in the file; kept for any other caller's input.
    for (const [numero, jury] of juryOf) for (const j of jury) yield { numero, unite: j.unite, value: formatNoteCell(j.after), source: jurySource, motif: j.motif };
  }
  const report = await writeNotes(db, at, writes(), deliberated, stored);
  await writeLivrets(db, at, input.livrets);
  await writeResults(db, at, (function* () {
    for (const r of input.results) yield { numero: r.numero, decision: r.deliberation.decision, detail: input.detail(r) };
  })());
  const counts: Record<string, number> = {};
  for (const r of input.results) counts[r.deliberation.decision] = (counts[r.deliberation.decision] ?? 0) + 1;
  return {
    report,
    detail: { source: input.notesSource, jury: input.jurySource ?? null, candidates: input.results.length, decisions: counts, notesInserted: report.inserted, notesChanged: report.changed },
  };
}
