// ccst workspace migrate: brings the workspace's schema to this version of ccst (issue #12 item 3). On PostgreSQL it
// is the schema owner's command: a role that may not change the schema (a writer, a reader) gets a French message
// naming the role and who can do it, exit 2, and nothing changes. --dry-run lists the pending steps.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { say } from '../context.js';
import { CcstError, EXIT } from '../errors.js';
import { parseOptions } from '../options.js';
import { openExistingWorkspace, workspacePath } from '../workspace-access.js';
import { MIGRATIONS } from '../../store/migrations.js';
import { migrate, schemaVersionOf } from '../../store/migrate.js';
import { isPostgresUrl } from '../../store/workspace.js';
import { redactUrl } from '../../store/pg-config.js';

const optionsSchema = z.object({ workspace: z.string().optional(), dryRun: z.boolean().optional(), json: z.boolean().optional() });

interface MigrateReport {
  workspace: string;
  from: number;
  to: number;
  steps: string[];
  applied: boolean;
}

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const target = workspacePath(ctx, opts);
  const report = isPostgresUrl(target) ? await migratePostgres(ctx, target, Boolean(opts.dryRun)) : await migrateSqlite(ctx, opts, Boolean(opts.dryRun));
  if (opts.json) ctx.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else if (report.steps.length === 0) say(ctx, `Schéma à jour : ${report.workspace} (version ${report.to}).`);
  else {
    say(ctx, `${report.applied ? 'Schéma mis à jour' : 'À appliquer (--dry-run : rien n’est modifié)'} : ${report.workspace}, version ${report.from} → ${report.to}`);
    for (const s of report.steps) say(ctx, `  ${s}`);
  }
}

async function migratePostgres(ctx: Ctx, url: string, dryRun: boolean): Promise<MigrateReport> {
  const shown = redactUrl(url);
  const { openPostgresConnection } = await import('../../store/pg-open.js');
  const db = openPostgresConnection(url, ctx.env);
  try {
    const from = await schemaVersionOf(db, 'postgres');
    if (from === 0) {
      throw new CcstError('NO_WORKSPACE', EXIT.USAGE, `aucun workspace : ${shown}`, ['Cette base n’a pas encore de tables ccst : créez-les avec `ccst init` (rôle propriétaire).']);
    }
    if (from > MIGRATIONS.length) throw newer(shown, from);
    const steps = MIGRATIONS.slice(from).map((m) => m.name);
    if (!dryRun && steps.length) {
      try {
        await migrate(db, 'postgres');
      } catch (e) {
        if ((e as { code?: string }).code !== '42501') throw e;
        const { rows } = await (await import('kysely')).sql<{ u: string }>`SELECT current_user AS u`.execute(db);
        throw new CcstError('NOT_SCHEMA_OWNER', EXIT.USAGE, `le rôle PostgreSQL « ${rows[0]?.u} » ne peut pas mettre à jour le schéma de ${shown}`, [
          'La mise à jour du schéma est réservée à son propriétaire (README « Rôles PostgreSQL ») :',
          'demandez-la à la personne qui a ce rôle (ccst workspace migrate). Rien n’a été modifié.',
        ]);
      }
    }
    return { workspace: shown, from, to: MIGRATIONS.length, steps, applied: !dryRun && steps.length > 0 };
  } finally {
    await db.destroy();
  }
}

/** SQLite: one person's file; opening it for writing migrates it (as every command does), after reading where it was. */
async function migrateSqlite(ctx: Ctx, opts: { workspace?: string }, dryRun: boolean): Promise<MigrateReport> {
  const file = workspacePath(ctx, opts);
  if (!fs.existsSync(file)) await openExistingWorkspace(ctx, opts, 'read'); // throws « aucun workspace » (exit 2)
  const raw = new Database(file, { readonly: true, fileMustExist: true });
  let from: number;
  try {
    from = raw.pragma('user_version', { simple: true }) as number;
  } finally {
    raw.close();
  }
  if (from > MIGRATIONS.length) throw newer(file, from);
  const steps = MIGRATIONS.slice(from).map((m) => m.name);
  if (!dryRun && steps.length) {
    const ws = await openExistingWorkspace(ctx, opts, 'write');
    await ws.close();
  }
  return { workspace: file, from, to: MIGRATIONS.length, steps, applied: !dryRun && steps.length > 0 };
}

function newer(shown: string, found: number): CcstError {
  return new CcstError('NEWER_SCHEMA', EXIT.USAGE, `le workspace ${shown} a un schéma plus récent (${found}) que cette version de ccst (${MIGRATIONS.length})`, [
    'Mettez ccst à jour (npm install) ; rien n’a été modifié.',
  ]);
}
