// Grouping candidates for lists and bordereaux: written centres get the hours of their zone (circulaire
// nationale annexe 2), orals group by day and commission in passage order, CCF candidates by établissement,
// dispensed units and bénéfices are not sat, optional units only when chosen.
import { describe, expect, it } from 'vitest';
import { groupRosters, groupLabel, sitsUnit } from '../../../src/domain/rosters/groups.js';
import { unitByCode } from '../../../src/domain/regulation/units.js';
import { loadBundledRegulation } from '../../../src/io/regulation-file.js';
import { person } from '../../helpers/documents-workspace.js';

const reg = loadBundledRegulation();
const centres = new Map([
  ['0310001A', { uai: '0310001A', nom: 'Lycée Déodat', commune: 'Toulouse', zone: 'metropole' as const }],
  ['9740001B', { uai: '9740001B', nom: 'Lycée Leconte de Lisle', commune: 'Saint-Denis', zone: 'reunion' as const }],
]);

describe('sitsUnit', () => {
  it.each([
    ['compulsory unit', {}, 'U4', true],
    ['dispensed U3 (référentiel annexe IV b)', { dispenses: ['U3'] }, 'U3', false],
    ['bénéfice on U5 (D643-20)', { benefices: [{ unite: 'U5', note: 1200, session: 2023 }] }, 'U5', false],
    ['EF1 only when a language is chosen', { ef1: 'espagnol' }, 'UF1', true],
    ['EF1 not chosen', {}, 'UF1', false],
    ['engagement étudiant chosen', { ef3: true }, 'UF3', true],
  ] as const)('%s', (_n, over, unit, expected) => {
    expect(sitsUnit(person('1', 'A', 'B', over as never), unitByCode(reg, unit))).toBe(expected);
  });
});

describe('groupRosters', () => {
  const a = person('24001', 'NGUYỄN', 'Đức', { voie: 'candidat_individuel' });
  const b = person('24002', 'ØDEGÅRD', 'Ødegård', { voie: 'candidat_individuel' });
  const c = person('24003', 'MARTIN', 'Léa'); // scolaire: E4 in CCF
  const d = person('24004', 'ABADIE', 'Jules', { voie: 'candidat_individuel' });

  it('a non-conforming dossier stays on the oral list, marked NV (annexe 4; circulaire Toulouse 2023 §1.2.2)', () => {
    const slot = (numero: string, start: string) => ({ numero, epreuve: 'E61', centreUai: '0310001A', date: '2024-06-21', start, end: start, commission: 1 });
    const [g] = groupRosters({
      reg, units: [unitByCode(reg, 'U61')], candidates: [a, b], everyone: false, centres,
      assignments: [], slots: [slot('24001', '08:00'), slot('24002', '08:30')], nonConforming: new Set(['24001:U61']),
    });
    expect(g!.lines.map((l) => [l.candidate.numero, l.nv ?? false])).toEqual([['24001', true], ['24002', false]]);
  });

  it('written épreuve: one group per centre with the zone’s hours (annexe 2: Réunion differs)', () => {
    const groups = groupRosters({
      reg, units: [unitByCode(reg, 'U3')], candidates: [a, b], everyone: false, slots: [], centres,
      assignments: [{ numero: '24001', epreuve: 'E3', centreUai: '0310001A' }, { numero: '24002', epreuve: 'E3', centreUai: '9740001B' }],
    });
    const e3 = reg.calendar.written.find((w) => w.epreuve === 'E3')!;
    expect(groups.map((g) => [g.kind, g.centre?.uai, g.date, g.start, g.end, g.lines.map((l) => l.candidate.numero)])).toEqual([
      ['ecrit', '0310001A', e3.date, e3.times.metropole.start, e3.times.metropole.end, ['24001']],
      ['ecrit', '9740001B', e3.date, e3.times.reunion!.start, e3.times.reunion!.end, ['24002']],
    ]);
    expect(e3.times.reunion!.start).not.toBe(e3.times.metropole.start);
  });

  it('orals: per day and commission, in passage order; CCF by établissement; unplaced listed last', () => {
    const slot = (numero: string, commission: number, start: string, passage: string) => ({ numero, epreuve: 'E4', centreUai: '0310001A', date: '2024-05-21', start, end: '12:00', commission, passage });
    const groups = groupRosters({
      reg, units: [unitByCode(reg, 'U4')], candidates: [a, b, c, d], everyone: true, centres, assignments: [],
      slots: [slot('24002', 1, '08:00', '09:00'), slot('24001', 1, '07:00', '08:00'), slot('24004', 2, '08:00', '09:00')],
    });
    expect(groups.map((g) => [groupLabel(g), g.lines.map((l) => l.candidate.numero)])).toEqual([
      ['Lycée Déodat — 21/05/2024 — commission 1', ['24001', '24002']],
      ['Lycée Déodat — 21/05/2024 — commission 2', ['24004']],
      ['CCF — Lycée Déodat de Séverac', ['24003']],
    ]);
  });

  it('lists (everyone: false) keep only the candidates placed at the centre', () => {
    const groups = groupRosters({ reg, units: reg.units, candidates: [a, c], everyone: false, centres, slots: [], assignments: [] });
    expect(groups).toEqual([]);
  });
});
