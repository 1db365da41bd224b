// compareNumeros (domain/candidate.ts) skips the numeric collator for two numéros of the same length made of ASCII
// digits: it must give exactly the collator's order (the order of every list and document, STYLE.md), for such
// numéros and for any other string, where it defers to the collator.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCandidates, compareNumeros } from '../../../src/domain/candidate.js';

const collator = new Intl.Collator('fr', { numeric: true });
const sign = (n: number) => Math.sign(n);

describe('compareNumeros', () => {
  it.each([
    ['24000000001', '24000000002', -1],
    ['24000000010', '24000000009', 1],
    ['00012', '00012', 0],
    ['0012', '012', sign(collator.compare('0012', '012'))],
    ['9', '10', -1],
    ['A12', 'A9', 1],
    ['１２', '12', sign(collator.compare('１２', '12'))], // full-width digits: not ASCII, the collator decides
    ['12a', '12b', -1],
  ] as const)('%s against %s', (a, b, expected) => {
    expect(sign(compareNumeros(a, b))).toBe(expected);
    expect(sign(compareNumeros(a, b))).toBe(sign(collator.compare(a, b)));
  });

  it('gives the numeric collator’s sign on digit strings of any length and on mixed strings', () => {
    const numero = fc.oneof(fc.stringMatching(/^[0-9]{1,12}$/), fc.stringMatching(/^[0-9A-Za-z ]{0,8}$/), fc.string({ maxLength: 6 }));
    fc.assert(fc.property(numero, numero, (a, b) => sign(compareNumeros(a, b)) === sign(collator.compare(a, b))), { numRuns: 5000 });
  });

  it('sorts candidates as the collator-only comparator did', () => {
    const before = (a: { nom: string; prenom: string; numero: string }, b: typeof a) =>
      a.nom.localeCompare(b.nom, 'fr', { sensitivity: 'base' }) || a.prenom.localeCompare(b.prenom, 'fr', { sensitivity: 'base' }) || a.numero.localeCompare(b.numero, 'fr', { numeric: true });
    const cand = fc.record({ nom: fc.constantFrom('MARTIN', 'martin', 'ÉLIE', 'ELIE'), prenom: fc.constantFrom('Anne', 'anne'), numero: fc.stringMatching(/^[0-9]{3,5}$/) });
    fc.assert(fc.property(fc.array(cand, { maxLength: 40 }), (list) => {
      const a = [...list].sort(compareCandidates);
      const b = [...list].sort(before);
      // Equal under both comparators may keep either order only when all three compare equal: same keys here.
      expect(a.map((c) => [c.nom.toUpperCase(), c.prenom.toUpperCase(), c.numero].join('|').normalize('NFD').replace(/\p{M}/gu, ''))).toEqual(
        b.map((c) => [c.nom.toUpperCase(), c.prenom.toUpperCase(), c.numero].join('|').normalize('NFD').replace(/\p{M}/gu, '')),
      );
    }), { numRuns: 500 });
  });
});
