// Oral timetables: each ponctuel oral gets a day of its centre, a commission and a passage time. A commission
// examines one candidate at a time; a candidate is never in two places at once (preparation included); the
// engagement étudiant follows U61 immediately before the same commission (circulaire nationale §2, EF3).
// Deterministic list scheduling: kept slots first, then candidates by centre, épreuve, numéro, each at the
// earliest time that fits (gaps left by other épreuves are filled).
import type { Candidate } from '../candidate.js';
import type { Regulation } from '../regulation/schema.js';
import type { Centre } from '../assignment/centre.js';
import type { Placement } from '../assignment/pool.js';
import { examDayRequirements } from '../assignment/requirements.js';
import { oralDuration, parseTempsMajore, toClock, toMinutes } from './durations.js';

export interface OralSlot {
  numero: string;
  epreuve: string;
  centreUai: string;
  date: string;
  /** Convocation time: start of preparation (or of the oral when there is none). */
  start: string;
  /** Time before the commission. */
  passage: string;
  end: string;
  commission: number;
}

export interface ScheduleOptions {
  /** Commissions per centre, day and épreuve. */
  commissions: number;
  dayStart: string;
  dayEnd: string;
}

export interface ScheduleInput {
  reg: Regulation;
  candidates: Candidate[];
  centres: Centre[];
  placements: Placement[];
  existing: OralSlot[];
  options: ScheduleOptions;
  reset: boolean;
}

export interface ScheduleShortfall {
  centreUai: string;
  epreuve: string;
  missing: number;
}

export type ScheduleOutcome =
  | { ok: true; slots: OralSlot[]; stats: { kept: number; scheduled: number } }
  | { ok: false; shortfalls: ScheduleShortfall[]; conflicts: string[] };

interface Job {
  numero: string;
  epreuve: string;
  centre: Centre;
  preparation: number;
  interrogation: number;
  /** Engagement étudiant taken right after, same commission. */
  follow?: { epreuve: string; minutes: number };
}

/** Flat sorted [start, end, start, end…] busy intervals. */
type Busy = number[];

function firstFit(comm: Busy, cand: Busy, prep: number, occ: number, dayStart: number, dayEnd: number): number {
  let t = dayStart + prep;
  for (;;) {
    if (t + occ > dayEnd) return -1;
    let moved = false;
    for (let i = 0; i < comm.length; i += 2) {
      if (comm[i]! < t + occ && comm[i + 1]! > t) {
        t = comm[i + 1]!;
        moved = true;
      }
    }
    for (let i = 0; i < cand.length; i += 2) {
      if (cand[i]! < t + occ && cand[i + 1]! > t - prep) {
        t = cand[i + 1]! + prep;
        moved = true;
      }
    }
    if (!moved) return t;
  }
}

function insert(busy: Busy, s: number, e: number): void {
  let i = 0;
  while (i < busy.length && busy[i]! < s) i += 2;
  busy.splice(i, 0, s, e);
}

