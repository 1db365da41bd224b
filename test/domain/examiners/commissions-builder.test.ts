// Issue #13 §2: oral commissions staffed from the regulation's compositions (circulaire nationale 2024, each épreuve's
// « Composition de la commission »), each table row naming the sentence it follows.
import { describe, expect, it } from 'vitest';
import { loadBundledRegulation } from '../../../src/io/regulation-file.js';
import { buildCommissions } from '../../../src/domain/examiners/commissions-builder.js';
import { candidateListDue, plannedCommissions, type PlannedCommission } from '../../../src/domain/examiners/planned.js';
import type { Examiner } from '../../../src/domain/examiners/examiner.js';
import type { OralSlot } from '../../../src/domain/scheduling/oral-timetable.js';

const reg = loadBundledRegulation('bts-ccst-2024');
const DAY = '2024-05-20';
const C = '0310003K';

export const ex = (email: string, profils: string[], o: Partial<Examiner> = {}): Examiner => ({
  email, nom: email, prenom: 'X', profils, academie: 'TOULOUSE', epreuves: ['E4', 'E61', 'E62', 'E22', 'EF1', 'EF2'], dates: [DAY], ...o,
});
const plan = (epreuve: string, o: Partial<PlannedCommission> = {}, cands: { numero: string; etablissementUai?: string; language?: string }[] = [{ numero: '1', etablissementUai: '0310001H' }]): PlannedCommission => ({
  centreUai: C, date: DAY, epreuve, form: 'ponctuel', number: 1, start: '08:00', end: '17:00', candidates: cands.map((k) => ({ epreuve, ...k })), ...o,
});
const seats = (out: ReturnType<typeof buildCommissions>, i = 0) => out.commissions[i]!.members.map((m) => `${m.email}:${m.how}`);

describe('compositions: who sits (circulaire nationale 2024)', () => {
  const eg = ex('eg@x.fr', ['economie-gestion']);
  const sti = ex('sti@x.fr', ['sti']);
  const pro = ex('pro@x.fr', ['professionnel']);
  const ang = ex('ang@x.fr', ['lv-anglais']);
  const esp = ex('esp@x.fr', ['lv-espagnol']);
  // [source, planned, examiners, members, vacant seats, shortage roles]
  const table: [string, PlannedCommission, Examiner[], string[], string[], string[]][] = [
    ['E4 « un professeur d\'économie et gestion, un professeur de STI … et un professionnel »', plan('E4'), [eg, sti, pro, ang], ['eg@x.fr:profile', 'sti@x.fr:profile', 'pro@x.fr:profile'], [], []],
    ['E4 « En l\'absence de ce dernier, la commission pourra néanmoins procéder à l\'évaluation »', plan('E4'), [eg, sti], ['eg@x.fr:profile', 'sti@x.fr:profile'], ['professionnel'], []],
    ['E4 without an STI teacher: a shortage', plan('E4'), [eg, pro], ['eg@x.fr:profile', 'pro@x.fr:profile'], ['professeur de sciences et techniques industrielles'], ['professeur de sciences et techniques industrielles']],
    ['E62 ponctuel: an STI teacher of bloc 4 and an économie-gestion teacher, no professional', plan('E62'), [eg, sti, pro], ['sti@x.fr:profile', 'eg@x.fr:profile'], [], []],
    ['E22 « un professeur qui enseigne l\'anglais »', plan('E22', {}, [{ numero: '1', language: 'anglais' }]), [esp, ang], ['ang@x.fr:profile'], [], []],
    ['EF1: the teacher of the candidate\'s language', plan('EF1', {}, [{ numero: '1', language: 'espagnol' }]), [ang, esp], ['esp@x.fr:profile'], [], []],
    ['EF2 « un professionnel … ou à défaut d\'un second professeur »: the professional when there is one', plan('EF2'), [eg, sti, pro], ['eg@x.fr:profile', 'pro@x.fr:profile'], [], []],
    ['EF2 « … ou à défaut d\'un second professeur »: a second teacher when no professional is free', plan('EF2'), [eg, sti], ['eg@x.fr:profile', 'sti@x.fr:fallback'], [], []],
  ];
  it.each(table)('%s', (_source, p, examiners, members, vacant, short) => {
    const out = buildCommissions({ reg, planned: [p], examiners });
    expect(out.conflicts).toEqual([]);
    expect(seats(out)).toEqual(members);
    expect(out.commissions[0]!.vacant.map((v) => v.role.split(' ')[0] === 'professionnel' ? 'professionnel' : v.role)).toEqual(vacant);
    expect(out.shortages.map((s) => s.role)).toEqual(short);
  });
});

