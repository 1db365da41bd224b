// ccst init: creates the workspace of a session, with its regulation stored inside it.
import fs from 'node:fs';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { usageError } from '../errors.js';
import { confirmOrRefuse } from '../confirm.js';
import { workspacePath } from '../workspace-access.js';
import { isPostgresUrl, mutate, openWorkspace } from '../../store/workspace.js';
import { redactUrl } from '../../store/pg-url.js';
import { TABLES } from '../../store/schema.js';
import { readSessionInfo, writeLateness, writeSession } from '../../store/session.js';
import { latenessFlags, latenessFromFlags, latenessSummary } from '../lateness-options.js';
import { bundledRegulationPath, listBundledRegulations, readRegulationFile, DEFAULT_REGULATION_ID } from '../../io/regulation-file.js';
import { normaliseAcademie } from '../../domain/academie.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  session: z.string().regex(/^\d{4}$/, '--session attend une année sur 4 chiffres').optional(),
  academie: z.string().optional(),
  regulation: z.string().optional(),
  reset: z.boolean().optional(),
  yes: z.boolean().optional(),
  json: z.boolean().optional(),
  ...latenessFlags,
});

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = { ...parseOptions(optionsSchema, input) };
  const file = workspacePath(ctx, opts);
  const lateness = latenessFromFlags(opts);

  // Without flags at a terminal, ask (brief: `ccst init` without flags); never ask without one.
  if (ctx.isTTY && !opts.session && !opts.regulation) {
    const choices = listBundledRegulations().map((id) => ({ name: id, value: id }));
    opts.regulation = await ctx.prompt.select('Règlement de la session', choices, DEFAULT_REGULATION_ID);
    opts.session = await ctx.prompt.input('Année de la session', opts.regulation.match(/(\d{4})$/)?.[1] ?? '2024');
    if (!/^\d{4}$/.test(opts.session)) throw usageError('année de session attendue sur 4 chiffres');
    opts.academie = (await ctx.prompt.input('Académie (vide si nationale)', opts.academie ?? '')) || undefined;
  }

  // Without a terminal nobody can be asked: the session is never guessed (issue #10 §1).
  if (!opts.session && !opts.regulation) {
    throw usageError('ccst init : indiquez la session (aucune question n’est posée sans terminal)', [
      '--session <année>        année de la session, ex. --session 2024',
      '--regulation <fichier|id> règlement (sa session est prise si --session manque)',
      '--academie <nom>         académie du workspace, ex. --academie TOULOUSE',
      'Exemple : ccst init --session 2024 --academie TOULOUSE',
    ]);
  }
  const regulationArg = opts.regulation ?? DEFAULT_REGULATION_ID;
  const regulationFile = fs.existsSync(regulationArg) ? regulationArg : bundledRegulationPath(regulationArg);
  if (!fs.existsSync(regulationFile)) {
    throw usageError(`règlement inconnu : ${regulationArg}`, [`Fournis : ${listBundledRegulations().join(', ')} — ou le chemin d’un fichier JSON.`]);
  }
  const { regulation, text } = readRegulationFile(regulationFile);
  const session = opts.session ? Number(opts.session) : regulation.session;

  let academie: string | undefined;
  if (opts.academie) {
    academie = normaliseAcademie(regulation, opts.academie);
    if (!academie) throw usageError(`académie inconnue : ${opts.academie}`, [`Connues : ${regulation.academies.map((a) => a.code).join(', ')}`]);
  }

  const postgres = isPostgresUrl(file);
  const shown = postgres ? redactUrl(file) : file;
  if (!postgres && fs.existsSync(file)) {
    if (!opts.reset) {
      throw usageError(`le workspace existe déjà : ${file}`, ['Ajoutez --reset pour l’effacer et repartir de zéro.']);
    }
    await confirmOrRefuse(ctx, `Effacer toutes les données de ${file} ?`, { yes: opts.yes });
    fs.rmSync(file);
  }

  // PostgreSQL: the database is the office's (made by its administrator); init builds ccst's tables in it, and
  // --reset empties them (the database itself and its roles stay).
  const ws = await openWorkspace(file, { create: true, env: ctx.env });
  try {
    const existing = postgres ? await readSessionInfo(ws.db) : undefined;
    if (existing) {
      if (!opts.reset) {
        throw usageError(`le workspace existe déjà : ${shown} (session ${existing.session})`, ['Ajoutez --reset pour l’effacer et repartir de zéro.']);
      }
      await confirmOrRefuse(ctx, `Effacer toutes les données de ${shown} ?`, { yes: opts.yes });
    }
    await mutate(ws, 'init', ctx.now(), async (db) => {
      if (existing) for (const t of TABLES) await db.deleteFrom(t).execute();
      await writeSession(db, { session, academie, regulationId: regulation.id }, text);
      if (lateness) await writeLateness(db, lateness);
      return { result: undefined, detail: { session, academie, regulation: regulation.id, ...(lateness ? { lateness } : {}) } };
    });
  } finally {
    await ws.close();
  }
  const summary = { workspace: shown, session, academie: academie ?? null, regulation: regulation.id, lateness: lateness ?? null };
  if (opts.json) ctx.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  say(ctx, ctx.color.green(`Workspace créé : ${shown}`) + ` — session ${session}, règlement ${regulation.id}${academie ? `, académie ${academie}` : ''}`);
  if (lateness) say(ctx, latenessSummary(lateness));
}
