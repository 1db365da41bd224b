// Oral timetables: each ponctuel oral gets a day of its centre, a commission and a passage time. A commission
// examines one candidate at a time; a candidate is never in two places at once (preparation included); the
// engagement étudiant follows U61 immediately before the same commission (circulaire nationale §2, EF3).
// A language oral (E22, EF1) is heard by a commission of its language: « la commission conduit un entretien en
// langue étrangère » (circulaire nationale 2024, E22). Each language of a centre has its own --commissions
// commissions, numbered from the centre's list of languages (rank × N + 1…N), so that numbers do not move when
// candidates of another language come or go (issue #10 §3).
// Deterministic list scheduling: kept slots first, then candidates by centre, épreuve, numéro, each at the
// earliest time that fits (gaps left by other épreuves are filled).
import type { Candidate } from '../candidate.js';
import type { Regulation } from '../regulation/schema.js';
import type { Centre } from '../assignment/centre.js';
import type { Placement } from '../assignment/pool.js';
import { examDayRequirements } from '../assignment/requirements.js';
import { oralDuration, parseTempsMajore, toClock, toMinutes } from './durations.js';
import { languageKey, languagesFor } from '../assignment/centre.js';
import { KNOWN_LANGUAGES } from '../candidate-fields.js';

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
  /**
   * Midday break (HH:MM): no oral — preparation, interrogation or engagement étudiant — overlaps it (issue #10 §14).
   * An organisation choice, not a rule of the texts: the command's default is documented (--pause).
   */
  pause?: { start: string; end: string };
  /** Minimum minutes between the end of one of a candidate's orals and the start of the next (issue #10 §14). */
  minGap?: number;
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
  /** Candidate rank (by numéro) and unit rank: integer indices for the busy tables. */
  cand: number;
  unit: number;
  epreuve: string;
  centre: Centre;
  centreRank: number;
  preparation: number;
  interrogation: number;
  /** Language oral: rank of the language at the centre (0 otherwise); commissions langRank × N + 1…N. */
  langRank: number;
  /** Engagement étudiant taken right after, same commission. */
  follow?: { epreuve: string; unit: number; minutes: number };
}

/** Flat sorted [start, end, start, end…] busy intervals. */
type Busy = number[];

/** The day's constraints besides the busy tables: the break [pauseStart, pauseEnd) and the candidate's gap. */
interface Day {
  start: number;
  end: number;
  pauseStart: number;
  pauseEnd: number;
  gap: number;
}

function firstFit(comm: Busy | undefined, cand: Busy | undefined, prep: number, occ: number, day: Day): number {
  let t = day.start + prep;
  const gap = day.gap;
  for (;;) {
    if (t + occ > day.end) return -1;
    let moved = false;
    // Nothing of the oral, preparation included, inside the midday break.
    if (day.pauseStart < t + occ && day.pauseEnd > t - prep) {
      t = day.pauseEnd + prep;
      moved = true;
    }
    if (comm) {
      for (let i = 0; i < comm.length; i += 2) {
        if (comm[i]! < t + occ && comm[i + 1]! > t) {
          t = comm[i + 1]!;
          moved = true;
        }
      }
    }
    if (cand) {
      // The candidate's other orals, kept `gap` minutes apart on either side.
      for (let i = 0; i < cand.length; i += 2) {
        if (cand[i]! < t + occ + gap && cand[i + 1]! + gap > t - prep) {
          t = cand[i + 1]! + gap + prep;
          moved = true;
        }
      }
    }
    if (!moved) return t;
  }
}

/** Whether [t − prep, t + occ) is free for the candidate (with the gap) and the break, and [t, t + occ) for the commission. */
function freeAt(comm: Busy | undefined, cand: Busy | undefined, t: number, prep: number, occ: number, day: Day): boolean {
  if (day.pauseStart < t + occ && day.pauseEnd > t - prep) return false;
  if (comm) for (let i = 0; i < comm.length; i += 2) if (comm[i]! < t + occ && comm[i + 1]! > t) return false;
  if (cand) for (let i = 0; i < cand.length; i += 2) if (cand[i]! < t + occ + day.gap && cand[i + 1]! + day.gap > t - prep) return false;
  return true;
}

