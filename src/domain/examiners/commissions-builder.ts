// Oral commissions (issue #13 §2): for every centre, day, épreuve and commission number schedule-orals planned, the
// examiners who sit on it. The seats come from the regulation data — each épreuve's « Composition de la commission »
// in the circulaire nationale 2024 (regulation/commissions.ts: compositionFor, seatsFor, holds) — never from code.
// Rules, in the order they weigh:
//  1. pinned members (`--pin`) are kept: a re-run never moves what the office fixed;
//  2. every required seat is filled, over all commissions, before any optional one (« En l'absence de ce dernier,
//     la commission pourra néanmoins procéder à l'évaluation », E4/E61: the professional must not take the place
//     of a teacher another commission needs);
//  3. a seat goes to someone of its profile; its fallback (« ou à défaut d'un second professeur », EF2) only when no
//     one of the profile is free;
//  4. available: the day is among the person's dates, the épreuve among theirs, no other commission of theirs that
//     day overlaps or sits at another centre, within max_candidats;
//  5. never the établissement of a candidate of the commission when another qualified examiner is free (soft: when
//     no one else is, the examiner sits and a warning lists the candidates);
//  6. the least loaded (candidates examined so far), then the e-mail: deterministic, so a re-run on the same data
//     gives the same commissions.
// Shortages are data: (centre, day, épreuve, seat, how many commissions lack it). Pure.
import type { Regulation } from '../regulation/schema.js';
import { compositionFor, holds, seatsFor, UnknownLanguageProfileError, type Seat } from '../regulation/commissions.js';
import type { Examiner } from './examiner.js';
import { commissionName, compareCommissions, type PlannedCommission } from './planned.js';

/** Keep this examiner on this commission (a pinned commission is a pin per member). */
export interface Pin {
  commission: string;
  email: string;
  /** The seat they held (Member.seat): kept when they can still hold it, else the first free seat they can. */
  seat?: number;
}

export interface Member {
  email: string;
  /** The seat's role as the circular names it (or the fallback's role). */
  role: string;
  seat: number;
  how: 'profile' | 'fallback';
  pinned: boolean;
  etablissementUai?: string;
}

export interface BuiltCommission extends PlannedCommission {
  name: string;
  members: Member[];
  /** Seats left empty: required ones are also in the shortages; optional ones are allowed (E4, E61 professional). */
  vacant: { seat: number; role: string; required: boolean }[];
}

export interface Shortage {
  centreUai: string;
  date: string;
  epreuve: string;
  role: string;
  profiles: string[];
  /** How many commissions of that centre, day and épreuve lack an examiner for the seat. */
  missing: number;
  commissions: string[];
}

export interface BuildWarning {
  kind: 'etablissement' | 'capacite';
  commission: string;
  email: string;
  /** etablissement: the candidates of the examiner's own établissement. */
  numeros?: string[];
  message: string;
}

export interface BuildInput {
  reg: Regulation;
  planned: readonly PlannedCommission[];
  examiners: readonly Examiner[];
  pins?: readonly Pin[];
}

export interface BuildOutcome {
  commissions: BuiltCommission[];
  shortages: Shortage[];
  warnings: BuildWarning[];
  /** Blocking: a pin that cannot be kept, a commission without composition or with several languages. */
  conflicts: string[];
  /** Candidates each examiner examines (distinct numéros), by e-mail. */
  load: Map<string, number>;
}

interface Busy {
  date: string;
  centreUai: string;
  start: string;
  end: string;
}

interface Person {
  e: Examiner;
  /** Distinct candidates examined so far. */
  load: number;
  busy: Busy[];
}

interface Work {
  c: BuiltCommission;
  seats: Seat[];
  /** Distinct candidates: the examiner's load grows by this much. */
  size: number;
  etabs: Set<string>;
}

