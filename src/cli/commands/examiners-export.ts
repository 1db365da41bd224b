// ccst examiners export: the examiners as stored, with the import's column names (a file that `examiners import`
// reads back unchanged), as CSV (French Excel) / XLSX / JSON.
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { inputError } from '../errors.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { claimOutputs } from '../output-policy.js';
import { listExaminers } from '../../store/examiners.js';
import { writeTable, type OutCell } from '../../io/table-writer.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  output: z.string().default('-'),
  csvFormat: z.enum(['excel-fr', 'rfc4180']).default('excel-fr'),
  json: z.boolean().optional(),
  force: z.boolean().optional(),
});

export const EXAMINER_COLUMNS = ['nom', 'prenom', 'email', 'profil', 'etablissement_uai', 'academie', 'epreuves', 'dates', 'max_candidats', 'max_copies'];

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  await claimOutputs(ctx, [opts.json ? undefined : opts.output], { workspace: opts, force: opts.force });
  const ws = await openExistingWorkspace(ctx, opts, 'read');
  try {
    const examiners = await listExaminers(ws.db);
    if (!examiners.length) throw inputError('aucun examinateur : lancez d’abord ccst examiners import examinateurs.csv');
    const rows = examiners.map((e): OutCell[] => [
      e.nom, e.prenom, e.email, e.profils.join(' '), e.etablissementUai ?? '', e.academie, e.epreuves.join(' '), e.dates.join(' '),
      e.maxCandidats ?? '', e.maxCopies ?? '',
    ]);
    const target = opts.json || opts.output === '-' ? '-' : path.resolve(ctx.cwd, opts.output);
    await writeTable(target, ctx.stdout, { columns: EXAMINER_COLUMNS, rows, sheetName: 'Examinateurs' }, { format: opts.json ? 'json' : undefined, csvFormat: opts.csvFormat });
    if (target !== '-') say(ctx, `${rows.length} examinateur(s) écrit(s) dans ${target}`);
  } finally {
    await ws.close();
  }
}
