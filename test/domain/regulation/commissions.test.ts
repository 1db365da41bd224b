// Issue #13: each épreuve's commission comes from the regulation data, and each entry carries the « Composition de
// la commission » sentence of the circulaire nationale 2024 it encodes. One row per épreuve, form and variant, read
// off the circular by hand: the seats' profiles, which are optional, and where the sentence stands.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBundledRegulation } from '../../../src/io/regulation-file.js';
import { compositionFor, holds, seatsFor, UnknownLanguageProfileError } from '../../../src/domain/regulation/commissions.js';
import { parseRegulation } from '../../../src/io/regulation-file.js';

const reg = loadBundledRegulation('bts-ccst-2024');
const REFERENCE = '/work/shared/reference/circulaire-nationale-2024.md';

const LV = ['lv-anglais', 'lv-allemand', 'lv-espagnol', 'lv-italien', 'lv-portugais', 'lv-arabe', 'lv-chinois', 'lv-russe'];
const EG = ['economie-gestion'];
const PRO_TEACHER = ['economie-gestion', 'sti'];

interface Row {
  epreuve: string;
  form: 'ccf' | 'ponctuel';
  variant?: 'etranger';
  kind: string;
  /** profiles of each seat; `?` marks a seat the commission may sit without; `→` a fallback. */
  seats: string[];
  /** The sentence stands after `after` and before `before` in the circular (its épreuve and form). */
  after: string;
  before: string;
}

const s = (profiles: string[], opts: { optional?: boolean; fallback?: string[] } = {}) =>
  `${opts.optional ? '?' : ''}${profiles.join('|')}${opts.fallback ? `→${opts.fallback.join('|')}` : ''}`;

const rows: Row[] = [
  // « Sous-épreuve E22 … Forme ponctuelle orale »: a teacher of English in a tertiary STS.
  { epreuve: 'E22', form: 'ponctuel', kind: 'interrogation', seats: [s(['lv-anglais'])], after: 'Forme ponctuelle orale, durée 20 minutes', before: 'Composition de la commission de correction' },
  // E3: « corrigée par un professeur ayant en charge l'enseignement de CEJM ».
  { epreuve: 'E3', form: 'ponctuel', kind: 'correction', seats: [s(['cejm'])], after: 'Composition de la commission de correction', before: 'Situation d\'évaluation n°1' },
  // E4 CCF and ponctuel: économie-gestion, STI and a professional, « En l'absence de ce dernier … néanmoins ».
  { epreuve: 'E4', form: 'ccf', kind: 'evaluation', seats: [s(EG), s(['sti']), s(['professionnel'], { optional: true })], after: 'Situation d\'évaluation n°2', before: 'Forme ponctuelle : épreuve orale durée 1 heure' },
  { epreuve: 'E4', form: 'ponctuel', kind: 'evaluation', seats: [s(EG), s(['sti']), s(['professionnel'], { optional: true })], after: 'Forme ponctuelle : épreuve orale durée 1 heure', before: '➤ E5' },
  // E5: an économie-gestion teacher (bloc manager) and an STI teacher (bloc expertise).
  { epreuve: 'E5', form: 'ponctuel', kind: 'correction', seats: [s(EG), s(['sti'])], after: '➤ E5', before: '➤ E6' },
  // E61 CCF: « et éventuellement un professionnel »; ponctuel: professional, « En l'absence de ce dernier … ».
  { epreuve: 'E61', form: 'ccf', kind: 'evaluation', seats: [s(EG), s(['sti']), s(['professionnel'], { optional: true })], after: 'U61 Développement de la clientèle', before: 'Forme ponctuelle : épreuve orale d\'une durée de 30 minutes' },
  { epreuve: 'E61', form: 'ponctuel', kind: 'evaluation', seats: [s(EG), s(['sti']), s(['professionnel'], { optional: true })], after: 'Forme ponctuelle : épreuve orale d\'une durée de 30 minutes', before: 'U62 – Mise en œuvre' },
  // E62: CCF économie-gestion + STI; ponctuel STI of bloc 4 + économie-gestion.
  { epreuve: 'E62', form: 'ccf', kind: 'evaluation', seats: [s(EG), s(['sti'])], after: 'U62 – Mise en œuvre', before: 'Composition de la Commission d\'évaluation' },
  { epreuve: 'E62', form: 'ponctuel', kind: 'evaluation', seats: [s(['sti']), s(EG)], after: 'Composition de la Commission d\'évaluation', before: '➤ Epreuve facultative EF1' },
  // EF1: « un enseignant ou un formateur intervenant en BTS CCST », the interview being in the chosen language.
  { epreuve: 'EF1', form: 'ponctuel', kind: 'interrogation', seats: [s(LV)], after: '➤ Epreuve facultative EF1', before: '➤ Epreuve facultative EF2' },
  // EF2: the module's teacher and a professional « ou à défaut d'un second professeur »; abroad: + an LV teacher.
  { epreuve: 'EF2', form: 'ccf', kind: 'evaluation', seats: [s(PRO_TEACHER), s(['professionnel'], { fallback: PRO_TEACHER })], after: '➤ Epreuve facultative EF2', before: 'Forme ponctuelle\n' },
  { epreuve: 'EF2', form: 'ccf', variant: 'etranger', kind: 'evaluation', seats: [s(PRO_TEACHER), s(LV)], after: '➤ Epreuve facultative EF2', before: 'Forme ponctuelle\n' },
  { epreuve: 'EF2', form: 'ponctuel', kind: 'evaluation', seats: [s(PRO_TEACHER), s(['professionnel'], { fallback: PRO_TEACHER })], after: 'Forme ponctuelle\n', before: '➤ Epreuve facultative EF3' },
  { epreuve: 'EF2', form: 'ponctuel', variant: 'etranger', kind: 'evaluation', seats: [s(PRO_TEACHER), s(LV)], after: 'Forme ponctuelle\n', before: '➤ Epreuve facultative EF3' },
  // EF3: « la même que celle de l'épreuve U61 », in both forms.
  { epreuve: 'EF3', form: 'ccf', kind: 'evaluation', seats: [s(EG), s(['sti']), s(['professionnel'], { optional: true })], after: '➤ Epreuve facultative EF3', before: '➤ Stages' },
  { epreuve: 'EF3', form: 'ponctuel', kind: 'evaluation', seats: [s(EG), s(['sti']), s(['professionnel'], { optional: true })], after: '➤ Epreuve facultative EF3', before: '➤ Stages' },
];

