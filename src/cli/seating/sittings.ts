// Who sits a written épreuve at which centre, and when (issue #14 §2-3): the same grouping as `ccst lists` and the
// convocations (domain/rosters/groups.ts: the written-centre assignments, the épreuve's date and its times on the
// clock of the centre's académie, domain/calendar/local-time.ts), one sitting per centre. Shared by `ccst seat`,
// `ccst rooms documents` and `ccst seating export`. Not a command itself.
import type { Db } from '../../store/workspace.js';
import type { Regulation, UnitDef } from '../../domain/regulation/schema.js';
import { findUnit } from '../../domain/regulation/units.js';
import type { Candidate } from '../../domain/candidate.js';
import type { CentreFact } from '../../domain/rosters/groups.js';
import { usageError } from '../errors.js';
import { centreFacts, loadGroups } from '../roster-data.js';
import { compareCandidates } from '../../domain/candidate.js';
import { writtenTimes } from '../../domain/rosters/groups.js';
import { seatingPlacements, slottedNumeros, storedEpreuves, type SeatingCandidate } from '../../store/seating-candidates.js';

export interface Sitting<C = Candidate> {
  unit: UnitDef;
  centre: CentreFact;
  /** Local date and times of the épreuve at this centre; undefined when the calendar does not give them. */
  date?: string;
  start?: string;
  end?: string;
  candidates: C[];
}

/** The unit of `--epreuve`: known to the regulation and written (ponctuel) for some voie. */
export function writtenUnit(reg: Regulation, epreuve: string): UnitDef {
  const unit = findUnit(reg, epreuve);
  if (!unit) throw usageError(`épreuve inconnue : ${epreuve}`, [`Épreuves du règlement : ${reg.units.map((u) => u.epreuve).join(', ')}`]);
  const written = Object.values(unit.forms).some((f) => f.form === 'ponctuel' && f.nature === 'ecrit');
  if (!written) {
    throw usageError(`${unit.epreuve} n’est pas une épreuve écrite : pas de salles ni de places (les oraux ont leurs commissions)`, [
      `Épreuves écrites : ${reg.units.filter((u) => Object.values(u.forms).some((f) => f.form === 'ponctuel' && f.nature === 'ecrit')).map((u) => u.epreuve).join(', ')}`,
    ]);
  }
  return unit;
}

/** One sitting per written centre of the épreuve (by UAI), candidates in list order (nom, prénom, numéro). */
export async function loadSittings(db: Db, reg: Regulation, unit: UnitDef, centre?: string): Promise<Sitting[]> {
  const groups = await loadGroups(db, reg, [unit], { centre });
  const out = new Map<string, Sitting>();
  for (const g of groups) {
    if ((g.kind !== 'ecrit' && g.kind !== 'centre') || !g.centre) continue;
    let s = out.get(g.centre.uai);
    if (!s) out.set(g.centre.uai, (s = { unit, centre: g.centre, date: g.date, start: g.start, end: g.end, candidates: [] }));
    // A language épreuve is grouped per language on the lists; a room takes them all.
    for (const l of g.lines) s.candidates.push(l.candidate);
  }
  return [...out.values()].sort((a, b) => a.centre.uai.localeCompare(b.centre.uai));
}

/**
 * The sittings of `loadSittings` with only what `ccst seat` uses of each candidate, read by one narrow query
 * (store/seating-candidates.ts: 250k candidates, bench:seating). The same sittings, centres, times and candidates in
 * the same order (nom, prénom, numéro; test/store/seating-candidates.test.ts compares the two), but for a language
 * épreuve, where the general path lists each language apart: the order is then one list (seating sorts anyway).
 */
export async function loadSeatingSittings(db: Db, reg: Regulation, unit: UnitDef, centre?: string): Promise<Sitting<SeatingCandidate>[]> {
  // The stored spellings of the unit (aliases, as groupRosters maps each one with findUnit).
  const ofUnit = (list: string[]) => list.filter((e) => findUnit(reg, e)?.code === unit.code);
  const epreuves = ofUnit(await storedEpreuves(db, 'assignments'));
  const placements = await seatingPlacements(db, epreuves, centre);
  // A candidate with an oral slot for the unit is on an oral list, not in a room (groupRosters: a slot comes first).
  const slotted = await slottedNumeros(db, ofUnit(await storedEpreuves(db, 'oral_slots')), centre);
  const facts = await centreFacts(db);
  const written = reg.calendar.written.find((w) => w.epreuve === unit.epreuve);
  // The times depend on the centre's académie and zone only: computed once for each (2,000 centres of one académie
  // took 0.5 s CPU, one time-zone conversion each: bench:seating).
  const timesOf = new Map<string, ReturnType<typeof writtenTimes>>();
  const times = (fact: CentreFact) => {
    const key = `${fact.academie ?? ''}|${fact.zone}`;
    let t = timesOf.get(key);
    if (!t) timesOf.set(key, (t = writtenTimes(reg, written!, fact)));
    return { ...t };
  };
  const out = new Map<string, Sitting<SeatingCandidate>>();
  for (const p of placements) {
    if (slotted.has(p.numero)) continue;
    let s = out.get(p.centreUai);
    if (!s) {
      const fact = facts.get(p.centreUai) ?? { uai: p.centreUai, nom: p.centreUai, zone: 'metropole' as const };
      out.set(p.centreUai, (s = { unit, centre: fact, ...(written ? times(fact) : {}), candidates: [] }));
    }
    s.candidates.push(p);
  }
  // The order of the lists (STYLE.md): seatCentre sorts its newcomers by the same comparator, then on sorted input.
  for (const s of out.values()) s.candidates.sort(compareCandidates);
  return [...out.values()].sort((a, b) => a.centre.uai.localeCompare(b.centre.uai));
}
