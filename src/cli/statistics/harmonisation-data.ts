// How the notes of one épreuve are grouped for its commission d'harmonisation (issue 15 items 1–2). One entry per
// grouping in GROUPINGS: which stored note belongs to which group, the group's key (what `harmonisation apply`
// reads in « groupe ») and the selector the adjustment uses. The épreuve's regulation says which groupings apply:
// an oral épreuve (ponctuel oral for some voie) by oral commission, a CCF épreuve by établissement (circulaire
// nationale : « le jury arrêtera les notes de C.C.F. proposées par une commission d'harmonisation »), a written
// épreuve by lot of copies and by correcteur (« une commission d'harmonisation entre tous les correcteurs », E3, E5:
// the lots of issue 13 — copies → lot_copies → lots, each lot's correcteur an examiner).
import type { Db } from '../../store/workspace.js';
import type { Regulation, UnitDef } from '../../domain/regulation/schema.js';
import { correcteurNames, etablissementNames, oralCentreNames, unitNoteGroups, type GroupSelector, type UnitNoteFacts } from '../../store/harmonisation.js';
import { tableOfCounts, type FrequencyTable } from '../../domain/statistics/distribution.js';
import { harmonisation, type GroupInput, type HarmonisationSection } from '../../domain/statistics/harmonisation.js';
import { addValue } from './session-data.js';
import { parseNoteText } from '../../domain/deliberation/note-cell.js';
import { NOTE_MAX } from '../../domain/statistics/adjustment.js';

export const PARS = ['commission', 'etablissement', 'lot', 'correcteur'] as const;
export type Par = (typeof PARS)[number];

/** What a grouping needs besides the row: the oral centres', établissements' and correcteurs' names. */
export interface GroupingContext {
  centreNames: Map<string, string>;
  etablissementNames: Map<string, string>;
  correcteurNames: Map<string, string>;
}

export interface Grouping {
  par: Par;
  title: string;
  /** Who is in the section, said in the report (a group is compared with the rest of its section). */
  population: string;
  /** The épreuve has no such form: « E4 ne se passe <absent> dans aucune voie ». */
  absent: string;
  /** What a note must be attached to, and the command that attaches it (said when no note is). */
  attachedTo: string;
  /** How a « groupe » cell names such a group in `harmonisation apply`; undefined: not a group to adjust. */
  groupeCell?: string;
  /** Whether the épreuve's regulation has this form at all. */
  applies(reg: Regulation, unit: UnitDef): boolean;
  /** The group of a stored note (its key), or undefined when the note is not in this grouping. Called per set of facts. */
  keyOf(row: UnitNoteFacts, ctx: GroupingContext): string | undefined;
  /** The group's label, from its first note. */
  labelOf(row: UnitNoteFacts, ctx: GroupingContext): string;
  /** The group named by a « groupe » cell (its key as the report prints it), or undefined. */
  selector(reg: Regulation, unit: UnitDef, key: string): GroupSelector | undefined;
}

/** Voies that take the unit in CCF (référentiel annexe IV c, by the voie's règlement column). */
export function ccfVoies(reg: Regulation, unit: UnitDef): string[] {
  return reg.voies.filter((v) => unit.forms[v.column]?.form === 'ccf').map((v) => v.code);
}

const hasPonctuel = (nature: 'oral' | 'ecrit') => (reg: Regulation, unit: UnitDef) =>
  reg.voies.some((v) => {
    const f = unit.forms[v.column];
    return f?.form === 'ponctuel' && f.nature === nature;
  });

/** « E5-03 » (« e5-03 »): a lot of the épreuve, named as ccst copies lots names it (domain/examiners/lots.ts). */
const lotName = (unit: UnitDef, key: string) => {
  const name = key.trim().toUpperCase();
  return name.startsWith(`${unit.epreuve.toUpperCase()}-`) && /^\d+$/.test(name.slice(unit.epreuve.length + 1)) ? name : undefined;
};

