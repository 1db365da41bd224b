// The procès-verbal de délibération as a table: one row per candidate (issue 5 item 2 lists the columns), and the
// summary shown on stderr (counts per decision, pass rate per établissement).
import { formatHundredths } from '../candidate.js';
import { formatScaled, formatTruncated, truncHundredths, type Fraction } from './exact.js';
import { DECISIONS, type DecisionKind } from './decide.js';
import { formatNoteCell } from './note-cell.js';
import { allUnitCodes, type DeliberationRules } from './rules.js';
import type { CandidateResult } from './candidate-result.js';

export type PvCell = string | number | null;

export function pvColumns(rules: DeliberationRules): string[] {
  return [
    'numero', 'nom', 'prenom', 'etablissement', ...allUnitCodes(rules),
    'points', 'coefficients', 'moyenne', 'moyenne_professionnelle', 'decision', 'motif', 'unites_acquises', 'alertes', 'observations',
  ];
}

/**
 * One PV row. `numeric` (XLSX) gives numbers for notes and averages so that Excel can sort them; otherwise (CSV,
 * JSON) averages are text truncated to 2 decimals ("9,99", never "10,00") and notes keep their canonical text.
 */
const unitCodesOf = new WeakMap<DeliberationRules, string[]>();

export function pvRow(rules: DeliberationRules, r: CandidateResult, numeric = false): PvCell[] {
  const a = r.deliberation.averages;
  let codes = unitCodesOf.get(rules);
  if (!codes) unitCodesOf.set(rules, (codes = allUnitCodes(rules)));
  const row: PvCell[] = [r.numero, r.nom, r.prenom, r.etablissement];
  for (const code of codes) {
    const cell = r.cells.get(code);
    row.push(numeric && cell?.kind === 'note' ? cell.value / 100 : formatNoteCell(cell));
  }
  if (a) {
    row.push(
      numeric ? a.pointsScaled / 10000 : formatScaled(a.pointsScaled, 4),
      numeric ? a.coefH / 100 : formatHundredths(a.coefH),
      average(a.mg, numeric),
      average(a.mp, numeric),
    );
  } else row.push('', '', '', '');
  row.push(r.deliberation.decision, motifWithJury(r), r.deliberation.acquired.join(' '), r.alerts.length ? r.alerts.join(' ; ') : '', r.observations?.length ? r.observations.join(' ; ') : '');
  return row;
}

function average(f: Fraction | undefined, numeric: boolean): PvCell {
  if (!f) return '';
  return numeric ? truncHundredths(f) / 100 : formatTruncated(f);
}

/** Letters that NFD does not decompose, folded as French readers file them (Ødegård under O, Œillet under OE). */
const FOLD: Record<string, string> = { ø: 'o', đ: 'd', æ: 'ae', œ: 'oe', ß: 'ss', þ: 'th', ł: 'l', ı: 'i' };

/** Case- and accent-insensitive key: "Ødegård" → "odegard", "Lefèvre" → "lefevre". */
export function foldName(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[øđæœßþłı]/g, (c) => FOLD[c]!);
}

/** Numéros made of digits compare as numbers (9 before 10); others after them, as text. */
function numeroKey(n: string): string {
  return /^\d{1,30}$/.test(n) ? '0' + n.padStart(30, '0') : '1' + n;
}

/**
 * Names folded once per distinct spelling and numbered by folded form ("Élie" and "ELIE" get one number), so that
 * the PV order compares integers. A collector numbers names as candidates arrive (PvCollector), sortForPv all at once.
 */
export class FoldedNames {
  private readonly idOf = new Map<string, number>();
  private readonly idOfFolded = new Map<string, number>();
  private readonly folded: string[] = [];

  id(name: string): number {
    let id = this.idOf.get(name);
    if (id === undefined) {
      const f = foldName(name);
      id = this.idOfFolded.get(f);
      if (id === undefined) {
        id = this.folded.length;
        this.folded.push(f);
        this.idOfFolded.set(f, id);
      }
      this.idOf.set(name, id);
    }
    return id;
  }

  /** rank[id]: the place of the id's folded form among all folded forms, in code-unit order. */
  ranks(): Int32Array {
    const ids = Array.from(this.folded.keys()).sort((a, b) => compareText(this.folded[a]!, this.folded[b]!));
    const rank = new Int32Array(ids.length);
    ids.forEach((id, i) => (rank[id] = i));
    return rank;
  }
}

/**
 * PV order (STYLE.md): nom, prénom, numéro — names without case or accents, numéros in numeric order; the raw
 * numéro breaks the last ties, so the order is total and never depends on the input order. Names are folded and
 * ranked once per distinct value (a collator call per comparison took seconds on a 250k-candidate PV).
 */
export function sortForPv<T extends { nom: string; prenom: string; numero: string }>(list: T[]): T[] {
  const names = new FoldedNames();
  const noms = Int32Array.from(list, (x) => names.id(x.nom));
  const prenoms = Int32Array.from(list, (x) => names.id(x.prenom));
  return orderForPv(list, names, noms, prenoms);
}

