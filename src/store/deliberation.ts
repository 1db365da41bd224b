// Notes, results and livrets in the workspace. Every overwritten note is logged in note_audit (old → new, when,
// source file, motif), after ScoDoc (STYLE.md); a note changed after a deliberation is reported to the caller.
// A national session is 200k results and 1.5M notes: they are read by pages and written in batches (bulk-write.ts).
import type { Db } from './workspace.js';
import { bulkWrite, type BulkSpec } from './bulk-write.js';
import { NOTE_AUDIT, NOTES } from './note-specs.js';

export interface StoredNote {
  value: string;
  source: string;
}

/** numero → unit → stored note (canonical cell text, e.g. "12,5", "ABS", "BEN 14@2022"). */
export type StoredNotes = Map<string, Map<string, StoredNote>>;

/** Notes read per query: bounds the rows held at once (the pg driver returns a whole result, it has no cursor here). */
const PAGE = 50_000;

/** Every stored note, read by pages in key order (within one transaction: one snapshot). */
export async function storedNotes(db: Db): Promise<StoredNotes> {
  const out: StoredNotes = new Map();
  let after: { numero: string; unite: string } | undefined;
  for (;;) {
    const from = after;
    let q = db.selectFrom('notes').select(['numero', 'unite', 'value', 'source']).orderBy('numero').orderBy('unite').limit(PAGE);
    // Keyset paging on the primary key (numero, unite): each page starts where the last one stopped, by the index.
    if (from) q = q.where((eb) => eb.or([eb('numero', '>', from.numero), eb.and([eb('numero', '=', from.numero), eb('unite', '>', from.unite)])]));
    const rows = await q.execute();
    for (const r of rows) {
      let m = out.get(r.numero);
      if (!m) out.set(r.numero, (m = new Map()));
      m.set(r.unite, { value: r.value, source: r.source });
    }
    if (rows.length < PAGE) return out;
    after = rows[rows.length - 1]!;
  }
}

export async function deliberatedNumeros(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('results').select('numero').execute()).map((r) => r.numero));
}

export interface NoteWrite {
  numero: string;
  unite: string;
  value: string;
  source: string;
  motif?: string;
}

export interface NoteWriteReport {
  inserted: number;
  changed: number;
  unchanged: number;
  /** Changes of a note whose candidate already had a result: the PV stored earlier is now out of date. */
  afterDeliberation: { numero: string; unite: string; old: string; new: string }[];
}

/** What writeNotes will store, computed before anything is written (deliberate renders its side file from it). */
export interface NotePlan {
  rows: unknown[][];
  audit: unknown[][];
  report: NoteWriteReport;
}

/**
 * The writes applied in order against the notes read in the same transaction (`stored`): the rows to upsert, the
 * note_audit rows (each change, and a jury's first note too), and the report — the same rows and the same audit, in
 * the same order, as one upsert per write. Pure: nothing is written.
 */
export function planNotes(at: Date, writes: NoteWrite[], deliberated: Set<string>, stored: StoredNotes): NotePlan {
  const when = at.toISOString();
  const report: NoteWriteReport = { inserted: 0, changed: 0, unchanged: 0, afterDeliberation: [] };
  // The value of each note as this call leaves it: the last write of a (numero, unite) is the row stored.
  const written = new Map<string, unknown[]>();
  const audit: unknown[][] = [];
  for (const w of writes) {
    const key = `${w.numero}\u0000${w.unite}`;
    const old = (written.get(key)?.[2] as string | undefined) ?? stored.get(w.numero)?.get(w.unite)?.value;
    if (old === w.value) {
      // Same value (a file or jury decision applied again): nothing to store, nothing to log.
      report.unchanged++;
      continue;
    }
    written.set(key, [w.numero, w.unite, w.value, w.source, when]);
    if (old === undefined) report.inserted++;
    else report.changed++;
    // A first note is not an overwrite; a jury's note is always logged, with its motif.
    if (old !== undefined || w.motif) audit.push([w.numero, w.unite, old ?? null, w.value, when, w.source, w.motif ?? null]);
    if (old !== undefined && deliberated.has(w.numero)) {
      report.afterDeliberation.push({ numero: w.numero, unite: w.unite, old, new: w.value });
    }
  }
  return { rows: [...written.values()], audit, report };
}

/** Stores a plan made by planNotes, in batches. Call inside mutate, in the transaction that read `stored`. */
export async function writeNotePlan(db: Db, plan: NotePlan): Promise<NoteWriteReport> {
  await bulkWrite(db, NOTES, plan.rows);
  await bulkWrite(db, NOTE_AUDIT, plan.audit);
  return plan.report;
}

/** Upserts notes and logs each change in note_audit (planNotes then writeNotePlan). */
export async function writeNotes(db: Db, at: Date, writes: NoteWrite[], deliberated: Set<string>, stored: StoredNotes): Promise<NoteWriteReport> {
  return writeNotePlan(db, planNotes(at, writes, deliberated, stored));
}

export interface NoteAuditRow {
  numero: string;
  unite: string;
  old_value: string | null;
  new_value: string;
  at: string;
  source: string;
  motif: string | null;
}

export async function noteAudit(db: Db, numero?: string): Promise<NoteAuditRow[]> {
  let q = db.selectFrom('note_audit').select(['numero', 'unite', 'old_value', 'new_value', 'at', 'source', 'motif']).orderBy('id');
  if (numero) q = q.where('numero', '=', numero);
  return q.execute();
}

const RESULTS: BulkSpec<'results'> = {
  table: 'results',
  columns: [{ name: 'numero', type: 'text' }, { name: 'decision', type: 'text' }, { name: 'detail', type: 'text' }, { name: 'deliberated_at', type: 'text' }],
  key: ['numero'],
};

export async function writeResults(db: Db, at: Date, results: { numero: string; decision: string; detail: unknown }[]): Promise<void> {
  const when = at.toISOString();
  await bulkWrite(db, RESULTS, results.map((r) => [r.numero, r.decision, JSON.stringify(r.detail), when]));
}

export interface StoredResult {
  numero: string;
  decision: string;
  detail: string;
  deliberated_at: string;
}

export async function readResults(db: Db): Promise<StoredResult[]> {
  return db.selectFrom('results').select(['numero', 'decision', 'detail', 'deliberated_at']).orderBy('numero').execute();
}

export async function storedLivrets(db: Db): Promise<Map<string, { supplied: boolean; examined: boolean }>> {
  const rows = await db.selectFrom('livrets').select(['numero', 'supplied', 'examined']).execute();
  return new Map(rows.map((r) => [r.numero, { supplied: r.supplied === 1, examined: r.examined === 1 }]));
}

const LIVRETS: BulkSpec<'livrets'> = {
  table: 'livrets',
  columns: [{ name: 'numero', type: 'text' }, { name: 'supplied', type: 'integer' }, { name: 'examined', type: 'integer' }, { name: 'updated_at', type: 'text' }],
  key: ['numero'],
};

export async function writeLivrets(db: Db, at: Date, rows: { numero: string; supplied: boolean; examined: boolean }[]): Promise<void> {
  const when = at.toISOString();
  await bulkWrite(db, LIVRETS, rows.map((r) => [r.numero, r.supplied ? 1 : 0, r.examined ? 1 : 0, when]));
}
