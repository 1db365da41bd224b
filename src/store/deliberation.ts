// Notes, results and livrets in the workspace. Every overwritten note is logged in note_audit (old → new, when,
// source file, motif), after ScoDoc (STYLE.md); a note changed after a deliberation is reported to the caller.
// A national session is 200k results and 1.5M notes: they are read by pages and written in batches (bulk-write.ts).
import type { Db } from './workspace.js';
import { bulkWrite, type BulkSpec } from './bulk-write.js';
import { NOTE_AUDIT, NOTES } from './note-specs.js';
import { resultFactsOf, type DetailFacts } from '../domain/statistics/session.js';

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

/** Whether any result is stored: a deliberation happened, so notes changed now are changes after it. */
export async function hasDeliberation(db: Db): Promise<boolean> {
  return (await db.selectFrom('results').select('numero').limit(1).executeTakeFirst()) !== undefined;
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

/**
 * Upserts notes; logs each change (and a jury's first note too) in note_audit. Call inside mutate, with the notes
 * read in that same transaction (`stored`): the writes are applied in order against them, then stored in batches —
 * the same rows and the same audit, in the same order, as one upsert per write.
 * `writes` is taken as it is written (a generator may make each write then): the writes of one candidate must come
 * together (a note written twice — the file's then the jury's — is compared with its first write, which only the
 * current candidate's writes are kept for); a candidate met again after another one is a bug and throws.
 */
export async function writeNotes(db: Db, at: Date, writes: Iterable<NoteWrite>, deliberated: Set<string>, stored: StoredNotes): Promise<NoteWriteReport> {
  const when = at.toISOString();
  const report: NoteWriteReport = { inserted: 0, changed: 0, unchanged: 0, afterDeliberation: [] };
  const audit: unknown[][] = [];
  // The current candidate's notes as this call leaves them; the candidates already done (a national session's
  // 1.5M notes are not kept: only their 200k numéros).
  let current: string | undefined;
  const written = new Map<string, string>();
  const done = new Set<string>();
  function* rows(): Generator<unknown[]> {
    for (const w of writes) {
      if (w.numero !== current) {
        if (current !== undefined) done.add(current);
        if (done.has(w.numero)) throw new Error(`writeNotes : les notes de ${w.numero} ne se suivent pas`);
        current = w.numero;
        written.clear();
      }
      const old = written.get(w.unite) ?? stored.get(w.numero)?.get(w.unite)?.value;
      if (old === w.value) {
        // Same value (a file or jury decision applied again): nothing to store, nothing to log.
        report.unchanged++;
        continue;
      }
      written.set(w.unite, w.value);
      if (old === undefined) report.inserted++;
      else report.changed++;
      // A first note is not an overwrite; a jury's note is always logged, with its motif.
      if (old !== undefined || w.motif) audit.push([w.numero, w.unite, old ?? null, w.value, when, w.source, w.motif ?? null]);
      if (old !== undefined && deliberated.has(w.numero)) {
        report.afterDeliberation.push({ numero: w.numero, unite: w.unite, old, new: w.value });
      }
      yield [w.numero, w.unite, w.value, w.source, when];
    }
  }
  await bulkWrite(db, NOTES, rows());
  await bulkWrite(db, NOTE_AUDIT, audit);
  return report;
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
  columns: [
    { name: 'numero', type: 'text' }, { name: 'decision', type: 'text' }, { name: 'detail', type: 'text' }, { name: 'deliberated_at', type: 'text' },
    { name: 'moyenne_h', type: 'integer' }, { name: 'first_decision', type: 'text' }, { name: 'controle_raised', type: 'integer' },
  ],
  key: ['numero'],
};

/**
 * Upserts results; `results` is taken as it is written (a generator may make each detail then: 1.3 KB of JSON each).
 * The facts `ccst stats` counts are stored beside the detail, from it (migration 013): stats reads no JSON.
 */
export async function writeResults(db: Db, at: Date, results: Iterable<{ numero: string; decision: string; detail: DetailFacts }>): Promise<void> {
  const when = at.toISOString();
  await bulkWrite(db, RESULTS, (function* () {
    for (const r of results) {
      const f = resultFactsOf(r.detail);
      yield [r.numero, r.decision, JSON.stringify(r.detail), when, f.moyenneH, f.firstDecision, f.controleRaised];
    }
  })());
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