/** The circular with the markdown bold marks removed (the data quotes the words, not the typography). */
const reference = fs.existsSync(REFERENCE) ? fs.readFileSync(REFERENCE, 'utf8').replaceAll('**', '') : undefined;

describe('commission compositions — circulaire nationale 2024, « Composition de la commission » of each épreuve', () => {
  it.each(rows)('$epreuve $form $variant: seats $seats', (row) => {
    const c = compositionFor(reg, row.epreuve, row.form, row.variant)!;
    expect(c, 'a composition in the regulation data').toBeDefined();
    expect(c.kind).toBe(row.kind);
    expect(c.members.map((m) => s(m.profiles, { optional: !m.required, fallback: m.fallback?.profiles }))).toEqual(row.seats);
    expect(c.source).toMatch(/^Circulaire nationale d’organisation session 2024, /);
    expect(c.source).toContain(row.epreuve.startsWith('EF') ? row.epreuve : row.epreuve.slice(0, 2));
    if (row.variant) expect(c.source).toContain('étranger');
  });

  it.runIf(reference)('each quoted sentence stands, verbatim, in its épreuve and form of the circular', () => {
    const text = reference!;
    for (const row of rows) {
      const entry = reg.commissions!.compositions.find((c) => c.epreuve === row.epreuve && c.forms.includes(row.form) && c.variant === row.variant)!;
      const from = text.indexOf(row.after);
      const to = text.indexOf(row.before, from + row.after.length);
      expect(from, `${row.epreuve}: anchor « ${row.after} »`).toBeGreaterThanOrEqual(0);
      expect(to, `${row.epreuve}: anchor « ${row.before} »`).toBeGreaterThan(from);
      expect(text.slice(from, to), `${row.epreuve} ${row.form} ${row.variant ?? ''}`).toContain(entry.quote);
    }
  });

  it('EF3 cites its own sentence and the U61 one it refers to', () => {
    const c = compositionFor(reg, 'EF3', 'ponctuel')!;
    expect(c.quote).toContain('la même que celle de l\'épreuve U61');
    expect(c.via?.quote).toContain('un professionnel. En l\'absence de ce dernier');
  });

  it('no composition is given where the circular gives none (E1, E21): undefined, never a guess', () => {
    expect(compositionFor(reg, 'E1', 'ponctuel')).toBeUndefined();
    expect(compositionFor(reg, 'E21', 'ponctuel')).toBeUndefined();
  });
});

