// Who gets a grid (référentiel annexe IV c forms; dispenses, bénéfices, options; circulaire annexe 4 NV) and in
// which order (STYLE.md: centre, nom, prénom, numéro).
import { describe, expect, it } from 'vitest';
import { loadBundledRegulation } from '../../../src/io/regulation-file.js';
import { findUnit } from '../../../src/domain/regulation/units.js';
import { selectGridCandidates, type GridScopeInput } from '../../../src/domain/grids/scope.js';
import type { Candidate } from '../../../src/domain/candidate.js';

const reg = loadBundledRegulation();
const c = (numero: string, nom: string, over: Partial<Candidate> = {}): Candidate => ({
  numero, nom, prenom: 'Jean', academie: 'TOULOUSE', voie: 'candidat_individuel', langue: 'anglais', ef2: false, ef3: false, dispenses: [], benefices: [], ...over,
});

function scope(unit: string, form: 'ccf' | 'ponctuel', candidates: Candidate[], over: Partial<GridScopeInput> = {}) {
  return selectGridCandidates({ reg, unit: findUnit(reg, unit)!, form, candidates, appointments: new Map(), assignedCentres: new Map(), nonConforming: new Set(), ...over });
}
const numeros = (s: ReturnType<typeof scope>) => s.entries.map((e) => e.candidate.numero);

describe('selectGridCandidates', () => {
  // unit, form, candidate overrides, gets a grid?
  const cases: [string, 'ccf' | 'ponctuel', Partial<Candidate>, boolean][] = [
    ['E4', 'ponctuel', {}, true],
    ['E4', 'ccf', {}, false], // candidat individuel: column C, ponctuel
    ['E4', 'ccf', { voie: 'scolaire_public' }, true],
    ['E4', 'ponctuel', { voie: 'scolaire_public' }, false],
    ['E5', 'ponctuel', { voie: 'ccf_etendu' }, true], // E5 ponctuel in every column
    ['E22', 'ponctuel', { dispenses: ['U22'] }, false],
    ['E4', 'ponctuel', { benefices: [{ unite: 'U4', note: 1200, session: 2023 }] }, false],
    ['EF3', 'ponctuel', {}, false], // not chosen
    ['EF3', 'ponctuel', { ef3: true }, true],
  ];
  it.each(cases)('%s %s %j → %s', (unit, form, over, expected) => {
    expect(numeros(scope(unit, form, [c('1', 'A', over)]))).toEqual(expected ? ['1'] : []);
  });

  it('excludes a non-conforming dossier and says why', () => {
    const s = scope('E61', 'ponctuel', [c('1', 'A'), c('2', 'B')], { nonConforming: new Set(['2']) });
    expect(numeros(s)).toEqual(['1']);
    expect(s.excluded).toEqual([{ numero: '2', reason: 'dossier E61 non conforme (NV) : ne peut être interrogé(e)' }]);
  });

  it('orders by centre (unplaced last), then nom, prénom, numéro; filters one centre', () => {
    const people = [c('5', 'Ødegård'), c('4', 'Martin'), c('3', 'Nguyễn'), c('2', 'Martin'), c('1', 'Abadie')];
    const assignedCentres = new Map([['5', 'B'], ['4', 'A'], ['2', 'A']]);
    const appointments = new Map([['3', { date: '2024-05-21', time: '09:00', centreUai: 'A' }]]);
    expect(numeros(scope('E4', 'ponctuel', people, { assignedCentres, appointments }))).toEqual(['2', '4', '3', '5', '1']);
    expect(numeros(scope('E4', 'ponctuel', people, { assignedCentres, appointments, centre: 'A' }))).toEqual(['2', '4', '3']);
  });

  it('for CCF the centre is the établissement', () => {
    const s = scope('E61', 'ccf', [c('1', 'A', { voie: 'scolaire_public', etablissementUai: '0310028M' })], { centre: '0310028M' });
    expect(s.entries[0]!.centreUai).toBe('0310028M');
  });
});
