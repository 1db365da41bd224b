// The jury's decision for one candidate from the cells of every unit (issue 5 « Rules »; Code de l'éducation
// D643-13 à D643-15-1, référentiel annexe IV c, circulaire Toulouse 2023 §1.2.1, §1.2.2 and §V).
import { formatHundredths } from '../candidate.js';
import { atLeastHundredths, formatTruncated, fraction, type Fraction } from './exact.js';
import { countedValue, type NoteCell } from './note-cell.js';
import type { DeliberationRules } from './rules.js';

export const DECISIONS = ['ADMIS', 'CONTROLE', 'AJOURNE', 'ELIMINE', 'INCOMPLET'] as const;
export type DecisionKind = (typeof DECISIONS)[number];

/** unit code → cell; a unit without a cell has no note (INCOMPLET when compulsory, never 0). */
export type Cells = ReadonlyMap<string, NoteCell>;

export interface Averages {
  /** Σ coef × note (compulsory units counted) + Σ max(0, note − 10) (optional units), × 10 000: exact integer. */
  pointsScaled: number;
  /** Σ coefficients of the compulsory units counted, in hundredths (dispensed units left out). */
  coefH: number;
  /** Moyenne générale = points / coefficients; undefined when every compulsory unit is dispensed. */
  mg?: Fraction;
  /** Moyenne du domaine professionnel (coefficient-weighted, bénéfices included, no optional points). */
  mp?: Fraction;
}

export interface Deliberation {
  decision: DecisionKind;
  /** Why, in the jury's words: "ABS en U5", "MG 9,99 < 10, MP 11,00 ≥ 10"… */
  motif: string;
  /** Present only for a computed decision (ADMIS, CONTROLE, AJOURNE): INCOMPLET and ELIMINE get no average. */
  averages?: Averages;
  /** Units ≥ 10 kept by a candidate who is not admitted (right to a bénéfice, D643-20). */
  acquired: string[];
}

/**
 * MG = (Σ coef×note + Σ optional max(0, note − 10)) / Σ coef of the compulsory units taken (issue 5, D643-15-1):
 * dispensed units are out of both sums, ABJ counts 0, an optional unit without a note brings no points.
 */
export function computeAverages(rules: DeliberationRules, cells: Cells): Averages {
  // Integer arithmetic on hundredths: every product is ≤ 2000 × coefH and every sum stays far below 2^53, so these
  // Numbers are exact integers (checked below); exact.ts compares the fractions by cross-multiplication.
  let points = 0;
  let coefH = 0;
  let proPoints = 0;
  let proCoefH = 0;
  for (const u of rules.compulsory) {
    const v = countedValue(cells.get(u.code));
    if (v === undefined) continue; // DIS (or a code handled by decide before averages are used)
    const p = u.coefH * v;
    points += p;
    coefH += u.coefH;
    if (u.professional) {
      proPoints += p;
      proCoefH += u.coefH;
    }
  }
  for (const u of rules.optional) {
    const cell = cells.get(u.code);
    const v = cell && cell.kind !== 'ABJ' ? countedValue(cell) : undefined;
    // Only the points above the average are added to the numerator; the coefficient never is (D643-15-1).
    if (v !== undefined && v > rules.optionalAboveH) points += 100 * (v - rules.optionalAboveH);
  }
  if (!Number.isSafeInteger(points)) throw new Error('somme de points hors des entiers exacts');
  return {
    pointsScaled: points,
    coefH,
    mg: coefH > 0 ? fraction(points, 100 * coefH) : undefined,
    mp: proCoefH > 0 ? fraction(proPoints, 100 * proCoefH) : undefined,
  };
}

const units = (codes: string[]) => codes.join(', ');

const NONE: readonly string[] = Object.freeze([]);

