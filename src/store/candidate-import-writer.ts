// Writes an import as it is read: one controlled transaction (Kysely startTransaction) opened before the first row
// and committed (with its audit row, as mutate() does) only once the whole file has been checked — or rolled back,
// leaving the workspace as it was (rejected file, --dry-run, any error). mutate() cannot span the asynchronous read
// of a 250k-row file, and holding every row in memory until the end would cost hundreds of MB: hence this writer.
// Rows are put synchronously by the row processor and written by flush() in multi-row statements (issue #12 §1: one
// round trip per batch on PostgreSQL, not one per row); the importing thread or the import worker calls flush()
// after each batch (cli/import/pipeline.ts, worker.ts).
import type { ControlledTransaction } from 'kysely';
import type { Candidate } from '../domain/candidate.js';
import type { DB } from './schema.js';
import { fromRow, toRow, type CandidateRow } from './candidates.js';
import { writeSession, type SessionInfo } from './session.js';
import { appendAudit, engineOf, setMeta, type Db } from './workspace.js';
import { insertCandidateRows, updateCandidateRows, type StoredCandidate } from './candidate-import-sql.js';

type Row = CandidateRow;
const FIELDS = Object.keys(
  toRow({ numero: '', nom: '', prenom: '', academie: '', voie: '', langue: '', ef2: false, ef3: false, dispenses: [], benefices: [] }),
) as (keyof Row)[];
const DATA_FIELDS = FIELDS.filter((f) => f !== 'numero');
/** Numéros per SELECT … IN (…) when looking up stored candidates. */
const LOOKUP = 1000;

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
  /** Who the audit row names (Workspace.agent). */
  agent: string;
  /** Meta rows written with the commit (e.g. the date limite d'inscription given with this import). */
  meta?: [string, string][];
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
  /** Writes what was put (and undoes what was retracted) since the last flush. */
  flush(): Promise<void>;
  outcome(): Promise<ImportOutcome>;
  commit(command: string, at: string, detail: object): Promise<void>;
  rollback(): Promise<void>;
}

async function storedByNumero(trx: Db, numeros: string[]): Promise<Map<string, StoredCandidate>> {
  const out = new Map<string, StoredCandidate>();
  for (let i = 0; i < numeros.length; i += LOOKUP) {
    const rows = await trx.selectFrom('candidates').selectAll().where('numero', 'in', numeros.slice(i, i + LOOKUP)).execute();
    for (const r of rows) out.set(r.numero, r);
  }
  return out;
}

