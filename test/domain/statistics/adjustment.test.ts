// Harmonisation adjustments (issue 15 item 2). Products checked against an independent reference: Python's
// decimal module, (Decimal(note) * Decimal(f)).quantize(Decimal('0.01'), ROUND_HALF_UP) — the same result as the
// office's =ARRONDI(note*f;2) in Excel for positive notes.
import { describe, expect, it } from 'vitest';
import { adjustNote, opposite, parseAdjustment, type Adjustment } from '../../../src/domain/statistics/adjustment.js';
import { planAdjustments } from '../../../src/domain/statistics/adjustment-plan.js';

const adj = (text: string): Adjustment => {
  const r = parseAdjustment(text);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('parseAdjustment', () => {
  it.each([
    ['+1', { kind: 'shift', hundredths: 100 }],
    ['-0,5', { kind: 'shift', hundredths: -50 }],
    ['−0.25', { kind: 'shift', hundredths: -25 }],
    ['+ 2', { kind: 'shift', hundredths: 200 }],
    ['×1,05', { kind: 'factor', num: 105, den: 100 }],
    ['x1.05', { kind: 'factor', num: 105, den: 100 }],
    ['X1,0526', { kind: 'factor', num: 10526, den: 10000 }],
    ['*2', { kind: 'factor', num: 2, den: 1 }],
    ['÷1,05', { kind: 'factor', num: 100, den: 105 }],
    ['/1.05', { kind: 'factor', num: 100, den: 105 }],
  ])('%s', (text, expected) => expect(parseAdjustment(text)).toMatchObject({ ok: true, value: expected }));

  it.each([
    ['1,05', 'attendu un décalage'],
    ['+1,005', 'attendu un décalage'],
    ['×1,05267', 'au plus 4 décimales'],
    ['×0', 'coefficient nul'],
    ['+21', 'plus de 20 points'],
    ['plus un', 'attendu un décalage'],
    ['', 'attendu un décalage'],
  ])('refuses %j', (text, message) => {
    const r = parseAdjustment(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });
});

describe('adjustNote (hundredths; reference: Python decimal ROUND_HALF_UP to 0.01)', () => {
  it.each([
    // note, adjustment, expected, clamped
    [1250, '×1,05', 1313, null], // 13,125 → 13,13
    [1330, '×1,05', 1397, null], // 13,965 → 13,97
    [709, '×1,05', 744, null], // 7,4445 → 7,44
    [10, '×1,05', 11, null], // 0,105 → 0,11
    [1001, '×0,95', 951, null], // 9,5095 → 9,51
    [1537, '×1,1', 1691, null], // 16,907 → 16,91
    [833, '×1,0526', 877, null], // 8,768158 → 8,77
    [1111, '×1,5', 1667, null], // 16,665 → 16,67
    [10, '×0,95', 10, null], // 0,095 → 0,10
    [1450, '×0,9', 1305, null], // 13,05 exactly
    [1313, '÷1,05', 1250, null], // 12,50
    [2000, '÷1,05', 1905, null], // 19,047… → 19,05
    [500, '÷3', 167, null], // 1,666… → 1,67
    [1999, '×1,05', 2000, 'plafond'], // 20,9895 capped
    [1950, '+1', 2000, 'plafond'],
    [30, '-0,5', 0, 'plancher'],
    [1200, '-0,5', 1150, null],
    [2000, '+0', 2000, null],
  ])('%i %s → %i', (note, text, value, clamped) => expect(adjustNote(note, adj(text))).toEqual({ value, clamped }));
});

describe('reversibility: the opposite adjustment restores every note that was not capped', () => {
  const all = Array.from({ length: 2001 }, (_, i) => i);
  it.each(['+1', '-0,5', '+0,01', '×1,05', '×1,1', '×1,0526', '×1,5', '×2', '÷1,05'])('%s then its opposite', (text) => {
    const a = adj(text);
    for (const x of all) {
      const y = adjustNote(x, a);
      if (y.clamped) continue;
      const back = adjustNote(y.value, opposite(a)).value;
      // For a factor f ≥ 1: |round(x·f)/f − x| ≤ ½/f < ½, so rounding y/f gives x back (adjustment.ts). A
      // shrinking factor (÷1,05) loses up to half a hundredth that ×1,05 then scales past ½: one hundredth at most.
      if (a.kind === 'factor' && a.num < a.den) expect(Math.abs(back - x), `${x} ${text}`).toBeLessThanOrEqual(1);
      else expect(back, `${x} ${text}`).toBe(x);
    }
  });
  it('a shrinking factor may not be undone to the hundredth (0,10 × 0,95 = 0,095 → 0,10; ÷ 0,95 → 0,11)', () => {
    expect(adjustNote(adjustNote(10, adj('×0,95')).value, adj('÷0,95')).value).toBe(11);
  });
  it('a capped note is not restored: 19,5 + 1 → 20, then 20 − 1 → 19', () => {
    const up = adjustNote(1950, adj('+1'));
    expect(up).toEqual({ value: 2000, clamped: 'plafond' });
    expect(adjustNote(up.value, adj('-1')).value).toBe(1900);
  });
});

describe('planAdjustments', () => {
  const line = (row: number, groupKey: string, text: string, notes: [string, string][]) => ({
    row, groupKey, groupLabel: groupKey, epreuve: 'E4', unite: 'U4', adjustment: adj(text), motif: 'commission', notes: notes.map(([numero, value]) => ({ numero, value })),
  });

  it('adjusts notes only: ABS, ABJ, NV, DIS, BEN and REP are left as they are', () => {
    const p = planAdjustments([line(2, 'A', '+1', [['1', '12,5'], ['2', 'ABS'], ['3', 'ABJ'], ['4', 'NV'], ['5', 'DIS'], ['6', 'BEN 14@2022'], ['7', 'REP 9'], ['8', '19,5'], ['9', '20']])]);
    expect(p.changes).toEqual([
      { numero: '1', unite: 'U4', old: '12,5', new: '13,5', motif: 'commission' },
      { numero: '8', unite: 'U4', old: '19,5', new: '20', motif: 'commission' },
    ]);
    expect(p.lines[0]).toMatchObject({ notes: 3, codes: 6, changed: 2, capped: 2, floored: 0, minBefore: 1250, maxAfter: 2000 });
    // Means exact: (12,5 + 19,5 + 20) / 3 = 17,333… → (13,5 + 20 + 20) / 3
    expect(p.lines[0]!.meanBefore).toEqual({ num: 5200, den: 300 });
    expect(p.lines[0]!.meanAfter).toEqual({ num: 5350, den: 300 });
  });

  it('names a note two lines would adjust', () => {
    const p = planAdjustments([line(2, 'A', '+1', [['1', '10']]), line(3, 'B', '×1,05', [['1', '10']])]);
    expect(p.overlaps).toEqual([{ numero: '1', unite: 'U4', rows: [2, 3] }]);
  });
});
