// Applies migrations.ts in order, on either engine. Where the count of applied migrations is kept:
// - SQLite: PRAGMA user_version, as since the first release — a workspace made by an older ccst (user_version 1..7,
//   the old SQL list) continues at the next step, and an older ccst refuses a newer workspace by the same number.
// - PostgreSQL: the one-row table ccst_schema(version); the migration holds an advisory lock so that two agents
//   starting a command at once do not both migrate.
import { sql, type Kysely } from 'kysely';
import { MIGRATIONS, type Engine } from './migrations.js';

/** Any number: it names ccst's migration lock among the server's advisory locks. */
const MIGRATION_LOCK = 4_212_012;

export async function schemaVersionOf(db: Kysely<any>, engine: Engine): Promise<number> {
  if (engine === 'sqlite') {
    const { rows } = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db);
    return rows[0]!.user_version;
  }
  const { rows } = await sql<{ t: string | null }>`SELECT to_regclass('ccst_schema')::text AS t`.execute(db);
  if (!rows[0]?.t) return 0;
  const v = await db.selectFrom('ccst_schema').select('version').executeTakeFirst();
  return (v?.version as number | undefined) ?? 0;
}

export class NewerSchemaError extends Error {
  constructor(readonly found: number) {
    super(`ce workspace a été créé par une version plus récente de ccst (schéma ${found} > ${MIGRATIONS.length})`);
  }
}

/** A role that may not change the schema met an older one: the schema owner migrates it (ccst workspace migrate). */
export class SchemaMigrationRefusedError extends Error {
  constructor(readonly target: string, readonly found: number, readonly reason: unknown) {
    super(`le schéma du workspace ${target} est à la version ${found} sur ${MIGRATIONS.length} et ce rôle PostgreSQL ne peut pas le mettre à jour`);
  }
}

/** Brings the schema to the last migration (one transaction: all steps or none). Returns the version found before. */
export async function migrate(db: Kysely<any>, engine: Engine): Promise<number> {
  const found = await schemaVersionOf(db, engine);
  if (found > MIGRATIONS.length) throw new NewerSchemaError(found);
  if (found === MIGRATIONS.length) return found;
  await db.transaction().execute((trx) => migrateWithin(trx, engine));
  return found;
}

/**
 * The steps of migrate() inside the caller's transaction (both engines change their schema transactionally): a command
 * that must leave a database as it found it when it fails — `workspace copy` into a new PostgreSQL database — creates
 * the tables in the transaction that fills them.
 */
export async function migrateWithin(trx: Kysely<any>, engine: Engine): Promise<void> {
  if (engine === 'postgres') {
    await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS ccst_schema (version integer NOT NULL)`.execute(trx);
  }
  // On PostgreSQL, read under the lock: another agent may have migrated meanwhile.
  const current = await schemaVersionOf(trx, engine);
  if (current > MIGRATIONS.length) throw new NewerSchemaError(current);
  if (current === MIGRATIONS.length) return;
  for (let v = current; v < MIGRATIONS.length; v++) await MIGRATIONS[v]!.up(trx, engine);
  if (engine === 'sqlite') {
    // PRAGMA takes no bound parameter; the value is an integer of ours.
    await sql.raw(`PRAGMA user_version = ${MIGRATIONS.length}`).execute(trx);
  } else {
    await trx.deleteFrom('ccst_schema').execute();
    await trx.insertInto('ccst_schema').values({ version: MIGRATIONS.length }).execute();
  }
}