/** The seats of a planned commission, or why it has none (language or variant not one, no composition). */
function seatsOf(reg: Regulation, p: PlannedCommission, name: string): Seat[] | string {
  const own = p.candidates.filter((k) => k.epreuve === p.epreuve);
  const variants = [...new Set(own.map((k) => k.variant ?? ''))];
  if (variants.length > 1) return `commission ${name} : candidats du parcours à l’étranger et du parcours général mêlés`;
  const comp = compositionFor(reg, p.epreuve, p.form, (variants[0] || undefined) as 'etranger' | undefined);
  if (!comp) return `commission ${name} : le règlement ne donne pas la composition de la commission de ${p.epreuve} (${p.form})`;
  if (!comp.members.some((m) => m.candidateLanguage)) return seatsFor(reg, comp);
  // « la commission conduit un entretien en langue étrangère »: one language per commission, the candidates'.
  const missing = own.filter((k) => !k.language).map((k) => k.numero);
  if (missing.length) return `commission ${name} : langue non renseignée pour ${missing.join(', ')}`;
  const langs = [...new Set(own.map((k) => k.language!))].sort();
  if (langs.length > 1) return `commission ${name} : plusieurs langues (${langs.join(', ')})`;
  try {
    return seatsFor(reg, comp, langs[0]);
  } catch (e) {
    if (e instanceof UnknownLanguageProfileError) return `commission ${name} : ${e.message}`;
    throw e;
  }
}

