// Which épreuves a candidate sits on exam day, and which académie organises each of them.
import type { Candidate } from '../candidate.js';
import type { Regulation, UnitDef, VoieDef } from '../regulation/schema.js';
import { findUnit, formFor, voieByCode } from '../regulation/units.js';
import { departementOfPostalCode, departementOfUai, languageKey, type CentreType } from './centre.js';

/** One épreuve a candidate must be placed for. */
export interface Requirement {
  numero: string;
  epreuve: string;
  unite: string;
  /** Written épreuves go to a centre d'écrit, orals to a centre d'oral. */
  nature: CentreType;
  /** Language of E22 / EF1 (normalised lower case), which the centre must offer. */
  langue?: string;
  /** The académie whose centres receive the candidate for this épreuve. */
  organiser?: string;
  /** Candidate's own académie (for messages and checks). */
  academie: string;
  etablissementUai?: string;
  /** Who stays together: the establishment's UAI, or "#numéro" for a candidate without one (individuels). */
  group: string;
  departement?: string;
  /** Épreuve this one follows immediately (engagement étudiant after E61). */
  follows?: string;
  /** Integer key given by assignCentres (candidate rank × width + unit rank), to avoid string keys. */
  key?: number;
  /** Integer id of `group` given by assignCentres. */
  groupId?: number;
  /** Set by assignCentres / placePool when the requirement is placed (kept, pinned or newly placed). */
  centreUai?: string;
  pinned?: boolean;
}

/**
 * Annexe 1's « candidats individuels » column covers every candidate without a training establishment in the
 * académie: candidat individuel, expérience professionnelle, enseignement à distance résidant (issue #11 finding 5).
 */
export function individualForAnnexe1(voie: VoieDef): boolean {
  return voie.individual === true || voie.withoutEstablishment === true;
}

/**
 * Académie organising the orals of a candidate (circulaire nationale §1-B and annexe 1): the pilot for its
 * attached académies, itself when autonomous or pilot; the "candidats individuels" column sends individual
 * candidates (e.g. of CORSE and MAYOTTE) to its pilot (AIX-MARSEILLE). Undefined when the table names no one.
 */
export function oralOrganiser(reg: Regulation, academie: string, individual: boolean): string | undefined {
  const groups = reg.regroupements.groups;
  if (individual) {
    const g = groups.find((x) => x.individuals.includes(academie));
    if (g) return g.pilot;
  }
  if (groups.some((x) => x.pilot === academie)) return academie;
  const attachedTo = groups.find((x) => x.attached.includes(academie));
  if (attachedTo) return attachedTo.pilot;
  if (reg.regroupements.autonomous.includes(academie)) return academie;
  return undefined;
}

function unitCodes(reg: Regulation, raw: string[]): Set<string> {
  const out = new Set<string>();
  for (const r of raw) {
    const u = findUnit(reg, r);
    if (u) out.add(u.code);
  }
  return out;
}

interface UnitPlan {
  unit: UnitDef;
  nature: CentreType;
  follows?: string;
}

/** Per regulation and voie, the units taken in ponctuel form (computed once: 250,000 candidates share 11 voies). */
const plans = new WeakMap<Regulation, Map<string, UnitPlan[]>>();
function planFor(reg: Regulation, voieCode: string): UnitPlan[] {
  let byVoie = plans.get(reg);
  if (!byVoie) plans.set(reg, (byVoie = new Map()));
  let plan = byVoie.get(voieCode);
  if (!plan) {
    if (!voieByCode(reg, voieCode)) throw new Error(`voie inconnue: ${voieCode}`);
    plan = [];
    for (const unit of reg.units) {
      const form = formFor(reg, unit, voieCode);
      if (form.form !== 'ponctuel') continue;
      const follows = unit.followsUnit ? reg.units.find((x) => x.code === unit.followsUnit)?.epreuve : undefined;
      plan.push({ unit, nature: form.nature, follows });
    }
    byVoie.set(voieCode, plan);
  }
  return plan;
}