/**
 * sortForPv on names already numbered (noms[i], prenoms[i]: ids in `names` of list[i]'s nom and prénom): the
 * candidates are placed by the rank of their nom (counting sort), and only candidates sharing a nom are compared.
 */
export function orderForPv<T extends { numero: string }>(list: T[], names: FoldedNames, noms: ArrayLike<number>, prenoms: ArrayLike<number>): T[] {
  const n = list.length;
  const rank = names.ranks();
  const buckets = rank.length;
  const nomRank = new Int32Array(n);
  const prenomRank = new Int32Array(n);
  /** The numéro as a number when it is made of (at most 15) digits, else -1 (text numéros come after). */
  const num = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    nomRank[i] = rank[noms[i]!]!;
    prenomRank[i] = rank[prenoms[i]!]!;
    num[i] = digitsValue(list[i]!.numero);
  }
  // Counting sort on the nom's rank: start[r] is where the candidates of rank r begin.
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < n; i++) start[nomRank[i]! + 1]!++;
  for (let r = 0; r < buckets; r++) start[r + 1]! += start[r]!;
  const order = new Int32Array(n);
  const next = start.slice(0, buckets);
  for (let i = 0; i < n; i++) order[next[nomRank[i]!]!++] = i;
  const byPrenomThenNumero = (a: number, b: number) => {
    const pa = list[a]!.numero;
    const pb = list[b]!.numero;
    return (
      prenomRank[a]! - prenomRank[b]! ||
      (num[a]! >= 0 && num[b]! >= 0 ? num[a]! - num[b]! : num[a]! >= 0 ? -1 : num[b]! >= 0 ? 1 : compareText(numeroKey(pa), numeroKey(pb))) ||
      compareText(pa, pb)
    );
  };
  const out = new Array<T>(n);
  for (let r = 0; r < buckets; r++) {
    const from = start[r]!;
    const to = start[r + 1]!;
    if (to - from === 1) out[from] = list[order[from]!]!;
    else if (to > from) {
      const same = Array.from(order.subarray(from, to)).sort(byPrenomThenNumero);
      for (let k = 0; k < same.length; k++) out[from + k] = list[same[k]!]!;
    }
  }
  return out;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The value of 1 to 15 ASCII digits (exact in a double), or -1 for any other text. */
function digitsValue(s: string): number {
  if (s.length === 0 || s.length > 15) return -1;
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** The jury's changes are part of the why: « MG 10,00 ≥ 10 ; jury : U1 9,98 → 10 (harmonisation) ». */
function motifWithJury(r: CandidateResult): string {
  if (!r.jury.length) return r.deliberation.motif;
  const changes = r.jury.map((j) => `${j.unite} ${formatNoteCell(j.before) || 'vide'} → ${formatNoteCell(j.after)} (${j.motif})`);
  return `${r.deliberation.motif} ; jury : ${changes.join(', ')}`;
}

export interface PvSummary {
  total: number;
  byDecision: Record<DecisionKind, number>;
  /** Per établissement, sorted by name: admitted among candidates with a decision (INCOMPLET left out). */
  byEtablissement: { etablissement: string; total: number; deliberated: number; admis: number }[];
  alerts: number;
}

export const NO_ETABLISSEMENT = '(sans établissement)';

/** What the summary needs of one candidate (a PV entry or a CandidateResult through summaryItem). */
export interface SummaryItem {
  etablissement: string;
  decision: DecisionKind;
  alerted: boolean;
}

export const summaryItem = (r: CandidateResult): SummaryItem => ({
  etablissement: r.etablissement,
  decision: r.deliberation.decision,
  alerted: r.alerts.length > 0,
});

export function summarise(items: Iterable<SummaryItem>): PvSummary {
  const byDecision = Object.fromEntries(DECISIONS.map((d) => [d, 0])) as Record<DecisionKind, number>;
  const etabs = new Map<string, { etablissement: string; total: number; deliberated: number; admis: number }>();
  let total = 0;
  let alerts = 0;
  for (const r of items) {
    total++;
    const d = r.decision;
    byDecision[d]++;
    if (r.alerted) alerts++;
    const name = r.etablissement || NO_ETABLISSEMENT;
    let e = etabs.get(name);
    if (!e) etabs.set(name, (e = { etablissement: name, total: 0, deliberated: 0, admis: 0 }));
    e.total++;
    if (d !== 'INCOMPLET') e.deliberated++;
    if (d === 'ADMIS') e.admis++;
  }
  const byEtablissement = [...etabs.values()].sort((x, y) => x.etablissement.localeCompare(y.etablissement, 'fr'));
  return { total, byDecision, byEtablissement, alerts };
}

// Pass rates: one truncating formatter shared with `ccst stats` (domain/statistics/rate.ts).
export { formatRate } from '../statistics/rate.js';
