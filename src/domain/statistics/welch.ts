// Welch's t-test (unequal variances) between one group's notes and the rest of the épreuve.
// Why Welch: a harmonisation adjustment shifts a group's notes (« +1 », « ×1,05 »), i.e. its MEAN — Welch tests
// exactly a difference of means, without assuming that groups of very different sizes share one variance
// (Student's test does). Notes are bounded (0–20) so their means are near-normal from a few tens of notes; below
// MIN_GROUP notes a group is reported as too small to judge. p-values from the t distribution through the
// regularized incomplete beta function (continued fraction, Numerical Recipes §6.4); tested against SciPy.
import type { Moments } from './distribution.js';

/** Below this many notes a group is « effectif trop faible » (no test is shown). */
export const MIN_GROUP = 10;

export interface WelchResult {
  /** Difference of means (group − rest) in points. */
  diff: number;
  t: number;
  df: number;
  /** Two-sided p-value. */
  p: number;
}

export function welch(a: Moments, b: Moments): WelchResult | null {
  if (a.n < 2 || b.n < 2) return null;
  const mean = (m: Moments) => m.sum / m.n / 100;
  // Sample variances in points², from exact integer sums.
  const variance = (m: Moments) => (m.sumSq - (m.sum * m.sum) / m.n) / (m.n - 1) / 10000;
  const va = Math.max(0, variance(a)) / a.n;
  const vb = Math.max(0, variance(b)) / b.n;
  const diff = mean(a) - mean(b);
  const se2 = va + vb;
  if (se2 === 0) return { diff, t: diff === 0 ? 0 : Infinity * Math.sign(diff), df: a.n + b.n - 2, p: diff === 0 ? 1 : 0 };
  const t = diff / Math.sqrt(se2);
  // Welch–Satterthwaite degrees of freedom.
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  return { diff, t, df, p: studentTwoSided(t, df) };
}

/** P(|T| ≥ |t|) for Student's t with df degrees of freedom: I_{df/(df+t²)}(df/2, 1/2). */
export function studentTwoSided(t: number, df: number): number {
  if (!Number.isFinite(t)) return 0;
  return regularizedBeta(df / (df + t * t), df / 2, 0.5);
}

/** Lanczos approximation of ln Γ(x), x > 0 (g = 7, n = 9; ≈ 15 significant digits). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let s = c[0]!;
  for (let i = 1; i < 9; i++) s += c[i]! / (x + i);
  const tt = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(tt) - tt + Math.log(s);
}

/** I_x(a, b), the regularized incomplete beta function. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The continued fraction converges fast for x < (a + 1)/(a + b + 2); otherwise use the symmetry I_x(a,b) = 1 − I_{1−x}(b,a).
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const TINY = 1e-300;
  const EPS = 1e-15;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return h;
  }
  return h;
}
