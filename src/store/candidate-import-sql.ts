// The import's writes (candidate-import-writer.ts), its hot path: 250k candidates in multi-row INSERTs.
// Measured (npm run bench:import, 250k rows, this machine): building each batch's statement with Kysely's query
// builder cost ≈ X s of the import; the SQL text of a full batch is the same every time, so it is compiled once per
// engine and batch size (by Kysely's own compiler: `?` for SQLite, `$n` for PostgreSQL) and executed with the
// batch's values. `plainInsertCandidateRows` is the builder version the tests compare it with.
import { CompiledQuery, sql } from 'kysely';
import type { CandidateRow } from './candidates.js';
import type { CandidatesTable } from './schema.js';
import { rowsPerBatch } from './batch.js';
import type { Db } from './workspace.js';

export type StoredCandidate = CandidatesTable;
type Field = keyof CandidateRow;

/** SQL text of an n-row INSERT, by dialect and n (a handful of sizes: full batches and the last one). */
const insertSql = new WeakMap<object, Map<number, string>>();

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
  const width = fields.length + 2;
  const size = rowsPerBatch(width);
  const adapter = trx.getExecutor().adapter;
  let bySize = insertSql.get(adapter);
  if (!bySize) insertSql.set(adapter, (bySize = new Map()));
  for (let i = 0; i < rows.length; i += size) {
    const batch = rows.slice(i, i + size);
    let text = bySize.get(batch.length);
    if (!text) {
      // Any values: only the statement's text is kept; each value is a bound parameter in it.
      const shape = batch.map(() => Object.fromEntries([...fields, 'created_at', 'updated_at'].map((f) => [f, ''])));
      text = trx.insertInto('candidates').values(shape as never).compile().sql;
      bySize.set(batch.length, text);
    }
    const params: unknown[] = new Array(batch.length * width);
    let k = 0;
    for (const r of batch) {
      for (const f of fields) params[k++] = r[f];
      params[k++] = at;
      params[k++] = at;
    }
    await trx.executeQuery(CompiledQuery.raw(text, params));
  }
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
