// Which épreuves have written copies, and whose copies they are (issue #13 §3). Pure.
//  - A written épreuve is one the regulation gives as « ponctuel écrit » in some column of the règlement d'examen
//    (référentiel annexe IV c, as templates/regulations/*.json encodes it: E1, E21, E3, E5 for CCST); only those
//    have copies to make anonymous.
//  - A candidate is present — gets a number — when they take the unit in its written ponctuel form on exam day
//    (examDayRequirements: not dispensed, no bénéfice, the voie's column says ponctuel écrit) AND have been placed
//    in a centre d'écrit for it by assign-centres (the same placement the lists d'émargement and convocations use).
//    Whoever is absent on the day keeps the number issued (an ABS is a note, recorded later).
import type { Regulation, UnitDef } from '../regulation/schema.js';
import { findUnit } from '../regulation/units.js';
import { examDayRequirements, takesOnExamDay, type RequirementFacts, type UnitChoiceFacts } from '../assignment/requirements.js';

/** Whether the unit is written ponctuel for at least one column of the règlement. */
export function isWritten(unit: UnitDef): boolean {
  return Object.values(unit.forms).some((f) => f.form === 'ponctuel' && f.nature === 'ecrit');
}

export function writtenUnits(reg: Regulation): UnitDef[] {
  return reg.units.filter(isWritten);
}

/** The unit of a written épreuve, or the French reason why `raw` is not one. */
export function writtenUnit(reg: Regulation, raw: string): { unit: UnitDef } | { error: string } {
  const known = writtenUnits(reg).map((u) => u.epreuve).join(', ');
  const unit = findUnit(reg, raw);
  if (!unit) return { error: `--epreuve ${raw} : épreuve inconnue (épreuves écrites du règlement : ${known})` };
  if (!isWritten(unit)) {
    return { error: `--epreuve ${raw} : ${unit.epreuve} n’est pas une épreuve écrite ; seules les copies des épreuves écrites ponctuelles sont anonymées (${known})` };
  }
  return { unit };
}

export interface PresenceInput {
  reg: Regulation;
  unit: UnitDef;
  candidates: Iterable<RequirementFacts>;
  /** Numéros placed in a centre d'écrit for the épreuve (assignments at a centre of type « ecrit »). */
  placed: ReadonlySet<string>;
}

export interface Presence {
  /** Numéros sorted (the anonymity numbers do not depend on this order: anonymity.ts). */
  present: string[];
  /** Take the épreuve in written form but are not placed in a centre d'écrit yet (assign-centres not run since). */
  unplaced: string[];
  /** Placed for the épreuve but no longer taking it in written form (dispense, bénéfice or voie changed since). */
  stale: string[];
}

export function presence(input: PresenceInput): Presence {
  const { reg, unit, placed } = input;
  const present: string[] = [];
  const unplaced: string[] = [];
  const stale: string[] = [];
  for (const c of input.candidates) {
    const sits = examDayRequirements(reg, c, 'ecrit').some((r) => r.unite === unit.code);
    if (sits && placed.has(c.numero)) present.push(c.numero);
    else if (sits) unplaced.push(c.numero);
    else if (placed.has(c.numero)) stale.push(c.numero);
  }
  return { present: present.sort(byText), unplaced: unplaced.sort(byText), stale: stale.sort(byText) };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Candidates who share the facts that decide their exam-day units, and whether they are placed in a centre d'écrit. */
export interface PresenceGroup {
  facts: UnitChoiceFacts;
  placed: boolean;
  numeros: readonly string[];
}

/**
 * presence() from candidates grouped by those facts (store/copies.ts presenceGroups): the same three lists, the
 * decision taken once per group — 250,000 candidates of a national session share a handful of sets of facts, and
 * reading them as groups spares a JavaScript object per candidate (bench:notes).
 */
export function presenceByGroups(reg: Regulation, unit: UnitDef, groups: Iterable<PresenceGroup>): Presence {
  const present: string[] = [];
  const unplaced: string[] = [];
  const stale: string[] = [];
  for (const g of groups) {
    const sits = takesOnExamDay(reg, g.facts, unit.code, 'ecrit');
    const into = sits ? (g.placed ? present : unplaced) : g.placed ? stale : undefined;
    if (into) for (const n of g.numeros) into.push(n);
  }
  return { present: present.sort(byText), unplaced: unplaced.sort(byText), stale: stale.sort(byText) };
}

/**
 * Codes a correcteur may write instead of a note on a written copy: ABS (absent) and ABJ (absence justifiée), the
 * codes of note-cell.ts that concern a copy; NV only where the regulation gives the unit a « non valide » mention
 * (nonValide: a dossier épreuve — no written one today). DIS, BEN and REP are the office's, not the correcteur's.
 */
export function copyNoteCodes(unit: UnitDef): string[] {
  return ['ABS', 'ABJ', ...(unit.nonValide ? ['NV'] : [])];
}
