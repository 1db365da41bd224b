// Cell parsers of a candidate list (src/domain/candidate-fields.ts, src/domain/uai.ts): one line per case.
import { describe, expect, it } from 'vitest';
import { parseUai, uaiCheckLetter } from '../../../src/domain/uai.js';
import {
  cellString,
  parseCodePostal,
  parseDateNaissance,
  parseEf1,
  parseLangue,
  parseNumero,
  parseTempsMajore,
  parseYesNo,
  type RawCell,
} from '../../../src/domain/candidate-fields.js';
import type { FieldResult } from '../../../src/domain/validation.js';

const value = <T>(r: FieldResult<T>) => (r.ok ? r.value : `!${r.kind}`);

describe('UAI check letter: "ABCDEFGHJKLMNPRSTUVWXYZ"[n mod 23] (published UAIs)', () => {
  it.each([
    ['0310028M', '0310028M'], // Toulouse, the brief's reference
    ['0310028m', '0310028M'],
    [' 031 0028 M ', '0310028M'],
    ['0130042A', '0130042A'], // Marseille, 130042 = 23 × 5654: remainder 0 → A
    ['0040003G', '0040003G'], // Barcelonnette (BO spécial n° 8, 2009)
    ['6200048H', '6200048H'], // Vico, Corse-du-Sud: Corsican UAIs are numeric (620 / 720)
    ['0310028A', '!uai-cle'],
    ['031002M', '!uai'],
    ['2A00048H', '!uai'],
    ['03100289', '!uai'],
  ])('%j → %j', (raw, expected) => expect(value(parseUai(raw))).toBe(expected));

  it('names the expected letter', () => {
    const r = parseUai('0310028A');
    expect(r.ok ? '' : r.message).toBe('clé UAI incorrecte : 0310028A (attendu 0310028M)');
    expect(uaiCheckLetter('0310028')).toBe('M');
  });
});

describe('date de naissance', () => {
  it.each<[RawCell, string | undefined]>([
    ['14/02/2004', '2004-02-14'],
    ['4/2/2004', '2004-02-04'],
    ['14.02.2004', '2004-02-14'],
    ['2004-02-14', '2004-02-14'],
    ['2004-02-14T00:00:00.000Z', '2004-02-14'],
    [new Date(Date.UTC(2004, 1, 14)), '2004-02-14'], // exceljs: UTC midnight
    [new Date(Date.UTC(2004, 0, 1)), '2004-01-01'], // would be 2003-12-31 with local getters west of UTC
    [38031, '2004-02-14'], // Excel serial number in a cell without date format
    ['', undefined],
    [null, undefined],
    ['29/02/2003', '!date'],
    ['31/04/2004', '!date'],
    ['14/02/04', '!date'],
    ['14 février 2004', '!date'],
    ['01/01/2015', '!date'], // 9 years old at the 2024 session
    ['01/01/1899', '!date'],
  ])('%j → %j', (raw, expected) => expect(value(parseDateNaissance(raw, 2024))).toBe(expected));
});

describe('numero', () => {
  it.each<[RawCell, string]>([
    ['2431000101', '2431000101'],
    [' 0241234 ', '0241234'],
    [2431000101, '2431000101'],
    ['TLS-2024/17', 'TLS-2024/17'],
    ['', '!obligatoire'],
    ['12 34', '!numero'],
    [12.5, '!numero'],
  ])('%j → %j', (raw, expected) => expect(value(parseNumero(raw))).toBe(expected));
});

describe('oui/non (EF2, EF3)', () => {
  it.each<[RawCell, boolean | string]>([
    ['oui', true], ['OUI', true], ['o', true], ['x', true], ['1', true], ['Vrai', true], [true, true],
    ['non', false], ['N', false], ['0', false], ['', false], [null, false], [false, false],
    ['peut-être', '!oui-non'],
  ])('%j → %j', (raw, expected) => expect(value(parseYesNo(raw, 'EF2'))).toBe(expected));
});

describe('temps majoré (Code de l’éducation D351-28)', () => {
  it.each<[RawCell, string | undefined]>([
    ['1/3', '1/3'], ['tiers-temps', '1/3'], ['Tiers temps', '1/3'], ['oui', '1/3'], ['x', '1/3'],
    ['2/6', '1/3'], ['1/4', '1/4'], ['', undefined], ['non', undefined],
    ['4/3', '!temps-majore'], ['20 minutes', '!temps-majore'], ['0/3', '!temps-majore'],
  ])('%j → %j', (raw, expected) => expect(value(parseTempsMajore(raw))).toBe(expected));
});

describe('code postal', () => {
  it.each<[RawCell, string | undefined]>([
    ['31000', '31000'], ['31 000', '31000'], [1000, '01000'], [31000, '31000'], ['', undefined],
    ['3100', '!code-postal'], ['F-31000', '!code-postal'],
  ])('%j → %j', (raw, expected) => expect(value(parseCodePostal(raw))).toBe(expected));
});

describe('langues (E2 and EF1 = another language, référentiel UF1 « LV2 »)', () => {
  it.each<[RawCell, string | undefined]>([
    ['', 'anglais'], ['Anglais', 'anglais'], ['ESPAGNOL', 'espagnol'], ['neerlandais', 'néerlandais'], ['en', 'anglais'],
    ['klingon', '!langue'],
  ])('E2 %j → %j', (raw, expected) => expect(value(parseLangue(raw, 'E2', 'anglais'))).toBe(expected));
  it.each<[RawCell, string | undefined]>([
    ['', undefined], ['non', undefined], ['Espagnol', 'espagnol'], ['anglais', '!langue'], ['oui', '!langue'],
  ])('EF1 %j with E2 anglais → %j', (raw, expected) => expect(value(parseEf1(raw, 'anglais'))).toBe(expected));
});

describe('cellString', () => {
  it.each<[RawCell, string]>([
    ['  Jean   Pierre ', 'Jean Pierre'],
    ['Ligne 1\nLigne 2', 'Ligne 1 Ligne 2'],
    ['Nguye\u0302\u0303n', 'Nguyễn'], // NFD (macOS) → NFC
    ["'=HYPERLINK(\"x\")", '=HYPERLINK("x")'], // undoes our export's formula neutralisation
    ["'-5 rue", '-5 rue'],
    ["l'Isle-Jourdain", "l'Isle-Jourdain"],
    [12, '12'],
    [null, ''],
  ])('%j → %j', (raw, expected) => expect(cellString(raw)).toBe(expected));
});
