// Which épreuves a candidate sits on exam day (référentiel annexe IV c) and who organises the orals (annexe 1).
import { describe, expect, it } from 'vitest';
import { examDayRequirements, oralOrganiser, takesOnExamDay } from '../../../src/domain/assignment/requirements.js';
import type { Candidate } from '../../../src/domain/candidate.js';
import { cand, REG } from '../../helpers/assignment-builders.js';

const epreuves = (over: Parameters<typeof cand>[1]) => examDayRequirements(REG, cand('1', over)).map((r) => `${r.epreuve}:${r.nature}`);

describe('examDayRequirements (référentiel annexe IV c, règlement d’examen)', () => {
  it.each([
    ['column A (scolaire public): E1 E3 E5 written, everything else CCF', { voie: 'scolaire_public' }, ['E1:ecrit', 'E3:ecrit', 'E5:ecrit']],
    ['column B (CCF étendu): only E5 written', { voie: 'ccf_etendu' }, ['E5:ecrit']],
    ['column C (hors contrat): every unit ponctuel', { voie: 'scolaire_prive_hors_contrat' },
      ['E1:ecrit', 'E21:ecrit', 'E22:oral', 'E3:ecrit', 'E4:oral', 'E5:ecrit', 'E61:oral', 'E62:oral']],
    ['dispense U1 (another BTS)', { voie: 'scolaire_public', dispenses: ['U1'] }, ['E3:ecrit', 'E5:ecrit']],
    ['bénéfice U4 is not taken again (D643-20)', { voie: 'candidat_individuel', benefices: [{ unite: 'U4', note: 1250, session: 2022 }] },
      ['E1:ecrit', 'E21:ecrit', 'E22:oral', 'E3:ecrit', 'E5:ecrit', 'E61:oral', 'E62:oral']],
    ['EF1 chosen: oral for every column', { voie: 'scolaire_public', ef1: 'espagnol' }, ['E1:ecrit', 'E3:ecrit', 'E5:ecrit', 'EF1:oral']],
    ['EF2 and EF3 are CCF in column A', { voie: 'scolaire_public', ef2: true, ef3: true }, ['E1:ecrit', 'E3:ecrit', 'E5:ecrit']],
    ['EF2 and EF3 ponctuel in column C', { voie: 'experience_professionnelle', ef2: true, ef3: true, dispenses: ['U1', 'U21', 'U22', 'U3'] },
      ['E4:oral', 'E5:ecrit', 'E61:oral', 'E62:oral', 'EF2:oral', 'EF3:oral']],
  ])('%s', (_label, over, expected) => {
    expect(epreuves(over)).toEqual(expected);
  });

  it('carries the languages of E22 and EF1 and the link EF3 → E61', () => {
    const reqs = examDayRequirements(REG, cand('1', { voie: 'candidat_individuel', langue: 'Espagnol', ef1: 'allemand', ef3: true }));
    expect(reqs.find((r) => r.epreuve === 'E22')?.langue).toBe('espagnol');
    expect(reqs.find((r) => r.epreuve === 'EF1')?.langue).toBe('allemand');
    expect(reqs.find((r) => r.epreuve === 'EF3')?.follows).toBe('E61');
  });

  it('takes the département from the UAI, else from the postal code', () => {
    expect(examDayRequirements(REG, cand('1'))[0]!.departement).toBe('031');
    expect(examDayRequirements(REG, cand('1', { etablissementUai: undefined, codePostal: '81000' }))[0]!.departement).toBe('081');
    expect(examDayRequirements(REG, cand('1', { etablissementUai: undefined, codePostal: '97400' }))[0]!.departement).toBe('974');
  });
});

