import { describe, expect, it } from 'vitest';
import { compareFractions, formatScaled, formatTruncated, fraction, fractionText, toHundredths } from '../../../src/domain/deliberation/exact.js';

describe('exact fractions', () => {
  it.each([
    [2499, 250, '9,99'], // 9,996 — issue 5: never "10,00"
    [9999, 1000, '9,99'],
    [10, 1, '10,00'],
    [1999, 200, '9,99'],
    [2, 3, '0,66'],
    [260, 22, '11,81'],
  ])('%i/%i displays truncated as %s', (n, d, text) => {
    expect(formatTruncated(fraction(n, d))).toBe(text);
  });
  it('compares exactly where floats would not', () => {
    // 0,1 + 0,2 vs 0,3 as exact fractions: equal.
    expect(compareFractions(fraction(1 + 2, 10), fraction(3, 10))).toBe(0);
    expect(compareFractions(fraction(2499, 250), fraction(10, 1))).toBe(-1);
  });
  it('stays exact beyond 2^53 by falling back to BigInt products', () => {
    // (2^40+1)² = 2^80 + 2^41 + 1 vs (2^40+2)·2^40 = 2^80 + 2^41: equal once rounded to doubles, not exactly.
    const t = 2 ** 40;
    expect(compareFractions(fraction(t + 1, t), fraction(t + 2, t + 1))).toBe(1);
    expect(compareFractions(fraction(t + 2, t + 1), fraction(t + 1, t))).toBe(-1);
    expect((t + 1) * (t + 1) === (t + 2) * t).toBe(true); // what a float comparison would have concluded
  });
  it('reduces the recorded fraction', () => {
    expect(fractionText(fraction(2_499_000, 250_000))).toBe('2499/250');
    expect(fractionText(fraction(300, 25))).toBe('12');
  });
  it('formats exact decimals without rounding', () => {
    expect(formatScaled(2_499_000, 4)).toBe('249,9');
    expect(formatScaled(183_750, 4)).toBe('18,375');
    expect(formatScaled(3_000_000, 4)).toBe('300');
  });
  it('accepts regulation numbers with at most 2 decimals', () => {
    expect(toHundredths(1.5, 'c')).toBe(150);
    expect(toHundredths(0.07, 'c')).toBe(7);
    expect(() => toHundredths(1.555, 'c')).toThrow();
  });
});
