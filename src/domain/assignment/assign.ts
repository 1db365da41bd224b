// The whole assignment of a session: every candidate, for every épreuve taken on exam day, to one centre.
// Stable: pins are always kept, earlier placements are kept unless reset or no longer valid, and only the
// candidates left are placed (pool.ts). Infeasible sessions give shortfalls and conflicts, never a partial plan.
import type { Candidate } from '../candidate.js';
import type { Regulation } from '../regulation/schema.js';
import { capacityFor, offersLanguage, type Centre } from './centre.js';
import { etabKey, placePool, type Placement, type Shortfall } from './pool.js';
import { examDayRequirements, type Requirement } from './requirements.js';

export interface PinRequest {
  numero: string;
  /** Épreuve code of the regulation (E4, E61…). */
  epreuve: string;
  centreUai: string;
}

export interface AssignInput {
  reg: Regulation;
  candidates: Candidate[];
  centres: Centre[];
  /** Assignments stored by earlier runs (pinned ones included). */
  existing: Placement[];
  /** New pins given on this run; they replace any earlier placement of the same candidate and épreuve. */
  pins: PinRequest[];
  /** Forget earlier (unpinned) placements and place everyone again. */
  reset: boolean;
}

export interface Move {
  numero: string;
  epreuve: string;
  from: string;
  reason: string;
}

export interface AssignStats {
  requirements: number;
  kept: number;
  pinned: number;
  placed: number;
  moved: number;
  dropped: number;
}

export type AssignOutcome =
  | { ok: true; placements: Placement[]; warnings: string[]; moves: Move[]; stats: AssignStats }
  | { ok: false; shortfalls: Shortfall[]; conflicts: string[]; warnings: string[] };

/** Why a centre cannot receive a requirement, or undefined when it can (annexe 1 and the centre's offer). */
export function ineligibility(centre: Centre | undefined, r: Requirement): string | undefined {
  if (!centre) return `aucun centre ${r.nature === 'ecrit' ? 'd’écrit' : 'd’oral'} de ce code UAI`;
  if (centre.academie !== r.organiser) {
    return `le centre ${centre.uai} relève de ${centre.academie}, or ${r.epreuve} de ce candidat (${r.academie}) est organisée par ${r.organiser ?? 'aucune académie'}`;
  }
  if (!centre.epreuves.includes(r.epreuve)) return `le centre ${centre.uai} n’organise pas ${r.epreuve}`;
  if (!offersLanguage(centre, r.epreuve, r.langue)) return `le centre ${centre.uai} ne propose pas ${r.langue} en ${r.epreuve}`;
  return undefined;
}

/**
 * Candidates × épreuves are keyed by integers (candidate rank by numéro × 16 + unit rank) rather than strings:
 * with a million requirements, string keys cost seconds in hashing and garbage (npm run bench:assign).
 */
class Keys {
  readonly rank = new Map<string, number>();
  readonly unitRank: Map<string, number>;
  readonly width: number;
  constructor(reg: Regulation, numeros: string[]) {
    numeros.forEach((n, i) => this.rank.set(n, i));
    this.unitRank = new Map(reg.units.map((u, i) => [u.epreuve, i]));
    this.width = Math.max(16, reg.units.length);
  }
  /** -1 when the candidate or the épreuve is unknown. */
  of(numero: string, epreuve: string): number {
    const i = this.rank.get(numero);
    const u = this.unitRank.get(epreuve);
    return i === undefined || u === undefined ? -1 : i * this.width + u;
  }
}

/** A map from integer keys to values, as a plain array: no hashing, no rehashing, ascending iteration. */
class Table<T> {
  private readonly items: (T | undefined)[];
  size = 0;
  constructor(length: number) {
    this.items = new Array<T | undefined>(length);
  }
  get(k: number): T | undefined {
    return k < 0 ? undefined : this.items[k];
  }
  has(k: number): boolean {
    return k >= 0 && this.items[k] !== undefined;
  }
  set(k: number, v: T): void {
    if (this.items[k] === undefined) this.size++;
    this.items[k] = v;
  }
  forEach(fn: (v: T, k: number) => void): void {
    const items = this.items;
    for (let k = 0; k < items.length; k++) if (items[k] !== undefined) fn(items[k]!, k);
  }
}

