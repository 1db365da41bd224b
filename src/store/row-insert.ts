// Plain INSERTs of many new rows, the fastest way on each engine (issue #13 bench: `ccst copies anonymise` writes
// 250,000 numbers, `ccst copies lots` 250,000 lot places):
// - SQLite: one prepared single-row INSERT (its text compiled by Kysely) run per row on the connection, inside the
//   caller's transaction — as the candidates import does (candidate-import-sql.ts). Measured with better-sqlite3,
//   250,000 copies (4 columns) in one transaction, loaded machine: one row per statement 0.77–1.03 s CPU against
//   1.31–1.50 s for VALUES of 1,000 rows (the array of 4,000 parameters made and bound per batch), and the Kysely
//   builder on top of those VALUES (insertBatches: an object per row, the query parsed and compiled per batch) added
//   ≈ 0.75 s more.
// - PostgreSQL: bulkWrite's unnest batches (bulk-write.ts), one round trip per 10,000 rows.
// test/store/row-insert.test.ts compares it with bulkWrite's VALUES path on both engines.
import type { DB } from './schema.js';
import type { Db } from './workspace.js';
import { bulkWrite, type BulkSpec } from './bulk-write.js';
import { sqliteStatement } from './sqlite-dialect.js';

/** The one-row INSERT of spec.columns as Kysely compiles it, its parameters checked to be the cells in order. */
function oneRowInsert<T extends keyof DB & string>(db: Db, spec: BulkSpec<T>): string {
  const marker = (c: number) => `\u0000${c}`;
  const compiled = db.insertInto(spec.table).values(Object.fromEntries(spec.columns.map((col, c) => [col.name, marker(c)])) as never).compile();
  if (compiled.parameters.length !== spec.columns.length || compiled.parameters.some((p, i) => p !== marker(i))) {
    throw new Error(`insertRows ${spec.table} : ordre des paramètres inattendu dans la requête compilée`);
  }
  return compiled.sql;
}

/**
 * Inserts `count` rows, the cells of row i written by `cells(i, into)` in spec.columns order, for i = 0, 1, … in
 * that order (no upsert: spec.key is refused). On SQLite the same array is filled again for each row (the statement
 * has read it when `run` returns): no array per row is made. Returns the count.
 */
export async function insertRows<T extends keyof DB & string>(db: Db, spec: BulkSpec<T>, count: number, cells: (i: number, into: unknown[]) => void): Promise<number> {
  if (spec.key) throw new Error(`insertRows ${spec.table} : pas d’upsert ici (bulkWrite)`);
  if (count === 0) return 0;
  const statement = sqliteStatement(db, oneRowInsert(db, spec));
  if (!statement) {
    return bulkWrite(db, spec, (function* () {
      for (let i = 0; i < count; i++) {
        const row: unknown[] = new Array(spec.columns.length);
        cells(i, row);
        yield row;
      }
    })());
  }
  const params: unknown[] = new Array(spec.columns.length);
  for (let i = 0; i < count; i++) {
    cells(i, params);
    statement.run(params);
  }
  return count;
}
