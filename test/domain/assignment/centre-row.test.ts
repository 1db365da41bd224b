// Validation of a centres-file row (ccst centres import): types, épreuves (E2-1/E6-1 spellings), languages per
// épreuve, oral dates, designations, zone from the académie (circulaire nationale annexe 2).
import { describe, expect, it } from 'vitest';
import { parseCentreRow, parseCentreType, parseLangues, type CentreCells } from '../../../src/domain/assignment/centre-row.js';
import { LanguageCapacity } from '../../../src/domain/assignment/language-capacity.js';
import { REG, uai } from '../../helpers/assignment-builders.js';

const row = (over: CentreCells): CentreCells => ({
  uai: '0310028M', nom: 'LGT Vincent Auriol', academie: 'Toulouse', type: 'ecrit', epreuves: 'E1 E2-1 E3 E5', capacite: '40', ...over,
});

describe('parseCentreRow', () => {
  it('reads a written centre with its designated establishments', () => {
    const r = parseCentreRow(REG, row({ origines: `0310028M, ${uai('031', 44)}` }));
    expect(r.issues).toEqual([]);
    expect(r.centre).toMatchObject({ uai: '0310028M', type: 'ecrit', epreuves: ['E1', 'E21', 'E3', 'E5'], capacite: 40, origines: ['0310028M', uai('031', 44)], zone: 'metropole' });
  });

  it.each([
    ['Guadeloupe', 'antilles_guyane'], ['La Réunion', 'reunion'], ['Mayotte', 'reunion'], ['Toulouse', 'metropole'],
  ])('zone from the académie %s → %s', (academie, zone) => {
    expect(parseCentreRow(REG, row({ academie })).centre?.zone).toBe(zone);
  });

  it('reads oral days in French, ISO or from an Excel date cell, sorted and unique', () => {
    expect(parseCentreRow(REG, row({ type: 'oral', epreuves: 'E4 E6-1', dates: '22/06/2023 21/06/2023, 21/06/2023' })).centre?.dates).toEqual(['2023-06-21', '2023-06-22']);
    expect(parseCentreRow(REG, row({ type: 'oral', epreuves: 'E4', dates: 'Mercredi 21 juin 2023; jeudi 22 juin 2023' })).centre?.dates).toEqual(['2023-06-21', '2023-06-22']);
    expect(parseCentreRow(REG, row({ type: 'oral', epreuves: 'E4', dates: new Date(Date.UTC(2023, 5, 21)) })).centre?.dates).toEqual(['2023-06-21']);
  });

  it('reports every bad cell of the row at once', () => {
    const r = parseCentreRow(REG, row({ uai: '0310028A', type: 'salle', capacite: '0', origines: '123', code_postal: '3100x' }));
    expect(r.centre).toBeUndefined();
    expect(r.issues.map((i) => `${i.field}:${i.kind}`)).toEqual(['uai:uai-cle', 'type:type', 'capacite:capacite', 'origines:uai', 'code_postal:code-postal']);
  });

  it('requires the languages of a language oral', () => {
    const r = parseCentreRow(REG, row({ type: 'oral', epreuves: 'E22 E4', dates: '2024-06-20' }));
    expect(r.issues).toEqual([{ field: 'langues', kind: 'langue', message: 'E22 est une épreuve de langue : indiquez les langues proposées' }]);
  });
});

describe('parseLangues and parseCentreType', () => {
  it.each([
    ['anglais espagnol', { '*': ['anglais', 'espagnol'] }],
    ['Anglais, Espagnol', { '*': ['anglais', 'espagnol'] }],
    ['E22: anglais espagnol | EF1: espagnol', { E22: ['anglais', 'espagnol'], EF1: ['espagnol'] }],
    ['E2-2: allemand | anglais', { E22: ['allemand'], '*': ['anglais'] }],
  ])('%s', (raw, expected) => {
    expect(parseLangues(REG, raw)).toEqual({ ok: true, value: expected });
  });

  it('refuses a language list for a non-language épreuve', () => {
    expect(parseLangues(REG, 'E4: anglais')).toMatchObject({ ok: false, kind: 'langue' });
  });

  it.each([['écrit', 'ecrit'], ['Centre d’écrit', 'ecrit'], ['ORAL', 'oral'], ['oraux', 'oral']])('%s → %s', (raw, t) => {
    expect(parseCentreType(raw.replace('’', "'"))).toEqual({ ok: true, value: t });
  });
});

describe('LanguageCapacity (Hall’s condition)', () => {
  it('computes the exact deficit over sets of languages', () => {
    // anglais 5, espagnol 3; centre X offers both (4 seats), centre Y only anglais (2 seats): 8 > 6 → 2 missing.
    const demand: Record<string, number> = { anglais: 5, espagnol: 3 };
    const lc = new LanguageCapacity(['anglais', 'espagnol'], (l) => demand[l]!);
    lc.addCapacity(lc.maskOf(() => true), 4);
    lc.addCapacity(lc.maskOf((l) => l === 'anglais'), 2);
    expect(lc.deficit()).toEqual({ missing: 2, languages: ['anglais', 'espagnol'] });
  });

  it('lets a shared centre take only what the rarer language leaves', () => {
    const demand: Record<string, number> = { anglais: 3, espagnol: 1 };
    const lc = new LanguageCapacity(['anglais', 'espagnol'], (l) => demand[l]!);
    const both = lc.maskOf(() => true);
    lc.addCapacity(both, 3);
    lc.addCapacity(lc.maskOf((l) => l === 'anglais'), 2);
    expect(lc.deficit().missing).toBe(0);
    expect(lc.allowance('anglais', both, 3)).toBe(2);
    // Placing x espagnol there leaves anglais (3 − x) + 2 seats for 3 candidates: x ≤ 2.
    expect(lc.allowance('espagnol', both, 3)).toBe(2);
  });
});