export function assignCentres(input: AssignInput): AssignOutcome {
  const { reg } = input;
  const conflicts: string[] = [];
  const warnings: string[] = [];
  const moves: Move[] = [];
  const sortedCandidates = [...input.candidates].sort((a, b) => (a.numero < b.numero ? -1 : a.numero > b.numero ? 1 : 0));
  const keys = new Keys(reg, sortedCandidates.map((c) => c.numero));
  const reqs = new Table<Requirement>(sortedCandidates.length * keys.width);
  for (const c of sortedCandidates) for (const r of examDayRequirements(reg, c)) reqs.set(keys.of(r.numero, r.epreuve), r);

  const orphans = new Map<string, number>();
  reqs.forEach((r) => {
    if (!r.organiser) orphans.set(`${r.academie} ${r.epreuve}`, (orphans.get(`${r.academie} ${r.epreuve}`) ?? 0) + 1);
  });
  for (const [k, n] of [...orphans].sort()) {
    conflicts.push(`${k} : aucune académie n’organise ces oraux pour ${n} candidat(s) (circulaire nationale, annexe 1)`);
  }

  // Centres by type then UAI (no string concatenation in the hot loops), each with a rank for capacity counts.
  const centreRank = new Map<Centre, number>();
  input.centres.forEach((c, i) => centreRank.set(c, i));
  const byType = { ecrit: new Map<string, Centre>(), oral: new Map<string, Centre>() };
  for (const c of input.centres) byType[c.type].set(c.uai, c);
  const centreFor = (r: Requirement, uai: string) => byType[r.nature].get(uai);
  const used = new Map<number, number>(); // centre rank × width + unit rank → seats taken
  const usedKey = (c: Centre, r: Requirement) => centreRank.get(c)! * keys.width + keys.unitRank.get(r.epreuve)!;
  const fixed = new Table<Placement>(sortedCandidates.length * keys.width);
  const take = (k: number, r: Requirement, p: Placement) => {
    fixed.set(k, p);
    if (!r.follows) {
      const uk = usedKey(centreFor(r, p.centreUai)!, r);
      used.set(uk, (used.get(uk) ?? 0) + 1);
    }
  };

  // Pins: stored ones, then this run's (a new pin replaces an old one for the same épreuve).
  const pins = new Map<string, Placement>();
  for (const p of input.existing) if (p.pinned) pins.set(`${p.numero}:${p.epreuve}`, p);
  const fresh = new Set<string>();
  for (const p of input.pins) {
    pins.set(`${p.numero}:${p.epreuve}`, { ...p, pinned: true });
    fresh.add(`${p.numero}:${p.epreuve}`);
  }
  const pinnedKeys = new Set<number>();
  let dropped = 0;
  for (const [label, p] of [...pins].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const k = keys.of(p.numero, p.epreuve);
    const r = reqs.get(k);
    if (!r) {
      if (fresh.has(label)) {
        conflicts.push(`épinglage ${label} : ce candidat ne passe pas ${p.epreuve} en forme ponctuelle (ou n’existe pas)`);
      } else {
        warnings.push(`épinglage ${label}=${p.centreUai} abandonné : le candidat ne passe plus cette épreuve`);
        dropped++;
      }
      continue;
    }
    pinnedKeys.add(k);
    const why = ineligibility(centreFor(r, p.centreUai), r);
    if (why && !(r.follows && centreFor(r, p.centreUai))) {
      conflicts.push(`épinglage ${label}=${p.centreUai} impossible : ${why}`);
      continue;
    }
    take(k, r, p);
  }
  for (const [uk, n] of used) {
    const centre = input.centres[Math.floor(uk / keys.width)]!;
    const epreuve = reg.units[uk % keys.width]!.epreuve;
    if (n > capacityFor(centre)) conflicts.push(`${epreuve} : ${n} candidats épinglés au centre ${centre.uai} pour ${capacityFor(centre)} places`);
  }

  // Earlier placements are kept while still valid and within capacity (stable re-runs), in numéro order.
  if (!input.reset) {
    const earlier = input.existing
      .filter((p) => !p.pinned)
      .map((p) => ({ p, k: keys.of(p.numero, p.epreuve) }))
      .sort((a, b) => a.k - b.k || (a.p.numero < b.p.numero ? -1 : 1));
    for (const { p, k } of earlier) {
      const r = reqs.get(k);
      if (!r) {
        dropped++;
        continue;
      }
      if (pinnedKeys.has(k) || fixed.has(k)) continue;
      if (r.follows && reqs.has(keys.of(r.numero, r.follows))) continue; // re-derived from its lead épreuve below
      const centre = centreFor(r, p.centreUai);
      const why = ineligibility(centre, r);
      if (why) {
        moves.push({ numero: p.numero, epreuve: p.epreuve, from: p.centreUai, reason: why });
        continue;
      }
      if (!r.follows && (used.get(usedKey(centre!, r)) ?? 0) >= capacityFor(centre!)) {
        moves.push({ numero: p.numero, epreuve: p.epreuve, from: p.centreUai, reason: `capacité du centre ${p.centreUai} atteinte` });
        continue;
      }
      take(k, r, { numero: p.numero, epreuve: p.epreuve, centreUai: p.centreUai, pinned: false });
    }
  } else {
    dropped += input.existing.filter((p) => !p.pinned).length;
  }

  // Pools of candidates still to place, in a fixed order: académie, written before oral, regulation order.
  const hosts = new Map<string, Map<string, Set<string>>>();
  const hostsFor = (organiser: string, nature: string) => {
    const hk = `${organiser}\u0000${nature}`;
    return hosts.get(hk) ?? hosts.set(hk, new Map()).get(hk)!;
  };
  fixed.forEach((p, k) => {
    const r = reqs.get(k)!;
    const h = hostsFor(r.organiser!, r.nature);
    (h.get(p.centreUai) ?? h.set(p.centreUai, new Set()).get(p.centreUai)!).add(etabKey(r));
  });
  // organiser → [written pools by unit rank…, oral pools by unit rank…]
  const pools = new Map<string, Requirement[][]>();
  const followers: Requirement[] = [];
  reqs.forEach((r, k) => {
    if (fixed.has(k) || !r.organiser) return;
    if (r.follows && reqs.has(keys.of(r.numero, r.follows))) {
      followers.push(r);
      return;
    }
    const slot = (r.nature === 'ecrit' ? 0 : keys.width) + keys.unitRank.get(r.epreuve)!;
    const list = pools.get(r.organiser) ?? pools.set(r.organiser, []).get(r.organiser)!;
    (list[slot] ??= []).push(r);
  });
  const shortfalls: Shortfall[] = [];
  const byKey = new Table<Placement>(sortedCandidates.length * keys.width);
  fixed.forEach((p, k) => byKey.set(k, p));
  const ordered = [...pools.keys()].sort().flatMap((a) => pools.get(a)!.filter((x) => x !== undefined));
  for (const todo of ordered) {
    const { nature, epreuve } = todo[0]!;
    const organiser = todo[0]!.organiser!;
    const centres = input.centres
      .filter((c) => c.type === nature && c.academie === organiser && c.epreuves.includes(epreuve))
      .sort((a, b) => (a.uai < b.uai ? -1 : 1));
    const poolUsed = new Map(centres.map((c) => [c.uai, used.get(centreRank.get(c)! * keys.width + keys.unitRank.get(epreuve)!) ?? 0]));
    const res = placePool({ organiser, epreuve, nature, centres, used: poolUsed, todo, hosts: hostsFor(organiser, nature) });
    for (const p of res.placed) byKey.set(keys.of(p.numero, p.epreuve), p);
    shortfalls.push(...res.shortfalls);
    warnings.push(...res.warnings);
  }

  // Engagement étudiant: right after U61, before the same commission (circulaire nationale §2, EF3).
  for (const r of followers) {
    const lead = byKey.get(keys.of(r.numero, r.follows!));
    if (lead) byKey.set(keys.of(r.numero, r.epreuve), { numero: r.numero, epreuve: r.epreuve, centreUai: lead.centreUai, pinned: false });
  }

  if (conflicts.length || shortfalls.length) return { ok: false, shortfalls, conflicts, warnings };
  // Sorted by numéro, then épreuve in the regulation's order: the order of the integer keys.
  // Counted on the result: an engagement étudiant re-derived at the same centre as before is kept, not new.
  const before = new Table<string>(sortedCandidates.length * keys.width);
  if (!input.reset) for (const p of input.existing) if (keys.of(p.numero, p.epreuve) >= 0) before.set(keys.of(p.numero, p.epreuve), p.centreUai);
  const placed: Placement[] = [];
  let pinnedCount = 0;
  let keptCount = 0;
  byKey.forEach((p, k) => {
    placed.push(p);
    if (p.pinned) pinnedCount++;
    else if (before.get(k) === p.centreUai) keptCount++;
  });
  return {
    ok: true,
    placements: placed,
    warnings,
    moves,
    stats: {
      requirements: reqs.size,
      kept: keptCount,
      pinned: pinnedCount,
      placed: placed.length - keptCount - pinnedCount,
      moved: moves.length,
      dropped,
    },
  };
}
