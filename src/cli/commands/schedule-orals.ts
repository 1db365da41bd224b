// ccst schedule-orals: a day, a commission and a passage time for every ponctuel oral already assigned to a
// centre (durations from the règlement d'examen, circulaire nationale §2). Stable re-runs: earlier slots are
// kept while valid. A timetable that does not fit → exit 4 with the shortfall per centre and épreuve.
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { inputError, ruleConflict } from '../errors.js';
import { concurrentChange } from '../database-errors.js';
import { confirmOrRefuse } from '../confirm.js';
import { refuseMissingLanguages } from '../language-check.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { mutate } from '../../store/workspace.js';
import { sessionRegulation } from '../../store/session.js';
import { listCandidates } from '../../store/candidates.js';
import { listCentres } from '../../store/centres.js';
import { listAssignments, listOralSlots, replaceOralSlots } from '../../store/assignments.js';
import { examDayRequirements } from '../../domain/assignment/requirements.js';
import { scheduleOrals, type OralSlot } from '../../domain/scheduling/oral-timetable.js';
import { toMinutes } from '../../domain/scheduling/durations.js';
import { listCommissions } from '../../store/examiners.js';
import { staleCommissions, candidateMoves } from '../../domain/examiners/staleness.js';
import { plannedOf } from '../commissions/planned-input.js';
import { readBasis, REBUILD_HINT, staleLines } from '../commissions/staleness.js';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'heure attendue au format HH:MM, ex. 08:00');
/**
 * Defaults of the oral day (issue #10 §14), an organisation choice documented in the README, not a rule of the
 * texts: a midday break 12:00–13:30 and 30 minutes at least between two orals of one candidate.
 */
export const DEFAULT_PAUSE = '12:00-13:30';
export const DEFAULT_MIN_GAP = 30;
const pause = z
  .string()
  .trim()
  .default(DEFAULT_PAUSE)
  .transform((v, c) => {
    if (/^(aucune|non|0)$/i.test(v)) return undefined;
    const m = /^(\d{1,2}):(\d{2})\s*[-–à]\s*(\d{1,2}):(\d{2})$/.exec(v);
    const hm = (h: string, mm: string) => `${h.padStart(2, '0')}:${mm}`;
    if (!m || Number(m[1]) > 23 || Number(m[3]) > 23 || Number(m[2]) > 59 || Number(m[4]) > 59 || toMinutes(hm(m[3]!, m[4]!)) <= toMinutes(hm(m[1]!, m[2]!))) {
      c.addIssue({ code: 'custom', message: `--pause : attendu HH:MM-HH:MM (ex. 12:00-13:30) ou « aucune », reçu « ${v} »` });
      return z.NEVER;
    }
    return { start: hm(m[1]!, m[2]!), end: hm(m[3]!, m[4]!) };
  });
const optionsSchema = z
  .object({
    workspace: z.string().optional(),
    commissions: z.coerce.number().int('--commissions : nombre entier attendu').min(1, '--commissions : au moins 1').max(200).default(1),
    dayStart: clock.default('08:00'),
    dayEnd: clock.default('18:00'),
    pause,
    ecartMin: z.coerce.number().int('--ecart-min : nombre entier de minutes attendu').min(0, '--ecart-min : 0 ou plus').max(600).default(DEFAULT_MIN_GAP),
    dryRun: z.boolean().optional(),
    reset: z.boolean().optional(),
    yes: z.boolean().optional(),
    json: z.boolean().optional(),
  })
  .refine((o) => toMinutes(o.dayEnd) > toMinutes(o.dayStart), { message: '--day-end doit suivre --day-start' });

