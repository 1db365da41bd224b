import { describe, expect, it } from 'vitest';
import { loadBundledRegulation } from '../../src/io/regulation-file.js';
import { findUnit, formFor, unitByCode } from '../../src/domain/regulation/units.js';
import { parseRegulation } from '../../src/io/regulation-file.js';
import { CcstError } from '../../src/cli/errors.js';

const reg = loadBundledRegulation('bts-ccst-2024');

describe('bts-ccst-2024 units and coefficients — référentiel annexe IV c (règlement d’examen)', () => {
  it.each([
    ['U1', 3], ['U21', 1.5], ['U22', 1.5], ['U3', 3], ['U4', 6], ['U5', 4], ['U61', 3], ['U62', 3],
  ])('%s has coefficient %s', (code, coef) => {
    expect(unitByCode(reg, code).coefficient).toBe(coef);
    expect(unitByCode(reg, code).optional).toBe(false);
  });

  it('optional units are UF1, UF2 and the engagement étudiant unit (arrêté du 23 septembre 2020)', () => {
    expect(reg.units.filter((u) => u.optional).map((u) => u.code)).toEqual(['UF1', 'UF2', 'UF3']);
  });

  it('professional domain is U4, U5, U61, U62 (circulaire Toulouse 2023 §V, épreuves de contrôle)', () => {
    expect(reg.units.filter((u) => u.domain === 'professional').map((u) => u.code)).toEqual(['U4', 'U5', 'U61', 'U62']);
  });
});

describe('form by voie — référentiel annexe IV c, three règlement columns', () => {
  it.each([
    // voie, unit, expected form
    ['scolaire_public', 'U1', 'ponctuel'],
    ['scolaire_public', 'U21', 'ccf'],
    ['scolaire_public', 'U4', 'ccf'],
    ['scolaire_public', 'U5', 'ponctuel'],
    ['apprentissage_habilite', 'U61', 'ccf'],
    ['ccf_etendu', 'U1', 'ccf'],
    ['ccf_etendu', 'U3', 'ccf'],
    ['ccf_etendu', 'U5', 'ponctuel'],
    ['ccf_etendu', 'UF2', 'ponctuel'],
    ['scolaire_public', 'UF2', 'ccf'],
    ['candidat_individuel', 'U21', 'ponctuel'],
    ['candidat_individuel', 'U22', 'ponctuel'],
    ['enseignement_distance', 'U4', 'ponctuel'],
    ['experience_professionnelle', 'U62', 'ponctuel'],
    ['scolaire_prive_hors_contrat', 'UF1', 'ponctuel'],
  ])('%s: %s is %s', (voie, unit, form) => {
    expect(formFor(reg, unitByCode(reg, unit), voie).form).toBe(form);
  });

  it('ponctuel durations: E4 1 h + 1 h préparation, E22 20 min + 20 min (circulaire nationale §2)', () => {
    expect(formFor(reg, unitByCode(reg, 'U4'), 'candidat_individuel')).toMatchObject({ minutes: 60, preparationMinutes: 60, nature: 'oral' });
    expect(formFor(reg, unitByCode(reg, 'U22'), 'candidat_individuel')).toMatchObject({ minutes: 20, preparationMinutes: 20 });
  });
});

describe('unit aliases', () => {
  it.each([
    ['E4', 'U4'], ['u4', 'U4'], ['E6-1', 'U61'], ['E61', 'U61'], ['U6.2', 'U62'], ['E2-1', 'U21'], ['EF1', 'UF1'],
    ['Engagement étudiant', 'UF3'],
  ])('%s → %s', (raw, code) => expect(findUnit(reg, raw)?.code).toBe(code));
  it('unknown stays unknown', () => expect(findUnit(reg, 'E9')).toBeUndefined());
});

describe('regroupements — circulaire nationale 2024 annexe 1', () => {
  it('Aix-Marseille takes the individual candidates of Corse and Mayotte', () => {
    expect(reg.regroupements.groups.find((g) => g.pilot === 'AIX-MARSEILLE')?.individuals).toEqual(['CORSE', 'MAYOTTE']);
  });
  it('Bordeaux pilots Limoges and Poitiers; Toulouse is autonomous', () => {
    expect(reg.regroupements.groups.find((g) => g.pilot === 'BORDEAUX')?.attached).toEqual(['LIMOGES', 'POITIERS']);
    expect(reg.regroupements.autonomous).toContain('TOULOUSE');
  });
});

describe('calendar — circulaire nationale 2024 annexe 2', () => {
  it('E3 on 14 May 2024: Métropole 14h00–18h00, Antilles-Guyane 08h00–12h00, Réunion 16h00–20h00', () => {
    const e3 = reg.calendar.written.find((w) => w.epreuve === 'E3')!;
    expect(e3.date).toBe('2024-05-14');
    expect(e3.times.metropole).toEqual({ start: '14:00', end: '18:00' });
    expect(e3.times.antilles_guyane).toEqual({ start: '08:00', end: '12:00' });
    expect(e3.times.reunion).toEqual({ start: '16:00', end: '20:00' });
  });
  it('E1 has a 2 h mise en loge in Métropole', () => {
    expect(reg.calendar.written.find((w) => w.epreuve === 'E1')!.times.metropole.lockInMinutes).toBe(120);
  });
});

describe('validation of a user regulation file', () => {
  it('rejects a coefficient with 3 decimals and an unknown académie in the regroupements, with paths', () => {
    const bad = structuredClone(JSON.parse(JSON.stringify(reg)));
    bad.units[0].coefficient = 1.125;
    bad.regroupements.autonomous.push('ATLANTIDE');
    try {
      parseRegulation(JSON.stringify(bad), 'mon.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CcstError);
      const details = (e as CcstError).details.join('\n');
      expect(details).toContain('units.0.coefficient');
      expect(details).toContain('ATLANTIDE');
    }
  });
});
