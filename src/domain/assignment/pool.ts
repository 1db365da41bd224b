// Placement of the candidates of one pool (organising académie × written/oral × épreuve) into its centres.
// Order of decisions: designations (`origines`) are followed exactly; everyone else is placed by establishment
// groups, largest first, into the best-ranked centre: for orals a centre other than the candidate's own
// establishment, then one that holds the whole group, then where the establishment already is, then the same
// département, then the most free seats, then the UAI — so that the result never depends on input order.
import { capacityFor, departementOfUai, offersLanguage, type Centre, type CentreType } from './centre.js';
import { LanguageCapacity } from './language-capacity.js';
import type { Requirement } from './requirements.js';

export interface Placement {
  numero: string;
  epreuve: string;
  centreUai: string;
  pinned: boolean;
}

export interface Shortfall {
  academie: string;
  epreuve: string;
  nature: CentreType;
  /** Exact number of candidates that cannot be placed. */
  missing: number;
  demand: number;
  capacity: number;
  /** Languages concerned (E22/EF1), empty otherwise. */
  languages: string[];
  reason: 'aucun-centre' | 'places' | 'designation';
  /** Designated centres that are too small (reason « designation »). */
  centres: string[];
  /** Reason « designation »: the establishment (UAI) whose candidates are left without a seat. */
  etablissement?: string;
  /**
   * Reason « designation »: each designated centre's seats for this épreuve — capacity, seats already held by
   * earlier placements and pins (`kept`), and how many of those belong to establishments it is not designated for
   * (`keptForOthers`: only those would a `--reset` give back).
   */
  seats?: { uai: string; nom: string; capacity: number; kept: number; keptForOthers: number }[];
  /** Other centres of the pool that still have free seats once everyone else is placed (ways out). */
  elsewhere?: { uai: string; nom: string; free: number }[];
}

export interface PoolInput {
  organiser: string;
  epreuve: string;
  nature: CentreType;
  /** Centres of the organising académie, of the right type, offering the épreuve. */
  centres: Centre[];
  /** Seats already taken in each centre by pins and kept assignments. */
  used: Map<string, number>;
  todo: Requirement[];
  /** Scratch table, one cell per groupId, all -1 (assignCentres's fast grouping); left all -1 on return. */
  groupSlots?: Int32Array;
  /** Establishment key → UAIs of the centres where it is already placed in this académie and nature (shared across épreuves). */
  hosts: Map<string, Set<string>>;
}

export interface PoolResult {
  /** How many requirements were placed; each placed requirement has its `centreUai` set. */
  placed: number;
  shortfalls: Shortfall[];
}

/** Candidates without an establishment (individuels) form a group of one. */
const langOf = (r: Requirement): string => r.langue ?? '';
/** Numéro order; assignCentres's integer keys give it without comparing strings. */
const byNumero = (a: Requirement, b: Requirement) =>
  a.key !== undefined && b.key !== undefined ? a.key - b.key : a.numero < b.numero ? -1 : a.numero > b.numero ? 1 : 0;

interface Slotting {
  centre: Centre;
  remaining: number;
  mask: number;
  departement?: string;
}

interface Group {
  key: string;
  uai?: string;
  departement?: string;
  lang: string;
  members: Requirement[];
}