/** « 0311201M C1 », « 0311201M c 1 », « 0311201M-C1 », « 0311201M commission 1 », « 0311201M#1 ». */
const COMMISSION_KEY = /^([0-9]{7}[A-Z])\s*(?:[-#]\s*)?(?:C|COMMISSION)?\s*(\d{1,3})$/;
const UAI = /^[0-9]{7}[A-Z]$/;

export const GROUPINGS: Record<Par, Grouping> = {
  commission: {
    par: 'commission',
    title: 'Par commission d’oral',
    population: 'candidats qui passent l’épreuve à l’oral, placés dans une commission (ccst schedule-orals)',
    absent: 'à l’oral',
    attachedTo: 'une commission d’oral (ccst schedule-orals)',
    groupeCell: 'une commission « 0311201M C1 » (UAI du centre, numéro)',
    applies: hasPonctuel('oral'),
    // A commission is a centre's commission number for the épreuve (schedule-orals numbers them per centre, day
    // and épreuve; the same number over several days is taken to be the same examiners).
    keyOf: (r) => (r.centreUai === null || r.commission === null ? undefined : `${r.centreUai} C${r.commission}`),
    labelOf: (r, ctx) => `${ctx.centreNames.get(r.centreUai!) ?? r.centreUai} — commission ${r.commission}`,
    selector(_reg, unit, key) {
      const m = COMMISSION_KEY.exec(key.trim().toUpperCase());
      return m ? { kind: 'commission', epreuve: unit.epreuve, centreUai: m[1]!, commission: Number(m[2]) } : undefined;
    },
  },
  etablissement: {
    par: 'etablissement',
    title: 'Par établissement (CCF)',
    population: 'candidats des voies qui passent l’épreuve en CCF, par établissement de formation',
    absent: 'en CCF',
    attachedTo: 'un établissement (CCF)',
    groupeCell: 'un établissement (son UAI, CCF)',
    applies: (reg, unit) => ccfVoies(reg, unit).length > 0,
    keyOf: (r) => (r.ccf === 1 ? (r.etablissementUai ?? '') : undefined),
    labelOf: (r, ctx) => (r.etablissementUai === null ? '(sans établissement)' : (ctx.etablissementNames.get(r.etablissementUai) ?? r.etablissementUai)),
    selector(reg, unit, key) {
      const uai = key.trim().toUpperCase();
      return UAI.test(uai) ? { kind: 'etablissement', uai, voies: ccfVoies(reg, unit) } : undefined;
    },
  },
  lot: {
    par: 'lot',
    title: 'Par lot de copies',
    population: 'copies de l’épreuve écrite réparties en lots (ccst copies lots), chaque lot à un correcteur',
    absent: 'à l’écrit',
    attachedTo: 'un lot de copies (ccst copies anonymise puis ccst copies lots)',
    groupeCell: 'un lot « E5-03 »',
    applies: hasPonctuel('ecrit'),
    keyOf: (r) => r.lot ?? undefined,
    labelOf: (r, ctx) => `${r.lot} — ${ctx.correcteurNames.get(r.correcteur!) ?? r.correcteur}`,
    selector(_reg, unit, key) {
      const lot = lotName(unit, key);
      return lot ? { kind: 'lot', epreuve: unit.epreuve, lot } : undefined;
    },
  },
  correcteur: {
    par: 'correcteur',
    title: 'Par correcteur',
    population: 'copies de l’épreuve écrite réparties en lots, par correcteur (tous ses lots ensemble)',
    absent: 'à l’écrit',
    attachedTo: 'un lot de copies et son correcteur (ccst copies lots)',
    // A correcteur's notes are adjusted lot by lot (the commission's file names lots: issue 15 §2).
    applies: hasPonctuel('ecrit'),
    keyOf: (r) => r.correcteur ?? undefined,
    labelOf: (r, ctx) => ctx.correcteurNames.get(r.correcteur!) ?? r.correcteur!,
    selector: () => undefined,
  },
};

/** Whether a grouping reads the copies' lots (two more columns a row: only when one is asked). */
const needsLots = (groupings: Grouping[]) => groupings.some((g) => g.par === 'lot' || g.par === 'correcteur');

export interface EpreuveNotes {
  table: FrequencyTable;
  codes: Record<string, number>;
}

/** Counts of one group: notes by hundredths (index 0–2000), codes by text. */
interface Counts {
  notes: Float64Array;
  codes: Map<string, number>;
}
const newCounts = (): Counts => ({ notes: new Float64Array(NOTE_MAX + 1), codes: new Map() });

/** A unit's notes counted in ONE read of the store: the whole épreuve, and each grouping's groups. */
export interface CountedUnit {
  all: Counts;
  groups: Map<Par, Map<string, Counts & { label: string }>>;
}

export async function countUnit(db: Db, reg: Regulation, unit: UnitDef, groupings: Grouping[]): Promise<CountedUnit> {
  const lots = needsLots(groupings);
  const ctx: GroupingContext = {
    centreNames: await oralCentreNames(db),
    etablissementNames: await etablissementNames(db),
    correcteurNames: lots ? await correcteurNames(db) : new Map(),
  };
  const out: CountedUnit = { all: newCounts(), groups: new Map(groupings.map((g) => [g.par, new Map()])) };
  const targets = groupings.map((g) => ({ g, groups: out.groups.get(g.par)! }));
  // Hot loop (250,000 notes in the bench): each distinct stored text is parsed once, then a note is one typed-array
  // increment per grouping it belongs to; a code (ABS, NV…) is counted by its text.
  const slot = new Map<string, number>();
  const count = (c: Counts, value: string, at: number) => {
    if (at >= 0) c.notes[at]!++;
    else c.codes.set(value, (c.codes.get(value) ?? 0) + 1);
  };
  for (const row of await unitNoteGroups(db, unit.code, unit.epreuve, ccfVoies(reg, unit), { lots })) {
    // The groups of these notes, once for all of them (they share the facts that group them).
    const into: Counts[] = [out.all];
    for (const t of targets) {
      const key = t.g.keyOf(row, ctx);
      if (key === undefined) continue;
      let group = t.groups.get(key);
      if (!group) t.groups.set(key, (group = { label: t.g.labelOf(row, ctx), ...newCounts() }));
      into.push(group);
    }
    for (const value of row.values) {
      let at = slot.get(value);
      if (at === undefined) {
        const note = parseNoteText(value);
        slot.set(value, (at = note.ok ? note.value : -1));
      }
      for (const c of into) count(c, value, at);
    }
  }
  return out;
}

/** The keys and labels of a grouping's groups (for `harmonisation apply` to check a « groupe » cell). */
export function groupLabels(counted: CountedUnit, par: Par): Map<string, string> {
  return new Map([...(counted.groups.get(par) ?? [])].map(([k, g]) => [k, g.label]));
}

// One collator (localeCompare with options builds one per call: a tenth of the report's time for 500 groups).
const FRENCH = new Intl.Collator('fr', { numeric: true });
const byLabel = (a: GroupInput, b: GroupInput) => FRENCH.compare(a.label, b.label) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Codes by their code word (« BEN 14@2022 » counts as BEN), as the session statistics count them. */
function codesOf(c: Counts): Record<string, number> {
  const into = { pairs: [] as [number, number][], codes: {} as Record<string, number> };
  for (const [value, n] of c.codes) addValue(into, value, n);
  return into.codes;
}

/** One grouping's section: each group's notes compared with the rest of the section. */
export function harmonisationSection(unit: UnitDef, counted: CountedUnit, g: Grouping): HarmonisationSection {
  const total = new Float64Array(NOTE_MAX + 1);
  const groups: GroupInput[] = [...(counted.groups.get(g.par) ?? [])].map(([key, x]) => {
    for (let h = 0; h <= NOTE_MAX; h++) total[h]! += x.notes[h]!;
    return { key, label: x.label, table: tableOfCounts(x.notes), codes: Object.values(codesOf(x)).reduce((a, b) => a + b, 0) };
  });
  groups.sort(byLabel);
  return { par: g.par, title: g.title, population: g.population, report: harmonisation(unit.epreuve, g.par, tableOfCounts(total), groups) };
}

/** Every stored note of the unit (all voies, all forms): the histogram of the épreuve. */
export function epreuveNotes(counted: CountedUnit): EpreuveNotes {
  return { table: tableOfCounts(counted.all.notes), codes: codesOf(counted.all) };
}
