// Descriptive statistics of notes, computed from a FREQUENCY TABLE (distinct note → count) rather than a list of
// notes: notes are integer hundredths on 0–20, so an épreuve of 250,000 candidates has at most 2,001 distinct
// values. The store aggregates (GROUP BY note) and everything below is exact integer arithmetic on the table —
// one pass, no sort of raw points. Only the standard deviation (a square root) and the test are floats.
import { fraction, type Fraction } from '../deliberation/exact.js';

export interface FrequencyTable {
  /** Distinct notes in hundredths, increasing. */
  values: Int32Array;
  /** counts[i] notes equal to values[i]. */
  counts: Float64Array;
}

/** Builds a table from (note in hundredths → count) pairs, in any order. */
export function frequencyTable(pairs: Iterable<readonly [number, number]>): FrequencyTable {
  const merged = new Map<number, number>();
  for (const [v, c] of pairs) {
    if (!Number.isInteger(v) || !Number.isInteger(c) || c < 0) throw new Error(`effectif invalide: ${v} × ${c}`);
    if (c > 0) merged.set(v, (merged.get(v) ?? 0) + c);
  }
  const values = Int32Array.from([...merged.keys()].sort((a, b) => a - b));
  const counts = Float64Array.from(values, (v) => merged.get(v)!);
  return { values, counts };
}

/** A table from counts indexed by the note in hundredths (counts[h] notes equal to h): already distinct and sorted. */
export function tableOfCounts(counts: ArrayLike<number>): FrequencyTable {
  let k = 0;
  for (let h = 0; h < counts.length; h++) if (counts[h]! > 0) k++;
  const values = new Int32Array(k);
  const out = new Float64Array(k);
  k = 0;
  for (let h = 0; h < counts.length; h++) {
    const c = counts[h]!;
    if (c > 0) {
      values[k] = h;
      out[k++] = c;
    }
  }
  return { values, counts: out };
}

export function tableOfNotes(notes: Iterable<number>): FrequencyTable {
  const pairs: [number, number][] = [];
  for (const n of notes) pairs.push([n, 1]);
  return frequencyTable(pairs);
}

/** Sums that the mean, the variance and Welch's test need: exact integers (Σx² ≤ 2000² × n, safe for n < 2·10⁹). */
export interface Moments {
  n: number;
  sum: number;
  sumSq: number;
}

export function moments(t: FrequencyTable): Moments {
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < t.values.length; i++) {
    const v = t.values[i]!;
    const c = t.counts[i]!;
    n += c;
    sum += v * c;
    sumSq += v * v * c;
  }
  if (!Number.isSafeInteger(sumSq)) throw new Error('trop de notes pour un calcul exact');
  return { n, sum, sumSq };
}

/** Exact mean in points, as a fraction (Σ hundredths / 100n; shown truncated like every average). */
export function meanOf(m: Moments): Fraction | null {
  return m.n === 0 ? null : fraction(m.sum, 100 * m.n);
}

/**
 * Sample variance (denominator n − 1), exactly, in squared hundredths: (nΣx² − (Σx)²) / (n(n − 1)).
 * The numerator is computed in BigInt: it exceeds 2⁵³ for an épreuve of national size.
 */
export function varianceOf(m: Moments): { num: bigint; den: bigint } | null {
  if (m.n < 2) return null;
  const n = BigInt(m.n);
  const s = BigInt(m.sum);
  return { num: n * BigInt(m.sumSq) - s * s, den: n * (n - 1n) };
}

/** Sample standard deviation in points (float: a square root is not exact). */
export function standardDeviation(m: Moments): number | null {
  const v = varianceOf(m);
  return v === null ? null : Math.sqrt(Number(v.num) / Number(v.den)) / 100;
}

/** The k-th smallest note (0-based) of the table. */
function orderStatistic(t: FrequencyTable, k: number): number {
  let seen = 0;
  for (let i = 0; i < t.values.length; i++) {
    seen += t.counts[i]!;
    if (k < seen) return t.values[i]!;
  }
  throw new Error(`rang hors de la série: ${k}`);
}

/**
 * Quantile by Hyndman & Fan's definition 7 (R's default, numpy's `linear`, Excel's QUARTILE.INC / MEDIANE):
 * h = (n − 1)p, x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎). For p = ½ it is the usual median (mean of the two middle
 * notes when n is even). Result in hundredths; for quartiles it may end in ¼ or ¾ of a hundredth, which a double
 * holds exactly.
 */
export function quantile(t: FrequencyTable, n: number, p: number): number | null {
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = orderStatistic(t, lo);
  if (h === lo) return a;
  const b = orderStatistic(t, lo + 1);
  return a + (h - lo) * (b - a);
}

/** Counts of notes < 8, 8 ≤ note < 10 and ≥ 10 (thresholds of the BTS: contrôle from 8, admission at 10). */
export interface Bands {
  below8: number;
  from8to10: number;
  atLeast10: number;
}

export function bands(t: FrequencyTable): Bands {
  const out: Bands = { below8: 0, from8to10: 0, atLeast10: 0 };
  for (let i = 0; i < t.values.length; i++) {
    const v = t.values[i]!;
    const c = t.counts[i]!;
    if (v < 800) out.below8 += c;
    else if (v < 1000) out.from8to10 += c;
    else out.atLeast10 += c;
  }
  return out;
}

export interface Summary {
  n: number;
  mean: Fraction | null;
  /** Standard deviation in points (n − 1). */
  sd: number | null;
  /** Hundredths (quartiles by definition 7). */
  min: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  max: number | null;
  bands: Bands;
}

export function summarize(t: FrequencyTable): Summary {
  const m = moments(t);
  const last = t.values.length - 1;
  return {
    n: m.n,
    mean: meanOf(m),
    sd: standardDeviation(m),
    min: last >= 0 ? t.values[0]! : null,
    q1: quantile(t, m.n, 0.25),
    median: quantile(t, m.n, 0.5),
    q3: quantile(t, m.n, 0.75),
    max: last >= 0 ? t.values[last]! : null,
    bands: bands(t),
  };
}

/** Counts per whole point: bin k holds notes in [k, k+1[, and 20 joins bin 19 (the last bin is [19, 20]). */
export function pointBins(t: FrequencyTable): number[] {
  const bins = new Array<number>(20).fill(0);
  for (let i = 0; i < t.values.length; i++) {
    const k = Math.min(19, Math.floor(t.values[i]! / 100));
    bins[k]! += t.counts[i]!;
  }
  return bins;
}