export function scheduleOrals(input: ScheduleInput): ScheduleOutcome {
  const { reg, options } = input;
  const dayStart = toMinutes(options.dayStart);
  const dayEnd = toMinutes(options.dayEnd);
  const conflicts: string[] = [];
  const centreOf = new Map(input.centres.filter((c) => c.type === 'oral').map((c) => [c.uai, c]));
  const byNumero = new Map(input.candidates.map((c) => [c.numero, c]));
  const at = new Map(input.placements.map((p) => [`${p.numero}\u0000${p.epreuve}`, p]));
  const unitOrder = new Map(reg.units.map((u, i) => [u.epreuve, i]));

  const jobs: Job[] = [];
  const noDates = new Set<string>();
  for (const c of [...byNumero.values()]) {
    const extra = parseTempsMajore(c.tempsMajore);
    if (!extra.ok) {
      conflicts.push(`candidat ${c.numero} : ${extra.message}`);
      continue;
    }
    const reqs = examDayRequirements(reg, c).filter((r) => r.nature === 'oral');
    for (const r of reqs) {
      const p = at.get(`${r.numero}\u0000${r.epreuve}`);
      if (!p) continue; // not assigned yet: `ccst assign-centres` first (the command checks it)
      const centre = centreOf.get(p.centreUai);
      if (!centre) {
        conflicts.push(`${r.numero} ${r.epreuve} : centre d’oral ${p.centreUai} inconnu`);
        continue;
      }
      if (!centre.dates.length) noDates.add(centre.uai);
      const lead = r.follows ? at.get(`${r.numero}\u0000${r.follows}`) : undefined;
      if (lead && lead.centreUai === p.centreUai) continue; // scheduled with its lead below
      const d = oralDuration(reg, r.unite, c.voie, extra.value);
      const job: Job = { numero: r.numero, epreuve: r.epreuve, centre, preparation: d.preparation, interrogation: d.interrogation };
      const follower = reqs.find((x) => x.follows === r.epreuve);
      const fp = follower && at.get(`${r.numero}\u0000${follower.epreuve}`);
      if (follower && fp && fp.centreUai === p.centreUai) {
        const fd = oralDuration(reg, follower.unite, c.voie, extra.value);
        job.follow = { epreuve: follower.epreuve, minutes: fd.preparation + fd.interrogation };
      }
      jobs.push(job);
    }
  }
  for (const uai of [...noDates].sort()) conflicts.push(`centre d’oral ${uai} : aucune date d’oral (colonne dates)`);
  if (conflicts.length) return { ok: false, shortfalls: [], conflicts };

  jobs.sort(
    (a, b) =>
      (a.centre.uai < b.centre.uai ? -1 : a.centre.uai > b.centre.uai ? 1 : 0) ||
      unitOrder.get(a.epreuve)! - unitOrder.get(b.epreuve)! ||
      (a.numero < b.numero ? -1 : a.numero > b.numero ? 1 : 0),
  );

  const commBusy = new Map<string, Busy>();
  const candBusy = new Map<string, Busy>();
  const dayCount = new Map<string, number>();
  const get = (m: Map<string, Busy>, k: string) => m.get(k) ?? m.set(k, []).get(k)!;
  const slots: OralSlot[] = [];
  const book = (j: Job, date: string, n: number, t: number) => {
    const occ = j.interrogation + (j.follow?.minutes ?? 0);
    insert(get(commBusy, `${j.centre.uai}\u0000${j.epreuve}\u0000${date}\u0000${n}`), t, t + occ);
    insert(get(candBusy, `${j.numero}\u0000${date}`), t - j.preparation, t + occ);
    const dk = `${j.centre.uai}\u0000${j.epreuve}\u0000${date}`;
    dayCount.set(dk, (dayCount.get(dk) ?? 0) + 1);
    const base = { numero: j.numero, centreUai: j.centre.uai, date, commission: n };
    slots.push({ ...base, epreuve: j.epreuve, start: toClock(t - j.preparation), passage: toClock(t), end: toClock(t + j.interrogation) });
    if (j.follow) {
      const s = t + j.interrogation;
      slots.push({ ...base, epreuve: j.follow.epreuve, start: toClock(s), passage: toClock(s), end: toClock(s + j.follow.minutes) });
    }
  };
  const full = (j: Job, date: string) => (dayCount.get(`${j.centre.uai}\u0000${j.epreuve}\u0000${date}`) ?? 0) >= j.centre.capacite;

  // Stable re-runs: an earlier slot is kept when it still matches the job exactly and conflicts with nothing kept.
  const old = new Map(input.reset ? [] : input.existing.map((s) => [`${s.numero}\u0000${s.epreuve}`, s]));
  const todo: Job[] = [];
  let kept = 0;
  for (const j of jobs) {
    const s = old.get(`${j.numero}\u0000${j.epreuve}`);
    const f = j.follow && old.get(`${j.numero}\u0000${j.follow.epreuve}`);
    const t = s ? toMinutes(s.passage) : -1;
    const occ = j.interrogation + (j.follow?.minutes ?? 0);
    const valid =
      s && s.centreUai === j.centre.uai && j.centre.dates.includes(s.date) && s.commission >= 1 && s.commission <= options.commissions &&
      toMinutes(s.start) === t - j.preparation && toMinutes(s.end) === t + j.interrogation &&
      t - j.preparation >= dayStart && t + occ <= dayEnd && !full(j, s.date) &&
      (!j.follow || (f && f.date === s.date && f.centreUai === s.centreUai && toMinutes(f.start) === t + j.interrogation && toMinutes(f.end) === t + occ)) &&
      firstFitAt(get(commBusy, `${j.centre.uai}\u0000${j.epreuve}\u0000${s.date}\u0000${s.commission}`), get(candBusy, `${j.numero}\u0000${s.date}`), t, j.preparation, occ);
    if (valid) {
      book(j, s.date, s.commission, t);
      kept++;
    } else todo.push(j);
  }

  const missing = new Map<string, number>();
  for (const j of todo) {
    const occ = j.interrogation + (j.follow?.minutes ?? 0);
    let done = false;
    for (const date of j.centre.dates) {
      if (full(j, date)) continue;
      let best = -1;
      let bestN = 0;
      const cand = get(candBusy, `${j.numero}\u0000${date}`);
      for (let n = 1; n <= options.commissions; n++) {
        const t = firstFit(get(commBusy, `${j.centre.uai}\u0000${j.epreuve}\u0000${date}\u0000${n}`), cand, j.preparation, occ, dayStart, dayEnd);
        if (t >= 0 && (best < 0 || t < best)) {
          best = t;
          bestN = n;
        }
      }
      if (best >= 0) {
        book(j, date, bestN, best);
        done = true;
        break;
      }
    }
    if (!done) {
      const k = `${j.centre.uai}\u0000${j.epreuve}`;
      missing.set(k, (missing.get(k) ?? 0) + 1);
    }
  }
  if (missing.size) {
    const shortfalls = [...missing].sort().map(([k, n]) => {
      const [centreUai, epreuve] = k.split('\u0000') as [string, string];
      return { centreUai, epreuve, missing: n };
    });
    return { ok: false, shortfalls, conflicts: [] };
  }
  slots.sort((a, b) =>
    a.centreUai < b.centreUai ? -1 : a.centreUai > b.centreUai ? 1 :
    a.date < b.date ? -1 : a.date > b.date ? 1 :
    a.start < b.start ? -1 : a.start > b.start ? 1 :
    a.commission - b.commission || (a.numero < b.numero ? -1 : a.numero > b.numero ? 1 : a.epreuve < b.epreuve ? -1 : 1));
  return { ok: true, slots, stats: { kept, scheduled: jobs.length - kept } };
}

/** Whether [t − prep, t + occ) is free for the candidate and [t, t + occ) for the commission. */
function firstFitAt(comm: Busy, cand: Busy, t: number, prep: number, occ: number): boolean {
  for (let i = 0; i < comm.length; i += 2) if (comm[i]! < t + occ && comm[i + 1]! > t) return false;
  for (let i = 0; i < cand.length; i += 2) if (cand[i]! < t + occ && cand[i + 1]! > t - prep) return false;
  return true;
}
