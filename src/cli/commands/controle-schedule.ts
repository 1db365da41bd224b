// ccst controle schedule: the timetable of the épreuves de contrôle (controle/schedule.ts) in one oral centre over
// the days given; all or nothing: if a chosen oral does not fit, nothing is stored and the missing ones are listed
// (exit 4). The whole timetable is recomputed from the choices each time.
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { say } from '../context.js';
import { parseOptions } from '../options.js';
import { ruleConflict, usageError } from '../errors.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { centresByUai } from '../../store/rosters.js';
import { candidatesByNumero } from '../../store/candidates.js';
import { replaceControleSlots } from '../../store/controle.js';
import { mutate } from '../../store/workspace.js';
import { commitLast } from '../commit-last.js';
import { parseTempsMajore } from '../../domain/scheduling/durations.js';
import { scheduleControle, type ControleJob } from '../../domain/controle/schedule.js';
import { writeTable } from '../../io/table-writer.js';
import { loadControleData, warnToConfirm } from '../controle/session-data.js';
import { claimOutputs } from '../output-policy.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'heure attendue au format HH:MM');

/** "06/07/2023" or "2023-07-06" → ISO date. */
function isoDate(s: string): string | undefined {
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s);
  const iso = fr ? `${fr[3]}-${fr[2]}-${fr[1]}` : s;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

const optionsSchema = z.object({
  workspace: z.string().optional(),
  centre: z.string({ message: '--centre est obligatoire (UAI du centre des épreuves de contrôle)' }).transform((s) => s.trim().toUpperCase()),
  dates: z.string({ message: '--dates est obligatoire (ex. --dates 2023-07-06,2023-07-07)' }),
  dayStart: hhmm.default('08:00'),
  dayEnd: hhmm.default('18:00'),
  commissions: z.coerce.number().int().positive().default(1),
  dryRun: z.boolean().optional(),
  force: z.boolean().optional(),
  output: z.string().optional(),
  csvFormat: z.enum(['excel-fr', 'rfc4180']).default('excel-fr'),
});

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const dates = opts.dates.split(/[\s,;]+/).filter(Boolean).map((d) => ({ raw: d, iso: isoDate(d) }));
  const bad = dates.filter((d) => !d.iso).map((d) => d.raw);
  if (bad.length || !dates.length) throw usageError(`--dates : date(s) illisible(s) ${bad.join(', ')} (AAAA-MM-JJ ou JJ/MM/AAAA)`);
  if (opts.dayStart >= opts.dayEnd) throw usageError('--day-start doit précéder --day-end');
  const writeFile = await claimOutputs(ctx, [opts.output], { workspace: opts, force: opts.force, dryRun: opts.dryRun });
  const ws = await openExistingWorkspace(ctx, opts, opts.dryRun ? 'read' : 'write');
  try {
    const data = await loadControleData(ws.db);
    if (!(await centresByUai(ws.db, opts.centre)).length) {
      throw usageError(`centre inconnu : ${opts.centre}`, ['Importez-le avec ccst centres import (type oral).']);
    }
    if (!data.choices.size) throw ruleConflict('aucun choix d’épreuves de contrôle enregistré', ['ccst controle choices choix.csv']);
    const registered = await candidatesByNumero(ws.db, [...data.choices.keys()]);
    const jobs: ControleJob[] = [...data.choices].map(([numero, units]) => {
      const t = parseTempsMajore(registered.get(numero)?.tempsMajore);
      return { numero, units, tempsMajore: t.ok ? t.value : undefined };
    });
    const outcome = scheduleControle(data.regime, jobs, {
      centreUai: opts.centre, dates: dates.map((d) => d.iso!), dayStart: opts.dayStart, dayEnd: opts.dayEnd, commissions: opts.commissions,
    });
    if (!outcome.ok) {
      throw ruleConflict(`${outcome.unscheduled.length} oral(aux) de contrôle sans créneau : rien n’a été enregistré.`, [
        ...outcome.unscheduled.slice(0, 20).map((u) => `${u.numero} ${u.unite}`),
        'Ajoutez des commissions (--commissions), des jours (--dates) ou allongez la journée (--day-end).',
      ]);
    }
    // Commit last (commit-last.ts): the timetable file rendered first, then the slots stored, then the file renamed.
    const columns = ['date', 'commission', 'unite', 'heure_convocation', 'heure_passage', 'fin', 'numero', 'centre'];
    const rows = outcome.slots.map((s) => [s.date, s.commission, s.unite, s.start, s.passage, s.end, s.numero, s.centre_uai]);
    const toFile = Boolean(opts.output) && opts.output !== '-' && writeFile;
    await commitLast({
      targets: [toFile ? opts.output : undefined],
      cwd: ctx.cwd,
      render: async () => {
        if (toFile) await writeTable(path.resolve(ctx.cwd, opts.output!), ctx.stdout, { columns, rows }, { csvFormat: opts.csvFormat });
      },
      commit: opts.dryRun
        ? undefined
        : () => mutate(ws, 'controle schedule', ctx.now(), async (db) => {
          await replaceControleSlots(db, outcome.slots);
          return { result: undefined, detail: { centre: opts.centre, slots: outcome.slots.length } };
        }),
    });
    if (opts.output === '-') await writeTable('-', ctx.stdout, { columns, rows }, { csvFormat: opts.csvFormat });
    const last = outcome.slots.reduce((m, s) => (s.end > m ? s.end : m), '00:00');
    say(ctx, `${opts.dryRun ? 'Simulation (--dry-run) : ' : ''}${outcome.slots.length} oral(aux) de contrôle planifié(s) pour ${data.choices.size} candidat(s) au centre ${opts.centre}, dernière fin ${last}.`);
    warnToConfirm(ctx, data.regime, ['minutes', 'preparationMinutes']);
  } finally {
    await ws.close();
  }
}