function summarise(slots: OralSlot[]): string[] {
  const groups = new Map<string, OralSlot[]>();
  for (const s of slots) {
    const k = `${s.centreUai} ${s.date} ${s.epreuve}`;
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(s);
  }
  return [...groups].map(([k, list]) => {
    const first = list.reduce((a, s) => (s.start < a ? s.start : a), '99:99');
    const last = list.reduce((a, s) => (s.end > a ? s.end : a), '00:00');
    const comms = new Set(list.map((s) => s.commission)).size;
    return `${k} : ${list.length} candidat(s), ${first}–${last}, ${comms} commission(s)`;
  });
}

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const ws = await openExistingWorkspace(ctx, opts, opts.dryRun ? 'read' : 'write');
  try {
    const reg = (await sessionRegulation(ws.db));
    const candidates = (await listCandidates(ws.db));
    refuseMissingLanguages(reg, candidates, 'horaires d’oral impossibles', { ponctuelOnly: true });
    const placements = (await listAssignments(ws.db));
    if (!placements.length) throw inputError('aucune affectation : lancez d’abord ccst assign-centres');
    const assigned = new Set(placements.map((p) => `${p.numero}:${p.epreuve}`));
    const missing = candidates.flatMap((c) =>
      examDayRequirements(reg, c).filter((r) => r.nature === 'oral' && !assigned.has(`${r.numero}:${r.epreuve}`)).map((r) => `${r.numero}:${r.epreuve}`),
    );
    if (missing.length) {
      throw ruleConflict(`${missing.length} oral(aux) sans centre : relancez ccst assign-centres avant les horaires`, missing.slice(0, 20));
    }
    const existing = (await listOralSlots(ws.db));
    if (opts.reset && !opts.dryRun && existing.length) {
      await confirmOrRefuse(ctx, `Recalculer les ${existing.length} horaires d’oral existants ?`, { yes: opts.yes });
    }
    const outcome = scheduleOrals({
      reg, candidates, centres: (await listCentres(ws.db)), placements, existing, reset: Boolean(opts.reset),
      options: { commissions: opts.commissions, dayStart: opts.dayStart, dayEnd: opts.dayEnd, pause: opts.pause, minGap: opts.ecartMin },
    });
    if (!outcome.ok) {
      const details = [
        ...outcome.conflicts,
        ...outcome.shortfalls.map((s) => `centre ${s.centreUai}, ${s.epreuve} : ${s.missing} candidat(s) sans créneau`),
        'Augmentez --commissions, élargissez --day-start/--day-end, raccourcissez --pause ou --ecart-min, ou ajoutez des dates au centre, puis relancez.',
      ];
      if (opts.json) ctx.stdout.write(JSON.stringify(outcome, null, 2) + '\n');
      throw ruleConflict('horaires d’oral impossibles : rien n’a été enregistré', details, outcome);
    }
    // Issue #13 §2: commissions already composed for the previous timetable. The timetable stays the authority (it is
    // stored), but every commission it no longer matches is named, with the candidates who moved; `examiners
    // convocations` refuses them until `commissions build` recomposes them.
    const commissions = await listCommissions(ws.db);
    let commissionReport: { stale: ReturnType<typeof staleCommissions>; moves: string[] } | undefined;
    if (commissions.length) {
      const before = existing.length ? (await plannedOf(ws.db, reg, existing)).planned : [];
      const after = (await plannedOf(ws.db, reg, outcome.slots)).planned;
      const stale = staleCommissions(commissions, await readBasis(ws.db), after);
      const moves = candidateMoves(before, after, new Set([...commissions.map((c) => c.name), ...stale.map((s) => s.name)]));
      commissionReport = { stale, moves };
    }
    if (!opts.dryRun) {
      await mutate(ws, 'schedule-orals', ctx.now(), async (db) => {
        // Another agent may have scheduled or re-assigned since we read: never overwrite it.
        const same = JSON.stringify(await listOralSlots(db)) === JSON.stringify(existing) && JSON.stringify(await listAssignments(db)) === JSON.stringify(placements);
        if (!same) throw concurrentChange('schedule-orals', 'tables oral_slots / assignments');
        await replaceOralSlots(db, outcome.slots);
        return { result: undefined, detail: { ...outcome.stats, ...(commissionReport?.stale.length ? { staleCommissions: commissionReport.stale.map((s) => s.name) } : {}), commissions: opts.commissions, dayStart: opts.dayStart, dayEnd: opts.dayEnd, pause: opts.pause ?? null, ecartMin: opts.ecartMin } };
      });
    }
    if (opts.json) ctx.stdout.write(JSON.stringify({ ok: true, dryRun: Boolean(opts.dryRun), stats: outcome.stats, slots: outcome.slots, staleCommissions: commissionReport?.stale ?? [], moves: commissionReport?.moves ?? [] }, null, 2) + '\n');
    else ctx.stdout.write(summarise(outcome.slots).join('\n') + (outcome.slots.length ? '\n' : ''));
    say(ctx, `${outcome.stats.kept} horaire(s) conservé(s), ${outcome.stats.scheduled} nouveau(x). Journée ${opts.dayStart}–${opts.dayEnd}, ${opts.pause ? `pause ${opts.pause.start}–${opts.pause.end}` : 'sans pause'}, ${opts.ecartMin} min au moins entre deux oraux d’un candidat.`);
    if (commissionReport?.stale.length) {
      const { stale, moves } = commissionReport;
      say(ctx, ctx.color.yellow(`Attention : ${stale.length} commission(s) composée(s) ne correspondent plus à ces horaires :`));
      for (const l of staleLines(stale).slice(0, 30)) say(ctx, `  ${l}`);
      if (stale.length > 30) say(ctx, `  … et ${stale.length - 30} autre(s).`);
      if (moves.length) say(ctx, 'Candidats déplacés :');
      for (const l of moves.slice(0, 30)) say(ctx, `  ${l}`);
      if (moves.length > 30) say(ctx, `  … et ${moves.length - 30} autre(s).`);
      say(ctx, REBUILD_HINT);
    }
    say(ctx, opts.dryRun ? 'Simulation (--dry-run) : rien n’a été enregistré.' : ctx.color.green('Horaires d’oral enregistrés.'));
  } finally {
    await ws.close();
  }
}
