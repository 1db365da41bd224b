import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FirstRows } from '../../src/io/first-rows.js';

// The duplicate check of the notes file (issue 5: a second row for a candidate is an error naming the first):
// FirstRows must answer exactly as a Map of numéro → first row would.
describe('FirstRows', () => {
  it('answers as a Map would, for digit numéros (with leading zeros), long ones and text ones', () => {
    const numero = fc.oneof(
      fc.stringMatching(/^\d{1,13}$/),
      fc.stringMatching(/^0{1,3}\d{1,3}$/),
      fc.stringMatching(/^\d{14,16}$/),
      fc.stringMatching(/^[A-Z]-?\d{1,4}$/),
      fc.constantFrom('0', '00', '1', '01', '001', '9999999999999', '09999999999999', ''),
    );
    fc.assert(
      fc.property(fc.array(numero, { maxLength: 300 }), (list) => {
        const fast = new FirstRows();
        const map = new Map<string, number>();
        list.forEach((n, i) => {
          const want = map.get(n);
          if (want === undefined) map.set(n, i + 2);
          expect(fast.firstOrAdd(n, i + 2)).toBe(want);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every entry through many growths', () => {
    const fast = new FirstRows();
    for (let i = 0; i < 100_000; i++) expect(fast.firstOrAdd(String(24_000_000 + i * 7), i)).toBeUndefined();
    for (let i = 0; i < 100_000; i += 997) expect(fast.firstOrAdd(String(24_000_000 + i * 7), -1)).toBe(i);
    expect(fast.firstOrAdd('024000000', 5)).toBeUndefined(); // a leading zero makes another numéro
  });
});
