// Issue #13 §3: which épreuves have anonymous copies (the regulation's « ponctuel écrit » forms, référentiel annexe IV
// c as bts-ccst-2024.json encodes it) and who gets a number (takes the unit in written form on exam day and is placed
// in a centre d'écrit).
import { describe, expect, it } from 'vitest';
import { cand, REG } from '../../helpers/assignment-builders.js';
import { copyNoteCodes, isWritten, presence, presenceByGroups, writtenUnit } from '../../../src/domain/examiners/written-copies.js';
import { findUnit } from '../../../src/domain/regulation/units.js';

describe('written épreuves (référentiel annexe IV c: forms ponctuel écrit)', () => {
  // [épreuve, written?, the form that decides]
  const table: [string, boolean, string][] = [
    ['E1', true, 'A ponctuel écrit 4 h'],
    ['E21', true, 'C ponctuel écrit 2 h (A/B: CCF)'],
    ['E22', false, 'C ponctuel oral'],
    ['E3', true, 'A ponctuel écrit 4 h'],
    ['E4', false, 'C ponctuel oral'],
    ['E5', true, 'A/B/C ponctuel écrit 4 h'],
    ['E61', false, 'C ponctuel oral'],
    ['EF1', false, 'ponctuel oral'],
  ];
  it.each(table)('%s written: %s (%s)', (e, written) => {
    expect(isWritten(findUnit(REG, e)!)).toBe(written);
  });
  it('an oral or unknown épreuve is refused with the list of the written ones', () => {
    expect(writtenUnit(REG, 'E4')).toEqual({ error: '--epreuve E4 : E4 n’est pas une épreuve écrite ; seules les copies des épreuves écrites ponctuelles sont anonymées (E1, E21, E3, E5)' });
    expect(writtenUnit(REG, 'E9')).toEqual({ error: '--epreuve E9 : épreuve inconnue (épreuves écrites du règlement : E1, E21, E3, E5)' });
    expect('unit' in writtenUnit(REG, 'u5') && writtenUnit(REG, 'u5')).toMatchObject({ unit: { epreuve: 'E5' } });
  });
  it('codes on a copy: ABS and ABJ; NV only for a unit with the « non valide » mention', () => {
    expect(copyNoteCodes(findUnit(REG, 'E5')!)).toEqual(['ABS', 'ABJ']);
    expect(copyNoteCodes(findUnit(REG, 'E4')!)).toEqual(['ABS', 'ABJ', 'NV']);
  });
});

describe('presence at a written épreuve', () => {
  const e21 = findUnit(REG, 'E21')!;
  const e5 = findUnit(REG, 'E5')!;
  it('present = takes the unit in written form AND placed in a centre d’écrit; the rest is reported', () => {
    const candidates = [
      cand('4', { voie: 'scolaire_public' }), // E5 written (column A)
      cand('1', { voie: 'scolaire_public' }),
      cand('2', { voie: 'scolaire_public' }), // not placed yet
      cand('3', { voie: 'scolaire_public', dispenses: ['U5'] }), // placed before a dispense was recorded
      cand('5', { voie: 'scolaire_public', benefices: [{ unite: 'U5', note: 1200, session: 2022 }] }),
    ];
    expect(presence({ reg: REG, unit: e5, candidates, placed: new Set(['1', '3', '4', '5']) })).toEqual({ present: ['1', '4'], unplaced: ['2'], stale: ['3', '5'] });
  });
  it('by groups of candidates sharing their facts (the grouped read): the same three lists', () => {
    const facts = (over: Parameters<typeof cand>[1]) => {
      const c = cand('x', over);
      return { voie: c.voie, ef1: c.ef1, ef2: c.ef2, ef3: c.ef3, dispenses: c.dispenses, benefices: c.benefices };
    };
    const groups = [
      { facts: facts({}), placed: true, numeros: ['4', '1'] },
      { facts: facts({}), placed: false, numeros: ['2'] },
      { facts: facts({ dispenses: ['U5'] }), placed: true, numeros: ['3'] },
      { facts: facts({ benefices: [{ unite: 'U5', note: 1200, session: 2022 }] }), placed: true, numeros: ['5'] },
      { facts: facts({ benefices: [{ unite: 'U5', note: 1200, session: 2022 }] }), placed: false, numeros: ['6'] },
    ];
    expect(presenceByGroups(REG, e5, groups)).toEqual({ present: ['1', '4'], unplaced: ['2'], stale: ['3', '5'] });
    expect(presenceByGroups(REG, e21, groups)).toEqual({ present: [], unplaced: [], stale: ['1', '3', '4', '5'] });
  });
  it('E21 is written only in column C: a column A candidate (CCF) is never present, even if placed', () => {
    const candidates = [cand('1', { voie: 'scolaire_public' }), cand('2', { voie: 'candidat_individuel', etablissementUai: undefined })];
    expect(presence({ reg: REG, unit: e21, candidates, placed: new Set(['1', '2']) })).toEqual({ present: ['2'], unplaced: [], stale: ['1'] });
  });
});