function groupsOf(reqs: Requirement[], scratch?: Int32Array): Group[] {
  const groups: Group[] = [];
  const open = (r: Requirement) => {
    const g: Group = { key: `${r.group}\u0000${langOf(r)}`, uai: r.etablissementUai, departement: r.departement, lang: langOf(r), members: [] };
    groups.push(g);
    return g;
  };
  if (scratch && reqs.every((r) => r.groupId !== undefined && r.langue === undefined)) {
    // Fast path (pools without languages, the bulk): an integer table instead of string-keyed maps.
    for (const r of reqs) {
      let i = scratch[r.groupId!]!;
      if (i < 0) {
        i = groups.length;
        scratch[r.groupId!] = i;
        open(r);
      }
      groups[i]!.members.push(r);
    }
    for (const r of reqs) scratch[r.groupId!] = -1;
  } else {
    // establishment + "\u0000" + language → group.
    const map = new Map<string, Group>();
    for (const r of reqs) {
      const k = `${r.group}\u0000${langOf(r)}`;
      const g = map.get(k) ?? map.set(k, open(r)).get(k)!;
      g.members.push(r);
    }
  }
  // assignCentres hands requirements over in numéro order already: sort only when they are not.
  for (const g of groups) if (!g.members.every((r, i) => i === 0 || byNumero(g.members[i - 1]!, r) <= 0)) g.members.sort(byNumero);
  return groups.sort((a, b) => b.members.length - a.members.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function placePool(input: PoolInput): PoolResult {
  const { epreuve, nature } = input;
  const oral = nature === 'oral';
  const hostedAt = (etab: string) => input.hosts.get(etab) ?? input.hosts.set(etab, new Set()).get(etab)!;
  const slots: Slotting[] = input.centres.map((centre) => ({
    centre,
    remaining: Math.max(0, capacityFor(centre) - (input.used.get(centre.uai) ?? 0)),
    mask: 0,
    departement: departementOfUai(centre.uai),
  }));
  let placed = 0;
  const shortfalls: Shortfall[] = [];
  const base = { academie: input.organiser, epreuve, nature, languages: [] as string[], centres: [] as string[] };

  if (slots.length === 0) {
    if (input.todo.length) {
      const languages = [...new Set(input.todo.map(langOf).filter(Boolean))].sort();
      shortfalls.push({ ...base, missing: input.todo.length, demand: input.todo.length, capacity: 0, languages, reason: 'aucun-centre' });
    }
    return { placed, shortfalls };
  }

  /** Places members[from, to) in a centre. */
  const put = (s: Slotting, members: Requirement[], from: number, to: number) => {
    for (let i = from; i < to; i++) {
      members[i]!.centreUai = s.centre.uai;
      members[i]!.pinned = false;
    }
    placed += to - from;
    s.remaining -= to - from;
    hostedAt(members[0]!.group).add(s.centre.uai);
  };
  /**
   * Rank of a centre for a group (lower is better), the preferences as bits, most important first: for orals not
   * the group's own establishment; room for the whole rest of the group; already hosting the establishment;
   * same département. Ties: more room, then UAI. No allocation: this runs for every group of every pool.
   */
  const rankOf = (g: Group, hostedIn: Set<string> | undefined, s: Slotting, allowed: number, need: number): number =>
    (oral && g.uai === s.centre.uai ? 8 : 0) +
    (allowed >= need ? 0 : 4) +
    (hostedIn?.has(s.centre.uai) ? 0 : 2) +
    (g.departement && s.departement === g.departement ? 0 : 1);
  const better = (rank: number, allowed: number, s: Slotting, bestRank: number, bestAllowed: number, best: Slotting) =>
    rank < bestRank || (rank === bestRank && (allowed > bestAllowed || (allowed === bestAllowed && s.centre.uai < best.centre.uai)));

  // 1. Designations (circulaire nationale §1-B: the rector designates the centres) are followed exactly.
  const byOrigin = new Map<string, Slotting[]>();
  for (const s of slots) for (const o of s.centre.origines) byOrigin.set(o, [...(byOrigin.get(o) ?? []), s]);
  const designatedCache = new Map<string, Slotting[]>();
  const designatedTo = (r: Requirement): Slotting[] => {
    const targets = r.etablissementUai ? byOrigin.get(r.etablissementUai) : undefined;
    if (!targets) return [];
    const k = `${r.etablissementUai}\u0000${langOf(r)}`;
    let list = designatedCache.get(k);
    if (!list) designatedCache.set(k, (list = targets.filter((s) => offersLanguage(s.centre, epreuve, r.langue))));
    return list;
  };
  // Members of a group share establishment and language, hence their designation.
  const allGroups = groupsOf(input.todo, input.groupSlots);
  const designatedGroups = byOrigin.size ? allGroups.filter((g) => designatedTo(g.members[0]!).length > 0) : [];
  const isDesignated = new Set(designatedGroups);
  const freeGroups = designatedGroups.length ? allGroups.filter((g) => !isDesignated.has(g)) : allGroups;
  const demandOf = (lang: string) => freeGroups.reduce((n, g) => (g.lang === lang ? n + g.members.length : n), 0);
  for (const g of designatedGroups) {
    const targets = designatedTo(g.members[0]!);
    let done = 0; // members[0, done) are placed
    for (;;) {
      const rest = g.members.length - done;
      let best: Slotting | undefined;
      let bestRank = 0;
      const hostedIn = input.hosts.get(g.members[0]!.group);
      for (const s of targets) {
        if (s.remaining === 0) continue;
        const rank = rankOf(g, hostedIn, s, s.remaining, rest);
        if (!best || better(rank, s.remaining, s, bestRank, best.remaining, best)) {
          best = s;
          bestRank = rank;
        }
      }
      if (!best || rest === 0) break;
      const n = Math.min(best.remaining, rest);
      put(best, g.members, done, done + n);
      done += n;
    }
    const rest = g.members.length - done;
    if (rest) {
      shortfalls.push({
        ...base,
        missing: rest,
        demand: g.members.length,
        capacity: done,
        languages: g.lang ? [g.lang] : [],
        reason: 'designation',
        centres: targets.map((s) => s.centre.uai),
        etablissement: g.uai,
        seats: targets.map((s) => ({
          uai: s.centre.uai,
          nom: s.centre.nom,
          capacity: capacityFor(s.centre),
          kept: input.used.get(s.centre.uai) ?? 0,
          keptForOthers: 0, // filled in by assignCentres, which knows whose seats were kept
        })),
      });
    }
  }

  // 2. Everyone else, with a feasibility check that accounts for languages offered by only some centres.
  const langs = [...new Set(freeGroups.map((g) => g.lang))].sort();
  const lc = new LanguageCapacity(langs, demandOf);
  for (const s of slots) {
    s.mask = lc.maskOf((l) => offersLanguage(s.centre, epreuve, l === '' ? undefined : l));
    lc.addCapacity(s.mask, s.remaining);
  }
  const gap = lc.deficit();
  if (gap.missing > 0) {
    const languages = gap.languages.filter(Boolean);
    const demand = gap.languages.reduce((n, l) => n + demandOf(l), 0);
    shortfalls.push({ ...base, missing: gap.missing, demand, capacity: demand - gap.missing, languages, reason: 'places' });
    return { placed, shortfalls: withElsewhere(shortfalls, slots) };
  }
  for (const g of freeGroups) {
    const langBit = lc.maskOf((l) => l === g.lang);
    let done = 0; // members[0, done) are placed
    while (done < g.members.length) {
      const rest = g.members.length - done;
      let best: Slotting | undefined;
      let bestRank = 0;
      let bestAllow = 0;
      const hostedIn = input.hosts.get(g.members[0]!.group);
      for (const s of slots) {
        if (s.remaining === 0 || (s.mask & langBit) === 0) continue;
        const a = lc.allowance(g.lang, s.mask, s.remaining);
        if (a === 0) continue;
        const rank = rankOf(g, hostedIn, s, a, rest);
        if (!best || better(rank, a, s, bestRank, bestAllow, best)) {
          best = s;
          bestRank = rank;
          bestAllow = a;
        }
      }
      // Cannot happen after a zero deficit (Hall's condition); a bug if it does — never a silent partial plan.
      if (!best) throw new Error(`placement incomplet malgré une capacité suffisante (${input.organiser} ${epreuve})`);
      const n = Math.min(bestAllow, rest);
      put(best, g.members, done, done + n);
      lc.place(g.lang, best.mask, n);
      done += n;
    }
  }
  return { placed, shortfalls: withElsewhere(shortfalls, slots) };
}

/** A designated centre is full: name the pool's centres that still have seats (another designation, a pin). */
function withElsewhere(shortfalls: Shortfall[], slots: Slotting[]): Shortfall[] {
  for (const s of shortfalls) {
    if (s.reason !== 'designation') continue;
    s.elsewhere = slots
      .filter((x) => x.remaining > 0 && !s.centres.includes(x.centre.uai))
      .sort((a, b) => b.remaining - a.remaining || (a.centre.uai < b.centre.uai ? -1 : 1))
      .map((x) => ({ uai: x.centre.uai, nom: x.centre.nom, free: x.remaining }));
  }
  return shortfalls;
}