export function buildCommissions(input: BuildInput): BuildOutcome {
  const { reg } = input;
  const conflicts: string[] = [];
  const warnings: BuildWarning[] = [];
  const examiners = [...input.examiners].sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  const byEmail = new Map(examiners.map((e) => [e.email, e]));
  // Each examiner's load and commissions so far, reached without building a key per check; pools per profile. A
  // national-size stress (7,200 commissions × 6,000 examiners, this machine under load ≈ 10): 165 s with a string key
  // per check and one pool per day and épreuve, 24 s like this; 720 commissions × 500 examiners: 1.2 s.
  const people = new Map<Examiner, Person>(examiners.map((e) => [e, { e, load: 0, busy: [] }]));
  // Who could hold a seat of that profile on that day for that épreuve: a short list to scan per seat, in e-mail order.
  const pool = new Map<string, Person[]>();
  const poolKey = (d: string, ep: string, p: string) => `${d}\u0000${ep}\u0000${p}`;
  for (const [e, x] of people) {
    for (const d of e.dates) for (const ep of e.epreuves) for (const p of e.profils) (pool.get(poolKey(d, ep, p)) ?? pool.set(poolKey(d, ep, p), []).get(poolKey(d, ep, p))!).push(x);
  }

  const works: Work[] = [];
  for (const p of [...input.planned].sort(compareCommissions)) {
    const name = commissionName(p);
    const seats = seatsOf(reg, p, name);
    if (typeof seats === 'string') {
      conflicts.push(seats);
      continue;
    }
    const c: BuiltCommission = { ...p, name, members: [], vacant: [] };
    const etabs = new Set(p.candidates.flatMap((k) => (k.etablissementUai ? [k.etablissementUai] : [])));
    works.push({ c, seats, size: new Set(p.candidates.map((k) => k.numero)).size, etabs });
  }
  const byName = new Map(works.map((w) => [w.c.name, w]));

  const isFree = (x: Person, w: Work) => {
    for (const b of x.busy) if (b.date === w.c.date && (b.centreUai !== w.c.centreUai || (b.end > w.c.start && w.c.end > b.start))) return false;
    return true;
  };
  const fits = (x: Person, w: Work) => x.e.maxCandidats === undefined || x.load + w.size <= x.e.maxCandidats;
  const ownEtab = (e: Examiner, w: Work) => e.etablissementUai !== undefined && w.etabs.has(e.etablissementUai);
  const seat = (w: Work, e: Examiner, i: number, how: 'profile' | 'fallback', pinned: boolean) => {
    const s = w.seats[i]!;
    w.c.members.push({ email: e.email, role: how === 'fallback' ? s.fallback!.role : s.role, seat: i, how, pinned, ...(e.etablissementUai ? { etablissementUai: e.etablissementUai } : {}) });
    const x = people.get(e)!;
    x.load += w.size;
    x.busy.push({ date: w.c.date, centreUai: w.c.centreUai, start: w.c.start, end: w.c.end });
    if (ownEtab(e, w)) {
      const numeros = [...new Set(w.c.candidates.filter((k) => k.etablissementUai === e.etablissementUai).map((k) => k.numero))].sort();
      warnings.push({ kind: 'etablissement', commission: w.c.name, email: e.email, numeros, message: `commission ${w.c.name} : ${e.email} (${e.etablissementUai}) examine des candidats de son établissement (${numeros.join(', ')}) faute d’autre examinateur disponible` });
    }
  };
  const taken = (w: Work, i: number) => w.c.members.some((m) => m.seat === i);

  // 1. Pins: kept when the person exists, is available and free that day and can hold a seat still empty.
  const pins = [...(input.pins ?? [])].sort((a, b) => (a.commission + '\u0000' + a.email < b.commission + '\u0000' + b.email ? -1 : 1));
  for (const pin of pins) {
    const w = byName.get(pin.commission);
    const e = byEmail.get(pin.email.toLowerCase());
    const at = `épinglage ${pin.email} → ${pin.commission}`;
    if (!w) conflicts.push(`${at} : commission inconnue (ou sans composition)`);
    else if (!e) conflicts.push(`${at} : examinateur inconnu`);
    else if (w.c.members.some((m) => m.email === e.email)) continue;
    else if (!e.dates.includes(w.c.date)) conflicts.push(`${at} : non disponible le ${w.c.date}`);
    else if (!isFree(people.get(e)!, w)) conflicts.push(`${at} : déjà dans une autre commission ce jour-là`);
    else {
      const free = w.seats.map((s, i) => i).filter((i) => !taken(w, i));
      const wanted = pin.seat !== undefined && free.includes(pin.seat) && holds(w.seats[pin.seat]!, e.profils) ? pin.seat : undefined;
      const i = wanted ?? free.find((i) => holds(w.seats[i]!, e.profils) === 'profile') ?? free.find((i) => holds(w.seats[i]!, e.profils) === 'fallback');
      if (i === undefined) {
        conflicts.push(`${at} : aucun siège libre pour le profil ${e.profils.join(', ')}`);
        continue;
      }
      if (!fits(people.get(e)!, w)) warnings.push({ kind: 'capacite', commission: w.c.name, email: e.email, message: `${at} : dépasse max_candidats (${e.maxCandidats})` });
      seat(w, e, i, holds(w.seats[i]!, e.profils)!, true);
    }
  }

  // 2 and 3. Required seats of every commission, then the optional ones.
  const missing = new Map<string, Shortage>();
  for (const required of [true, false]) {
    for (const w of works) {
      w.seats.forEach((s, i) => {
        if (s.required !== required || taken(w, i)) return;
        // By its profile; by the fallback only when no one of the profile is free (« à défaut », EF2). Then not of a
        // candidate's établissement, the least loaded, the e-mail (pools are in e-mail order).
        let best: Examiner | undefined;
        let how: 'profile' | 'fallback' = 'profile';
        for (const [mode, profiles] of [['profile', s.profiles], ['fallback', s.fallback?.profiles ?? []]] as const) {
          let bestKey = Infinity;
          for (const p of profiles) {
            for (const x of pool.get(poolKey(w.c.date, w.c.epreuve, p)) ?? []) {
              const e = x.e;
              if (!fits(x, w) || !isFree(x, w) || w.c.members.some((m) => m.email === e.email)) continue;
              const key = (ownEtab(e, w) ? 1e9 : 0) + x.load;
              if (key < bestKey || (key === bestKey && e.email < best!.email)) [best, bestKey, how] = [e, key, mode];
            }
          }
          if (best) break;
        }
        if (best) return seat(w, best, i, how, false);
        w.c.vacant.push({ seat: i, role: s.role, required });
        if (!required) return;
        const k = `${w.c.centreUai}\u0000${w.c.date}\u0000${w.c.epreuve}\u0000${s.role}`;
        const sh = missing.get(k) ?? missing.set(k, { centreUai: w.c.centreUai, date: w.c.date, epreuve: w.c.epreuve, role: s.role, profiles: s.profiles, missing: 0, commissions: [] }).get(k)!;
        sh.missing++;
        sh.commissions.push(w.c.name);
      });
    }
  }
  for (const w of works) {
    w.c.members.sort((a, b) => a.seat - b.seat);
    w.c.vacant.sort((a, b) => a.seat - b.seat);
  }
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const shortages = [...missing.values()].sort((a, b) => cmp(a.date, b.date) || cmp(a.centreUai, b.centreUai) || cmp(a.epreuve, b.epreuve) || cmp(a.role, b.role));
  const load = new Map([...people.values()].map((x) => [x.e.email, x.load]));
  return { commissions: works.map((w) => w.c), shortages, warnings, conflicts, load };
}
