// The workspace: all the data of one session — candidates, centres, notes and the audit log — in one SQLite file
// (a path, the embedded default) or one PostgreSQL database (a postgres:// URL, issue #12), behind one Kysely store.
// Commands and store functions never see which engine they run on, except through Kysely's dialects.
import os from 'node:os';
import path from 'node:path';
import { PostgresAdapter, type Kysely } from 'kysely';
import type { DB } from './schema.js';
import type { Engine } from './migrations.js';
import { schemaVersionOf } from './migrate.js';
import { isPostgresUrl } from './pg-url.js';
import { markCommitted } from '../io/interrupt.js';

export type { Engine } from './migrations.js';
export type Db = Kysely<DB>;

export interface Workspace {
  db: Db;
  engine: Engine;
  /** The file path, or the URL with its password left out: what messages show. */
  target: string;
  /** Who the audit log names for this connection's changes (issue #12 §2). */
  agent: string;
  close(): Promise<void>;
}

export const DEFAULT_WORKSPACE_FILE = 'ccst.db';

/** --workspace wins over CCST_WORKSPACE, which wins over ./ccst.db. A PostgreSQL URL is kept as it is. */
export function resolveWorkspacePath(cwd: string, flag?: string, env?: string): string {
  const target = flag || env || DEFAULT_WORKSPACE_FILE;
  return isPostgresUrl(target) ? target : path.resolve(cwd, target);
}

export { isPostgresUrl };

export interface OpenOptions {
  create: boolean;
  readonly?: boolean;
  /** Environment for the PostgreSQL connection (PGPASSWORD, PGSERVICE…); the process's by default. */
  env?: Record<string, string | undefined>;
  /**
   * false: the schema is left as found (a newer one is still refused) — the caller migrates inside its own transaction
   * (migrateWithin: `workspace copy`, whose failure must leave the target as it was). Default true.
   */
  migrate?: boolean;
}

/**
 * Opens (creating when asked) and migrates. SQLite: a new file is made mode 0600 (personal data); an existing file's
 * mode is its owner's business. PostgreSQL: the database must exist; `create` makes the schema in it.
 */
export async function openWorkspace(target: string, opts: OpenOptions = { create: false }): Promise<Workspace> {
  if (isPostgresUrl(target)) {
    const { openPostgres } = await import('./pg-open.js');
    return openPostgres(target, opts);
  }
  const { openSqlite } = await import('./sqlite-open.js');
  return openSqlite(target, opts);
}

export class WorkspaceMissingError extends Error {
  constructor(readonly file: string) {
    super(`workspace introuvable: ${file}`);
  }
}

/** Which engine a Db speaks (for the few places that must know, e.g. a statement's parameter limit). */
export function engineOf(db: Db): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export async function schemaVersion(db: Db): Promise<number> {
  return schemaVersionOf(db, engineOf(db));
}

/** The OS user, for the audit log of a SQLite workspace (one person's file). */
export function osAgent(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.LOGNAME ?? 'inconnu';
  }
}

/**
 * Runs fn in one transaction and appends an audit row (command, counts, agent); all or nothing. On PostgreSQL the
 * transaction is REPEATABLE READ: fn sees one snapshot (a deliberation reads notes that do not move under it), and a
 * row changed by another agent since that snapshot makes the update fail (40001) instead of being overwritten —
 * the error becomes the CONFLICT message (exit 75) in cli/database-errors.ts; nothing is stored.
 */
export async function mutate<T>(
  ws: Workspace,
  command: string,
  at: Date,
  fn: (trx: Db) => Promise<{ result: T; detail: object }>,
): Promise<T> {
  const tx = ws.engine === 'postgres' ? ws.db.transaction().setIsolationLevel('repeatable read') : ws.db.transaction();
  try {
    const result = await tx.execute(async (trx) => {
      const { result, detail } = await fn(trx);
      await appendAudit(trx, { at: at.toISOString(), command, detail, agent: ws.agent });
      return result;
    });
    markCommitted(); // a Ctrl-C from now on finds the work stored (io/interrupt.ts)
    return result;
  } catch (e) {
    throw tagCommand(e, command, ws.agent);
  }
}

/** The command and the role a failure happened with, for the user's message (the database error knows neither). */
export function tagCommand(e: unknown, command: string, agent: string): unknown {
  if (e instanceof Error && !('ccstCommand' in e)) Object.assign(e, { ccstCommand: command, ccstAgent: agent });
  return e;
}

export async function appendAudit(db: Db, row: { at: string; command: string; detail: object; agent: string }): Promise<void> {
  await db.insertInto('audit_log').values({ at: row.at, command: row.command, detail: JSON.stringify(row.detail), agent: row.agent }).execute();
}

export async function getMeta(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function setMeta(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
    .execute();
}

export interface AuditRow {
  id: number;
  at: string;
  command: string;
  detail: string;
  agent: string | null;
}

export async function auditLog(db: Db): Promise<AuditRow[]> {
  return db.selectFrom('audit_log').select(['id', 'at', 'command', 'detail', 'agent']).orderBy('id').execute();
}
