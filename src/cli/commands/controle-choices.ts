// ccst controle choices <fichier>: the units each CONTROLE candidate chose, checked against the eligible list
// (controle/choices.ts); every refused cell with its row and column (exit 3); stored in one transaction.
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { say } from '../context.js';
import { parseOptions } from '../options.js';
import { inputError } from '../errors.js';
import { formatIssues } from '../issue-report.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { readControleChoices } from '../../io/deliberation-inputs.js';
import { checkChoices, eligibleCandidates } from '../../domain/controle/choices.js';
import { replaceChoices } from '../../store/controle.js';
import { mutate } from '../../store/workspace.js';
import { controleCandidates, loadControleData, voidedRule, warnToConfirm, warnVoidedRule } from '../controle/session-data.js';

const optionsSchema = z.object({
  file: z.string().min(1),
  workspace: z.string().optional(),
  dryRun: z.boolean().optional(),
  json: z.boolean().optional(),
});

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const ws = await openExistingWorkspace(ctx, opts);
  try {
    const data = await loadControleData(ws.db);
    const voided = voidedRule();
    const eligible = eligibleCandidates(data.regime, controleCandidates(data), voided);
    const file = await readControleChoices(path.resolve(ctx.cwd, opts.file), data.reg);
    const outcome = checkChoices(data.regime, eligible, file.rows, new Set(data.results.keys()));
    const issues = [...file.issues, ...outcome.issues].sort((a, b) => a.row - b.row);
    warnVoidedRule(ctx, eligible, voided);
    if (issues.length) {
      throw inputError(`${issues.length} erreur(s) dans ${file.name} : aucun choix enregistré.`, formatIssues(file.name, issues), { issues });
    }
    for (const w of outcome.warnings) say(ctx, ctx.color.yellow(`Attention : ${w}`));
    if (!opts.dryRun) {
      await mutate(ws, 'controle choices', ctx.now(), async (db) => ({
        result: await replaceChoices(db, ctx.now(), file.name, outcome.choices),
        detail: { file: file.name, candidates: outcome.choices.size },
      }));
    }
    const missing = eligible.filter((e) => !outcome.choices.has(e.candidate.numero) && !data.choices.has(e.candidate.numero)).map((e) => e.candidate.numero);
    if (opts.json) ctx.stdout.write(JSON.stringify({ choices: Object.fromEntries(outcome.choices), sansChoix: missing, warnings: outcome.warnings }, null, 2) + '\n');
    say(ctx, `${opts.dryRun ? 'Simulation (--dry-run) : ' : ''}${outcome.choices.size} choix ${opts.dryRun ? 'vérifié(s), rien n’a été enregistré' : 'enregistré(s)'} (${file.name}).`);
    if (missing.length) say(ctx, ctx.color.yellow(`Attention : ${missing.length} candidat(s) CONTROLE sans choix : ${missing.join(', ')}.`));
    warnToConfirm(ctx, data.regime, ['beneficeChoosable', 'choice']);
  } finally {
    await ws.close();
  }
}
