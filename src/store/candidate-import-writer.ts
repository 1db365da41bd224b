// Writes an import as it is read: one transaction opened before the first row and committed (with its audit row,
// as mutate() does) only once the whole file has been checked — or rolled back, leaving the workspace file
// byte-for-byte as it was (rejected file, --dry-run, any error). mutate() cannot span the asynchronous read of a
// 250k-row file, and holding every row in memory until the end would cost hundreds of MB: hence this writer.
// It runs in the importing thread or in the import worker (cli/import/pipeline.ts), unchanged.
import type { Candidate } from '../domain/candidate.js';
import { fromRow, toRow } from './candidates.js';
import { writeSession, type SessionInfo } from './session.js';
import type { Db } from './workspace.js';

type Row = ReturnType<typeof toRow>;
const FIELDS = Object.keys(
  toRow({ numero: '', nom: '', prenom: '', academie: '', voie: '', langue: '', ef2: false, ef3: false, dispenses: [], benefices: [] }),
) as (keyof Row)[];
const DATA_FIELDS = FIELDS.filter((f) => f !== 'numero');

export interface ImportChange {
  numero: string;
  row: number;
  before: Candidate;
  after: Candidate;
}

export interface ImportOutcome {
  created: number;
  unchanged: number;
  /** In file order. */
  updated: ImportChange[];
  perEtablissement: { uai: string | null; etablissement: string | null; count: number }[];
  perVoie: { voie: string; count: number }[];
}

export interface ImportOptions {
  /** ISO time of the import (created_at / updated_at). */
  at: string;
  /** For a workspace created by this import: its session, written in the same transaction. */
  session?: { info: SessionInfo; regulationText: string };
  /**
   * Candidate fields that have a column in the file. A stored candidate keeps the fields the file has no column
   * for: a re-import of « numéro ; nom ; prénom ; voie ; courriel » must not wipe dispenses or tiers-temps.
   * Absent: every field is the file's.
   */
  presentFields?: string[];
}

export interface ImportWriter {
  /**
   * The stored numéro this one would be once its leading zeros are given back ("231000001" → "0231000001"), when
   * only that one is stored: the file went through Excel, which drops leading zeros of number-like text.
   */
  zeroPaddedTwin(numero: string): string | undefined;
  put(row: number, c: Candidate): void;
  /** Undoes an earlier put (its numero turned out to be duplicated further down the file). */
  retract(numero: string): void;
  outcome(): ImportOutcome;
  commit(command: string, at: string, detail: object): void;
  rollback(): void;
}

