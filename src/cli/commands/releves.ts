// ccst releves [--candidat N] [-o releves.pdf]: one relevé de notes per deliberated candidate (results table
// written by `ccst deliberate`), in stable order (nom, prénom, numéro).
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { say } from '../context.js';
import { usageError } from '../errors.js';
import { parseOptions } from '../options.js';
import { startProgress } from '../progress.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { readSessionInfo, sessionRegulation } from '../../store/session.js';
import { readResults } from '../../store/deliberation.js';
import { candidatesByNumero } from '../../store/candidates.js';
import { voieByCode } from '../../domain/regulation/units.js';
import type { ResultDetail } from '../../domain/deliberation/candidate-result.js';
import { academieLabel, modelHeading } from '../../documents/heading.js';
import { releveView } from '../../documents/releve-view.js';
import { claimOutputs } from '../output-policy.js';
import { ruleConflict } from '../errors.js';
import { terminalSafe } from '../terminal-text.js';
import { withheldCandidates } from '../incidents/withheld.js';
import { loadDiscipline } from '../../io/discipline-file.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  candidat: z.array(z.string()).optional(),
  output: z.string().default('releves.pdf'),
  force: z.boolean().optional(),
});

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const raw = { ...input, candidat: typeof input.candidat === 'string' ? [input.candidat] : input.candidat };
  const opts = parseOptions(optionsSchema, raw);
  if (path.extname(opts.output).toLowerCase() !== '.pdf') throw usageError(`${opts.output} : attendu un fichier .pdf`);
  await claimOutputs(ctx, [opts.output], { workspace: opts, force: opts.force });
  const ws = await openExistingWorkspace(ctx, opts, 'read');
  try {
    const reg = await sessionRegulation(ws.db);
    const info = await readSessionInfo(ws.db);
    let results = await readResults(ws.db);
    if (results.length === 0) throw usageError('aucun résultat de délibération dans le workspace', ['Lancez d’abord `ccst deliberate notes.csv`.']);
    if (opts.candidat) {
      const wanted = new Set(opts.candidat);
      results = results.filter((r) => wanted.has(r.numero));
      const missing = [...wanted].filter((n) => !results.some((r) => r.numero === n));
      if (missing.length) throw usageError(`sans résultat de délibération : ${missing.join(', ')}`);
    }
    // Issue #14 §4: no relevé while a fraud case is open, nor after a decision whose effect ccst does not apply
    // (domain/incidents/incident.ts withholdingReason); each withheld candidate is named on stderr with the reason.
    const withheld = await withheldCandidates(ws.db);
    const held = results.filter((r) => withheld.has(r.numero));
    if (held.length) {
      results = results.filter((r) => !withheld.has(r.numero));
      say(ctx, ctx.color.yellow(`Relevé(s) retenu(s) : ${held.length} candidat(s) (${loadDiscipline().withholding.source}) :`));
      for (const r of held) say(ctx, `  ${terminalSafe(r.numero)} : ${terminalSafe(withheld.get(r.numero)!)}`);
      if (!results.length) throw ruleConflict('aucun relevé à éditer : tous les candidats demandés sont retenus (procédure de fraude)');
    }
    const candidates = await candidatesByNumero(ws.db, results.map((r) => r.numero));
    const views = results.map((r) => {
      const d = JSON.parse(r.detail) as ResultDetail;
      const c = candidates.get(r.numero);
      const voie = c?.voie ?? d.voie ?? undefined;
      return releveView(reg, d, { dateNaissance: c?.dateNaissance, etablissement: c?.etablissement, voieLabel: voie ? (voieByCode(reg, voie)?.label ?? voie) : undefined });
    });
    views.sort((a, b) => a.nom.localeCompare(b.nom, 'fr', { sensitivity: 'base' }) || a.prenom.localeCompare(b.prenom, 'fr', { sensitivity: 'base' }) || a.numero.localeCompare(b.numero, 'fr', { numeric: true }));
    const session = info?.session ?? reg.session;
    const title = modelHeading(reg, session);
    const academie = academieLabel(reg, info?.academie);
    const { writePdfFile } = await import('../../documents/render/index.js');
    const { drawReleve } = await import('../../documents/releve.js');
    const output = path.resolve(ctx.cwd, opts.output);
    const progress = startProgress(ctx, 'Relevés', { total: views.length });
    const { pages } = await writePdfFile(output, { title: `Relevés de notes — session ${session}`, creationDate: ctx.now() }, async (w) => {
      for (const [i, v] of views.entries()) {
        drawReleve(w, title, academie, v);
        progress.add(1);
        if (i % 50 === 49) await w.yieldToStream();
      }
    });
    progress.done();
    say(ctx, ctx.color.green(`Relevés de notes : ${output} (${views.length} candidat(s), ${pages} page(s)).`));
  } finally {
    await ws.close();
  }
}