function insert(busy: Busy, s: number, e: number): void {
  let i = 0;
  while (i < busy.length && busy[i]! < s) i += 2;
  busy.splice(i, 0, s, e);
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Rank of a language among those the centre offers for the épreuve (then the known ones): fixed by data, not by candidates. */
export function languageRank(centre: Centre, epreuve: string, langue: string): number {
  const key = languageKey(langue);
  const offered = languagesFor(centre, epreuve).map(languageKey);
  const i = offered.indexOf(key);
  if (i >= 0) return i;
  const k = KNOWN_LANGUAGES.map(languageKey).indexOf(key);
  return offered.length + (k >= 0 ? k : KNOWN_LANGUAGES.length);
}

/**
 * The placements of each candidate (by rank in `candidates`, sorted by numéro) that may be orals. Placements
 * come sorted by numéro from assignCentres and from the workspace: then a merge walk, else a map.
 */
function placementsByCandidate(placements: Placement[], candidates: Candidate[], maybeOral: Set<string>): (Placement[] | undefined)[] {
  const out: (Placement[] | undefined)[] = new Array(candidates.length);
  let sorted = true;
  for (let i = 1; i < placements.length && sorted; i++) if (placements[i - 1]!.numero > placements[i]!.numero) sorted = false;
  if (sorted) {
    let j = 0;
    candidates.forEach((c, i) => {
      while (j < placements.length && placements[j]!.numero < c.numero) j++;
      for (; j < placements.length && placements[j]!.numero === c.numero; j++) {
        if (maybeOral.has(placements[j]!.epreuve)) (out[i] ??= []).push(placements[j]!);
      }
    });
    return out;
  }
  const rank = new Map(candidates.map((c, i) => [c.numero, i]));
  for (const p of placements) {
    const i = rank.get(p.numero);
    if (i !== undefined && maybeOral.has(p.epreuve)) (out[i] ??= []).push(p);
  }
  return out;
}

export function scheduleOrals(input: ScheduleInput): ScheduleOutcome {
  const { reg, options } = input;
  const dayStart = toMinutes(options.dayStart);
  const dayEnd = toMinutes(options.dayEnd);
  // No break: an empty interval at the end of the day, which nothing overlaps.
  const dayOf: Day = {
    start: dayStart,
    end: dayEnd,
    pauseStart: options.pause ? toMinutes(options.pause.start) : dayEnd,
    pauseEnd: options.pause ? toMinutes(options.pause.end) : dayEnd,
    gap: options.minGap ?? 0,
  };
  const N = options.commissions;
  const conflicts: string[] = [];
  const unitRank = new Map(reg.units.map((u, i) => [u.epreuve, i]));
  const W = reg.units.length;
  // Integer indices for centres (by UAI), days (global, sorted) and candidates (by numéro): the busy tables are
  // arrays, not string-keyed maps (250,000 candidates, npm run bench:assign).
  const centres = input.centres.filter((c) => c.type === 'oral').sort((a, b) => byString(a.uai, b.uai));
  const centreRank = new Map(centres.map((c, i) => [c.uai, i]));
  const days = [...new Set(centres.flatMap((c) => c.dates))].sort();
  const dayRank = new Map(days.map((d, i) => [d, i]));
  const D = days.length || 1;
  const candidates = [...input.candidates].sort((a, b) => byString(a.numero, b.numero));
  // Only épreuves that are an oral for some voie matter here (E1, E3… never are).
  const maybeOral = new Set(reg.units.filter((u) => Object.values(u.forms).some((f) => f.form === 'ponctuel' && f.nature === 'oral')).map((u) => u.epreuve));
  const byCandidate = placementsByCandidate(input.placements, candidates, maybeOral);

  const jobs: Job[] = [];
  const noDates = new Set<string>();
  candidates.forEach((c, cand) => {
    const mine = byCandidate[cand];
    if (!mine) return; // not assigned yet: `ccst assign-centres` first (the command checks it)
    const extra = parseTempsMajore(c.tempsMajore);
    if (!extra.ok) {
      conflicts.push(`candidat ${c.numero} : ${extra.message}`);
      return;
    }
    const reqs = examDayRequirements(reg, c, 'oral');
    const at = (epreuve: string | undefined) => (epreuve ? mine.find((p) => p.epreuve === epreuve) : undefined);
    for (const r of reqs) {
      const p = at(r.epreuve);
      if (!p) continue;
      const rank = centreRank.get(p.centreUai);
      if (rank === undefined) {
        conflicts.push(`${r.numero} ${r.epreuve} : centre d’oral ${p.centreUai} inconnu`);
        continue;
      }
      const centre = centres[rank]!;
      if (!centre.dates.length) noDates.add(centre.uai);
      const lead = at(r.follows);
      if (lead && lead.centreUai === p.centreUai) continue; // scheduled with its lead below
      const d = oralDuration(reg, r.unite, c.voie, extra.value);
      const job: Job = {
        numero: r.numero, cand, unit: unitRank.get(r.epreuve)!, epreuve: r.epreuve, centre, centreRank: rank,
        preparation: d.preparation, interrogation: d.interrogation, langRank: r.langue ? languageRank(centre, r.epreuve, r.langue) : 0,
      };
      const follower = reqs.find((x) => x.follows === r.epreuve);
      const fp = at(follower?.epreuve);
      if (follower && fp && fp.centreUai === p.centreUai) {
        const fd = oralDuration(reg, follower.unite, c.voie, extra.value);
        job.follow = { epreuve: follower.epreuve, unit: unitRank.get(follower.epreuve)!, minutes: fd.preparation + fd.interrogation };
      }
      jobs.push(job);
    }
  });
  for (const uai of [...noDates].sort()) conflicts.push(`centre d’oral ${uai} : aucune date d’oral (colonne dates)`);
  if (conflicts.length) return { ok: false, shortfalls: [], conflicts };

  // Order: centre, épreuve, candidate — a stable bucket sort (jobs were made in candidate order).
  const buckets: Job[][] = [];
  for (const j of jobs) (buckets[j.centreRank * W + j.unit] ??= []).push(j);
  const ordered = buckets.flatMap((b) => b ?? []);

  const resource = (j: Job, day: number) => (j.centreRank * W + j.unit) * D + day;
  let L = 1;
  for (const j of jobs) if (j.langRank + 1 > L) L = j.langRank + 1;
  // Busy table of commission n (1…N) of the job's language.
  const commOf = (j: Job, day: number, n: number) => (resource(j, day) * L + j.langRank) * N + n - 1;
  const commBusy: (Busy | undefined)[] = [];
  const dayCount = new Int32Array(centres.length * W * D);
  const candBusy: (Busy | undefined)[] = [];
  interface Booked { job: Job; day: number; n: number; t: number }
  const booked: Booked[] = [];
  const book = (j: Job, day: number, n: number, t: number) => {
    const occ = j.interrogation + (j.follow?.minutes ?? 0);
    insert((commBusy[commOf(j, day, n)] ??= []), t, t + occ);
    insert((candBusy[j.cand * D + day] ??= []), t - j.preparation, t + occ);
    dayCount[resource(j, day)]!++;
    booked.push({ job: j, day, n, t });
  };
  const full = (j: Job, day: number) => dayCount[resource(j, day)]! >= j.centre.capacite;

  // Stable re-runs: an earlier slot is kept when it still matches the job exactly and conflicts with nothing kept.
  const old = new Map<string, OralSlot[]>();
  if (!input.reset) for (const s of input.existing) (old.get(s.numero) ?? old.set(s.numero, []).get(s.numero)!).push(s);
  const todo: Job[] = [];
  let kept = 0;
  for (const j of ordered) {
    if (!old.size) {
      todo.push(j);
      continue;
    }
    const mine = old.get(j.numero);
    const s = mine?.find((x) => x.epreuve === j.epreuve);
    const f = j.follow && mine?.find((x) => x.epreuve === j.follow!.epreuve);
    const t = s ? toMinutes(s.passage) : -1;
    const occ = j.interrogation + (j.follow?.minutes ?? 0);
    const day = s ? dayRank.get(s.date) : undefined;
    const n = s ? s.commission - j.langRank * N : 0;
    const valid =
      s !== undefined && day !== undefined && s.centreUai === j.centre.uai && j.centre.dates.includes(s.date) &&
      n >= 1 && n <= N &&
      toMinutes(s.start) === t - j.preparation && toMinutes(s.end) === t + j.interrogation &&
      t - j.preparation >= dayStart && t + occ <= dayEnd && !full(j, day) &&
      (!j.follow || (f !== undefined && f.date === s.date && f.centreUai === s.centreUai && toMinutes(f.start) === t + j.interrogation && toMinutes(f.end) === t + occ)) &&
      freeAt(commBusy[commOf(j, day, n)], candBusy[j.cand * D + day], t, j.preparation, occ, dayOf);
    if (valid) {
      book(j, day!, n, t);
      kept++;
    } else todo.push(j);
  }

  const missing = new Map<string, number>();
  for (const j of todo) {
    const occ = j.interrogation + (j.follow?.minutes ?? 0);
    let done = false;
    for (const date of j.centre.dates) {
      const day = dayRank.get(date)!;
      if (full(j, day)) continue;
      let best = -1;
      let bestN = 0;
      const cand = candBusy[j.cand * D + day];
      for (let n = 1; n <= N; n++) {
        const t = firstFit(commBusy[commOf(j, day, n)], cand, j.preparation, occ, dayOf);
        if (t >= 0 && (best < 0 || t < best)) {
          best = t;
          bestN = n;
        }
      }
      if (best >= 0) {
        book(j, day, bestN, best);
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
  // Stable output order: centre, day, time, commission, candidate.
  booked.sort((a, b) => a.job.centreRank - b.job.centreRank || a.day - b.day || (a.t - a.job.preparation) - (b.t - b.job.preparation) || a.job.langRank - b.job.langRank || a.n - b.n || a.job.cand - b.job.cand);
  const slots: OralSlot[] = [];
  for (const { job: j, day, n: local, t } of booked) {
    const date = days[day]!;
    const n = j.langRank * N + local;
    slots.push({ numero: j.numero, epreuve: j.epreuve, centreUai: j.centre.uai, date, start: toClock(t - j.preparation), passage: toClock(t), end: toClock(t + j.interrogation), commission: n });
    if (j.follow) {
      const s = t + j.interrogation;
      slots.push({ numero: j.numero, epreuve: j.follow.epreuve, centreUai: j.centre.uai, date, start: toClock(s), passage: toClock(s), end: toClock(s + j.follow.minutes), commission: n });
    }
  }
  return { ok: true, slots, stats: { kept, scheduled: jobs.length - kept } };
}