describe('correcteurs\' meetings the circular announces (issue #13 §4: réunion d\'entente, commission d\'harmonisation)', () => {
  // [épreuve, kind, the sentence stands after / before]
  const meetings: [string, 'entente' | 'harmonisation', string, string][] = [
    ['E3', 'harmonisation', 'Composition de la commission de correction', 'Coefficient 6'],
    ['E5', 'entente', '➤ E5', 'Forme ponctuelle d\'évaluation - épreuve écrite, durée : 4 h'],
    ['E5', 'harmonisation', '➤ E5', 'Forme ponctuelle d\'évaluation - épreuve écrite, durée : 4 h'],
  ];
  it('exactly these meetings are in the regulation data', () => {
    expect(reg.commissions!.meetings!.map((m) => [m.epreuve, m.kind])).toEqual(meetings.map(([e, k]) => [e, k]));
  });
  it.runIf(reference).each(meetings)('%s %s: the quoted sentence stands, verbatim, in its épreuve', (epreuve, kind, after, before) => {
    const m = reg.commissions!.meetings!.find((x) => x.epreuve === epreuve && x.kind === kind)!;
    const from = reference!.indexOf(after);
    const to = reference!.indexOf(before, from + after.length);
    expect(to).toBeGreaterThan(from);
    expect(reference!.slice(from, to)).toContain(m.quote);
    expect(m.source).toContain(epreuve);
  });
});

describe('seats for a candidate', () => {
  it('a seat that follows the language keeps only the candidate\'s language (EF1 in espagnol)', () => {
    const seats = seatsFor(reg, compositionFor(reg, 'EF1', 'ponctuel')!, 'espagnol');
    expect(seats.map((x) => x.profiles)).toEqual([['lv-espagnol']]);
  });

  it('a language the regulation has no examiner profile for is refused by name', () => {
    expect(() => seatsFor(reg, compositionFor(reg, 'EF1', 'ponctuel')!, 'klingon')).toThrow(UnknownLanguageProfileError);
  });

  it.each([
    // [épreuve, form, seat index, examiner's profiles, expected]
    ['E4', 'ponctuel', 0, ['economie-gestion'], 'profile'],
    ['E4', 'ponctuel', 0, ['sti'], undefined],
    ['E4', 'ponctuel', 2, ['professionnel'], 'profile'],
    ['EF2', 'ponctuel', 1, ['sti'], 'fallback'], // « ou à défaut d'un second professeur enseignant en STS CCST »
    ['EF2', 'ponctuel', 1, ['cejm'], undefined],
  ] as const)('%s %s seat %i held by %j: %s', (epreuve, form, i, profiles, expected) => {
    const seat = seatsFor(reg, compositionFor(reg, epreuve, form)!)[i]!;
    expect(holds(seat, profiles)).toBe(expected);
  });
});

describe('the regulation file refuses an inconsistent commissions part', () => {
  const raw = () => JSON.parse(fs.readFileSync(new URL('../../../templates/regulations/bts-ccst-2024.json', import.meta.url), 'utf8'));
  it.each([
    ['an unknown profile', (r: any) => (r.commissions.compositions[0].members[0].profiles = ['astronaute']), /profil inconnu astronaute/],
    ['an unknown épreuve', (r: any) => (r.commissions.compositions[0].epreuve = 'E9'), /épreuve inconnue/],
    ['two entries for one form', (r: any) => r.commissions.compositions.push(r.commissions.compositions[0]), /deux compositions/],
    ['sameAs without a target', (r: any) => (r.commissions.compositions.at(-1).sameAs = 'E1'), /sameAs E1/],
    ['a correcteurs\' meeting for an unknown épreuve', (r: any) => r.commissions.meetings.push({ epreuve: 'E9', kind: 'entente', source: 's', quote: 'q' }), /meetings E9 : épreuve inconnue/],
    ['members and sameAs together', (r: any) => (r.commissions.compositions.at(-1).members = r.commissions.compositions[0].members), /soit members, soit sameAs/],
  ])('%s', (_what, mutate, message) => {
    const r = raw();
    mutate(r);
    let details = '';
    try {
      parseRegulation(JSON.stringify(r), 'test.json');
    } catch (e) {
      details = [(e as Error).message, ...((e as { details?: string[] }).details ?? [])].join('\n');
    }
    expect(details).toMatch(message);
  });
});
