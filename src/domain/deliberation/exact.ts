// Exact arithmetic for deliberation: notes and coefficients are integer hundredths, averages are fractions of
// integers compared by cross-multiplication — never an accumulated float (issue 5: « never turn a 9.996 into a
// 10,00 »). Numerators and denominators are safe integers (checked); a product that would leave the exact integer
// range of a double is computed in BigInt instead.

/** A non-negative fraction num/den of safe integers, den > 0. */
export interface Fraction {
  num: number;
  den: number;
}

export function fraction(num: number, den: number): Fraction {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den <= 0 || num < 0) {
    throw new Error(`fraction invalide: ${num}/${den}`);
  }
  return { num, den };
}

/** a × b exactly, as a Number when it is a safe integer, else as a BigInt. */
function exactProduct(a: number, b: number): number | bigint {
  const p = a * b;
  return Number.isSafeInteger(p) ? p : BigInt(a) * BigInt(b);
}

function compareExact(l: number | bigint, r: number | bigint): number {
  if (typeof l !== typeof r) [l, r] = [BigInt(l), BigInt(r)];
  return l < r ? -1 : l > r ? 1 : 0;
}

/** -1, 0 or 1 as a < b, a = b, a > b — exactly. */
export function compareFractions(a: Fraction, b: Fraction): number {
  return compareExact(exactProduct(a.num, b.den), exactProduct(b.num, a.den));
}

/** The fraction ≥ a value given in hundredths (a threshold such as 10 → 1000). */
export function atLeastHundredths(a: Fraction, hundredths: number): boolean {
  return compareExact(exactProduct(a.num, 100), exactProduct(hundredths, a.den)) >= 0;
}

/** Truncated (not rounded) to whole hundredths: 9.996 → 999. Integer division, no float rounding involved. */
export function truncHundredths(a: Fraction): number {
  const scaled = exactProduct(a.num, 100);
  if (typeof scaled === 'bigint') return Number(scaled / BigInt(a.den));
  return (scaled - (scaled % a.den)) / a.den;
}

/** Displayed value, truncated to 2 decimals with a decimal comma: 1999/200 → "9,99", 10 → "10,00". */
export function formatTruncated(a: Fraction): string {
  const h = truncHundredths(a);
  const frac = h % 100;
  return `${(h - frac) / 100},${frac < 10 ? '0' : ''}${frac}`;
}

/** Reduced "num/den" for the record (results.detail): the exact value behind the displayed one. */
export function fractionText(a: Fraction): string {
  const g = gcd(a.num, a.den) || 1;
  return a.den / g === 1 ? `${a.num / g}` : `${a.num / g}/${a.den / g}`;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** An exact decimal of `scale` decimals (value = units / 10^scale), without trailing zeros: 183750 @4 → "18,375". */
export function formatScaled(units: number, scale: number): string {
  if (!Number.isSafeInteger(units)) throw new Error(`valeur hors des entiers exacts: ${units}`);
  const p = 10 ** scale;
  const abs = Math.abs(units);
  const frac = abs % p;
  const int = (abs - frac) / p;
  let decimals = '';
  if (frac) {
    let digits = String(frac).padStart(scale, '0');
    let end = digits.length;
    while (digits.charCodeAt(end - 1) === 48) end--; // trailing zeros: "3750" → "375"
    digits = digits.slice(0, end);
    decimals = ',' + digits;
  }
  return `${units < 0 ? '-' : ''}${int}${decimals}`;
}

/** A regulation number (coefficient, threshold) with at most 2 decimals → integer hundredths, or throws. */
export function toHundredths(x: number, what: string): number {
  const h = Math.round(x * 100);
  if (!Number.isFinite(x) || Math.abs(x * 100 - h) > 1e-9) throw new Error(`${what}: au plus 2 décimales (${x})`);
  return h;
}