describe('a shortage is reported exactly (centre, day, épreuve, seat, how many)', () => {
  it('three E4 commissions, two STI teachers available for one each (same hours): one missing', () => {
    const planned = [1, 2, 3].map((number) => plan('E4', { number }));
    const out = buildCommissions({ reg, planned, examiners: [ex('eg1@x.fr', ['economie-gestion']), ex('eg2@x.fr', ['economie-gestion']), ex('eg3@x.fr', ['economie-gestion']), ex('s1@x.fr', ['sti']), ex('s2@x.fr', ['sti'])] });
    expect(out.shortages).toEqual([{ centreUai: C, date: DAY, epreuve: 'E4', role: 'professeur de sciences et techniques industrielles', profiles: ['sti'], missing: 1, commissions: [`E4-${C}-${DAY}-3`] }]);
  });
  it('commissions without composition, with two languages or without one are conflicts, not guesses (E22 is English: no language needed)', () => {
    expect(buildCommissions({ reg, planned: [plan('E22')], examiners: [ex('ang@x.fr', ['lv-anglais'])] }).conflicts).toEqual([]);
  });
  it('commissions without composition or with two languages are conflicts, not guesses', () => {
    const out = buildCommissions({ reg, planned: [plan('E1'), plan('EF1', {}, [{ numero: '1', language: 'espagnol' }, { numero: '2', language: 'allemand' }]), plan('EF1', { number: 2 }, [{ numero: '3' }])], examiners: [] });
    expect(out.conflicts).toEqual([
      `commission E1-${C}-${DAY}-1 : le règlement ne donne pas la composition de la commission de E1 (ponctuel)`,
      `commission EF1-${C}-${DAY}-1 : plusieurs langues (allemand, espagnol)`,
      `commission EF1-${C}-${DAY}-2 : langue non renseignée pour 3`,
    ]);
  });
});

describe('availability, établissement, load', () => {
  it('not on a day outside the examiner\'s dates, nor for an épreuve they did not list', () => {
    const out = buildCommissions({ reg, planned: [plan('E62')], examiners: [ex('eg0@x.fr', ['economie-gestion'], { dates: ['2024-05-21'] }), ex('eg1@x.fr', ['economie-gestion'], { epreuves: ['E4'] }), ex('eg2@x.fr', ['economie-gestion']), ex('s@x.fr', ['sti'])] });
    expect(seats(out)).toEqual(['s@x.fr:profile', 'eg2@x.fr:profile']);
  });
  it('never of a candidate\'s établissement when another is free, even less loaded', () => {
    const planned = [plan('E62', { number: 1, start: '08:00', end: '10:00' }, [{ numero: '9', etablissementUai: '0310002J' }]), plan('E62', { number: 2, start: '10:00', end: '12:00' }, [{ numero: '1', etablissementUai: '0310001H' }])];
    const out = buildCommissions({ reg, planned, examiners: [ex('a@x.fr', ['economie-gestion'], { etablissementUai: '0310001H' }), ex('b@x.fr', ['economie-gestion']), ex('s1@x.fr', ['sti']), ex('s2@x.fr', ['sti'])] });
    // a takes commission 1; at commission 2 b (already loaded) is preferred to a (own établissement).
    expect(out.commissions.map((c) => c.members.find((m) => m.seat === 1)!.email)).toEqual(['a@x.fr', 'b@x.fr']);
    expect(out.warnings).toEqual([]);
  });
  it('when no one else is free the examiner sits, and a warning lists the candidates', () => {
    const out = buildCommissions({ reg, planned: [plan('E62', {}, [{ numero: '1', etablissementUai: '0310001H' }, { numero: '2', etablissementUai: '0310002J' }])], examiners: [ex('a@x.fr', ['economie-gestion'], { etablissementUai: '0310001H' }), ex('s@x.fr', ['sti'])] });
    expect(seats(out)).toEqual(['s@x.fr:profile', 'a@x.fr:profile']);
    expect(out.warnings).toMatchObject([{ kind: 'etablissement', email: 'a@x.fr', numeros: ['1'] }]);
  });
  it('one commission at a time: overlapping ones need other people; same centre, later hours: the same person', () => {
    const m = plan('E62', { number: 1, start: '08:00', end: '12:00' });
    const a = plan('E62', { number: 2, start: '13:00', end: '17:00' });
    const overlap = plan('E62', { number: 3, start: '11:00', end: '15:00' });
    const two = [ex('eg@x.fr', ['economie-gestion']), ex('s@x.fr', ['sti'])];
    expect(buildCommissions({ reg, planned: [m, a], examiners: two }).shortages).toEqual([]);
    expect(buildCommissions({ reg, planned: [m, overlap], examiners: two }).shortages.map((s) => s.missing)).toEqual([1, 1]);
    expect(buildCommissions({ reg, planned: [m, { ...a, centreUai: '0310004L' }], examiners: two }).shortages).toHaveLength(2);
  });
  it('balanced by candidates examined, within max_candidats', () => {
    const planned = [1, 2, 3, 4].map((number) => plan('E62', { number, start: `${String(7 + number * 2).padStart(2, '0')}:00`, end: `${String(8 + number * 2).padStart(2, '0')}:00` }, [{ numero: `${number}a` }, { numero: `${number}b` }]));
    const egs = [ex('eg1@x.fr', ['economie-gestion']), ex('eg2@x.fr', ['economie-gestion'])];
    const out = buildCommissions({ reg, planned, examiners: [...egs, ex('s@x.fr', ['sti'], { maxCandidats: 6 })] });
    expect([out.load.get('eg1@x.fr'), out.load.get('eg2@x.fr'), out.load.get('s@x.fr')]).toEqual([4, 4, 6]);
    expect(out.shortages).toMatchObject([{ epreuve: 'E62', missing: 1, profiles: ['sti'] }]);
  });
});

