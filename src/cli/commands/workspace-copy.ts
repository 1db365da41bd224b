// ccst workspace copy --to <fichier|postgres://…>: the whole workspace into another one, on either engine (issue #12
// item 4) — SQLite → PostgreSQL to share a session, PostgreSQL → SQLite to archive a closed one in one file. Every
// table is checked after the copy (rows and checksum, store/workspace-copy.ts) inside the target's one transaction.
import fs from 'node:fs';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { say } from '../context.js';
import { CcstError, EXIT, usageError } from '../errors.js';
import { parseOptions } from '../options.js';
import { assertWritableWorkspace, openExistingWorkspace } from '../workspace-access.js';
import { isPostgresUrl, openWorkspace, resolveWorkspacePath, type Workspace } from '../../store/workspace.js';
import { redactUrl } from '../../store/pg-config.js';
import { copyWorkspace, CopyMismatchError, TargetNotEmptyError } from '../../store/workspace-copy.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  to: z.string().min(1),
  replace: z.boolean().optional(),
  force: z.boolean().optional(),
  json: z.boolean().optional(),
});

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const replace = Boolean(opts.replace || opts.force);
  const to = resolveWorkspacePath(ctx.cwd, opts.to);
  const shownTo = redactUrl(to);
  const source = await openExistingWorkspace(ctx, opts, 'read');
  let target: Workspace | undefined;
  let created = false;
  let done = false;
  try {
    if (sameWorkspace(source.target, to)) throw usageError(`la cible est le workspace lui-même : ${shownTo}`, ['Indiquez un autre fichier ou une autre base avec --to.']);
    if (!isPostgresUrl(to)) {
      created = !fs.existsSync(to);
      if (!created) assertWritableWorkspace(to);
    }
    // Not migrated on open: the copy makes the target's schema in its own transaction (nothing left if it fails).
    target = await openWorkspace(to, { create: true, env: ctx.env, migrate: false });
    const report = await copyWorkspace(source, target, {
      replace,
      at: ctx.now(),
      from: source.target,
      onTable: (t) => {
        if (!opts.json) say(ctx, `  ${t.table.padEnd(18)} ${String(t.rows).padStart(9)} ligne(s)  somme ${t.checksum.slice(0, 12)}…`);
      },
    });
    done = true;
    if (opts.json) {
      ctx.stdout.write(JSON.stringify({ from: source.target, to: shownTo, replaced: report.replaced, tables: report.tables }, null, 2) + '\n');
    } else {
      const rows = report.tables.reduce((n, t) => n + t.rows, 0);
      say(ctx, `Copie vérifiée : ${report.tables.length} tables, ${rows} lignes, de ${source.target} vers ${shownTo}${report.replaced.length ? ' (contenu précédent remplacé)' : ''}.`);
    }
  } catch (e) {
    if (e instanceof TargetNotEmptyError) {
      throw new CcstError('TARGET_NOT_EMPTY', EXIT.USAGE, `la cible n’est pas vide : ${shownTo}`, [
        `Elle contient déjà : ${e.tables.map((t) => `${t.table} (${t.rows})`).join(', ')}.`,
        'Rien n’a été copié. --replace remplace tout son contenu par celui du workspace (dans une seule transaction).',
      ]);
    }
    if (e instanceof CopyMismatchError) {
      throw new CcstError('COPY_MISMATCH', EXIT.BUG, `copie annulée : la relecture de la cible ne correspond pas à la source`, [
        ...e.mismatches.map((m) => `${m.table} : source ${m.source?.rows ?? '?'} ligne(s) (${m.source?.checksum.slice(0, 12)}), cible ${m.target?.rows ?? '?'} (${m.target?.checksum.slice(0, 12)})`),
        'Rien n’a été écrit dans la cible. Signalez-le avec la sortie de --debug.',
      ]);
    }
    const table = (e as { copyTable?: string }).copyTable;
    const sqlstate = (e as { code?: unknown }).code;
    if (table && typeof sqlstate === 'string' && sqlstate.startsWith('22')) {
      // A data exception of the target (SQLSTATE class 22): a value the source holds and the target's engine cannot,
      // e.g. a NUL character in a text, which SQLite keeps and PostgreSQL refuses.
      throw new CcstError('INVALID_INPUT', EXIT.INVALID_INPUT, `copie annulée : la cible refuse une valeur de la table ${table} du workspace`, [
        `${shownTo} : ${e instanceof Error ? e.message : String(e)}.`,
        'Rien n’a été écrit dans la cible. Corrigez la valeur dans le workspace source, puis relancez la copie.',
      ], { table, sqlstate });
    }
    throw e;
  } finally {
    await target?.close();
    await source.close();
    // A file this command made for a copy that did not happen is not left behind (nothing half there).
    if (created && !done) fs.rmSync(to, { force: true });
  }
}

function sameWorkspace(a: string, b: string): boolean {
  if (isPostgresUrl(a) || isPostgresUrl(b)) return redactUrl(a) === redactUrl(b);
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return a === b;
  }
}
