// Bulk writes (issue #12 §1): a national deliberation stores 200k results and 1.5M notes in one transaction. One
// function, two paths that store the same rows (test/store/bulk-write.test.ts compares them on each engine):
// - plain, both engines: multi-row INSERT … VALUES in batches, under SQLite's 32,766 bound parameters per statement
//   (PostgreSQL's limit, 65,535, is higher). Kysely writes the statement once per batch size and every batch reuses
//   that SQL with its own parameters — building and compiling the query again for each batch cost +50 % on 2M notes
//   (12.8 s against 8.1 s on SQLite; one prepared statement per row, as before Kysely: 8.4 s).
// - PostgreSQL: INSERT … SELECT FROM unnest(one array per column). The server then parses and plans one small statement
//   per 10,000 rows instead of a 5,000-parameter VALUES list per 1,000: 400k notes in 2.5 s against 13 s (measured
//   here, PostgreSQL 15). unnest() is PostgreSQL's own: this is the one statement of the store that SQLite does not
//   speak, kept here behind the same function.
// The rows are taken from an iterable one batch at a time (a generator may make each row as it is written): a caller
// need not hold every row of a national session at once. Holding them was what the Kysely store added to
// `deliberate` over the code before it (one statement per row, each row made and dropped): 25k candidates, the
// 192k note rows and 25k results (1.3 KB of JSON each) kept until written, +70 % of heap and twice the GC time.
import { CompiledQuery, sql, type Expression, type OnConflictBuilder, type OnConflictUpdateBuilder } from 'kysely';
import type { DB } from './schema.js';
import { engineOf, type Db } from './workspace.js';
import { binaryTextArray } from './pg-arrays.js';

export interface BulkSpec<T extends keyof DB & string> {
  table: T;
  /** The columns written, in the order of each row's cells, with the PostgreSQL type of the column (unnest). */
  columns: readonly { name: keyof DB[T] & string; type: 'text' | 'integer' }[];
  /** ON CONFLICT (these columns) DO UPDATE SET every other column to the row's value: an upsert. */
  key?: readonly (keyof DB[T] & string)[];
}

/** SQLite's SQLITE_MAX_VARIABLE_NUMBER since 3.32 (the lower of the two engines' limits). */
export const MAX_PARAMETERS = 32_766;
/** Rows per VALUES statement: 1,000 took 8.1 s on 2M notes (SQLite), 200 took 10.1 s. */
const VALUES_ROWS = 1_000;
/** Rows per unnest statement (PostgreSQL): 10,000 took 2.5 s on 400k notes, 50,000 took 2.9 s. */
const UNNEST_ROWS = 10_000;
/**
 * …and at most about this many characters of text per unnest statement: wide rows make smaller batches. Measured
 * (100k results of 1.3 KB JSON, a 1.4 GB heap held beside as `deliberate` holds its results, loaded machine): 10,000
 * rows per statement 11.0 s of client CPU, 1,000 rows 8.2 s, 300 rows 4.3 s — the 13 MB arrays and Bind messages of
 * large batches cost far more than their round trips once the heap is large. Then `deliberate` of 250k candidates
 * (quiet machine, client + server CPU): cap 400,000 characters 57.7 + 20.8 s, 150,000 41.1 + 17.3 s, 50,000
 * 39.1 + 19.1 s. Notes (≈ 60 characters a row) still go by thousands of rows.
 */
const UNNEST_CHARS = 150_000;

/**
 * Inserts (or upserts, with spec.key) rows given as arrays of cells in spec.columns order, taken from `rows` one batch
 * at a time. With a key, a row named twice keeps its last cells, as one upsert per row would: SQLite applies a VALUES
 * list in order and separate statements apply in order; PostgreSQL refuses a key twice in one statement, so there the
 * last row of each key in a batch is kept first. Returns the number of rows taken.
 */
export async function bulkWrite<T extends keyof DB & string>(db: Db, spec: BulkSpec<T>, rows: Iterable<readonly unknown[]>, path: 'auto' | 'values' = 'auto'): Promise<number> {
  const postgres = engineOf(db) === 'postgres';
  const unnest = path === 'auto' && postgres;
  const per = unnest ? UNNEST_ROWS : Math.max(1, Math.min(VALUES_ROWS, Math.floor(MAX_PARAMETERS / spec.columns.length)));
  const write = unnest ? (b: readonly (readonly unknown[])[]) => unnestBatch(db, spec, b) : valuesWriter(db, spec);
  let taken = 0;
  let batch: (readonly unknown[])[] = [];
  // PostgreSQL: one batch in flight while the next one is made (the caller's generator, the arrays): the client's
  // work overlaps the server's instead of waiting for it. Kysely still sends one statement at a time on the
  // transaction's connection; a failed batch is thrown by the next flush or at the end, the first failure first.
  let inFlight: Promise<void> | undefined;
  const flush = async () => {
    const previous = inFlight;
    inFlight = write(spec.key && postgres ? lastPerKey(spec, batch) : batch);
    // Observed below or by the next flush; a batch sent after a failed one fails too, and is not the error to report.
    inFlight.catch(() => {});
    taken += batch.length;
    batch = [];
    if (!unnest) await inFlight;
    else if (previous) await previous;
  };
  let chars = 0;
  for (const row of rows) {
    batch.push(row);
    if (unnest) for (const cell of row) if (typeof cell === 'string') chars += cell.length;
    if (batch.length === per || chars >= UNNEST_CHARS) {
      chars = 0;
      await flush();
    }
  }
  if (batch.length) await flush();
  await inFlight;
  return taken;
}

