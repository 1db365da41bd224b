import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldName, formatRate, sortForPv } from '../../../src/domain/deliberation/pv.js';

describe('PV order: nom, prénom, numéro (STYLE.md), ignoring case and accents', () => {
  const c = (numero: string, nom: string, prenom = '') => ({ numero, nom, prenom });
  it.each([
    ['accents and case do not separate names', [c('3', 'Élie'), c('1', 'eliot'), c('2', 'ELIE')], ['2', '3', '1']],
    ['prénom then numéro break ties', [c('9', 'Martin', 'Léa'), c('10', 'Martin', 'Léa'), c('1', 'Martin', 'Hugo')], ['1', '9', '10']],
    ['Ø, Œ, Æ filed as O, OE, AE', [c('1', 'Ødegård'), c('2', 'Oeillet'), c('3', 'Œillet'), c('4', 'Nguyen')], ['4', '1', '2', '3']],
    ['numéros in numeric order without names, text ones after', [c('10', ''), c('9', ''), c('A2', ''), c('0100', '')], ['9', '10', '0100', 'A2']],
  ])('%s', (_name, list, expected) => {
    expect(sortForPv(list).map((x) => x.numero)).toEqual(expected);
    expect(sortForPv([...list].reverse()).map((x) => x.numero)).toEqual(expected);
  });
  it('folds letters NFD leaves alone', () => {
    expect(foldName('Þórsdóttir Hæggström Đức')).toBe('thorsdottir haeggstrom duc');
  });
  it('truncates a pass rate like ccst stats does (one formatter): 2/3 is 66,6 %, never rounded up', () => {
    expect([formatRate(1, 3), formatRate(2, 3), formatRate(0, 0)]).toEqual(['33,3 %', '66,6 %', '—']);
  });
  it('the bucket sort gives exactly the order of the plain definition (nom, prénom folded; numéro numeric, then text)', () => {
    // The definition, as a comparator sort: folded nom, folded prénom, digit numéros as numbers before text ones.
    const reference = (list: { numero: string; nom: string; prenom: string }[]) =>
      [...list].sort((a, b) => {
        const t = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
        const digits = (x: string) => /^\d{1,15}$/.test(x);
        const num = (x: { numero: string }, y: { numero: string }) =>
          digits(x.numero) && digits(y.numero) ? Number(x.numero) - Number(y.numero) : digits(x.numero) ? -1 : digits(y.numero) ? 1 : t(x.numero, y.numero);
        return t(foldName(a.nom), foldName(b.nom)) || t(foldName(a.prenom), foldName(b.prenom)) || num(a, b) || t(a.numero, b.numero);
      });
    const name = fc.constantFrom('Martin', 'martin', 'MARTIN', 'Élie', 'Elie', 'Ødegård', 'Odegard', 'Œillet', 'Oeillet', '', 'Zoé');
    const numero = fc.oneof(fc.stringMatching(/^\d{1,4}$/), fc.stringMatching(/^[A-C]?\d{1,2}$/), fc.constant('0010'), fc.constant('10'));
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ numero, nom: name, prenom: name }), { selector: (x) => x.numero, maxLength: 40 }), (list) => {
        expect(sortForPv(list)).toEqual(reference(list));
      }),
      { numRuns: 500 },
    );
  });
});
