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
  /** centre UAI → establishment keys already placed there in this académie and nature (shared across épreuves). */
  hosts: Map<string, Set<string>>;
}

export interface PoolResult {
  placed: Placement[];
  shortfalls: Shortfall[];
  warnings: string[];
}

/** Candidates without an establishment (individuels) form a group of one. */
export const etabKey = (r: Requirement): string => r.etablissementUai ?? `#${r.numero}`;
const langOf = (r: Requirement): string => r.langue ?? '';
const byNumero = (a: Requirement, b: Requirement) => (a.numero < b.numero ? -1 : a.numero > b.numero ? 1 : 0);

interface Slotting {
  centre: Centre;
  remaining: number;
  mask: number;
}

interface Group {
  key: string;
  uai?: string;
  departement?: string;
  lang: string;
  members: Requirement[];
}

function groupsOf(reqs: Requirement[]): Group[] {
  const map = new Map<string, Map<string, Group>>(); // establishment → language → group
  const groups: Group[] = [];
  for (const r of reqs) {
    const etab = etabKey(r);
    const byLang = map.get(etab) ?? map.set(etab, new Map()).get(etab)!;
    let g = byLang.get(langOf(r));
    if (!g) {
      g = { key: `${etab}\u0000${langOf(r)}`, uai: r.etablissementUai, departement: r.departement, lang: langOf(r), members: [] };
      byLang.set(langOf(r), g);
      groups.push(g);
    }
    g.members.push(r);
  }
  for (const g of groups) g.members.sort(byNumero);
  return groups.sort((a, b) => b.members.length - a.members.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function placePool(input: PoolInput): PoolResult {
  const { epreuve, nature } = input;
  const oral = nature === 'oral';
  const slots: Slotting[] = input.centres.map((centre) => ({
    centre,
    remaining: Math.max(0, capacityFor(centre) - (input.used.get(centre.uai) ?? 0)),
    mask: 0,
  }));
  const placed: Placement[] = [];
  const shortfalls: Shortfall[] = [];
  const warnings: string[] = [];
  const base = { academie: input.organiser, epreuve, nature, languages: [] as string[], centres: [] as string[] };

  if (slots.length === 0) {
    if (input.todo.length) {
      const languages = [...new Set(input.todo.map(langOf).filter(Boolean))].sort();
      shortfalls.push({ ...base, missing: input.todo.length, demand: input.todo.length, capacity: 0, languages, reason: 'aucun-centre' });
    }
    return { placed, shortfalls, warnings };
  }

  const hostsOf = (uai: string) => input.hosts.get(uai) ?? input.hosts.set(uai, new Set()).get(uai)!;
  const put = (s: Slotting, g: Group, members: Requirement[]) => {
    for (const r of members) placed.push({ numero: r.numero, epreuve, centreUai: s.centre.uai, pinned: false });
    s.remaining -= members.length;
    hostsOf(s.centre.uai).add(etabKey(members[0]!));
    if (oral && g.uai === s.centre.uai) {
      warnings.push(
        `${epreuve} : ${members.length} candidat(s) de ${g.uai} interrogé(s) dans leur propre établissement (aucun autre centre disponible)`,
      );
    }
  };
  /** Best centre first for a group, given how many of its candidates each centre may take. */
  const rankFor = (g: Group, allow: Map<Slotting, number>) => {
    const need = g.members.length;
    const etab = etabKey(g.members[0]!);
    const keys = new Map<Slotting, number[]>();
    for (const [s, a] of allow) {
      keys.set(s, [
        oral && g.uai === s.centre.uai ? 1 : 0,
        a >= need ? 0 : 1,
        hostsOf(s.centre.uai).has(etab) ? 0 : 1,
        g.departement && departementOfUai(s.centre.uai) === g.departement ? 0 : 1,
        -a,
      ]);
    }
    return (a: Slotting, b: Slotting): number => {
      const ka = keys.get(a)!;
      const kb = keys.get(b)!;
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
      return a.centre.uai < b.centre.uai ? -1 : a.centre.uai > b.centre.uai ? 1 : 0;
    };
  };

  // 1. Designations (circulaire nationale §1-B: the rector designates the centres) are followed exactly.
  const free: Requirement[] = [];
  const designated: Requirement[] = [];
  const byOrigin = new Map<string, Slotting[]>();
  for (const s of slots) for (const o of s.centre.origines) byOrigin.set(o, [...(byOrigin.get(o) ?? []), s]);
  const designatedTo = (r: Requirement) =>
    (r.etablissementUai ? (byOrigin.get(r.etablissementUai) ?? []) : []).filter((s) => offersLanguage(s.centre, epreuve, r.langue));
  for (const r of input.todo) (designatedTo(r).length ? designated : free).push(r);
  for (const g of groupsOf(designated)) {
    const targets = designatedTo(g.members[0]!);
    let rest = g.members;
    const allow = new Map(targets.map((x) => [x, x.remaining] as const));
    for (const s of [...targets].sort(rankFor(g, allow))) {
      if (!rest.length) break;
      const n = Math.min(s.remaining, rest.length);
      if (n > 0) put(s, g, rest.slice(0, n));
      rest = rest.slice(n);
    }
    if (rest.length) {
      shortfalls.push({
        ...base,
        missing: rest.length,
        demand: g.members.length,
        capacity: g.members.length - rest.length,
        languages: g.lang ? [g.lang] : [],
        reason: 'designation',
        centres: targets.map((s) => s.centre.uai),
      });
    }
  }

  // 2. Everyone else, with a feasibility check that accounts for languages offered by only some centres.
  const langs = [...new Set(free.map(langOf))].sort();
  const lc = new LanguageCapacity(langs, (l) => free.filter((r) => langOf(r) === l).length);
  for (const s of slots) {
    s.mask = lc.maskOf((l) => offersLanguage(s.centre, epreuve, l === '' ? undefined : l));
    lc.addCapacity(s.mask, s.remaining);
  }
  const gap = lc.deficit();
  if (gap.missing > 0) {
    const languages = gap.languages.filter(Boolean);
    const demand = free.filter((r) => gap.languages.includes(langOf(r))).length;
    shortfalls.push({ ...base, missing: gap.missing, demand, capacity: demand - gap.missing, languages, reason: 'places' });
    return { placed, shortfalls, warnings };
  }
  for (const g of groupsOf(free)) {
    const langBit = lc.maskOf((l) => l === g.lang);
    let rest = g.members;
    while (rest.length) {
      const allow = new Map<Slotting, number>();
      for (const s of slots) {
        const a = (s.mask & langBit) === 0 || s.remaining === 0 ? 0 : lc.allowance(g.lang, s.mask, s.remaining);
        if (a > 0) allow.set(s, a);
      }
      const best = [...allow.keys()].sort(rankFor(g, allow))[0];
      // Cannot happen after a zero deficit (Hall's condition); a bug if it does — never a silent partial plan.
      if (!best) throw new Error(`placement incomplet malgré une capacité suffisante (${input.organiser} ${epreuve})`);
      const n = Math.min(allow.get(best)!, rest.length);
      put(best, g, rest.slice(0, n));
      lc.place(g.lang, best.mask, n);
      rest = rest.slice(n);
    }
  }
  return { placed, shortfalls, warnings };
}
