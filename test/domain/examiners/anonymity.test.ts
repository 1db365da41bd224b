// Issue #13 §3 and « Done when »: « Anonymity numbers: a test shows that they are not monotone in numéro or name and
// that none appears twice »; stable once issued; a mistyped number on a returned bordereau is detected.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anonymatCheckLetter, anonymise, issueNumbers, parseAnonymat, type IssuedNumber } from '../../../src/domain/examiners/anonymity.js';

const secret = new Uint8Array(32).map((_, i) => (i * 37 + 11) % 256);
const otherSecret = new Uint8Array(32).map((_, i) => (i * 53 + 7) % 256);
const numeros = (n: number, from = 24_000_001) => Array.from({ length: n }, (_, i) => String(from + i));
const isMonotone = (xs: string[]) => xs.every((x, i) => i === 0 || xs[i - 1]! <= x) || xs.every((x, i) => i === 0 || xs[i - 1]! >= x);

describe('anonymise', () => {
  it('8 digits and the check letter, unique, sorted by number (never by numéro)', () => {
    const out = anonymise({ secret, epreuve: 'E5', present: numeros(5000), issued: [] });
    expect(out).toMatchObject({ kept: 0, created: 5000, conflicts: [] });
    expect(new Set(out.numbers.map((n) => n.anonymat)).size).toBe(5000);
    for (const n of out.numbers) expect(parseAnonymat(n.anonymat)).toEqual({ ok: true, value: n.anonymat });
    expect(isMonotone(out.numbers.map((n) => n.anonymat))).toBe(true);
    expect(isMonotone(out.numbers.map((n) => n.numero))).toBe(false);
  });

  it('not monotone in numéro nor in name order, over random lists of 10 or more', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[0-9]{6,11}$/), { minLength: 10, maxLength: 60 }), fc.uint8Array({ minLength: 16, maxLength: 32 }), (present, key) => {
        const out = anonymise({ secret: key, epreuve: 'E3', present, issued: [] });
        const of = new Map(out.numbers.map((n) => [n.numero, n.anonymat]));
        expect(of.size).toBe(present.length);
        expect(new Set(of.values()).size).toBe(present.length);
        expect(isMonotone([...present].sort().map((n) => of.get(n)!))).toBe(false);
        // Names: a list sorted by name is the numéros in some other order (here: by their reverse), still not monotone.
        const byName = [...present].sort((a, b) => (a.split('').reverse().join('') < b.split('').reverse().join('') ? -1 : 1));
        expect(isMonotone(byName.map((n) => of.get(n)!))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('no rank correlation with the numéro over a large list (|Spearman ρ| < 0.05 for 20,000)', () => {
    const present = numeros(20_000);
    const of = new Map(anonymise({ secret, epreuve: 'E5', present, issued: [] }).numbers.map((n, rank) => [n.numero, rank]));
    const n = present.length;
    let d2 = 0;
    present.forEach((num, i) => (d2 += (of.get(num)! - i) ** 2));
    const rho = 1 - (6 * d2) / (n * (n * n - 1));
    expect(Math.abs(rho)).toBeLessThan(0.05);
  });

  it('depends on the secret and the épreuve: the same candidate has unrelated numbers at E3 and E5', () => {
    const a = anonymise({ secret, epreuve: 'E5', present: ['24000001'], issued: [] }).numbers[0]!.anonymat;
    expect(anonymise({ secret: otherSecret, epreuve: 'E5', present: ['24000001'], issued: [] }).numbers[0]!.anonymat).not.toBe(a);
    expect(anonymise({ secret, epreuve: 'E3', present: ['24000001'], issued: [] }).numbers[0]!.anonymat).not.toBe(a);
  });

  it('stable once issued: kept whatever the secret; newcomers collide with no number of the session', () => {
    const first = anonymise({ secret, epreuve: 'E5', present: numeros(300), issued: [] });
    const e3 = anonymise({ secret, epreuve: 'E3', present: numeros(300), issued: first.numbers });
    const issued: IssuedNumber[] = [...first.numbers, ...e3.numbers];
    // Ten absent now, forty new: a new secret would not move anyone already numbered.
    const present = [...numeros(290, 24_000_011), ...numeros(40, 25_000_001)];
    const again = anonymise({ secret: otherSecret, epreuve: 'E5', present, issued });
    expect(again).toMatchObject({ kept: 290, created: 40, conflicts: [] });
    const before = new Map(first.numbers.map((n) => [n.numero, n.anonymat]));
    for (const n of again.numbers) if (before.has(n.numero)) expect(n.anonymat).toBe(before.get(n.numero));
    const all = [...issued.map((n) => n.anonymat), ...again.numbers.filter((n) => !before.has(n.numero)).map((n) => n.anonymat)];
    expect(new Set(all).size).toBe(all.length);
  });

  it('a number already taken (any épreuve) makes the newcomer draw again', () => {
    const mine = anonymise({ secret, epreuve: 'E5', present: ['7'], issued: [] }).numbers[0]!.anonymat;
    const out = anonymise({ secret, epreuve: 'E5', present: ['7'], issued: [{ numero: '8', epreuve: 'E3', anonymat: mine }] });
    expect(out.numbers[0]!.anonymat).not.toBe(mine);
    expect(parseAnonymat(out.numbers[0]!.anonymat).ok).toBe(true);
  });

  it('issueNumbers: the same created numbers as anonymise, in the order of the list, kept ones left out', () => {
    const first = anonymise({ secret, epreuve: 'E5', present: numeros(200), issued: [] });
    const present = [...numeros(150, 24_000_051), ...numeros(30, 26_000_001)];
    const full = anonymise({ secret, epreuve: 'E5', present, issued: first.numbers });
    const lean = issueNumbers({ secret, epreuve: 'E5', present, issued: first.numbers });
    expect(lean).toEqual({ fresh: full.fresh, kept: 150, created: 30, conflicts: [] });
    expect(lean.fresh.map((n) => n.numero)).toEqual(numeros(30, 26_000_001));
    const before = new Set(first.numbers.map((n) => n.numero));
    expect(new Set(lean.fresh)).toEqual(new Set(full.numbers.filter((n) => !before.has(n.numero))));
  });

  it('a list out of order or with a numéro twice gives the same numbers as the sorted list', () => {
    const sorted = numeros(500);
    const shuffled = [...sorted].reverse();
    shuffled.splice(100, 0, sorted[7]!, sorted[300]!);
    expect(anonymise({ secret, epreuve: 'E5', present: shuffled, issued: [] }).numbers).toEqual(anonymise({ secret, epreuve: 'E5', present: sorted, issued: [] }).numbers);
  });

  it('at national scale (the taken numbers as bits): every first draw already taken makes each newcomer draw again', () => {
    // 12,000 held + 12,000 newcomers: past the 20,000 where the taken numbers become bits.
    const present = numeros(12_000);
    const first = anonymise({ secret, epreuve: 'E5', present, issued: [] });
    // The same numbers held at E3 by other candidates: every E5 newcomer's first draw is taken.
    const issued = first.numbers.map((n) => ({ numero: `X${n.numero}`, epreuve: 'E3', anonymat: n.anonymat }));
    const again = anonymise({ secret, epreuve: 'E5', present, issued });
    expect(again).toMatchObject({ kept: 0, created: 12_000, conflicts: [] });
    const held = new Set(issued.map((n) => n.anonymat));
    expect(again.numbers.filter((n) => held.has(n.anonymat))).toEqual([]);
    expect(new Set(again.numbers.map((n) => n.anonymat)).size).toBe(12_000);
    for (const n of again.numbers.slice(0, 50)) expect(parseAnonymat(n.anonymat).ok).toBe(true);
  });

  it('a contradictory issued list is reported, not thrown; a short secret is a bug', () => {
    const out = anonymise({ secret, epreuve: 'E5', present: ['1'], issued: [{ numero: '1', epreuve: 'E5', anonymat: '00000000A' }, { numero: '2', epreuve: 'E3', anonymat: '00000000A' }, { numero: '1', epreuve: 'E5', anonymat: '00000023A' }] });
    expect(out.conflicts).toEqual(['numéro d’anonymat 00000000A attribué deux fois (E5 1, E3 2)', 'E5 1 : deux numéros d’anonymat (00000000A, 00000023A)']);
    expect(() => anonymise({ secret: new Uint8Array(8), epreuve: 'E5', present: [], issued: [] })).toThrow(/trop court/);
  });
});

describe('parseAnonymat: the check letter (mod 23, as the UAI)', () => {
  const letter = anonymatCheckLetter('04813927');
  it.each([
    [`04813927 ${letter.toLowerCase()}`, { ok: true, value: `04813927${letter}` }], // spaces and case forgiven
    [`0481392${letter}`, { ok: false, kind: 'anonymat' }], // a digit left out
    ['123', { ok: false, kind: 'anonymat' }],
    ['04813927E', { ok: true, value: '04813927E' }], // the example the error message gives is valid
    [`04813927${letter === 'A' ? 'B' : 'A'}`, { ok: false, kind: 'anonymat-cle' }], // the letter itself mistyped
  ])('%s', (raw, expected) => {
    expect(parseAnonymat(raw)).toMatchObject(expected);
  });

  it('detects every single wrong digit, every swap of adjacent digits and of digits two apart', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{8}$/), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 9 }), fc.constantFrom(1, 2), (digits, i, delta, gap) => {
        const good = digits + anonymatCheckLetter(digits);
        const changed = digits.slice(0, i) + String((Number(digits[i]) + delta) % 10) + digits.slice(i + 1);
        expect(parseAnonymat(changed + good[8])).toMatchObject({ ok: false, kind: 'anonymat-cle' });
        const j = Math.min(7, i + gap);
        if (digits[i] !== digits[j]) {
          const swapped = digits.split('');
          [swapped[i], swapped[j]] = [swapped[j]!, swapped[i]!];
          expect(parseAnonymat(swapped.join('') + good[8])).toMatchObject({ ok: false, kind: 'anonymat-cle' });
        }
      }),
      { numRuns: 2000 },
    );
  });
});
