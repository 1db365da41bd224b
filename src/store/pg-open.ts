// Opening a PostgreSQL workspace (issue #12): a pg Pool under Kysely's PostgresDialect. The database must exist (the
// office's server, made by its administrator); `create` (ccst init) builds ccst's tables in it. The schema is brought
// up to date when this role may do so; otherwise the message asks for the schema owner's `ccst workspace migrate`.
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { DB } from './schema.js';
import { MIGRATIONS } from './migrations.js';
import { migrate, NewerSchemaError, schemaVersionOf, SchemaMigrationRefusedError } from './migrate.js';
import { newPool, redactUrl } from './pg-pool.js';
import { WorkspaceMissingError, type OpenOptions, type Workspace } from './workspace.js';

export function openPostgresConnection(url: string, env: Record<string, string | undefined> = process.env): Kysely<DB> {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool: newPool(url, env) }) });
}

export async function openPostgres(url: string, opts: OpenOptions): Promise<Workspace> {
  const target = redactUrl(url);
  const db = openPostgresConnection(url, opts.env ?? process.env);
  try {
    const { rows } = await sql<{ agent: string }>`SELECT current_user AS agent`.execute(db);
    const found = await schemaVersionOf(db, 'postgres');
    if (found === 0 && !opts.create) throw new WorkspaceMissingError(target);
    if (found > MIGRATIONS.length && opts.migrate === false) throw new NewerSchemaError(found);
    if (found !== MIGRATIONS.length && opts.migrate !== false) {
      try {
        await migrate(db, 'postgres');
      } catch (e) {
        if ((e as { code?: string }).code === '42501') throw new SchemaMigrationRefusedError(target, found, e);
        throw e;
      }
    }
    return { db, engine: 'postgres', target, agent: rows[0]!.agent, close: () => db.destroy() };
  } catch (e) {
    await db.destroy();
    throw e;
  }
}
