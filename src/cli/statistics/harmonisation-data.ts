// How the notes of one épreuve are grouped for its commission d'harmonisation (issue 15 items 1–2). One entry per
// grouping in GROUPINGS: which candidates form a group, its key (what `harmonisation apply` reads in « groupe »),
// the store's counts for the report and the selector for the adjustment. The épreuve's own regulation says which
// groupings apply: an oral épreuve (ponctuel oral for some voie) by oral commission, a CCF épreuve by
// établissement (circulaire nationale : « le jury arrêtera les notes de C.C.F. proposées par une commission
// d'harmonisation »). A written épreuve is harmonised by lot of copies / correcteur: that grouping needs the
// examiners and their lots (issue 13) and plugs in here as a third entry (kind 'lot', a selector on the lot table).
import type { Db } from '../../store/workspace.js';
import type { Regulation, UnitDef } from '../../domain/regulation/schema.js';
import { noteCountsByCommission, noteCountsByEtablissement, noteCountsOfUnit, type GroupNoteCountRow } from '../../store/statistics.js';
import type { GroupSelector } from '../../store/harmonisation.js';
import { frequencyTable, type FrequencyTable } from '../../domain/statistics/distribution.js';
import { harmonisation, type GroupInput, type HarmonisationReport } from '../../domain/statistics/harmonisation.js';
import { addValue } from './session-data.js';

export const PARS = ['commission', 'etablissement'] as const;
export type Par = (typeof PARS)[number];

export interface Grouping {
  par: Par;
  title: string;
  /** Who is in the section, said in the report (the « rest » a group is compared with is the rest of the section). */
  population: string;
  /** Whether the épreuve's regulation has this form at all. */
  applies(reg: Regulation, unit: UnitDef): boolean;
  counts(db: Db, reg: Regulation, unit: UnitDef): Promise<GroupNoteCountRow[]>;
  /** The group named by a « groupe » cell (its key, or for an établissement its name), or undefined. */
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

export const GROUPINGS: Record<Par, Grouping> = {
  commission: {
    par: 'commission',
    title: 'Par commission d’oral',
    population: 'candidats qui passent l’épreuve à l’oral, placés dans une commission (ccst schedule-orals)',
    applies: hasOral,
    counts: (db, _reg, unit) => noteCountsByCommission(db, unit.code, unit.epreuve),
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
    counts: (db, reg, unit) => noteCountsByEtablissement(db, unit.code, ccfVoies(reg, unit)),
    selector(reg, unit, key) {
      const uai = key.trim().toUpperCase();
      return /^[0-9]{7}[A-Z]$/.test(uai) ? { kind: 'etablissement', uai, voies: ccfVoies(reg, unit) } : undefined;
    },
  },
};

export interface Section {
  par: Par;
  title: string;
  population: string;
  report: HarmonisationReport;
}

const byLabel = (a: GroupInput, b: GroupInput) => a.label.localeCompare(b.label, 'fr', { numeric: true }) || a.key.localeCompare(b.key);

/** One grouping's section: groups from the store's counts, each compared with the rest of the section. */
export async function harmonisationSection(db: Db, reg: Regulation, unit: UnitDef, g: Grouping): Promise<Section> {
  const byGroup = new Map<string, { label: string; pairs: [number, number][]; codes: Record<string, number> }>();
  const all: [number, number][] = [];
  for (const r of await g.counts(db, reg, unit)) {
    let x = byGroup.get(r.groupKey);
    if (!x) byGroup.set(r.groupKey, (x = { label: r.groupLabel, pairs: [], codes: {} }));
    const before = x.pairs.length;
    addValue(x, r.value, r.n);
    if (x.pairs.length > before) all.push(x.pairs[x.pairs.length - 1]!);
  }
  const groups: GroupInput[] = [...byGroup].map(([key, x]) => ({
    key,
    label: x.label,
    table: frequencyTable(x.pairs),
    codes: Object.values(x.codes).reduce((a, b) => a + b, 0),
  }));
  groups.sort(byLabel);
  return { par: g.par, title: g.title, population: g.population, report: harmonisation(unit.epreuve, g.par, frequencyTable(all), groups) };
}

export interface EpreuveNotes {
  table: FrequencyTable;
  codes: Record<string, number>;
}

/** Every stored note of the unit (all voies, all forms): the histogram of the épreuve. */
export async function epreuveNotes(db: Db, unit: UnitDef): Promise<EpreuveNotes> {
  const into = { pairs: [] as [number, number][], codes: {} as Record<string, number> };
  for (const r of await noteCountsOfUnit(db, unit.code)) addValue(into, r.value, r.n);
  return { table: frequencyTable(into.pairs), codes: into.codes };
}