export function decide(rules: DeliberationRules, cells: Cells): Deliberation {
  // Arrays are made only when a code is met: most candidates have none.
  let nv = NONE as string[];
  let abs = NONE as string[];
  let missing = NONE as string[];
  for (const u of rules.compulsory) {
    const cell = cells.get(u.code);
    if (!cell) (missing === NONE ? (missing = []) : missing).push(u.code);
    else if (cell.kind === 'NV') (nv === NONE ? (nv = []) : nv).push(u.code);
    else if (cell.kind === 'ABS') (abs === NONE ? (abs = []) : abs).push(u.code);
  }
  // NV eliminates at the contrôle de conformité units (circulaire Toulouse 2023 §1.2.2). At an optional épreuve the
  // texts say only « l'épreuve ne peut pas se dérouler » (circulaire nationale 2024, EF2 and engagement étudiant):
  // no points (countedValue), no elimination — deliberateCandidate warns (nvEliminates false, code-scope.ts).
  for (const u of rules.optional) if (u.nvEliminates && cells.get(u.code)?.kind === 'NV') (nv === NONE ? (nv = []) : nv).push(u.code);

  if (nv.length || abs.length) {
    // Circulaire Toulouse 2023 §1.2.1: an unjustified absence eliminates; §1.2.2: NV eliminates.
    const motif = [nv.length ? `NV en ${units(nv)}` : '', abs.length ? `ABS en ${units(abs)}` : ''].filter(Boolean).join(', ');
    return { decision: 'ELIMINE', motif, acquired: acquiredUnits(rules, cells) };
  }
  if (missing.length) return { decision: 'INCOMPLET', motif: `note manquante en ${units(missing)}`, acquired: [] };

  const averages = computeAverages(rules, cells);
  if (!averages.mg) return { decision: 'INCOMPLET', motif: 'toutes les unités obligatoires sont dispensées', acquired: [] };
  return finish(rules, cells, averages);
}

function finish(rules: DeliberationRules, cells: Cells, averages: Averages): Deliberation {
  const d = decideOnAverages(rules, averages);
  return { decision: d.decision, motif: d.motif, averages, acquired: d.decision === 'ADMIS' ? [] : acquiredUnits(rules, cells) };
}

/** The thresholds as the motifs show them, formatted once per rules (not once per candidate). */
const thresholdTexts = new WeakMap<DeliberationRules, { adm: string; ctl: string; pro: string }>();
function thresholdsOf(rules: DeliberationRules) {
  let t = thresholdTexts.get(rules);
  if (!t) {
    t = { adm: formatHundredths(rules.admissionH), ctl: formatHundredths(rules.controleH), pro: formatHundredths(rules.professionalH) };
    thresholdTexts.set(rules, t);
  }
  return t;
}

/** D643-13: MG ≥ 10 admis; D643-15 and circulaire Toulouse 2023 §V: 8 ≤ MG < 10 with MP ≥ 10 → contrôle. */
export function decideOnAverages(rules: DeliberationRules, a: Averages): { decision: DecisionKind; motif: string } {
  const mg = a.mg!;
  const mgText = `MG ${formatTruncated(mg)}`;
  const { adm, ctl, pro } = thresholdsOf(rules);
  if (atLeastHundredths(mg, rules.admissionH)) return { decision: 'ADMIS', motif: `${mgText} ≥ ${adm}` };
  if (!atLeastHundredths(mg, rules.controleH)) {
    return { decision: 'AJOURNE', motif: `${mgText} < ${ctl}` };
  }
  if (!a.mp) return { decision: 'AJOURNE', motif: `${mgText} < ${adm}, pas de moyenne professionnelle (unités dispensées)` };
  const mpText = `MP ${formatTruncated(a.mp)}`;
  if (atLeastHundredths(a.mp, rules.professionalH)) {
    return { decision: 'CONTROLE', motif: `${mgText} < ${adm}, ${mpText} ≥ ${pro}` };
  }
  return { decision: 'AJOURNE', motif: `${mgText} < ${adm}, ${mpText} < ${pro}` };
}

/** Compulsory units whose note (of this session, bénéfice or report) reaches the bénéfice minimum (D643-20). */
export function acquiredUnits(rules: DeliberationRules, cells: Cells): string[] {
  const out: string[] = [];
  for (const u of rules.compulsory) {
    const c = cells.get(u.code);
    if (c !== undefined && (c.kind === 'note' || c.kind === 'BEN' || c.kind === 'REP') && c.value >= rules.beneficeMinimumH) out.push(u.code);
  }
  return out;
}
