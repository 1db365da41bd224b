// Multi-row INSERTs in batches (issue #12 §1): one statement per batch instead of one per row — on PostgreSQL one
// round trip per batch. A batch stays under both engines' limit of bound parameters per statement: SQLite 32,766
// (SQLITE_MAX_VARIABLE_NUMBER since 3.32), PostgreSQL 65,535 (the protocol's 16-bit count).
import type { Insertable } from 'kysely';
import type { DB } from './schema.js';
import type { Db } from './workspace.js';

/** Parameters per statement we allow ourselves: under SQLite's 32,766 with room to spare. */
export const MAX_PARAMS = 30_000;

/** How many rows of `columns` values fit in one statement (at most 1,000: larger batches were not faster). */
export function rowsPerBatch(columns: number): number {
  return Math.max(1, Math.min(1000, Math.floor(MAX_PARAMS / columns)));
}

export async function insertBatches<T extends keyof DB & string>(db: Db, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const size = rowsPerBatch(Object.keys(rows[0] as object).length);
  for (let i = 0; i < rows.length; i += size) {
    // Kysely's generic insert over a table chosen by the caller: the row type is that table's.
    await db.insertInto(table).values(rows.slice(i, i + size) as never).execute();
  }
}