describe('stable re-runs: deterministic, pins kept', () => {
  const planned = [1, 2].map((number) => plan('E4', { number }));
  const people = [ex('eg1@x.fr', ['economie-gestion']), ex('eg2@x.fr', ['economie-gestion']), ex('s1@x.fr', ['sti']), ex('s2@x.fr', ['sti'])];
  it('the same commissions whatever the order of the examiners', () => {
    const a = buildCommissions({ reg, planned, examiners: people });
    const b = buildCommissions({ reg, planned: [...planned].reverse(), examiners: [...people].reverse() });
    expect(b.commissions).toEqual(a.commissions);
  });
  it('a pinned examiner stays where pinned; an impossible pin is a conflict', () => {
    const pins = [{ commission: `E4-${C}-${DAY}-1`, email: 'eg2@x.fr' }, { commission: `E4-${C}-${DAY}-2`, email: 'S1@x.fr' }, { commission: `E4-${C}-${DAY}-2`, email: 'nobody@x.fr' }];
    const out = buildCommissions({ reg, planned, examiners: people, pins });
    expect(out.commissions.map((c) => c.members.map((m) => `${m.email}${m.pinned ? '*' : ''}`))).toEqual([['eg2@x.fr*', 's2@x.fr'], ['eg1@x.fr', 's1@x.fr*']]);
    expect(out.conflicts).toEqual([`épinglage nobody@x.fr → E4-${C}-${DAY}-2 : examinateur inconnu`]);
  });
});

describe('planned commissions from schedule-orals\' slots', () => {
  const slot = (numero: string, epreuve: string, start: string, end: string, commission = 1): OralSlot => ({ numero, epreuve, centreUai: C, date: DAY, start, passage: start, end, commission });
  it('EF3 joins its U61 commission (« la même que celle de l\'épreuve U61 »); spans are the day\'s first start and last end', () => {
    const out = plannedCommissions(reg, [slot('1', 'E61', '08:00', '08:40'), slot('1', 'EF3', '08:40', '09:00'), slot('2', 'E61', '09:00', '09:40', 2)], (n) => ({ etablissementUai: n === '1' ? '0310001H' : '0310002J' }));
    expect(out.map((p) => [p.epreuve, p.number, p.start, p.end, p.candidates.map((k) => `${k.numero}${k.epreuve}`)])).toEqual([
      ['E61', 1, '08:00', '09:00', ['1E61', '1EF3']],
      ['E61', 2, '09:00', '09:40', ['2E61']],
    ]);
  });
  it('Toulouse circular 2023 §1.2.1: « la liste des candidats lui étant affectés 2 semaines à l\'avance »', () => {
    expect(candidateListDue('2023-06-16')).toBe('2023-06-02');
    expect(candidateListDue('2024-03-05')).toBe('2024-02-20');
  });
});
