// Exact arithmetic for deliberation: notes and coefficients are integer hundredths, averages are fractions of
// integers compared by cross-multiplication in BigInt — never an accumulated float (issue 5: « never turn a 9.996
// into a 10,00 »).

/** A non-negative fraction num/den with den > 0 (both integers). */
export interface Fraction {
  num: bigint;
  den: bigint;
}

export function fraction(num: bigint | number, den: bigint | number): Fraction {
  const n = BigInt(num);
  const d = BigInt(den);
  if (d <= 0n) throw new Error(`dénominateur invalide: ${d}`);
  return { num: n, den: d };
}

/** -1, 0 or 1 as a < b, a = b, a > b — exactly. */
export function compareFractions(a: Fraction, b: Fraction): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** The fraction ≥ a value given in hundredths (a threshold such as 10 → 1000). */
export function atLeastHundredths(a: Fraction, hundredths: number): boolean {
  return a.num * 100n >= BigInt(hundredths) * a.den;
}

/** Truncated (not rounded) to whole hundredths: 9.996 → 999. Non-negative values only. */
export function truncHundredths(a: Fraction): bigint {
  return (a.num * 100n) / a.den;
}

/** Displayed value, truncated to 2 decimals with a decimal comma: 1999/200 → "9,99", 10 → "10,00". */
export function formatTruncated(a: Fraction): string {
  const h = truncHundredths(a);
  return `${h / 100n},${String(h % 100n).padStart(2, '0')}`;
}

/** Reduced "num/den" for the record (results.detail): the exact value behind the displayed one. */
export function fractionText(a: Fraction): string {
  const g = gcd(a.num < 0n ? -a.num : a.num, a.den) || 1n;
  const n = a.num / g;
  const d = a.den / g;
  return d === 1n ? `${n}` : `${n}/${d}`;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** An exact decimal of `scale` decimals (value = units / 10^scale), without trailing zeros: 183750 @4 → "18,375". */
export function formatScaled(units: bigint, scale: number): string {
  const neg = units < 0n;
  const abs = neg ? -units : units;
  const p = 10n ** BigInt(scale);
  const int = abs / p;
  const frac = String(abs % p).padStart(scale, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac ? ',' + frac : ''}`;
}

/** A regulation number (coefficient, threshold) with at most 2 decimals → integer hundredths, or throws. */
export function toHundredths(x: number, what: string): number {
  const h = Math.round(x * 100);
  if (!Number.isFinite(x) || Math.abs(x * 100 - h) > 1e-9) throw new Error(`${what}: au plus 2 décimales (${x})`);
  return h;
}
