// The harmonisation table of one épreuve (issue 15 item 1; circulaire nationale : « commission d'harmonisation
// entre tous les correcteurs », and the jury « arrêtera les notes de C.C.F. proposées par une commission
// d'harmonisation »): per group (lot/correcteur, oral commission, establishment for CCF) the distribution of its
// notes, its difference from the rest of the épreuve and whether that difference is more than chance.
import { pointBins, summarize, moments, type FrequencyTable, type Moments, type Summary } from './distribution.js';
import { MIN_GROUP, welch, type WelchResult } from './welch.js';

export type GroupKind = 'commission' | 'etablissement' | 'lot' | 'correcteur';

export interface GroupInput {
  key: string;
  label: string;
  table: FrequencyTable;
  /** Notes that are codes (ABS, ABJ, NV, DIS…): counted, never in the figures. */
  codes: number;
}

/** « trop-petit »: fewer than MIN_GROUP notes; « ecart »: significant after Bonferroni; else « conforme ». */
export type Verdict = 'trop-petit' | 'ecart' | 'conforme';

export interface GroupRow {
  key: string;
  label: string;
  summary: Summary;
  codes: number;
  test: WelchResult | null;
  /** p × number of groups tested, capped at 1 (Bonferroni). */
  pAdjusted: number | null;
  verdict: Verdict;
}

export interface HarmonisationReport {
  epreuve: string;
  kind: GroupKind;
  overall: Summary;
  bins: number[];
  groups: GroupRow[];
  /** Risk level of the test, before the Bonferroni correction. */
  alpha: number;
}

/** One grouping's part of a commission's report (what its PDF, XLSX and JSON show): the groups compared. */
export interface HarmonisationSection {
  par: GroupKind;
  title: string;
  population: string;
  report: HarmonisationReport;
}

// 40 correcteurs tested at 5 % each would flag two of them by chance alone: the p-values are multiplied by the
// number of groups tested (Bonferroni), so that the whole table keeps a 5 % risk of one false alarm.
export const ALPHA = 0.05;

export function harmonisation(epreuve: string, kind: GroupKind, all: FrequencyTable, groups: GroupInput[]): HarmonisationReport {
  const tested = groups.filter((g) => moments(g.table).n >= MIN_GROUP).length;
  const whole = moments(all);
  const rows = groups.map((g): GroupRow => {
    const summary = summarize(g.table);
    if (summary.n < MIN_GROUP) return { key: g.key, label: g.label, summary, codes: g.codes, test: null, pAdjusted: null, verdict: 'trop-petit' };
    const mine = moments(g.table);
    // The rest of the épreuve by its sums alone (Welch needs n, Σx, Σx²): exact integer differences, no table of
    // the rest built for each of 500 groups.
    const rest: Moments = { n: whole.n - mine.n, sum: whole.sum - mine.sum, sumSq: whole.sumSq - mine.sumSq };
    if (rest.n < 0) throw new Error(`groupe non inclus dans l’épreuve (${g.key})`);
    const test = welch(mine, rest);
    const pAdjusted = test ? Math.min(1, test.p * tested) : null;
    const verdict: Verdict = pAdjusted !== null && pAdjusted < ALPHA ? 'ecart' : 'conforme';
    return { key: g.key, label: g.label, summary, codes: g.codes, test, pAdjusted, verdict };
  });
  return { epreuve, kind, overall: summarize(all), bins: pointBins(all), groups: rows, alpha: ALPHA };
}
