// ccst assignments export: where and when each candidate sits each épreuve (centre, date, times in the centre's
// zone), as CSV (French Excel) / XLSX / JSON; with --rollcall <dir>, XLSX roll-call and sign-in sheets per centre.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { inputError, usageError } from '../errors.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { sessionRegulation, readSessionInfo } from '../../store/session.js';
import { listCandidates } from '../../store/candidates.js';
import { listCentres } from '../../store/centres.js';
import { listAssignments, listOralSlots } from '../../store/assignments.js';
import { writeTable, type OutCell } from '../../io/table-writer.js';
import { writeRollCalls } from '../../io/rollcall-xlsx.js';
import { timetableRows } from '../../domain/assignment/timetable-rows.js';
import { claimOutputs } from '../output-policy.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  output: z.string().default('-'),
  csvFormat: z.enum(['excel-fr', 'rfc4180']).default('excel-fr'),
  json: z.boolean().optional(),
  rollcall: z.string().optional(),
  force: z.boolean().optional(),
});

const COLUMNS = [
  'numero', 'nom', 'prenom', 'epreuve', 'langue', 'centre_uai', 'centre_nom', 'centre_commune', 'zone',
  'date', 'heure_debut', 'heure_passage', 'heure_fin', 'heure_fin_temps_majore', 'commission',
];

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  await claimOutputs(ctx, [opts.json ? undefined : opts.output], { workspace: opts, force: opts.force });
  const ws = await openExistingWorkspace(ctx, opts, 'read');
  try {
    const reg = (await sessionRegulation(ws.db));
    const placements = (await listAssignments(ws.db));
    if (!placements.length) throw inputError('aucune affectation : lancez d’abord ccst assign-centres');
    const { rows, missing } = timetableRows(reg, (await listCandidates(ws.db)), (await listCentres(ws.db)), placements, (await listOralSlots(ws.db)));
    for (const m of missing) say(ctx, ctx.color.yellow(`Attention : ${m}`));
    const data = rows.map((r): OutCell[] => [
      r.candidate.numero, r.candidate.nom, r.candidate.prenom, r.epreuve, r.langue ?? '', r.centre.uai, r.centre.nom,
      r.centre.commune ?? '', r.centre.zone, r.date ?? '', r.start ?? '', r.passage ?? '', r.end ?? '', r.extendedEnd ?? '', r.commission ?? '',
    ]);
    if (opts.rollcall) {
      // The output rule (output-policy.ts) for the roll-call workbooks too: one per centre and nature (rollcall-xlsx.ts).
      const dir = path.resolve(ctx.cwd, opts.rollcall);
      const names = [...new Set(rows.map((r) => `emargement-${r.centre.uai}-${r.nature}.xlsx`))];
      await claimOutputs(ctx, names.map((n) => path.join(dir, n)), { workspace: opts, force: opts.force });
    }
    const target = opts.json || opts.output === '-' ? '-' : path.resolve(ctx.cwd, opts.output);
    await writeTable(target, ctx.stdout, { columns: COLUMNS, rows: data, sheetName: 'Affectations' }, { format: opts.json ? 'json' : undefined, csvFormat: opts.csvFormat });
    if (target !== '-') say(ctx, `${rows.length} ligne(s) écrite(s) dans ${target}`);
    if (opts.rollcall) {
      const dir = path.resolve(ctx.cwd, opts.rollcall);
      if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw usageError(`--rollcall : ${opts.rollcall} n’est pas un dossier`);
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 }); // personal data: owner only, like the files (issue #9 item 9)
      const session = (await readSessionInfo(ws.db))?.session ?? reg.session;
      const files = await writeRollCalls(dir, rows, `BTS CCST session ${session}`);
      say(ctx, `${files.length} classeur(s) d’émargement écrit(s) dans ${dir}`);
    }
  } finally {
    await ws.close();
  }
}