describe('oralOrganiser (circulaire nationale 2024, annexe 1)', () => {
  it.each([
    ['TOULOUSE', false, 'TOULOUSE'], // autonome
    ['DIJON', false, 'BESANCON'], // rattachée
    ['LIMOGES', false, 'BORDEAUX'],
    ['BORDEAUX', false, 'BORDEAUX'], // pilote
    ['MARTINIQUE', false, 'GUADELOUPE'],
    ['VERSAILLES', false, 'SIEC'],
    ['CORSE', true, 'AIX-MARSEILLE'], // candidats individuels
    ['MAYOTTE', true, 'AIX-MARSEILLE'],
    ['POLYNESIE-FRANCAISE', true, 'NORMANDIE'],
    ['CORSE', false, undefined], // the table names no organiser for them
    ['DIJON', true, 'BESANCON'],
    ['TOULOUSE', true, 'TOULOUSE'],
  ])('%s (individuel: %s) → %s', (academie, individual, expected) => {
    expect(oralOrganiser(REG, academie, individual)).toBe(expected);
  });

  // Issue #11 finding 5 — annexe 1, column « CANDIDATS INDIVIDUELS » (« AIX-MARSEILLE | | CORSE, MAYOTTE »;
  // « NORMANDIE | | NOUVELLE-CALEDONIE POLYNESIE FRANCAISE »): every candidate without a training establishment in
  // that académie — candidat individuel, expérience professionnelle, enseignement à distance résidant.
  it.each([
    ['MAYOTTE', 'experience_professionnelle', 'AIX-MARSEILLE'],
    ['CORSE', 'enseignement_distance', 'AIX-MARSEILLE'],
    ['CORSE', 'candidat_individuel', 'AIX-MARSEILLE'],
    ['NOUVELLE-CALEDONIE', 'experience_professionnelle', 'NORMANDIE'],
    ['POLYNESIE-FRANCAISE', 'enseignement_distance', 'NORMANDIE'],
    ['TOULOUSE', 'enseignement_distance', 'TOULOUSE'], // « ENSEIGN.DISTANCE RESIDANT 31 » (Toulouse 2023): autonome
    ['DIJON', 'experience_professionnelle', 'BESANCON'],
    ['CORSE', 'scolaire_prive_hors_contrat', undefined], // an establishment in Corse: the table names no organiser
  ])('%s %s → orals organised by %s', (academie, voie, organiser) => {
    const reqs = examDayRequirements(REG, cand('1', { academie, voie, etablissementUai: undefined }));
    expect(reqs.find((r) => r.nature === 'oral')?.organiser).toBe(organiser);
  });

  it('sends written épreuves to the candidate’s own académie and orals to the organiser', () => {
    const reqs = examDayRequirements(REG, cand('1', { academie: 'CORSE', voie: 'candidat_individuel', etablissementUai: undefined }));
    expect(reqs.find((r) => r.epreuve === 'E1')?.organiser).toBe('CORSE');
    expect(reqs.find((r) => r.epreuve === 'E4')?.organiser).toBe('AIX-MARSEILLE');
  });
});

describe('takesOnExamDay (the unit decision alone, as copies anonymise takes it once per set of facts)', () => {
  // Every voie × a set of facts that decide units: dispenses (by code and by épreuve), bénéfices, facultative units.
  const facts: Partial<Candidate>[] = [
    {}, { dispenses: ['U5'] }, { dispenses: ['E3', 'U1'] }, { benefices: [{ unite: 'U5', note: 1200, session: 2022 }] },
    { benefices: [{ unite: 'U21', note: 900, session: 2023 }], dispenses: ['U22'] }, { ef1: 'espagnol' }, { ef2: true }, { ef3: true },
    { ef1: 'allemand', ef2: true, ef3: true, dispenses: ['UF2'] },
  ];
  const cases = REG.voies.flatMap((v) => facts.map((f) => cand('1', { voie: v.code, ...f })));
  it.each(['ecrit', 'oral'] as const)('equals examDayRequirements for every unit, voie and set of facts (%s)', (nature) => {
    let taken = 0;
    for (const c of cases) {
      for (const u of REG.units) {
        const expected = examDayRequirements(REG, c, nature).some((r) => r.unite === u.code);
        expect(takesOnExamDay(REG, c, u.code, nature), `${c.voie} ${JSON.stringify({ d: c.dispenses, b: c.benefices, ef: [c.ef1, c.ef2, c.ef3] })} ${u.code}`).toBe(expected);
        if (expected) taken++;
      }
    }
    expect(taken).toBeGreaterThan(50); // the table exercises both answers
  });
});
