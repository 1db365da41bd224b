// Copying a whole workspace from one engine to the other (issue #12 item 4: SQLite → PostgreSQL to share a session,
// PostgreSQL → SQLite to archive a closed one in one file). Every table of the schema is read in one snapshot of the
// source and written in ONE transaction on the target, then read back in that transaction and compared table by table
// (row count and checksum) before the commit: a copy that does not match is rolled back, never half there.
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { appendAudit, type Workspace } from './workspace.js';
import { migrateWithin } from './migrate.js';

/** Tables that are not session data: the schema's own bookkeeping (each engine keeps its version its own way). */
const NOT_DATA = /^(ccst_schema|sqlite_.*|kysely_.*)$/;
/** Rows per page when reading and per INSERT when writing; kept under SQLite's 32,766 bound parameters. */
const PAGE = 2_000;
const MAX_PARAMS = 30_000;

export interface TableInfo {
  name: string;
  columns: string[];
  /** Primary key columns, in key order: pages are read by key (keyset), never by OFFSET. */
  key: string[];
  /** A column filled by the database (audit ids): its sequence follows the copied values on PostgreSQL. */
  identity?: string;
}

export interface TableCheck {
  table: string;
  rows: number;
  checksum: string;
}

type AnyDb = Kysely<any>;

/** The session's tables with their columns and keys, as the database itself describes them. */
export async function dataTables(db: AnyDb, engine: Workspace['engine']): Promise<TableInfo[]> {
  const tables = (await db.introspection.getTables()).filter((t) => !t.isView && !NOT_DATA.test(t.name));
  const out: TableInfo[] = [];
  for (const t of tables.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    out.push({
      name: t.name,
      columns: t.columns.map((c) => c.name).sort(),
      key: await primaryKey(db, engine, t.name),
      identity: t.columns.find((c) => c.isAutoIncrementing)?.name,
    });
  }
  return out;
}

/** Engine-specific catalogue queries (the one place here that is not plain Kysely): each dialect's own catalogue. */
async function primaryKey(db: AnyDb, engine: Workspace['engine'], table: string): Promise<string[]> {
  if (engine === 'sqlite') {
    const { rows } = await sql<{ name: string; pk: number }>`SELECT name, pk FROM pragma_table_info(${table}) WHERE pk > 0 ORDER BY pk`.execute(db);
    return rows.map((r) => r.name);
  }
  const { rows } = await sql<{ name: string }>`
    SELECT a.attname AS name FROM pg_index i
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
    WHERE i.indrelid = to_regclass(${table}) AND i.indisprimary
    ORDER BY array_position(i.indkey, a.attnum)`.execute(db);
  return rows.map((r) => r.name);
}

/** Every row of a table, page by page in key order (whole table at once only if it has no key). */
export async function* readTable(db: AnyDb, t: TableInfo): AsyncGenerator<Record<string, unknown>[]> {
  if (t.key.length === 0) {
    yield await db.selectFrom(t.name).select(t.columns).execute();
    return;
  }
  let after: unknown[] | undefined;
  for (;;) {
    let q = db.selectFrom(t.name).select(t.columns);
    if (after) {
      const last = after;
      q = q.where((eb) => (t.key.length === 1 ? eb(t.key[0]!, '>', last[0]) : eb(eb.refTuple(...(t.key as [string, string])), '>', eb.tuple(...(last as [unknown, unknown])))));
    }
    for (const k of t.key) q = q.orderBy(k);
    const rows = await q.limit(PAGE).execute();
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE) return;
    const lastRow = rows[rows.length - 1]!;
    after = t.key.map((k) => lastRow[k]);
  }
}

/**
 * Order-independent checksum of a table: the sum (mod 2^128) of a SHA-256 of each row in a canonical form — columns by
 * name, values as JSON (an integer is the same number on both engines, text the same string, NULL null).
 */
export class TableDigest {
  rows = 0;
  private sum = 0n;
  add(row: Record<string, unknown>, columns: string[]): void {
    const canonical = JSON.stringify(columns.map((c) => normalise(row[c])));
    const h = crypto.createHash('sha256').update(canonical).digest();
    this.sum = (this.sum + h.readBigUInt64BE(0) * 2n ** 64n + h.readBigUInt64BE(8)) % 2n ** 128n;
    this.rows++;
  }
  get checksum(): string {
    return this.sum.toString(16).padStart(32, '0');
  }
}

function normalise(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v === undefined ? null : v;
}

export async function checkTable(db: AnyDb, t: TableInfo): Promise<TableCheck> {
  const d = new TableDigest();
  for await (const page of readTable(db, t)) for (const row of page) d.add(row, t.columns);
  return { table: t.name, rows: d.rows, checksum: d.checksum };
}

