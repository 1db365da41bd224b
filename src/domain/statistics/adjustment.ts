// Adjustments decided by a commission d'harmonisation (issue 15 item 2; circulaire nationale 2024 : « une
// commission d'harmonisation entre tous les correcteurs se tiendra après les corrections », and the jury « arrêtera
// les notes de C.C.F. proposées par une commission d'harmonisation »): a shift (« +1 », « -0,5 ») or a factor
// (« ×1,05 », « x1.05 », and its inverse « ÷1,05 ») applied to every NOTE of a group. Exact integer arithmetic on
// hundredths; codes (ABS, ABJ, NV, DIS, BEN…, REP…) are never adjusted.
import { fail, ok, type FieldResult } from '../validation.js';

/** The scale of a note: 0 to 20 points, in hundredths (note-cell.ts: a note has at most 2 decimals). */
export const NOTE_MIN = 0;
export const NOTE_MAX = 2000;

export type Adjustment =
  /** Adds `hundredths` (negative to lower). */
  | { kind: 'shift'; hundredths: number; text: string }
  /** Multiplies by num/den exactly (× 1,05 is 105/100; ÷ 1,05 is 100/105). */
  | { kind: 'factor'; num: number; den: number; text: string };

/** At most this many decimals in a factor (1,0526 is a factor a commission writes; more is a typing slip). */
const FACTOR_DECIMALS = 4;

const SHIFT = /^([+\-−])\s*(\d{1,2})(?:[.,](\d{1,2}))?$/;
const FACTOR = /^([×xX*÷/:])\s*(\d{1,2})(?:[.,](\d+))?$/;

/** Parses « +1 », « -0,5 », « ×1,05 », « x1.05 », « ÷1,05 » (also « * » and « / »). */
export function parseAdjustment(raw: string): FieldResult<Adjustment> {
  const text = raw.trim();
  const s = SHIFT.exec(text);
  if (s) {
    const h = Number(s[2]) * 100 + Number((s[3] ?? '').padEnd(2, '0'));
    if (h > NOTE_MAX) return fail('ajustement', `« ${text} » : un décalage de plus de 20 points n’a pas de sens`);
    return ok({ kind: 'shift', hundredths: s[1] === '+' ? h : -h, text });
  }
  const f = FACTOR.exec(text);
  if (f) {
    const decimals = f[3] ?? '';
    if (decimals.length > FACTOR_DECIMALS) return fail('ajustement', `« ${text} » : au plus ${FACTOR_DECIMALS} décimales pour un coefficient`);
    const scale = 10 ** decimals.length;
    const value = Number(f[2]) * scale + Number(decimals || 0);
    if (value === 0) return fail('ajustement', `« ${text} » : un coefficient nul effacerait les notes`);
    const divide = f[1] === '÷' || f[1] === '/' || f[1] === ':';
    return ok(divide ? { kind: 'factor', num: scale, den: value, text } : { kind: 'factor', num: value, den: scale, text });
  }
  return fail('ajustement', `« ${text} » : attendu un décalage (+1, -0,5) ou un coefficient (×1,05, x1.05, ÷1,05)`);
}

export interface AdjustedNote {
  /** Hundredths, in 0–2000. */
  value: number;
  /** The raw result was above 20 (capped) or below 0 (floored). */
  clamped: 'plafond' | 'plancher' | null;
}

/**
 * The adjusted note, in hundredths.
 * - A shift is exact: note + shift.
 * - A product note × num/den is ROUNDED TO THE NEAREST HUNDREDTH, HALVES UP: ⌊(2·note·num + den) / (2·den)⌋.
 *   Why: the stored note has hundredths as its scale (note-cell.ts), so the product must land on one; this is
 *   what the office's spreadsheet gives today (=ARRONDI(B2*1,05;2): Excel's ROUND, halves away from zero — the
 *   same for positive notes), its error is at most half a hundredth (truncation errs up to 0,0099 and always
 *   against the candidate), and it makes the inverse factor restore the notes: for f ≥ 1, y = round(x·f) gives
 *   |y/f − x| ≤ ½/f < ½ so round(y/f) = x (tested). The project's « truncate, never round » rule is for DISPLAYED
 *   averages, which must not show a 9,996 as 10,00; an adjusted note is a new note decided by the commission.
 * - Then capped at 20 and floored at 0 (the scale of a note). A capped note is not restored by the opposite
 *   adjustment: 19,5 + 1 → 20, and 20 − 1 → 19 (the summary counts the capped notes so the commission sees it).
 */
export function adjustNote(note: number, a: Adjustment): AdjustedNote {
  let raw: number;
  if (a.kind === 'shift') raw = note + a.hundredths;
  else {
    const top = 2 * note * a.num + a.den; // ≤ 2 × 2000 × 99·10⁴ + 99·10⁴: a safe integer
    raw = (top - (top % (2 * a.den))) / (2 * a.den); // integer floor division, no float rounding

  }
  if (raw > NOTE_MAX) return { value: NOTE_MAX, clamped: 'plafond' };
  if (raw < NOTE_MIN) return { value: NOTE_MIN, clamped: 'plancher' };
  return { value: raw, clamped: null };
}

/** The adjustment that undoes `a` where nothing was capped: +1 ↔ −1, ×1,05 ↔ ÷1,05. */
export function opposite(a: Adjustment): Adjustment {
  if (a.kind === 'shift') return { ...a, hundredths: -a.hundredths };
  return { ...a, num: a.den, den: a.num };
}
