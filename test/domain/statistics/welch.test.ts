// Welch's t-test against SciPy 1.17: scipy.stats.ttest_ind(a, b, equal_var=False) and 2 × scipy.stats.t.sf.
import { describe, expect, it } from 'vitest';
import { moments, tableOfNotes } from '../../../src/domain/statistics/distribution.js';
import { studentTwoSided, welch } from '../../../src/domain/statistics/welch.js';
import { harmonisation } from '../../../src/domain/statistics/harmonisation.js';

const m = (xs: number[]) => moments(tableOfNotes(xs.map((x) => Math.round(x * 100))));

describe('Welch t-test (reference: scipy.stats.ttest_ind, equal_var=False)', () => {
  const cases: [number[], number[], number, number, number][] = [
    [[12, 14.5, 9, 11, 13.25, 15, 10, 8.5, 12.75, 14], [9, 8.5, 10, 11, 7.25, 9.5, 10.5, 8, 12, 6.75, 9, 10], 3.180706947651542, 0.006122839654815363, 15.192537392200434],
    [[10, 10.5, 9.5, 11, 10, 9.75, 10.25, 10], [4, 18, 7, 15, 12, 3, 19, 10, 9, 11, 2], 0.07142100003026432, 0.9444469148055625, 10.176079753025716],
  ];
  it.each(cases)('%j vs %j', (a, b, t, p, df) => {
    const r = welch(m(a), m(b))!;
    expect(r.t).toBeCloseTo(t, 10);
    expect(r.df).toBeCloseTo(df, 9);
    expect(r.p).toBeCloseTo(p, 10);
  });
  it.each([
    [2.5, 7, 0.04099221858575289],
    [1.0, 30.5, 0.3251785944351794],
    [4.2, 1234.56, 2.860893516529036e-5],
  ])('two-sided Student p(t=%d, df=%d)', (t, df, p) => {
    expect(studentTwoSided(t, df) / p).toBeCloseTo(1, 9);
  });
  it('no test with fewer than two notes on a side', () => expect(welch(m([12]), m([1, 2, 3]))).toBeNull());
});

describe('harmonisation flags', () => {
  const notes = (xs: number[]) => xs.map((x) => Math.round(x * 100));
  const severe = notes([5, 6, 7, 6, 5, 7, 6, 5, 6, 7, 6, 5]);
  const usual = notes([11, 12, 13, 12, 11, 13, 12, 11, 12, 13, 12, 11, 12, 13]);
  const usual2 = notes([11.5, 12.5, 13, 12, 10.5, 13, 12, 11, 12.5, 13, 12, 11]);
  const tiny = notes([20, 20, 19]);
  it('a severe commission stands apart, a tiny one is too small to judge, the others conform', () => {
    const t = (xs: number[]) => tableOfNotes(xs);
    const r = harmonisation('E5', 'commission', t([...severe, ...usual, ...usual2, ...tiny]), [
      { key: 'a', label: 'A', table: t(severe), codes: 0 },
      { key: 'b', label: 'B', table: t(usual), codes: 1 },
      { key: 'c', label: 'C', table: t(usual2), codes: 0 },
      { key: 'd', label: 'D', table: t(tiny), codes: 0 },
    ]);
    expect(r.groups.map((g) => g.verdict)).toEqual(['ecart', 'conforme', 'conforme', 'trop-petit']);
    expect(r.groups[0]!.test!.diff).toBeLessThan(-5);
    // Bonferroni over the 3 groups tested.
    expect(r.groups[1]!.pAdjusted).toBeCloseTo(Math.min(1, r.groups[1]!.test!.p * 3), 12);
  });
});
