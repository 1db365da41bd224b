// Kysely over better-sqlite3, with two changes to its stock SqliteDialect (issue #12 §1):
// - prepared statements are kept by SQL text: the stock driver prepares every query again, which cost the import
//   ≈ 40 % of its time on 250k rows (one prepare per batch of the same shape); a statement is reused as it was
//   before Kysely, when each store kept its own prepared statements.
// - a write transaction starts with BEGIN IMMEDIATE, as the import did before: two ccst commands that both read and
//   then write would otherwise deadlock in SQLite's rollback-journal locking (one gets SQLITE_BUSY at once, without
//   waiting busy_timeout). A read-only connection keeps a plain BEGIN (a read snapshot).
// And one addition: each query first lets the event loop turn. better-sqlite3 is synchronous, so a command that
// only queries (a deliberation reading 200,000 candidates and 1.5M notes) never returned to the event loop, and a
// Ctrl-C waited minutes under load for its handler to run (issue #9 item 1, « Ctrl-C during a 200k deliberation »).
import { setImmediate as eventLoopTurn } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type DialectAdapter, type Driver, type Kysely, type SqliteDatabase, type SqliteStatement } from 'kysely';

const CACHE_SIZE = 64;

/** The cached statement preparer of each SQLite Kysely, by its adapter (shared by its transactions). */
const preparers = new WeakMap<DialectAdapter, SqliteDatabase>();

/**
 * For one measured hot path only (the import's inserts, candidate-import-sql.ts): the prepared statement of a SQL
 * text compiled by Kysely, run directly on the same connection — inside the transaction the caller holds. Undefined
 * on PostgreSQL.
 */
export function sqliteStatement(db: Kysely<any>, sql: string): SqliteStatement | undefined {
  return preparers.get(db.getExecutor().adapter)?.prepare(sql);
}

/** The Database seen through a statement cache (most recently used kept). */
function cachingDatabase(db: Database.Database): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => {
      cache.clear();
      db.close();
    },
    prepare(sql: string): SqliteStatement {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = db.prepare(sql);
        if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt as unknown as SqliteStatement;
    },
  };
}

class ImmediateSqliteDriver extends SqliteDriver {
  constructor(
    config: ConstructorParameters<typeof SqliteDriver>[0],
    private readonly readonly: boolean,
  ) {
    super(config);
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(this.readonly ? 'begin' : 'begin immediate'));
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    return interruptible(await super.acquireConnection());
  }
}

/** The connection whose queries each start on a new turn of the event loop (a pending signal is handled first). */
const wrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();
function interruptible(connection: DatabaseConnection): DatabaseConnection {
  let w = wrapped.get(connection);
  if (!w) {
    w = {
      executeQuery: async (query) => {
        await eventLoopTurn();
        return connection.executeQuery(query);
      },
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    };
    wrapped.set(connection, w);
  }
  return w;
}

class CcstSqliteDialect extends SqliteDialect {
  readonly #config: { database: SqliteDatabase };
  readonly #readonly: boolean;

  constructor(db: Database.Database) {
    const config = { database: cachingDatabase(db) };
    super(config);
    this.#config = config;
    this.#readonly = db.readonly;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config, this.#readonly);
  }

  override createAdapter(): DialectAdapter {
    const adapter = super.createAdapter();
    preparers.set(adapter, this.#config.database);
    return adapter;
  }
}

export function sqliteDialect(db: Database.Database): SqliteDialect {
  return new CcstSqliteDialect(db);
}