/** Tables of the target that hold rows (a copy refuses those unless asked to replace them). */
export async function nonEmptyTables(db: AnyDb, tables: TableInfo[]): Promise<{ table: string; rows: number }[]> {
  const out: { table: string; rows: number }[] = [];
  for (const t of tables) {
    const r = await db.selectFrom(t.name).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(r.n) > 0) out.push({ table: t.name, rows: Number(r.n) });
  }
  return out;
}

export class CopyMismatchError extends Error {
  constructor(readonly mismatches: { table: string; source: TableCheck | undefined; target: TableCheck | undefined }[]) {
    super(`copie refusée : ${mismatches.map((m) => m.table).join(', ')} ne correspond pas à la source`);
  }
}

export interface CopyReport {
  tables: TableCheck[];
  replaced: { table: string; rows: number }[];
}

/**
 * Copies every table of `source` into `target` (the target opened with { migrate: false }: its schema is brought to
 * this ccst's version here). One snapshot of the source; one transaction on the target: migrate, delete (when
 * `replace`), insert, reset identities, read back and compare, append the audit row. Throws CopyMismatchError
 * (rolled back) when a table differs; any failure leaves the target as it was, schema included.
 */
export async function copyWorkspace(
  source: Workspace,
  target: Workspace,
  opts: { replace: boolean; at: Date; from: string; onTable?: (t: TableCheck) => void },
): Promise<CopyReport> {
  const tables = await dataTables(source.db as unknown as AnyDb, source.engine);
  // Table names come from the database's own catalogue, not from the typed schema: untyped Kysely here.
  const sourceDb = source.db as unknown as AnyDb;
  const targetDb = target.db as unknown as AnyDb;
  const src = source.engine === 'postgres' ? sourceDb.transaction().setIsolationLevel('repeatable read') : sourceDb.transaction();
  return src.execute(async (read) => {
    if (source.engine === 'postgres') await sql`SET TRANSACTION READ ONLY`.execute(read);
    return targetDb.transaction().execute(async (trx) => {
      // The target's schema is made (or brought up to date) in this transaction, opened with { migrate: false }: a
      // copy that fails leaves a new PostgreSQL database as empty as it was, not with ccst's empty tables.
      await migrateWithin(trx, target.engine);
      const targetTables = new Map((await dataTables(trx, target.engine)).map((t) => [t.name, t]));
      const missing = tables.filter((t) => !targetTables.has(t.name)).map((t) => t.name);
      if (missing.length) throw new Error(`tables absentes de la cible : ${missing.join(', ')}`);
      const replaced = await nonEmptyTables(trx, [...targetTables.values()]);
      if (replaced.length && !opts.replace) throw new TargetNotEmptyError(replaced);
      for (const t of targetTables.values()) if (replaced.some((r) => r.table === t.name)) await trx.deleteFrom(t.name).execute();
      const checks: TableCheck[] = [];
      const mismatches: CopyMismatchError['mismatches'] = [];
      for (const t of tables) {
        const digest = new TableDigest();
        const perInsert = Math.max(1, Math.min(PAGE, Math.floor(MAX_PARAMS / t.columns.length)));
        try {
          for await (const page of readTable(read, t)) {
            for (const row of page) digest.add(row, t.columns);
            for (let i = 0; i < page.length; i += perInsert) await trx.insertInto(t.name).values(page.slice(i, i + perInsert)).execute();
          }
        } catch (e) {
          // The table being copied, for the message (the server does not always name it: a value it cannot hold).
          if (e instanceof Error) Object.assign(e, { copyTable: t.name });
          throw e;
        }
        if (t.identity && target.engine === 'postgres') {
          // The identity's next value follows the copied ids (PostgreSQL's own function; SQLite's AUTOINCREMENT does it).
          await sql`SELECT setval(pg_get_serial_sequence(${t.name}, ${t.identity}), coalesce((SELECT max(${sql.ref(t.identity)}) FROM ${sql.table(t.name)}), 0) + 1, false)`.execute(trx);
        }
        const expected: TableCheck = { table: t.name, rows: digest.rows, checksum: digest.checksum };
        const got = await checkTable(trx, targetTables.get(t.name)!.columns.join() === t.columns.join() ? t : targetTables.get(t.name)!);
        if (got.rows !== expected.rows || got.checksum !== expected.checksum) mismatches.push({ table: t.name, source: expected, target: got });
        checks.push(expected);
        opts.onTable?.(expected);
      }
      if (mismatches.length) throw new CopyMismatchError(mismatches);
      await appendAudit(trx as unknown as Workspace['db'], {
        at: opts.at.toISOString(),
        command: 'workspace copy',
        detail: { from: opts.from, tables: Object.fromEntries(checks.map((c) => [c.table, c.rows])), replaced: replaced.length > 0 },
        agent: target.agent,
      });
      return { tables: checks, replaced };
    });
  });
}

export class TargetNotEmptyError extends Error {
  constructor(readonly tables: { table: string; rows: number }[]) {
    super(`la cible n’est pas vide : ${tables.map((t) => `${t.table} (${t.rows})`).join(', ')}`);
  }
}
