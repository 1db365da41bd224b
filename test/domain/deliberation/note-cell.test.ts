import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkBenefice, formatNoteCell, parseNoteCell } from '../../../src/domain/deliberation/note-cell.js';

// Cell syntax of issue 5 « Notes input »: 0–20, "," or ".", at most 2 decimals; ABS ABJ NV DIS; BEN x[@année]; REP x.
const good: [unknown, string, string][] = [
  ['12,5', 'note', '12,5'],
  ['12.5', 'note', '12,5'],
  ['7', 'note', '7'],
  ['0', 'note', '0'],
  ['20', 'note', '20'],
  ['20,00', 'note', '20'],
  ['09,05', 'note', '9,05'],
  [' 14,25 ', 'note', '14,25'],
  [12.5, 'note', '12,5'],
  [13.37, 'note', '13,37'],
  ['abs', 'ABS', 'ABS'],
  ['Abj', 'ABJ', 'ABJ'],
  ['nv', 'NV', 'NV'],
  ['DIS', 'DIS', 'DIS'],
  ['BEN 14,5', 'BEN', 'BEN 14,5'],
  ['ben 14.5@2022', 'BEN', 'BEN 14,5@2022'],
  ['BEN14,5 @ 2021', 'BEN', 'BEN 14,5@2021'],
  ['REP 8,5', 'REP', 'REP 8,5'],
  ['rep 8', 'REP', 'REP 8'],
];
const bad: [unknown, string][] = [
  ['20,5', 'note-echelle'],
  ['21', 'note-echelle'],
  ['-1', 'note-echelle'],
  ['12,555', 'note'],
  [12.555, 'note'],
  [25, 'note-echelle'],
  ['douze', 'note'],
  ['12/20', 'note'],
  ['BEN', 'note'],
  ['BEN 25', 'note-echelle'],
  ['REP 8@2020', 'note'],
  ['ABSENT', 'note'],
  [true, 'note'],
];

describe('parseNoteCell', () => {
  it.each(good)('%j → %s (%s)', (raw, kind, canonical) => {
    const r = parseNoteCell(raw as string);
    expect(r.ok && r.value?.kind).toBe(kind);
    expect(r.ok && formatNoteCell(r.value)).toBe(canonical);
  });
  it.each(bad)('%j refused (%s)', (raw, kind) => {
    const r = parseNoteCell(raw as string);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.kind).toBe(kind);
  });
  it('an empty cell is no note at all, never a zero', () => {
    for (const raw of ['', '  ', null, undefined]) {
      const r = parseNoteCell(raw as string);
      expect(r).toEqual({ ok: true, value: undefined });
    }
  });
  it('keeps notes as integer hundredths', () => {
    expect(parseNoteCell('12,5')).toEqual({ ok: true, value: { kind: 'note', value: 1250 } });
    expect(parseNoteCell('0,07')).toEqual({ ok: true, value: { kind: 'note', value: 7 } });
  });
});

describe('checkBenefice (D643-20: ≥ 10, valable 5 ans)', () => {
  const rule = { minimumHundredths: 1000, validityYears: 5, session: 2024 };
  it.each([
    [{ value: 1000, session: 2019 }, true, '5 years old: still valid'],
    [{ value: 1450 }, true, 'no year: only the minimum is checked'],
    [{ value: 999, session: 2023 }, false, 'below 10'],
    [{ value: 1400, session: 2018 }, false, '6 years old: expired'],
    [{ value: 1400, session: 2024 }, false, 'current session is not a bénéfice'],
  ])('%j → %s (%s)', (cell, valid) => {
    expect(checkBenefice(cell, rule).ok).toBe(valid);
  });
});

describe('parseNoteCell: the digit-by-digit fast path reads exactly what the NOTE pattern reads', () => {
  // Reference: the pattern of issue 5 « Notes input » (0–20, "," or ".", at most 2 decimals), then the scale.
  const reference = (t: string) => {
    const m = /^(\d{1,2})(?:[.,](\d{1,2}))?$/.exec(t.trim());
    if (!m) return undefined;
    const h = Number(m[1]) * 100 + (m[2] ? Number(m[2].padEnd(2, '0')) : 0);
    return h <= 2000 ? h : 'hors échelle';
  };
  it('on every short text over digits, separators, spaces and signs', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789,. -+e'.split('')), maxLength: 6 }), (t) => {
        const want = reference(t);
        const got = parseNoteCell(t);
        if (want === undefined) {
          // Not a plain note: never read as one (codes need letters, so it is empty or refused).
          if (got.ok) expect(got.value).toBeUndefined();
        } else if (want === 'hors échelle') {
          expect(got.ok).toBe(false);
        } else {
          expect(got).toMatchObject({ ok: true, value: { kind: 'note', value: want } });
        }
      }),
      { numRuns: 5000 },
    );
  });
});
