// ccst rooms list [--centre UAI] [--json]: the rooms stored by `ccst rooms import`, by centre and name, with what
// they are for (aménagements, PMR) and their restrictions (épreuves, days).
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { requireKnownCentre } from '../centre-option.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { listRooms } from '../../store/rooms.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  centre: z.string().transform((s) => s.trim().toUpperCase()).optional(),
  json: z.boolean().optional(),
});

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const ws = await openExistingWorkspace(ctx, opts, 'read');
  try {
    await requireKnownCentre(ws.db, opts.centre);
    const rooms = await listRooms(ws.db, { centre: opts.centre });
    if (opts.json) {
      ctx.stdout.write(JSON.stringify({ rooms }, null, 2) + '\n');
      return;
    }
    if (!rooms.length) {
      say(ctx, `Aucune salle${opts.centre ? ` pour le centre ${opts.centre}` : ''} : importez-les avec ccst rooms import salles.csv`);
      return;
    }
    let centre = '';
    for (const r of rooms) {
      if (r.centreUai !== centre) {
        centre = r.centreUai;
        const mine = rooms.filter((x) => x.centreUai === centre);
        say(ctx, `${centre} : ${mine.length} salle(s), ${mine.reduce((n, x) => n + x.capacite, 0)} place(s)`);
      }
      const marks = [r.amenagements ? 'aménagements' : '', r.accessible ? 'accessible PMR' : ''].filter(Boolean).join(', ');
      const limits = [r.epreuves.length ? `épreuves ${r.epreuves.join(' ')}` : '', r.dates.length ? `jours ${r.dates.join(' ')}` : ''].filter(Boolean).join(' ; ');
      say(ctx, `  ${r.salle.padEnd(12)} ${String(r.capacite).padStart(4)} place(s)${marks ? ` — ${marks}` : ''}${limits ? ` — ${limits}` : ''}`);
    }
  } finally {
    await ws.close();
  }
}
