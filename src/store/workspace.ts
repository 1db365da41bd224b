// The workspace: one SQLite file per session holding candidates, centres, notes and the audit log.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

export interface Workspace {
  db: Db;
  path: string;
  close(): void;
}

export const DEFAULT_WORKSPACE_FILE = 'ccst.db';

/** --workspace wins over CCST_WORKSPACE, which wins over ./ccst.db. */
export function resolveWorkspacePath(cwd: string, flag?: string, env?: string): string {
  return path.resolve(cwd, flag || env || DEFAULT_WORKSPACE_FILE);
}

export function workspaceExists(file: string): boolean {
  return fs.existsSync(file);
}

/**
 * Opens (creating when asked) and migrates. A new file is made mode 0600: it holds personal data. An existing file's
 * mode is its owner's business (issue #9 item 6): never changed on open — a workspace set to 0400 stays read-only,
 * and one owned by someone else can still be read. `readonly` opens it for reading only (commands that only read).
 */
export function openWorkspace(file: string, opts: { create: boolean; readonly?: boolean }): Workspace {
  const exists = fs.existsSync(file);
  if (!exists && !opts.create) throw new WorkspaceMissingError(file);
  if (!exists) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
    fs.chmodSync(file, 0o600); // exactly 0600 whatever the umask
  }
  if (opts.readonly && exists) return openReadonly(file);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return { db, path: file, close: () => db.close() };
}

function openReadonly(file: string): Workspace {
  let db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    if ((db.pragma('user_version', { simple: true }) as number) < MIGRATIONS.length) {
      // An older schema: migrated once by a writable connection (a read-only file cannot be: said by SQLite).
      db.close();
      const rw = new Database(file);
      try {
        rw.pragma('busy_timeout = 5000');
        migrate(rw);
      } finally {
        rw.close();
      }
      db = new Database(file, { readonly: true, fileMustExist: true });
      db.pragma('busy_timeout = 5000');
    }
    migrate(db); // checks a newer schema (refused); nothing to apply here
  } catch (e) {
    db.close();
    throw e;
  }
  const ro = db;
  return { db: ro, path: file, close: () => ro.close() };
}

export class WorkspaceMissingError extends Error {
  constructor(readonly file: string) {
    super(`workspace introuvable: ${file}`);
  }
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `ce workspace a été créé par une version plus récente de ccst (schéma ${current} > ${MIGRATIONS.length})`,
    );
  }
  const apply = db.transaction(() => {
    for (let v = current; v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v]!.sql);
      db.pragma(`user_version = ${v + 1}`);
    }
  });
  apply();
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Runs fn in one transaction and appends an audit row with the command's counts; all or nothing. */
export function mutate<T>(ws: Workspace, command: string, at: Date, fn: (db: Db) => { result: T; detail: object }): T {
  const tx = ws.db.transaction(() => {
    const { result, detail } = fn(ws.db);
    ws.db
      .prepare('INSERT INTO audit_log (at, command, detail) VALUES (?, ?, ?)')
      .run(at.toISOString(), command, JSON.stringify(detail));
    return result;
  });
  return tx();
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

export interface AuditRow {
  id: number;
  at: string;
  command: string;
  detail: string;
}

export function auditLog(db: Db): AuditRow[] {
  return db.prepare('SELECT id, at, command, detail FROM audit_log ORDER BY id').all() as AuditRow[];
}
