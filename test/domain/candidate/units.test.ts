// Voie, dispenses, bénéfices and derived forms (src/domain/candidate-units.ts) against the bundled regulation
// (référentiel annexe IV b dispenses, annexe IV c règlement d'examen; D643-23 bénéfices).
import { describe, expect, it } from 'vitest';
import { loadBundledRegulation } from '../../../src/io/regulation-file.js';
import { derivedForms, parseBenefices, parseDispenses, parseNoteHundredths, parseVoie } from '../../../src/domain/candidate-units.js';
import type { Candidate } from '../../../src/domain/candidate.js';
import type { FieldResult } from '../../../src/domain/validation.js';

const reg = loadBundledRegulation();
const value = <T>(r: FieldResult<T>) => (r.ok ? r.value : `!${r.kind}`);

describe('voie: codes, labels and aliases of the regulation', () => {
  it.each([
    ['scolaire_public', 'scolaire_public'],
    ['Scolaire public', 'scolaire_public'],
    ['Scolaire, établissement privé sous contrat', 'scolaire_prive_sous_contrat'],
    ['PRIVÉ HORS CONTRAT', 'scolaire_prive_hors_contrat'],
    ['Apprentissage habilité', 'apprentissage_habilite'],
    ['apprentissage non habilité', 'apprentissage_non_habilite'],
    ['Formation continue habilitée', 'formation_continue_habilitee'],
    ['CCF étendu', 'ccf_etendu'],
    ['Enseignement à distance', 'enseignement_distance'],
    ['Expérience professionnelle', 'experience_professionnelle'],
    ['Candidat individuel', 'candidat_individuel'],
    ['scolaire privé', '!voie'], // sous or hors contrat? never guessed: the forms differ (A vs C)
    // Référentiel annexe IV c: habilité (column A, CCF) and non habilité (column C, ponctuel) differ; a bare label
    // must not silently pick the CCF column.
    ['Scolaire', '!voie'],
    ['Apprentissage', '!voie'],
    ['Formation continue', '!voie'],
    ['', '!obligatoire'],
  ])('%j → %j', (raw, expected) => {
    const r = parseVoie(reg, raw);
    expect(r.ok ? r.value.code : `!${r.kind}`).toBe(expected);
  });
});

describe('dispenses (annexe IV b: U1, U2 = U21 + U22, U3 only)', () => {
  it.each([
    ['U1 U21 U22', ['U1', 'U21', 'U22']],
    ['U22, U1', ['U1', 'U22']],
    ['E1;E2-1', ['U1', 'U21']],
    ['U2', ['U21', 'U22']],
    ['U3+U3', ['U3']],
    ['', []],
    ['U4', ['U4']], // VAE (référentiel annexe V b C)
    ['U5', '!dispense'],
    ['UF1', '!dispense'],
    ['U9', '!dispense'],
  ])('%j → %j', (raw, expected) => expect(value(parseDispenses(reg, raw))).toEqual(expected));
});

describe('notes in hundredths, by string arithmetic', () => {
  it.each([
    ['12,5', 1250], ['12.5', 1250], ['12', 1200], ['12,05', 1205], ['9,99', 999], ['20', 2000], ['0', 0],
    ['20,01', undefined], ['12,555', undefined], ['-1', undefined], ['abc', undefined],
  ])('%j → %j', (raw, expected) => expect(parseNoteHundredths(raw)).toBe(expected));
});

describe('bénéfices for session 2024 (note ≥ 10, within 5 sessions, compulsory units)', () => {
  it.each([
    ['U4=12,5@2023; U61=11@2022', [{ unite: 'U4', note: 1250, session: 2023 }, { unite: 'U61', note: 1100, session: 2022 }]],
    ['E6-1 = 11 @ 2022 ; U4=12.5@2023', [{ unite: 'U4', note: 1250, session: 2023 }, { unite: 'U61', note: 1100, session: 2022 }]],
    ['U5=10@2019', [{ unite: 'U5', note: 1000, session: 2019 }]],
    ['', []],
    ['U5=10@2018', '!benefice'], // older than 5 sessions
    ['U5=12@2024', '!benefice'], // not an earlier session
    ['U5=9,99@2023', '!benefice'], // below 10
    ['UF1=15@2023', '!benefice'], // optional unit
    ['U4=12@2023; U4=13@2022', '!benefice'],
    ['U4 12,5 2023', '!benefice'],
    ['U4=21@2023', '!benefice'],
  ])('%j → %j', (raw, expected) => expect(value(parseBenefices(reg, raw, 2024))).toEqual(expected));
});

describe('derived form of each unit (annexe IV c)', () => {
  const base: Candidate = {
    numero: '1', nom: 'N', prenom: 'P', academie: 'TOULOUSE', voie: 'scolaire_public', langue: 'anglais',
    ef2: false, ef3: false, dispenses: [], benefices: [],
  };
  const forms = (c: Partial<Candidate>) => Object.fromEntries(derivedForms(reg, { ...base, ...c }).map((f) => [f.unit, f.form]));
  it('column A (scolaire public): U1, U3, U5 ponctuel, the others CCF, optional units empty', () => {
    expect(forms({})).toEqual({ U1: 'ponctuel', U21: 'CCF', U22: 'CCF', U3: 'ponctuel', U4: 'CCF', U5: 'ponctuel', U61: 'CCF', U62: 'CCF', UF1: '', UF2: '', UF3: '' });
  });
  it('column B (CCF étendu): U1 and U3 in CCF too', () => {
    expect(forms({ voie: 'ccf_etendu' })).toMatchObject({ U1: 'CCF', U3: 'CCF', U5: 'ponctuel', UF2: '' });
  });
  it('column C (candidat individuel): everything ponctuel; chosen options appear', () => {
    expect(forms({ voie: 'candidat_individuel', ef1: 'espagnol', ef2: true, ef3: true })).toEqual({
      U1: 'ponctuel', U21: 'ponctuel', U22: 'ponctuel', U3: 'ponctuel', U4: 'ponctuel', U5: 'ponctuel', U61: 'ponctuel', U62: 'ponctuel',
      UF1: 'ponctuel', UF2: 'ponctuel', UF3: 'ponctuel',
    });
  });
  it('dispenses and bénéfices replace the form', () => {
    expect(forms({ voie: 'candidat_individuel', dispenses: ['U1'], benefices: [{ unite: 'U4', note: 1250, session: 2023 }] })).toMatchObject({
      U1: 'dispensé', U4: 'bénéfice 12,5 (2023)', U5: 'ponctuel',
    });
  });
  it('EF2 in column A is CCF', () => expect(forms({ ef2: true }).UF2).toBe('CCF'));
});
