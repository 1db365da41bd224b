// Descriptive statistics against values computed independently with NumPy 1.x / SciPy 1.17
// (np.median, np.quantile(x, p) — default method 'linear' = Hyndman & Fan definition 7 —, np.std(x, ddof=1)).
import { describe, expect, it } from 'vitest';
import { bands, moments, pointBins, quantile, summarize, tableOfCounts, tableOfNotes, varianceOf } from '../../../src/domain/statistics/distribution.js';
import { formatTruncated } from '../../../src/domain/deliberation/exact.js';
import { formatRate, rateTenths } from '../../../src/domain/statistics/rate.js';

const h = (xs: number[]) => tableOfNotes(xs.map((x) => Math.round(x * 100)));

describe('summaries of known samples (reference: NumPy)', () => {
  // sample | median | Q1 | Q3 | sd (ddof=1) | mean
  const cases: [number[], number, number, number, number, string][] = [
    [[1, 2, 3, 4], 2.5, 1.75, 3.25, 1.2909944487358056, '2,50'], // even count: mean of the two middle notes
    [[5, 3, 1, 4, 2], 3, 2, 4, 1.5811388300841898, '3,00'], // odd count, unsorted input
    [[7, 8, 8, 9, 10, 12, 13, 20], 9.5, 8, 12.25, 4.223657859520077, '10,87'], // 10.875 shown truncated
    [[3.5, 3.5, 3.5, 9], 3.5, 3.5, 4.875, 2.75, '4,87'], // ties; Q3 ends in a quarter of a hundredth
  ];
  it.each(cases)('%j', (xs, median, q1, q3, sd, mean) => {
    const s = summarize(h(xs));
    expect(s.n).toBe(xs.length);
    expect(s.median! / 100).toBe(median);
    expect(s.q1! / 100).toBe(q1);
    expect(s.q3! / 100).toBe(q3);
    expect(s.sd!).toBeCloseTo(sd, 12);
    expect(formatTruncated(s.mean!)).toBe(mean);
    expect([s.min! / 100, s.max! / 100]).toEqual([Math.min(...xs), Math.max(...xs)]);
  });

  it('variance is exact (integer fraction) even beyond 2^53', () => {
    const big = tableOfNotes([]);
    expect(varianceOf(moments(big))).toBeNull();
    const m = { n: 250_000, sum: 250_000 * 1000 + 1, sumSq: 250_000 * 1_000_000 + 2001 };
    const v = varianceOf(m)!;
    expect(v.num).toBe(250_000n * BigInt(m.sumSq) - BigInt(m.sum) ** 2n);
  });

  it('quantile of an empty series is null; a single note is every quantile', () => {
    expect(quantile(h([]), 0, 0.5)).toBeNull();
    expect(summarize(h([12.5])).q1).toBe(1250);
  });
});

describe('bands and bins use the BTS thresholds exactly (8 and 10 belong to the upper band)', () => {
  it.each([
    [[7.99, 8, 9.99, 10, 20, 0], { below8: 2, from8to10: 2, atLeast10: 2 }],
    [[], { below8: 0, from8to10: 0, atLeast10: 0 }],
  ])('%j', (xs, expected) => expect(bands(h(xs))).toEqual(expected));
  it('20 joins the last point bin, 9.99 stays in bin 9', () => {
    const b = pointBins(h([9.99, 10, 20, 19.5, 0]));
    expect([b[0], b[9], b[10], b[19]]).toEqual([1, 1, 1, 2]);
  });
  it('a table from counts indexed by hundredths is the table of the same notes', () => {
    const counts = new Float64Array(2001);
    for (const x of [100, 200, 200, 2000, 0]) counts[x]!++;
    expect(tableOfCounts(counts)).toEqual(tableOfNotes([100, 200, 200, 2000, 0]));
  });
});

describe('rates: truncated to one decimal, never rounded up (shared with the PV)', () => {
  it.each([
    [2, 3, '66,6 %', 666],
    [1, 3, '33,3 %', 333],
    [999, 1000, '99,9 %', 999],
    [19_999, 20_000, '99,9 %', 999], // 99,995 % must not become 100,0 %
    [5, 5, '100,0 %', 1000],
    [0, 7, '0,0 %', 0],
  ])('%i / %i → %s', (k, n, shown, tenths) => {
    expect(formatRate(k, n)).toBe(shown);
    expect(rateTenths(k, n)).toBe(tenths);
  });
  it('nobody to count is a dash', () => expect(formatRate(0, 0)).toBe('—'));
});
