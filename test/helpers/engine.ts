// One way for every test to get its workspace, on either engine (issue #12 item 5). The vitest project « postgres »
// (vitest.config.ts) sets CCST_TEST_ENGINE=postgres; test/setup/postgres.ts has started (or been given) a server whose
// admin URL is CCST_TEST_PG_URL, password in PGPASSFILE. There, the workspace of a test folder is a fresh database
// made on first use and dropped after the test file (test/setup/postgres-file.ts); on SQLite it is DIR/ccst.db as
// before. `ccst()` (cli.ts) points CCST_WORKSPACE at it, so a test that never names its workspace runs on both.
// Everything here is synchronous (psql, pg_dump), like the rest of the test helpers that spawn the CLI.
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type Engine = 'sqlite' | 'postgres';
export const ENGINE: Engine = process.env.CCST_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
export const onPostgres = ENGINE === 'postgres';

/** Databases made by this test file, by folder. */
const databases = new Map<string, string>();
let counter = 0;

function adminUrl(): URL {
  const url = process.env.CCST_TEST_PG_URL;
  if (!url) throw new Error('CCST_TEST_ENGINE=postgres sans CCST_TEST_PG_URL : lancez les tests par npm test (test/setup/postgres.ts)');
  return new URL(url);
}

/** The admin URL on another database (or as another user: role tests). */
export function pgUrl(database: string, user?: string): string {
  const u = adminUrl();
  u.pathname = `/${database}`;
  if (user) u.username = user;
  return u.toString();
}

/** Runs SQL as the admin (one statement per call: CREATE DATABASE cannot share a transaction). */
export function psql(sql: string, database = 'postgres', user?: string): string {
  const r = spawnSync('psql', [pgUrl(database, user), '-X', '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql ${sql}: ${r.stderr || r.error?.message}`);
  return r.stdout;
}

/** A new empty database; its name is unique across parallel workers and runs. */
export function createTestDatabase(): string {
  const name = `ccst_t_${process.pid}_${++counter}_${crypto.randomBytes(3).toString('hex')}`;
  psql(`CREATE DATABASE ${name}`);
  return name;
}

export function dropTestDatabase(name: string): void {
  psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** Drops what this test file made (called after each file on PostgreSQL). */
export function dropTestDatabases(): void {
  for (const name of databases.values()) dropTestDatabase(name);
  databases.clear();
}

/**
 * The workspace a test folder uses, as --workspace / CCST_WORKSPACE take it: DIR/ccst.db on SQLite, on PostgreSQL
 * the URL of the folder's own database (made on first call).
 */
export function workspaceFor(dir: string): string {
  if (!onPostgres) return path.join(dir, 'ccst.db');
  const key = path.resolve(dir);
  let name = databases.get(key);
  if (!name) {
    name = createTestDatabase();
    databases.set(key, name);
  }
  return pgUrl(name);
}

/** The folder's database name on PostgreSQL (undefined before its first use). */
export function databaseOf(dir: string): string | undefined {
  return databases.get(path.resolve(dir));
}

/** Whether the folder's workspace has been initialised (a SQLite file, or a PostgreSQL database with its schema). */
export function workspaceInitialised(dir: string): boolean {
  if (!onPostgres) return fs.existsSync(path.join(dir, 'ccst.db'));
  const name = databaseOf(dir);
  return name !== undefined && psql("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'meta'", name).trim() === '1';
}

/**
 * A fingerprint of everything stored: the SQLite file's bytes, or a data-only pg_dump (tables in name order, rows in
 * physical order — a command that changes nothing leaves both identical). Tests compare two fingerprints.
 */
export function workspaceFingerprint(dir: string): string {
  if (!onPostgres) return crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, 'ccst.db'))).digest('hex');
  const name = databaseOf(dir);
  if (!name) return 'no-database';
  const r = spawnSync('pg_dump', ['--data-only', '--no-owner', '--no-privileges', pgUrl(name)], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`pg_dump: ${r.stderr}`);
  return crypto.createHash('sha256').update(canonicalDump(r.stdout)).digest('hex');
}

/**
 * A data-only dump reduced to what the data is: comments, pg_dump's random `\restrict` key and sequence positions
 * dropped (a rolled-back transaction still advances a sequence — PostgreSQL sequences are not transactional), the rows
 * of each table sorted (an UPDATE that changed nothing still moves a row in the heap).
 */
function canonicalDump(dump: string): string {
  const out: string[] = [];
  let rows: string[] | undefined;
  for (const line of dump.split('\n')) {
    if (rows) {
      if (line === '\\.') {
        out.push(...rows.sort(), line);
        rows = undefined;
      } else rows.push(line);
    } else if (line.startsWith('COPY ')) {
      out.push(line);
      rows = [];
    } else if (line && !line.startsWith('--') && !line.includes('pg_catalog.setval(') && !/^\\(un)?restrict /.test(line)) out.push(line);
  }
  return out.join('\n');
}

/**
 * Runs one read query on the folder's workspace; rows as JSON values on both engines (PostgreSQL: json_agg, so
 * numbers stay numbers). The SQL must be valid on both (plain SELECT).
 */
export function queryWorkspace<T>(dir: string, sql: string): T[] {
  if (!onPostgres) {
    const db = new Database(path.join(dir, 'ccst.db'), { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  }
  const name = databaseOf(dir);
  if (!name) throw new Error(`aucune base PostgreSQL pour ${dir}`);
  const out = psql(`SELECT coalesce(json_agg(q), '[]') FROM (${sql}) q`, name);
  return JSON.parse(out) as T[];
}

/**
 * Runs one write statement per parameter row on the folder's workspace, outside ccst (a test planting data as an
 * older ccst would have stored it). `?` placeholders; on PostgreSQL they become $1…$n and the statements run in a
 * child process with pg (the helpers stay synchronous), in one transaction.
 */
export function writeWorkspace(dir: string, sqlText: string, rows: unknown[][]): void {
  if (!onPostgres) {
    const db = new Database(path.join(dir, 'ccst.db'));
    try {
      const stmt = db.prepare(sqlText);
      db.transaction(() => rows.forEach((r) => stmt.run(...r)))();
    } finally {
      db.close();
    }
    return;
  }
  let n = 0;
  const pgSql = sqlText.replace(/\?/g, () => `$${++n}`);
  const script = `
    import pg from 'pg';
    import { pgPoolConfig } from ${JSON.stringify(path.join(REPO_ROOT, 'dist', 'store', 'pg-config.js'))};
    const { url, sql, rows } = JSON.parse(await new Promise((res) => { let s = ''; process.stdin.on('data', (d) => (s += d)); process.stdin.on('end', () => res(s)); }));
    const c = new pg.Client(pgPoolConfig(url));
    await c.connect();
    await c.query('BEGIN');
    for (const r of rows) await c.query(sql, r);
    await c.query('COMMIT');
    await c.end();`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: REPO_ROOT,
    input: JSON.stringify({ url: workspaceFor(dir), sql: pgSql, rows }),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`writeWorkspace: ${r.stderr}`);
}