export async function beginImport(db: Db, opts: ImportOptions): Promise<ImportWriter> {
  const { at } = opts;
  // PostgreSQL: REPEATABLE READ as mutate(): a candidate changed by another agent meanwhile fails the import (40001,
  // the conflict message) instead of being overwritten. SQLite: BEGIN IMMEDIATE (sqlite-dialect.ts).
  const start = db.startTransaction();
  const trx: ControlledTransaction<DB> = await (engineOf(db) === 'postgres' ? start.setIsolationLevel('repeatable read') : start).execute();
  let open = true;
  try {
    const hadCandidates = (await trx.selectFrom('candidates').select('numero').limit(1).executeTakeFirst()) !== undefined;
    // Stored numéros with leading zeros, by their zero-less form, and which zero-less forms are stored too: built
    // once (the import adds no numéro that either map would need: a twin's row is refused, never written).
    const withoutZeros = new Map<string, string>();
    const zeroLessStored = new Set<string>();
    if (hadCandidates) {
      for (const r of await trx.selectFrom('candidates').select('numero').where('numero', 'like', '0%').execute()) {
        withoutZeros.set(r.numero.replace(/^0+/, ''), r.numero);
      }
      for (const n of (await storedByNumero(trx, [...withoutZeros.keys()])).keys()) zeroLessStored.add(n);
    }
    if (opts.session) await writeSession(trx, opts.session.info, opts.session.regulationText);

    const present = opts.presentFields ? new Set(opts.presentFields) : undefined;
    const kept = present ? DATA_FIELDS.filter((f) => !present.has(f)) : [];
    const created = new Set<string>();
    let unchanged = 0;
    const updated = new Map<string, ImportChange & { priorUpdatedAt: string }>();
    const perEtab = new Map<string, { uai: string | null; etablissement: string | null; count: number }>();
    const perVoie = new Map<string, number>();
    const count = (r: Pick<Row, 'etablissement_uai' | 'etablissement' | 'voie'>, delta: 1 | -1): void => {
      const key = r.etablissement_uai ?? '';
      const e = perEtab.get(key) ?? { uai: r.etablissement_uai, etablissement: r.etablissement, count: 0 };
      e.count += delta;
      perEtab.set(key, e);
      perVoie.set(r.voie, (perVoie.get(r.voie) ?? 0) + delta);
    };

    let buffer: { row: number; r: Row; c: Candidate }[] = [];
    let retracts: string[] = [];

    async function writeBuffer(entries: typeof buffer): Promise<void> {
      const existing = hadCandidates ? await storedByNumero(trx, entries.map((e) => e.r.numero)) : new Map<string, StoredCandidate>();
      const inserts: Row[] = [];
      const updates: Row[] = [];
      for (const { row, r, c } of entries) {
        const stored = existing.get(r.numero);
        if (!stored) {
          inserts.push(r);
          created.add(r.numero);
          continue;
        }
        if (kept.length) for (const f of kept) (r as unknown as Record<string, unknown>)[f] = stored[f];
        // An empty language cell says nothing: the stored language stays (issue #10 §4: it used to become anglais).
        const keptLanguage = r.langue === '' && stored.langue !== '';
        if (keptLanguage) r.langue = stored.langue;
        if (DATA_FIELDS.every((f) => stored[f] === r[f])) {
          unchanged++;
          continue;
        }
        updates.push(r);
        updated.set(r.numero, { numero: r.numero, row, before: fromRow(stored), after: kept.length || keptLanguage ? fromRow(r) : c, priorUpdatedAt: stored.updated_at });
      }
      await insertCandidateRows(trx, FIELDS, inserts, at);
      await updateCandidateRows(trx, DATA_FIELDS, updates.map((r) => ({ r, updatedAt: at })));
    }

    async function undo(numero: string): Promise<void> {
      const current = (await storedByNumero(trx, [numero])).get(numero);
      if (current) count(current, -1);
      const change = updated.get(numero);
      if (created.delete(numero)) {
        await trx.deleteFrom('candidates').where('numero', '=', numero).execute();
      } else if (change) {
        // The previous updated_at is restored too: the stored candidate ends exactly as it was.
        await updateCandidateRows(trx, DATA_FIELDS, [{ r: toRow(change.before), updatedAt: change.priorUpdatedAt }]);
        updated.delete(numero);
      } else {
        unchanged--;
      }
    }

    const writer: ImportWriter = {
      zeroPaddedTwin(numero) {
        if (withoutZeros.size === 0 || numero.startsWith('0')) return undefined;
        const twin = withoutZeros.get(numero);
        return twin !== undefined && !zeroLessStored.has(numero) ? twin : undefined;
      },
      put(row, c) {
        const r = toRow(c);
        count(r, 1);
        buffer.push({ row, r, c });
      },
      retract(numero) {
        retracts.push(numero);
      },
      async flush() {
        const entries = buffer;
        const undone = retracts;
        buffer = [];
        retracts = [];
        if (entries.length) await writeBuffer(entries);
        // After the writes: a retract always follows its put.
        for (const n of undone) await undo(n);
      },
      async outcome() {
        await writer.flush();
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
      async commit(command, when, detail) {
        await writer.flush();
        for (const [k, v] of opts.meta ?? []) await setMeta(trx, k, v);
        await appendAudit(trx, { at: when, command, detail, agent: opts.agent });
        open = false;
        await trx.commit().execute();
      },
      async rollback() {
        if (!open) return;
        open = false;
        await trx.rollback().execute();
      },
    };
    return writer;
  } catch (e) {
    if (open) await trx.rollback().execute().catch(() => {});
    throw e;
  }
}