function lastPerKey<T extends keyof DB & string>(spec: BulkSpec<T>, rows: readonly (readonly unknown[])[]): readonly (readonly unknown[])[] {
  const at = spec.key!.map((k) => spec.columns.findIndex((c) => c.name === k));
  const [a, b] = at as [number, number | undefined];
  // The key as one string: the usual one- and two-column keys without an array per row (192k notes a deliberation).
  const keyOf = at.length === 1 ? (r: readonly unknown[]) => String(r[a])
    : at.length === 2 ? (r: readonly unknown[]) => `${String(r[a])}\u0000${String(r[b!])}`
    : (r: readonly unknown[]) => at.map((i) => String(r[i])).join('\u0000');
  const byKey = new Map<string, readonly unknown[]>();
  for (const r of rows) byKey.set(keyOf(r), r);
  return byKey.size === rows.length ? rows : [...byKey.values()];
}

/** ON CONFLICT (key) DO UPDATE SET col = excluded.col for every other column (Kysely writes it for each dialect). */
function onConflict<T extends keyof DB & string>(spec: BulkSpec<T>) {
  const others = spec.columns.map((c) => c.name).filter((n) => !spec.key!.includes(n));
  return (oc: OnConflictBuilder<DB, T>): OnConflictUpdateBuilder<DB, T> =>
    oc.columns(spec.key! as never).doUpdateSet(Object.fromEntries(others.map((n) => [n, (eb: { ref(r: string): Expression<unknown> }) => eb.ref(`excluded.${n}`)])) as never);
}

/** The VALUES statement for n rows, compiled once; its parameters must be the rows' cells in row order (checked). */
function compileValues<T extends keyof DB & string>(db: Db, spec: BulkSpec<T>, n: number): string {
  // Each cell a distinct marker: where the compiler puts it tells the order of the parameters.
  const marker = (r: number, c: number) => `\u0000${r}:${c}`;
  const sample = Array.from({ length: n }, (_, r) => Object.fromEntries(spec.columns.map((col, c) => [col.name, marker(r, c)])));
  let q = db.insertInto(spec.table).values(sample as never);
  if (spec.key) q = q.onConflict(onConflict(spec) as never);
  const compiled = q.compile();
  const width = spec.columns.length;
  if (compiled.parameters.length !== n * width || compiled.parameters.some((p, i) => p !== marker(Math.floor(i / width), i % width))) {
    throw new Error(`bulkWrite ${spec.table} : ordre des paramètres inattendu dans la requête compilée`);
  }
  return compiled.sql;
}

/** Writes one batch as a VALUES statement; the SQL of each batch size is compiled once per bulkWrite call. */
function valuesWriter<T extends keyof DB & string>(db: Db, spec: BulkSpec<T>): (rows: readonly (readonly unknown[])[]) => Promise<void> {
  const compiled = new Map<number, string>();
  const width = spec.columns.length;
  return async (rows) => {
    const n = rows.length;
    let text = compiled.get(n);
    if (text === undefined) compiled.set(n, (text = compileValues(db, spec, n)));
    const params = new Array<unknown>(n * width);
    let k = 0;
    for (const row of rows) for (let j = 0; j < width; j++) params[k++] = row[j];
    await db.executeQuery(CompiledQuery.raw(text, params));
  };
}

async function unnestBatch<T extends keyof DB & string>(db: Db, spec: BulkSpec<T>, rows: readonly (readonly unknown[])[]): Promise<void> {
  const names = spec.columns.map((c) => c.name);
  // One array parameter per column; the type is one of two literals of ours, never data. Text columns go in the
  // server's binary array format (pg-arrays.ts: no escaping, no literal to build); integers as the driver writes them.
  const arrays = spec.columns.map((c, j) => {
    const cells = rows.map((r) => r[j]);
    const value = (c.type === 'text' && binaryTextArray(cells)) || cells;
    return sql`${value}::${sql.raw(c.type)}[]`;
  });
  let q = db.insertInto(spec.table).columns(names as never).expression(sql`SELECT * FROM unnest(${sql.join(arrays)})` as never);
  if (spec.key) q = q.onConflict(onConflict(spec) as never);
  await q.execute();
}
