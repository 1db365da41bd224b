// ccst seating export [--epreuve E5] [--centre UAI] [-o places.xlsx|csv|json] [--json]: every stored seat (issue #14
// §5) — numéro, épreuve, centre, salle, place, aménagement — for the office, a script or a check. Cells from the
// data are written inert (io/table-writer.ts neutralises formulas).
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { usageError } from '../errors.js';
import { requireKnownCentre } from '../centre-option.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { claimOutputs } from '../output-policy.js';
import { sessionRegulation } from '../../store/session.js';
import { listSeats } from '../../store/rooms.js';
import { writeTable, type OutCell } from '../../io/table-writer.js';
import { writtenUnit } from '../seating/sittings.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  epreuve: z.string().optional(),
  centre: z.string().transform((s) => s.trim().toUpperCase()).optional(),
  output: z.string().default('-'),
  csvFormat: z.enum(['excel-fr', 'rfc4180']).default('excel-fr'),
  json: z.boolean().optional(),
  force: z.boolean().optional(),
});

export const SEAT_COLUMNS = ['numero', 'epreuve', 'centre_uai', 'salle', 'place', 'amenagement'];

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  await claimOutputs(ctx, [opts.json ? undefined : opts.output], { workspace: opts, force: opts.force });
  const ws = await openExistingWorkspace(ctx, opts, 'read');
  try {
    const reg = await sessionRegulation(ws.db);
    const epreuve = opts.epreuve === undefined ? undefined : writtenUnit(reg, opts.epreuve).epreuve;
    await requireKnownCentre(ws.db, opts.centre);
    const seats = await listSeats(ws.db, { epreuve, centre: opts.centre });
    if (!seats.length) throw usageError(`aucune place enregistrée${epreuve ? ` pour ${epreuve}` : ''}${opts.centre ? ` au centre ${opts.centre}` : ''}`, ['Lancez d’abord ccst seat --epreuve E5.']);
    const rows = seats.map((s): OutCell[] => [s.numero, s.epreuve, s.centreUai, s.salle, s.place, s.amenagement]);
    const target = opts.json || opts.output === '-' ? '-' : path.resolve(ctx.cwd, opts.output);
    await writeTable(target, ctx.stdout, { columns: SEAT_COLUMNS, rows, sheetName: 'Places' }, { format: opts.json ? 'json' : undefined, csvFormat: opts.csvFormat });
    if (target !== '-') say(ctx, `${rows.length} place(s) écrite(s) dans ${target}`);
  } finally {
    await ws.close();
  }
}
