// ccst controle eligible: the CONTROLE candidates of the first deliberation and the units each may choose
// (regime of the session: regulation `controle`), with the reason a unit cannot be chosen. Data on stdout.
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { say } from '../context.js';
import { parseOptions } from '../options.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { writeTable } from '../../io/table-writer.js';
import { eligibleCandidates } from '../../domain/controle/choices.js';
import { controleCandidates, loadControleData, voidedRule, warnToConfirm, warnVoidedRule } from '../controle/session-data.js';
import { claimOutputs } from '../output-policy.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  output: z.string().default('-'),
  json: z.boolean().optional(),
  csvFormat: z.enum(['excel-fr', 'rfc4180']).default('excel-fr'),
  force: z.boolean().optional(),
});

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  await claimOutputs(ctx, [opts.json ? undefined : opts.output], { workspace: opts, force: opts.force });
  const ws = await openExistingWorkspace(ctx, opts, 'read');
  try {
    const data = await loadControleData(ws.db);
    const voided = voidedRule();
    const eligible = eligibleCandidates(data.regime, controleCandidates(data), voided);
    const { min, max } = data.regime.choice.value;
    const columns = ['numero', 'nom', 'prenom', 'etablissement', 'motif', 'unites_possibles', 'unites_exclues', 'choix_enregistre'];
    const rows = eligible.map((e) => [
      e.candidate.numero, e.candidate.nom, e.candidate.prenom, e.candidate.etablissement, e.candidate.motif,
      e.choosable.map((c) => `${c.unite} (${c.note})`).join(' '),
      e.excluded.map((x) => `${x.unite} : ${x.reason}`).join(' ; '),
      (data.choices.get(e.candidate.numero) ?? []).join(' '),
    ]);
    await writeTable(opts.json || opts.output === '-' ? '-' : path.resolve(ctx.cwd, opts.output), ctx.stdout, { columns, rows }, { format: opts.json ? 'json' : undefined, csvFormat: opts.csvFormat });
    say(ctx, `${eligible.length} candidat(s) aux épreuves de contrôle (${data.regime.label}) : ${min === max ? min : `${min} à ${max}`} épreuve(s) à choisir parmi ${data.regime.epreuves.map((e) => e.unite).join(', ')}.`);
    const without = eligible.filter((e) => !data.choices.has(e.candidate.numero)).length;
    if (without) say(ctx, `${without} candidat(s) sans choix enregistré (ccst controle choices choix.csv).`);
    warnToConfirm(ctx, data.regime, ['beneficeChoosable', 'choice', 'access']);
    warnVoidedRule(ctx, eligible, voided);
  } finally {
    await ws.close();
  }
}
