// The import's writes (candidate-import-writer.ts), its hot path: 250k new candidates. The SQL text always comes from
// Kysely's compiler (`?` for SQLite, `$n` for PostgreSQL); what differs is how many rows one statement carries:
// - PostgreSQL: one INSERT … SELECT FROM unnest($1::text[], $2::text[], …) per batch of 1,000 rows — one round trip
//   per batch, and 23 bound arrays instead of 23,000 values. Measured (100k rows, 500 per statement, loaded
//   machine): multi-row VALUES 17.2 s, unnest 5.0 s — the server parses and binds the long VALUES list slowly.
// - SQLite: one prepared single-row INSERT run per row on the connection, inside the transaction the writer holds.
//   Measured with better-sqlite3 (250k rows × 24 columns, one transaction): 1 row per statement 8.0 s, 25 rows
//   9.5 s, 500 rows 10.9 s, 1,000 rows 11.5 s (loaded machine; the ratio is what counts) — SQLite runs a multi-row
//   VALUES as a co-routine, slower than re-running one statement; and through Kysely's executor one row per query
//   costs a promise per row (writer alone: 3.0 s CPU against 2.2 s). Hence the direct run, as before issue #12.
// `plainInsertCandidateRows` is the query-builder version the tests compare both with.
import { sql } from 'kysely';
import type { CandidateRow } from './candidates.js';
import type { CandidatesTable } from './schema.js';
import { rowsPerBatch } from './batch.js';
import type { Db } from './workspace.js';
import { sqliteStatement } from './sqlite-dialect.js';
import { binaryTextArray } from './pg-arrays.js';

export type StoredCandidate = CandidatesTable;
type Field = keyof CandidateRow;

/** SQL text of the one-row INSERT, by dialect (compiled once). */
const insertSql = new WeakMap<object, string>();

function values(fields: Field[], rows: CandidateRow[], at: string): Record<string, unknown>[] {
  return rows.map((r) => {
    const v: Record<string, unknown> = {};
    for (const f of fields) v[f] = r[f];
    v.created_at = at;
    v.updated_at = at;
    return v;
  });
}

export async function plainInsertCandidateRows(trx: Db, fields: Field[], rows: CandidateRow[], at: string): Promise<void> {
  const size = rowsPerBatch(fields.length + 2);
  for (let i = 0; i < rows.length; i += size) {
    await trx.insertInto('candidates').values(values(fields, rows.slice(i, i + size), at) as never).execute();
  }
}

export async function insertCandidateRows(trx: Db, fields: Field[], rows: CandidateRow[], at: string): Promise<void> {
  if (rows.length === 0) return;
  const width = fields.length + 2;
  const one = sqliteStatement(trx, compiledInsert(trx, fields));
  if (one) {
    const params: unknown[] = new Array(width);
    for (const r of rows) {
      for (let i = 0; i < fields.length; i++) params[i] = r[fields[i]!];
      params[fields.length] = at;
      params[fields.length + 1] = at;
      one.run(params);
    }
    return;
  }
  // PostgreSQL: one array per column, unnested by the server (PostgreSQL only, hence behind this function).
  const columns = [...fields, 'created_at', 'updated_at'] as const;
  for (let i = 0; i < rows.length; i += PG_BATCH) {
    const batch = rows.slice(i, i + PG_BATCH);
    const arrays = columns.map((c) => (c === 'created_at' || c === 'updated_at' ? batch.map(() => at) : batch.map((r) => r[c])));
    // Text columns in the server's binary array format (pg-arrays.ts: no escaping by the driver), integers as it writes them.
    const params = arrays.map((a, j) => (INTEGER_COLUMNS.has(columns[j]!) ? sql`${a}::integer[]` : sql`${binaryTextArray(a) ?? a}::text[]`));
    await sql`INSERT INTO candidates (${sql.join(columns.map((c) => sql.ref(c)))})
      SELECT * FROM unnest(${sql.join(params)})`.execute(trx);
  }
}

/** Rows per unnest INSERT on PostgreSQL (one bound array per column: no parameter limit to mind). */
const PG_BATCH = 1000;
const INTEGER_COLUMNS = new Set<string>(['ef2', 'ef3']);

/** The SQL text of a one-row INSERT of `fields` + created_at, updated_at, compiled by the Db's own dialect. */
function compiledInsert(trx: Db, fields: Field[]): string {
  const adapter = trx.getExecutor().adapter;
  let text = insertSql.get(adapter);
  if (!text) {
    // Any values: only the statement's text is kept; each value is a bound parameter in it.
    const shape = Object.fromEntries([...fields, 'created_at', 'updated_at'].map((f) => [f, '']));
    text = trx.insertInto('candidates').values(shape as never).compile().sql;
    insertSql.set(adapter, text);
  }
  return text;
}

/** Sets every data field and updated_at of stored candidates (multi-row INSERT … ON CONFLICT DO UPDATE). */
export async function updateCandidateRows(trx: Db, dataFields: Field[], rows: { r: CandidateRow; updatedAt: string }[]): Promise<void> {
  const size = rowsPerBatch(dataFields.length + 3);
  for (let i = 0; i < rows.length; i += size) {
    const batch = rows.slice(i, i + size).map(({ r, updatedAt }) => {
      const v: Record<string, unknown> = { numero: r.numero };
      for (const f of dataFields) v[f] = r[f];
      v.created_at = updatedAt; // NOT NULL in the VALUES list; an existing row keeps its own (not in the SET list)
      v.updated_at = updatedAt;
      return v;
    });
    await trx
      .insertInto('candidates')
      .values(batch as never)
      .onConflict((oc) => oc.column('numero').doUpdateSet(Object.fromEntries([...dataFields, 'updated_at'].map((f) => [f, sql.ref(`excluded.${f}`)])) as never))
      .execute();
  }
}
