// Notes, results and livrets in the workspace. Every overwritten note is logged in note_audit (old → new, when,
// source file, motif), after ScoDoc (STYLE.md); a note changed after a deliberation is reported to the caller.
import type { SqliteDb as Db } from './workspace.js';

export interface StoredNote {
  value: string;
  source: string;
}

/** numero → unit → stored note (canonical cell text, e.g. "12,5", "ABS", "BEN 14@2022"). */
export function storedNotes(db: Db): Map<string, Map<string, StoredNote>> {
  const out = new Map<string, Map<string, StoredNote>>();
  const rows = db.prepare('SELECT numero, unite, value, source FROM notes').iterate() as IterableIterator<{ numero: string; unite: string } & StoredNote>;
  for (const r of rows) {
    let m = out.get(r.numero);
    if (!m) out.set(r.numero, (m = new Map()));
    m.set(r.unite, { value: r.value, source: r.source });
  }
  return out;
}

export function deliberatedNumeros(db: Db): Set<string> {
  return new Set((db.prepare('SELECT numero FROM results').all() as { numero: string }[]).map((r) => r.numero));
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

/** Upserts notes; logs each change (and a jury's first note too) in note_audit. Call inside mutate. */
export function writeNotes(db: Db, at: Date, writes: NoteWrite[], deliberated: Set<string>): NoteWriteReport {
  const when = at.toISOString();
  const get = db.prepare('SELECT value FROM notes WHERE numero = ? AND unite = ?');
  const upsert = db.prepare(
    `INSERT INTO notes (numero, unite, value, source, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(numero, unite) DO UPDATE SET value = excluded.value, source = excluded.source, updated_at = excluded.updated_at`,
  );
  const audit = db.prepare(
    'INSERT INTO note_audit (numero, unite, old_value, new_value, at, source, motif) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const report: NoteWriteReport = { inserted: 0, changed: 0, unchanged: 0, afterDeliberation: [] };
  for (const w of writes) {
    const old = (get.get(w.numero, w.unite) as { value: string } | undefined)?.value;
    if (old === w.value) {
      // Same value (a file or jury decision applied again): nothing to store, nothing to log.
      report.unchanged++;
      continue;
    }
    upsert.run(w.numero, w.unite, w.value, w.source, when);
    if (old === undefined) report.inserted++;
    else report.changed++;
    // A first note is not an overwrite; a jury's note is always logged, with its motif.
    if (old !== undefined || w.motif) audit.run(w.numero, w.unite, old ?? null, w.value, when, w.source, w.motif ?? null);
    if (old !== undefined && deliberated.has(w.numero)) {
      report.afterDeliberation.push({ numero: w.numero, unite: w.unite, old, new: w.value });
    }
  }
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

export function noteAudit(db: Db, numero?: string): NoteAuditRow[] {
  const sql = 'SELECT numero, unite, old_value, new_value, at, source, motif FROM note_audit';
  return (numero ? db.prepare(`${sql} WHERE numero = ? ORDER BY id`).all(numero) : db.prepare(`${sql} ORDER BY id`).all()) as NoteAuditRow[];
}

export function writeResults(db: Db, at: Date, results: { numero: string; decision: string; detail: unknown }[]): void {
  const stmt = db.prepare(
    `INSERT INTO results (numero, decision, detail, deliberated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(numero) DO UPDATE SET decision = excluded.decision, detail = excluded.detail, deliberated_at = excluded.deliberated_at`,
  );
  const when = at.toISOString();
  for (const r of results) stmt.run(r.numero, r.decision, JSON.stringify(r.detail), when);
}

export interface StoredResult {
  numero: string;
  decision: string;
  detail: string;
  deliberated_at: string;
}

export function readResults(db: Db): StoredResult[] {
  return db.prepare('SELECT numero, decision, detail, deliberated_at FROM results ORDER BY numero').all() as StoredResult[];
}

export function storedLivrets(db: Db): Map<string, { supplied: boolean; examined: boolean }> {
  const rows = db.prepare('SELECT numero, supplied, examined FROM livrets').all() as { numero: string; supplied: number; examined: number }[];
  return new Map(rows.map((r) => [r.numero, { supplied: r.supplied === 1, examined: r.examined === 1 }]));
}

export function writeLivrets(db: Db, at: Date, rows: { numero: string; supplied: boolean; examined: boolean }[]): void {
  const stmt = db.prepare(
    `INSERT INTO livrets (numero, supplied, examined, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(numero) DO UPDATE SET supplied = excluded.supplied, examined = excluded.examined, updated_at = excluded.updated_at`,
  );
  for (const r of rows) stmt.run(r.numero, r.supplied ? 1 : 0, r.examined ? 1 : 0, at.toISOString());
}
