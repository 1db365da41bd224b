// Issue #13 §4: what an examiner's or correcteur's convocation says, and issue #13 §2: when the stored commissions no
// longer match the timetable (domain/examiners/convocation.ts, staleness.ts).
import { describe, expect, it } from 'vitest';
import { loadBundledRegulation } from '../../../src/io/regulation-file.js';
import { buildExaminerConvocations, centreClock, lateLists, parseMeeting, passageKey, type CommissionSeat } from '../../../src/domain/examiners/convocation.js';
import { candidateMoves, commissionFingerprint, staleCommissions } from '../../../src/domain/examiners/staleness.js';
import { commissionName, type PlannedCommission } from '../../../src/domain/examiners/planned.js';
import type { Examiner } from '../../../src/domain/examiners/examiner.js';

const reg = loadBundledRegulation('bts-ccst-2024');
const ex = (email: string, o: Partial<Examiner> = {}): Examiner => ({ email, nom: email.split('@')[0]!.toUpperCase(), prenom: 'P', profils: ['economie-gestion'], academie: 'TOULOUSE', epreuves: ['E4', 'E5'], dates: ['2024-05-20'], ...o });
const plan = (number: number, numeros: string[], o: Partial<PlannedCommission> = {}): PlannedCommission => ({
  centreUai: '0310003K', date: '2024-05-20', epreuve: 'E4', form: 'ponctuel', number, start: '08:00', end: '12:00', candidates: numeros.map((numero) => ({ numero, epreuve: 'E4' })), ...o,
});

describe('parseMeeting: the --entente / --harmonisation text', () => {
  const table: [string, string | undefined, string][] = [
    ['2024-05-13 14:00 Lycée X, salle 12', 'lundi 13 mai 2024 à 14h00', 'Lycée X, salle 12'],
    ['13/05/2024 9h30 — visioconférence', 'lundi 13 mai 2024 à 09h30', 'visioconférence'],
    ['2024-06-01, rectorat', 'samedi 1er juin 2024', 'rectorat'],
    ['2024-02-30 14:00 Lycée X', undefined, '2024-02-30 14:00 Lycée X'], // no such day: kept as written
    ['2024-05-13 25:00 Lycée X', undefined, '2024-05-13 25:00 Lycée X'],
    ['date communiquée ultérieurement', undefined, 'date communiquée ultérieurement'],
  ];
  it.each(table)('%s', (raw, when, text) => {
    expect(parseMeeting(raw)).toEqual({ ...(when ? { when } : {}), text });
  });
});

