// How the notes of one épreuve are grouped for its commission d'harmonisation (issue 15 items 1–2). One entry per
// grouping in GROUPINGS: which stored note belongs to which group, the group's key (what `harmonisation apply`
// reads in « groupe ») and the selector the adjustment uses. The épreuve's regulation says which groupings apply:
// an oral épreuve (ponctuel oral for some voie) by oral commission, a CCF épreuve by établissement (circulaire
// nationale : « le jury arrêtera les notes de C.C.F. proposées par une commission d'harmonisation »). A written
// épreuve is harmonised by lot of copies / correcteur: that grouping needs the examiners and their lots (issue 13)
// and plugs in here as a third entry (kind 'lot': the lot of each copy in the row, a lot selector in the store).
import type { Db } from '../../store/workspace.js';
import type { Regulation, UnitDef } from '../../domain/regulation/schema.js';
import { etablissementNames, oralCentreNames, unitNotesWithGroups, type GroupSelector, type UnitNoteRow } from '../../store/harmonisation.js';
import { tableOfCounts, type FrequencyTable } from '../../domain/statistics/distribution.js';
import { harmonisation, type GroupInput, type HarmonisationReport } from '../../domain/statistics/harmonisation.js';
import { addValue } from './session-data.js';
import { parseNoteText } from '../../domain/deliberation/note-cell.js';
import { NOTE_MAX } from '../../domain/statistics/adjustment.js';

export const PARS = ['commission', 'etablissement'] as const;
export type Par = (typeof PARS)[number];

/** What a grouping needs besides the row: the oral centres' and the établissements' names. */
export interface GroupingContext {
  centreNames: Map<string, string>;
  etablissementNames: Map<string, string>;
}

export interface Grouping {
  par: Par;
  title: string;
  /** Who is in the section, said in the report (a group is compared with the rest of its section). */
  population: string;
  /** Whether the épreuve's regulation has this form at all. */
  applies(reg: Regulation, unit: UnitDef): boolean;
  /** The group of a stored note (its key), or undefined when the note is not in this grouping. Called per note. */
  keyOf(row: UnitNoteRow, ctx: GroupingContext): string | undefined;
  /** The group's label, from its first note. */
  labelOf(row: UnitNoteRow, ctx: GroupingContext): string;
  /** The group named by a « groupe » cell (its key as the report prints it), or undefined. */
  selector(reg: Regulation, unit: UnitDef, key: string): GroupSelector | undefined;
}

/** Voies that take the unit in CCF (référentiel annexe IV c, by the voie's règlement column). */
export function ccfVoies(reg: Regulation, unit: UnitDef): string[] {
  return reg.voies.filter((v) => unit.forms[v.column]?.form === 'ccf').map((v) => v.code);
}

const hasOral = (reg: Regulation, unit: UnitDef) =>
  reg.voies.some((v) => {
    const f = unit.forms[v.column];
    return f?.form === 'ponctuel' && f.nature === 'oral';
  });

/** « 0311201M C1 », « 0311201M c 1 », « 0311201M-C1 », « 0311201M commission 1 », « 0311201M#1 ». */
const COMMISSION_KEY = /^([0-9]{7}[A-Z])\s*(?:[-#]\s*)?(?:C|COMMISSION)?\s*(\d{1,3})$/;
const UAI = /^[0-9]{7}[A-Z]$/;

export const GROUPINGS: Record<Par, Grouping> = {
  commission: {
    par: 'commission',
    title: 'Par commission d’oral',
    population: 'candidats qui passent l’épreuve à l’oral, placés dans une commission (ccst schedule-orals)',
    applies: hasOral,
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
    applies: (reg, unit) => ccfVoies(reg, unit).length > 0,
    keyOf: (r) => (r.ccf === 1 ? (r.etablissementUai ?? '') : undefined),
    labelOf: (r, ctx) => (r.etablissementUai === null ? '(sans établissement)' : (ctx.etablissementNames.get(r.etablissementUai) ?? r.etablissementUai)),
    selector(reg, unit, key) {
      const uai = key.trim().toUpperCase();
      return UAI.test(uai) ? { kind: 'etablissement', uai, voies: ccfVoies(reg, unit) } : undefined;
    },
  },
};

export interface Section {
  par: Par;
  title: string;
  population: string;
  report: HarmonisationReport;
}

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

/** A unit's notes counted in ONE pass of the store's stream: the whole épreuve, and each grouping's groups. */
export interface CountedUnit {
  all: Counts;
  groups: Map<Par, Map<string, Counts & { label: string }>>;
}

export async function countUnit(db: Db, reg: Regulation, unit: UnitDef, groupings: Grouping[]): Promise<CountedUnit> {
  const ctx: GroupingContext = { centreNames: await oralCentreNames(db), etablissementNames: await etablissementNames(db) };
  const out: CountedUnit = { all: newCounts(), groups: new Map(groupings.map((g) => [g.par, new Map()])) };
  const targets = groupings.map((g) => ({ g, groups: out.groups.get(g.par)! }));
  // Hot loop (250,000 notes in the bench): each distinct stored text is parsed once, then a note is one typed-array
  // increment per grouping; a code (ABS, NV…) is counted by its text.
  const slot = new Map<string, number>();
  const count = (c: Counts, value: string, at: number) => {
    if (at >= 0) c.notes[at]!++;
    else c.codes.set(value, (c.codes.get(value) ?? 0) + 1);
  };
  for await (const chunk of unitNotesWithGroups(db, unit.code, unit.epreuve, ccfVoies(reg, unit))) {
    for (const r of chunk) {
      let at = slot.get(r.value);
      if (at === undefined) {
        const note = parseNoteText(r.value);
        slot.set(r.value, (at = note.ok ? note.value : -1));
      }
      count(out.all, r.value, at);
      for (const t of targets) {
        const key = t.g.keyOf(r, ctx);
        if (key === undefined) continue;
        let group = t.groups.get(key);
        if (!group) t.groups.set(key, (group = { label: t.g.labelOf(r, ctx), ...newCounts() }));
        count(group, r.value, at);
      }
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
export function harmonisationSection(unit: UnitDef, counted: CountedUnit, g: Grouping): Section {
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
