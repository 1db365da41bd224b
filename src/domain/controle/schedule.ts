// Timetable of the épreuves de contrôle: each chosen unit is an oral of the regime's length (D643-15 2°: 20 minutes
// with 20 minutes of preparation, data of the regulation `controle`), lengthened by the candidate's temps majoré
// (D351-28). A commission examines one candidate at a time; a candidate is never in two places at once
// (preparation included) and takes all their orals on one day when it fits. Deterministic: candidates by numéro,
// units in the regime's order, each at the earliest time that fits.
import type { ControleRegime } from '../regulation/controle-schema.js';
import { lengthen, toClock, toMinutes, type Fraction } from '../scheduling/durations.js';

export interface ControleJob {
  numero: string;
  units: string[];
  tempsMajore?: Fraction;
}

export interface ControleScheduleOptions {
  centreUai: string;
  /** Days of the contrôle orals (AAAA-MM-JJ), in order. */
  dates: string[];
  dayStart: string;
  dayEnd: string;
  /** Commissions per épreuve and day. */
  commissions: number;
}

export interface ControleSlot {
  numero: string;
  unite: string;
  centre_uai: string;
  date: string;
  /** Convocation time: start of the preparation. */
  start: string;
  /** Time before the commission. */
  passage: string;
  end: string;
  commission: number;
}

export type ControleScheduleOutcome =
  | { ok: true; slots: ControleSlot[] }
  | { ok: false; unscheduled: { numero: string; unite: string }[] };

/** [start, end) busy intervals. */
type Busy = [number, number][];
const free = (busy: Busy, s: number, e: number) => busy.every(([a, b]) => b <= s || a >= e);
/** The earliest time ≥ t where [t, t + len) is free, or -1 before `end`. */
function earliest(busy: Busy, t: number, len: number, end: number): number {
  for (;;) {
    if (t + len > end) return -1;
    const clash = busy.find(([a, b]) => a < t + len && b > t);
    if (!clash) return t;
    t = clash[1];
  }
}

export function durationOf(regime: ControleRegime, unite: string, extra: Fraction | undefined): { preparation: number; interrogation: number } {
  const e = regime.epreuves.find((x) => x.unite === unite);
  if (!e) throw new Error(`${unite} n’est pas une épreuve du régime ${regime.id}`);
  return { preparation: lengthen(e.preparationMinutes.value, extra), interrogation: lengthen(e.minutes.value, extra) };
}

export function scheduleControle(regime: ControleRegime, jobs: ControleJob[], o: ControleScheduleOptions): ControleScheduleOutcome {
  const dayStart = toMinutes(o.dayStart);
  const dayEnd = toMinutes(o.dayEnd);
  // date → unit → commission → busy; date → numero → busy (preparation and oral).
  const commissions = new Map<string, Map<string, Busy[]>>();
  const commissionBusy = (date: string, unite: string): Busy[] => {
    let d = commissions.get(date);
    if (!d) commissions.set(date, (d = new Map()));
    let c = d.get(unite);
    if (!c) d.set(unite, (c = Array.from({ length: o.commissions }, () => [])));
    return c;
  };
  const slots: ControleSlot[] = [];
  const unscheduled: { numero: string; unite: string }[] = [];
  const sorted = [...jobs].sort((a, b) => (a.numero < b.numero ? -1 : a.numero > b.numero ? 1 : 0));
  for (const job of sorted) {
    let placed: ControleSlot[] | undefined;
    for (const date of o.dates) {
      placed = placeDay(regime, job, date, commissionBusy, dayStart, dayEnd, o.centreUai);
      if (placed) break;
    }
    if (!placed) {
      for (const u of job.units) unscheduled.push({ numero: job.numero, unite: u });
      continue;
    }
    slots.push(...placed);
  }
  return unscheduled.length ? { ok: false, unscheduled } : { ok: true, slots };
}

/** All of a candidate's orals on one day (commissions' busy lists updated only when every one fits). */
function placeDay(
  regime: ControleRegime,
  job: ControleJob,
  date: string,
  commissionBusy: (date: string, unite: string) => Busy[],
  dayStart: number,
  dayEnd: number,
  centre: string,
): ControleSlot[] | undefined {
  const mine: Busy = [];
  const pending: { busy: Busy; interval: [number, number]; slot: ControleSlot }[] = [];
  for (const unite of job.units) {
    const d = durationOf(regime, unite, job.tempsMajore);
    let best: { t: number; c: number } | undefined;
    for (const [c, busy] of commissionBusy(date, unite).entries()) {
      // Earliest passage t such that the commission is free for the interrogation and the candidate for all of it.
      let t = dayStart + d.preparation;
      for (;;) {
        t = earliest(busy.concat(pending.filter((p) => p.busy === busy).map((p) => p.interval)), t, d.interrogation, dayEnd);
        if (t < 0) break;
        if (free(mine, t - d.preparation, t + d.interrogation)) break;
        const clash = mine.find(([a, b]) => a < t + d.interrogation && b > t - d.preparation)!;
        t = clash[1] + d.preparation;
      }
      if (t >= 0 && (!best || t < best.t)) best = { t, c };
    }
    if (!best) return undefined;
    const busy = commissionBusy(date, unite)[best.c]!;
    const start = best.t - d.preparation;
    const end = best.t + d.interrogation;
    mine.push([start, end]);
    pending.push({
      busy,
      interval: [best.t, end],
      slot: { numero: job.numero, unite, centre_uai: centre, date, start: toClock(start), passage: toClock(best.t), end: toClock(end), commission: best.c + 1 },
    });
  }
  for (const p of pending) p.busy.push(p.interval);
  return pending.map((p) => p.slot);
}