describe('buildExaminerConvocations', () => {
  const seat = (p: PlannedCommission, members: string[]): CommissionSeat => ({
    name: commissionName(p), centreUai: p.centreUai, date: p.date, epreuve: p.epreuve, number: p.number, start: p.start, end: p.end,
    members: members.map((email, i) => ({ email, role: `siège ${i + 1}`, how: 'profile' as const })),
  });
  const p1 = plan(1, ['0001', '0002']);
  const input = {
    reg,
    examiners: [ex('a@x.fr'), ex('b@x.fr'), ex('c@x.fr'), ex('d@x.fr')],
    commissions: [seat(p1, ['a@x.fr', 'b@x.fr'])],
    planned: new Map([[commissionName(p1), p1]]),
    passages: new Map([[passageKey('0002', 'E4'), { start: '08:00', passage: '08:00', end: '09:00' }], [passageKey('0001', 'E4'), { start: '09:00', passage: '09:00', end: '10:00' }]]),
    candidates: new Map([['0001', { nom: 'DURAND', prenom: 'Zoé' }], ['0002', { nom: 'PETIT', prenom: 'Léo' }]]),
    centres: new Map([['0310003K', { uai: '0310003K', nom: 'Lycée X', academie: 'TOULOUSE', zone: 'metropole' as const }]]),
    lots: [{ name: 'E5-01', epreuve: 'E5', correcteur: 'c@x.fr', anonymats: ['12345678A', '23456789B'] }],
  };
  it('each member gets the commission with its candidates in passage order and the other members; a correcteur gets the lot only', () => {
    const out = buildExaminerConvocations(input);
    expect(out.map((c) => c.examiner.email)).toEqual(['a@x.fr', 'b@x.fr', 'c@x.fr']); // d sits nowhere: no convocation
    const a = out[0]!.commissions[0]!;
    expect(a.candidates.map((k) => `${k.passage} ${k.numero} ${k.nom}`)).toEqual(['08:00 0002 PETIT', '09:00 0001 DURAND']);
    expect(a.others).toEqual([{ nom: 'B', prenom: 'P', role: 'siège 2' }]);
    expect(a.listDue).toBe('2024-05-06'); // circulaire Toulouse 2023 §1.2.1: 2 weeks before
    expect(a.clock).toBeUndefined(); // Métropole's clock: not named
    const c = out[2]!;
    expect(c.commissions).toEqual([]);
    expect(c.lots).toEqual([{ name: 'E5-01', epreuve: 'E5', title: expect.any(String), sitting: expect.objectContaining({ date: expect.any(String) }), copies: 2, anonymats: ['12345678A', '23456789B'] }]);
    // Nothing about a candidate reaches a correcteur-only convocation.
    expect(JSON.stringify(c)).not.toMatch(/0001|0002|DURAND|PETIT/);
  });
  it('a correcteur of E5 is reminded of the meetings the circular announces for E5, with their sentences; an examiner is not', () => {
    const out = buildExaminerConvocations(input);
    expect(out[2]!.announced.map((m) => `${m.epreuve} ${m.kind}`)).toEqual(['E5 entente', 'E5 harmonisation']);
    expect(out[2]!.announced[0]!.quote).toBe("Il est souhaitable d'organiser une réunion d'entente avant le début des corrections.");
    expect(out[0]!.announced).toEqual([]);
  });
  it('lateLists: a list produced after « 2 semaines à l\'avance » is late (circulaire Toulouse 2023 §1.2.1)', () => {
    const out = buildExaminerConvocations(input);
    expect(lateLists(out, '2024-05-06')).toEqual([]);
    expect(lateLists(out, '2024-05-07')).toEqual([{ name: 'E4-0310003K-2024-05-20-1', date: '2024-05-20', due: '2024-05-06' }]);
  });
  it('centreClock: the centre\'s local clock is named off Métropole (La Réunion, UTC+4)', () => {
    expect(centreClock(reg, { uai: '9740001A', nom: 'Lycée R', academie: 'REUNION', zone: 'reunion' }, '2024-05-20', '08:00')).toMatch(/^heure locale de .*R[ée]union.* \(UTC\+4\)$/);
  });
});

describe('staleCommissions: the stored commissions against the timetable of now (issue #13 §2)', () => {
  const p1 = plan(1, ['0001', '0002']);
  const p2 = plan(2, ['0003']);
  const stored = [p1, p2].map((p) => ({ name: commissionName(p), epreuve: p.epreuve, start: p.start, end: p.end }));
  const basis = Object.fromEntries([p1, p2].map((p) => [commissionName(p), commissionFingerprint(p)]));
  const table: [string, PlannedCommission[], string[]][] = [
    ['the same timetable: nothing', [p1, p2], []],
    ['candidates listed in another order: nothing', [plan(1, ['0002', '0001']), p2], []],
    ['a candidate moved (same hours): both changed', [plan(1, ['0001']), plan(2, ['0003', '0002'])], ['E4-0310003K-2024-05-20-1 changed candidats', 'E4-0310003K-2024-05-20-2 changed candidats']],
    ['new hours', [plan(1, ['0001', '0002'], { start: '09:00' }), p2], ['E4-0310003K-2024-05-20-1 changed horaires 08:00–12:00 à la composition, 09:00–12:00 maintenant']],
    ['a commission fewer', [plan(1, ['0001', '0002', '0003'])], ['E4-0310003K-2024-05-20-1 changed candidats', 'E4-0310003K-2024-05-20-2 gone n’est']],
    ['a commission more', [p1, p2, plan(3, ['0004'])], ['E4-0310003K-2024-05-20-3 unbuilt planifiée']],
  ];
  it.each(table)('%s', (_what, planned, expected) => {
    const got = staleCommissions(stored, basis, planned).map((s) => `${s.name} ${s.kind} ${s.detail}`);
    expect(got.length).toBe(expected.length);
    expected.forEach((e, i) => expect(got[i]).toContain(e));
  });
  it('without a basis (a build made before it existed), names and hours only', () => {
    expect(staleCommissions(stored, undefined, [plan(1, ['0001']), plan(2, ['0003', '0002'])])).toEqual([]);
  });
  it('candidateMoves names who came and who left, per stored commission', () => {
    expect(candidateMoves([p1, p2], [plan(1, ['0001']), plan(2, ['0003', '0002'])], new Set(stored.map((s) => s.name)))).toEqual([
      'E4-0310003K-2024-05-20-1 : partent 0002',
      'E4-0310003K-2024-05-20-2 : arrivent 0002',
    ]);
  });
});