export function beginImport(db: Db, opts: ImportOptions): ImportWriter {
  const { at } = opts;
  const hadCandidates = db.prepare('SELECT 1 FROM candidates LIMIT 1').get() !== undefined;
  const get = db.prepare('SELECT * FROM candidates WHERE numero = ?');
  const insert = db.prepare(
    `INSERT INTO candidates (${FIELDS.join(', ')}, created_at, updated_at) VALUES (${FIELDS.map(() => '?').join(', ')}, ?, ?)`,
  );
  const update = db.prepare(`UPDATE candidates SET ${DATA_FIELDS.map((f) => `${f} = ?`).join(', ')}, updated_at = ? WHERE numero = ?`);
  const remove = db.prepare('DELETE FROM candidates WHERE numero = ?');

  const present = opts.presentFields ? new Set(opts.presentFields) : undefined;
  const kept = present ? DATA_FIELDS.filter((f) => !present.has(f)) : [];
  const created = new Set<string>();
  let unchanged = 0;
  const updated = new Map<string, ImportChange & { priorUpdatedAt: string }>();
  const perEtab = new Map<string, { uai: string | null; etablissement: string | null; count: number }>();
  const perVoie = new Map<string, number>();
  function count(r: Pick<Row, 'etablissement_uai' | 'etablissement' | 'voie'>, delta: 1 | -1): void {
    const key = r.etablissement_uai ?? '';
    const e = perEtab.get(key) ?? { uai: r.etablissement_uai, etablissement: r.etablissement, count: 0 };
    e.count += delta;
    perEtab.set(key, e);
    perVoie.set(r.voie, (perVoie.get(r.voie) ?? 0) + delta);
  }

  // Stored numéros with leading zeros, by their zero-less form: built once (one pass over the index).
  const withoutZeros = new Map<string, string>();
  if (hadCandidates) {
    for (const r of db.prepare("SELECT numero FROM candidates WHERE numero LIKE '0%'").iterate() as IterableIterator<{ numero: string }>) {
      withoutZeros.set(r.numero.replace(/^0+/, ''), r.numero);
    }
  }

  db.exec('BEGIN IMMEDIATE');
  if (opts.session) writeSession(db, opts.session.info, opts.session.regulationText);
  return {
    zeroPaddedTwin(numero) {
      if (withoutZeros.size === 0 || numero.startsWith('0')) return undefined;
      const twin = withoutZeros.get(numero);
      return twin !== undefined && get.get(numero) === undefined ? twin : undefined;
    },
    put(row, c) {
      const r = toRow(c);
      count(r, 1);
      const existing = hadCandidates ? (get.get(r.numero) as (Row & { updated_at: string }) | undefined) : undefined;
      if (!existing) {
        // One row per statement: measured faster than 25-row INSERTs with better-sqlite3 (fewer bound values).
        const values: unknown[] = new Array(FIELDS.length + 2);
        for (let i = 0; i < FIELDS.length; i++) values[i] = r[FIELDS[i]!];
        values[FIELDS.length] = at;
        values[FIELDS.length + 1] = at;
        insert.run(values);
        created.add(r.numero);
        return;
      }
      if (kept.length) for (const f of kept) (r as unknown as Record<string, unknown>)[f] = existing[f];
      // An empty language cell says nothing: the stored language stays (issue #10 §4: it used to become anglais).
      const keptLanguage = r.langue === '' && existing.langue !== '';
      if (keptLanguage) r.langue = existing.langue;
      if (DATA_FIELDS.every((f) => existing[f] === r[f])) {
        unchanged++;
        return;
      }
      update.run(...DATA_FIELDS.map((f) => r[f]), at, r.numero);
      updated.set(r.numero, { numero: r.numero, row, before: fromRow(existing), after: kept.length || keptLanguage ? fromRow(r) : c, priorUpdatedAt: existing.updated_at });
    },
    retract(numero) {
      const current = get.get(numero) as Row | undefined;
      if (current) count(current, -1);
      const change = updated.get(numero);
      if (created.delete(numero)) {
        remove.run(numero);
      } else if (change) {
        const before = toRow(change.before);
        // The previous updated_at is restored too: the stored candidate ends exactly as it was.
        update.run(...DATA_FIELDS.map((f) => before[f]), change.priorUpdatedAt, numero);
        updated.delete(numero);
      } else {
        unchanged--;
      }
    },
    outcome() {
      return {
        created: created.size,
        unchanged,
        updated: [...updated.values()].sort((a, b) => a.row - b.row).map(({ numero, row, before, after }) => ({ numero, row, before, after })),
        perEtablissement: [...perEtab.values()]
          .filter((e) => e.count > 0)
          .sort((a, b) => (a.uai === null ? 1 : b.uai === null ? -1 : a.uai < b.uai ? -1 : a.uai > b.uai ? 1 : 0)),
        perVoie: [...perVoie]
          .filter(([, n]) => n > 0)
          .map(([voie, n]) => ({ voie, count: n }))
          .sort((a, b) => b.count - a.count || (a.voie < b.voie ? -1 : 1)),
      };
    },
    commit(command, when, detail) {
      db.prepare('INSERT INTO audit_log (at, command, detail) VALUES (?, ?, ?)').run(when, command, JSON.stringify(detail));
      db.exec('COMMIT');
    },
    rollback() {
      if (db.inTransaction) db.exec('ROLLBACK');
    },
  };
}
