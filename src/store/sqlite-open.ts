// Opening a SQLite workspace (the embedded default): file modes, pragmas, read-only handling, then Kysely over the
// same better-sqlite3 connection (sqlite-dialect.ts).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { DB } from './schema.js';
import { MIGRATIONS } from './migrations.js';
import { migrate, NewerSchemaError, schemaVersionOf } from './migrate.js';
import { sqliteDialect } from './sqlite-dialect.js';
import { osAgent, WorkspaceMissingError, type OpenOptions, type Workspace } from './workspace.js';

/**
 * A new file is made mode 0600: it holds personal data. An existing file's mode is its owner's business (issue #9
 * item 6): never changed on open — a workspace set to 0400 stays read-only, and one owned by someone else can still be
 * read. `readonly` opens it for reading only (commands that only read).
 */
export async function openSqlite(file: string, opts: OpenOptions): Promise<Workspace> {
  const exists = fs.existsSync(file);
  if (!exists && !opts.create) throw new WorkspaceMissingError(file);
  if (!exists) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
    fs.chmodSync(file, 0o600); // exactly 0600 whatever the umask
  }
  if (opts.readonly && exists) return openReadonly(file);
  const raw = new Database(file);
  const ws = wrap(raw, file);
  try {
    raw.pragma('journal_mode = DELETE');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    if (opts.migrate === false) await refuseNewer(ws.db);
    else await migrate(ws.db, 'sqlite');
  } catch (e) {
    await ws.close();
    throw e;
  }
  return ws;
}

async function openReadonly(file: string): Promise<Workspace> {
  let raw = new Database(file, { readonly: true, fileMustExist: true });
  let ws = wrap(raw, file);
  try {
    raw.pragma('busy_timeout = 5000');
    if ((await schemaVersionOf(ws.db, 'sqlite')) < MIGRATIONS.length) {
      // An older schema: migrated once by a writable connection (a read-only file cannot be: said by SQLite).
      await ws.close();
      const rwRaw = new Database(file);
      const rw = wrap(rwRaw, file);
      try {
        rwRaw.pragma('busy_timeout = 5000');
        await migrate(rw.db, 'sqlite');
      } finally {
        await rw.close();
      }
      raw = new Database(file, { readonly: true, fileMustExist: true });
      ws = wrap(raw, file);
      raw.pragma('busy_timeout = 5000');
    }
    await migrate(ws.db, 'sqlite'); // checks a newer schema (refused); nothing to apply here
  } catch (e) {
    await ws.close();
    throw e;
  }
  return ws;
}

async function refuseNewer(db: Workspace['db']): Promise<void> {
  const found = await schemaVersionOf(db, 'sqlite');
  if (found > MIGRATIONS.length) throw new NewerSchemaError(found);
}

function wrap(raw: Database.Database, file: string): Workspace {
  const db = new Kysely<DB>({ dialect: sqliteDialect(raw) });
  return {
    db,
    engine: 'sqlite',
    target: file,
    agent: osAgent(),
    close: async () => {
      await db.destroy();
      if (raw.open) raw.close();
    },
  };
}

/** A second connection to the same file for the import worker thread (its own transaction, same pragmas). */
export function openSqliteConnection(file: string): Kysely<DB> {
  const raw = new Database(file);
  raw.pragma('busy_timeout = 5000');
  raw.pragma('foreign_keys = ON');
  return new Kysely<DB>({ dialect: sqliteDialect(raw) });
}