/**
 * Référentiel annexe IV c: a unit is taken on exam day when its form for the candidate's voie (column A/B/C) is
 * ponctuel; dispensed units and units kept by bénéfice (D643-20) are not taken again. Facultative units count only
 * when chosen (EF1 with its language, EF2, EF3 engagement étudiant).
 */
/** The facts of a candidate that decide their exam-day épreuves (a narrow read suffices: store/copies.ts). */
export type RequirementFacts = Pick<
  Candidate,
  'numero' | 'academie' | 'voie' | 'etablissementUai' | 'codePostal' | 'langue' | 'ef1' | 'ef2' | 'ef3' | 'dispenses' | 'benefices'
>;

/** Of those, the ones that decide WHICH units are taken (the others decide where and for whom: centre, organiser, group). */
export type UnitChoiceFacts = Pick<RequirementFacts, 'voie' | 'ef1' | 'ef2' | 'ef3' | 'dispenses' | 'benefices'>;

/** Units dispensed or kept by bénéfice, by code; undefined when none (most candidates). */
function skippedUnits(reg: Regulation, c: UnitChoiceFacts): Set<string> | undefined {
  return c.dispenses.length || c.benefices.length ? unitCodes(reg, [...c.dispenses, ...c.benefices.map((b) => b.unite)]) : undefined;
}

/** A facultative unit counts only when chosen. */
function chosenUnit(u: UnitDef, c: UnitChoiceFacts): boolean {
  if (!u.optional) return true;
  if (u.code === 'UF1') return Boolean(c.ef1);
  if (u.code === 'UF2') return c.ef2;
  if (u.code === 'UF3') return c.ef3;
  return false;
}

/**
 * Whether a candidate with these facts takes `unite` on exam day in a form of that nature: the same decision as
 * examDayRequirements(…, nature).some((r) => r.unite === unite), without the requirement objects — `ccst copies
 * anonymise` decides it once per distinct set of facts (store/copies.ts presenceGroups), not once per candidate.
 */
export function takesOnExamDay(reg: Regulation, c: UnitChoiceFacts, unite: string, nature: CentreType): boolean {
  const entry = planFor(reg, c.voie).find((p) => p.unit.code === unite);
  return entry !== undefined && entry.nature === nature && chosenUnit(entry.unit, c) && !skippedUnits(reg, c)?.has(unite);
}

export function examDayRequirements(reg: Regulation, c: RequirementFacts, only?: CentreType): Requirement[] {
  const plan = planFor(reg, c.voie);
  const skipped = skippedUnits(reg, c);
  const chosen = (u: UnitDef): boolean => chosenUnit(u, c);
  const organiser = oralOrganiser(reg, c.academie, individualForAnnexe1(voieByCode(reg, c.voie)!));
  const departement = departementOfUai(c.etablissementUai) ?? departementOfPostalCode(c.codePostal);
  const group = c.etablissementUai ?? `#${c.numero}`;
  const out: Requirement[] = [];
  for (const { unit: u, nature, follows } of plan) {
    if ((only && nature !== only) || !chosen(u) || skipped?.has(u.code)) continue;
    const langue = u.language ? languageKey((u.optional ? c.ef1 : c.langue) ?? '') : undefined;
    out.push({
      numero: c.numero,
      epreuve: u.epreuve,
      unite: u.code,
      nature,
      langue: langue === '' ? undefined : langue,
      // Written centres are designated by the candidate's own rector; orals by the organising académie.
      organiser: nature === 'ecrit' ? c.academie : organiser,
      academie: c.academie,
      etablissementUai: c.etablissementUai,
      group,
      departement,
      follows,
      // Filled in by assignCentres; present from the start so every requirement keeps one object shape.
      key: undefined,
      groupId: undefined,
      centreUai: undefined,
      pinned: undefined,
    });
  }
  return out;
}
