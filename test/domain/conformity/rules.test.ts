// Table tests of the contrôle de conformité, each naming its source.
import { describe, expect, it } from 'vitest';
import { checkDossier, stageRequirement, type DossierFacts } from '../../../src/domain/conformity/rules.js';
import { ANNEXE4_MOTIFS } from '../../../src/domain/conformity/motifs.js';

// Regulation bts-ccst-2024 `stage` section (référentiel annexe V b).
const STAGE = { minimumWeeks: 14, maximumWeeks: 16, minimumWeeksWithAmenagement: 10, firstYearConsecutiveWeeks: 4 };

const complete: DossierFacts = {
  epreuve: 'E4',
  depot: '2024-03-01',
  attestationStage: true,
  semainesStage: 1400,
  semainesConsecutives1reAnnee: 400,
  certificatTravail: undefined,
  signatures: true,
  ficheDescriptive: true,
  amenagementDuree: false,
};

type Case = [source: string, facts: Partial<DossierFacts>, voie: string, dispenses: string[], dateLimite: string | undefined, motifs: string[]];

const cases: Case[] = [
  ['V b B.1: 14 semaines dont 4 consécutives en 1re année → conforme', {}, 'scolaire_public', [], '2024-03-08', []],
  ['V b B.1: 13,5 semaines < 14', { semainesStage: 1350 }, 'scolaire_public', [], undefined, ['duree_stage']],
  ['V b B.1: 3 semaines consécutives en 1re année < 4', { semainesConsecutives1reAnnee: 300 }, 'scolaire_public', [], undefined, ['duree_stage']],
  ['V b C: aménagement → 10 semaines suffisent', { semainesStage: 1000, semainesConsecutives1reAnnee: 0, amenagementDuree: true }, 'scolaire_public', [], undefined, []],
  ['V b C: aménagement, 9,99 semaines < 10', { semainesStage: 999, amenagementDuree: true }, 'scolaire_public', [], undefined, ['duree_stage']],
  ['V b C: dispense U4 seule → 7 semaines', { epreuve: 'E61', semainesStage: 700, semainesConsecutives1reAnnee: undefined }, 'scolaire_public', ['U4'], undefined, []],
  ['V b C: dispense U61 seule → moitié, 6,5 < 7', { epreuve: 'E4', semainesStage: 650 }, 'scolaire_public', ['U61'], undefined, ['duree_stage']],
  ['V b C: dispense U4 + aménagement → 5 semaines', { epreuve: 'E62', semainesStage: 500, amenagementDuree: true }, 'scolaire_public', ['U4'], undefined, []],
  ['annexe 4: absence d’attestation de stage', { attestationStage: false }, 'scolaire_public', [], undefined, ['attestation_stage']],
  ['V b B.5: expérience professionnelle, certificats présents → pas de durée de stage', { attestationStage: undefined, semainesStage: undefined, semainesConsecutives1reAnnee: undefined, certificatTravail: true }, 'experience_professionnelle', [], undefined, []],
  ['V b B.5 + annexe 4: expérience sans certificat de travail', { certificatTravail: false }, 'experience_professionnelle', [], undefined, ['certificat_travail']],
  ['V b B.2: apprenti, attestation de l’employeur, pas de durée comptée', { semainesStage: undefined, semainesConsecutives1reAnnee: undefined }, 'apprentissage_habilite', [], undefined, []],
  ['V b B.2: apprenti sans attestation de l’employeur', { attestationStage: false }, 'apprentissage_habilite', [], undefined, ['attestation_stage']],
  ['V b B.3 b: formation continue, certificats au lieu d’attestation → conforme (à vérifier)', { attestationStage: false, certificatTravail: true, semainesStage: undefined }, 'formation_continue_habilitee', [], undefined, []],
  ['V b B.3 a: formation continue, 12 semaines < 14 ; 1re année non exigée', { semainesStage: 1200, semainesConsecutives1reAnnee: undefined }, 'formation_continue_habilitee', [], undefined, ['duree_stage']],
  ['Toulouse §1.2.2: absence de dépôt', { depot: undefined }, 'scolaire_public', [], '2024-03-08', ['fiche_dossier']],
  ['Toulouse §1.2.2: dépôt hors délai', { depot: '2024-03-09' }, 'scolaire_public', [], '2024-03-08', ['autre']],
  ['Toulouse §1.2.2: dépôt le jour limite → conforme', { depot: '2024-03-08' }, 'scolaire_public', [], '2024-03-08', []],
  ['Toulouse §1.2.2 + annexe 4: documents non signés', { signatures: false }, 'scolaire_public', [], undefined, ['signatures']],
  ['circulaire nationale U61 + annexe 4: absence de fiche descriptive de projet', { epreuve: 'E61', ficheDescriptive: false }, 'scolaire_public', [], undefined, ['fiche_projet']],
  ['circulaire nationale E4 + annexe 4: absence de fiche descriptive', { epreuve: 'E4', ficheDescriptive: false }, 'scolaire_public', [], undefined, ['fiche_dossier']],
  ['circulaire nationale U62 + annexe 4: absence de dossier', { epreuve: 'E62', ficheDescriptive: false }, 'scolaire_public', [], undefined, ['fiche_dossier']],
  ['annexe 4 « autres (à préciser) »', { autre: 'dossier de 35 pages (20 maximum)' }, 'scolaire_public', [], undefined, ['autre']],
  ['several motifs at once, in annexe order', { attestationStage: false, signatures: false, ficheDescriptive: false }, 'scolaire_public', [], undefined, ['attestation_stage', 'signatures', 'fiche_dossier']],
];

describe('checkDossier', () => {
  it.each(cases)('%s', (_source, over, voie, dispenses, dateLimite, expected) => {
    const out = checkDossier({ ...complete, ...over }, { voie, dispenses }, STAGE, dateLimite);
    expect(out.status).toBe('checked');
    if (out.status !== 'checked') return;
    expect(out.motifs.map((m) => m.code)).toEqual(expected);
    expect(out.conforme).toBe(expected.length === 0);
  });

  it('explains the duration shortfall with the figures (annexe 4 motif + précision)', () => {
    const out = checkDossier({ ...complete, semainesStage: 1250 }, { voie: 'scolaire_public', dispenses: [] }, STAGE);
    expect(out).toMatchObject({ status: 'checked', motifs: [{ code: 'duree_stage', precision: '(12,5 semaines pour 14 requises)' }] });
    expect(ANNEXE4_MOTIFS.duree_stage).toBe('durée de stage insuffisante');
  });

  it('a reduced minimum says why (V b C)', () => {
    const out = checkDossier({ ...complete, epreuve: 'E62', semainesStage: 600 }, { voie: 'scolaire_public', dispenses: ['U4'] }, STAGE);
    expect(out).toMatchObject({ motifs: [{ code: 'duree_stage', precision: '(6 semaines pour 7 requises : 14 semaines réduites de moitié, dispense de U4, référentiel annexe V b C)' }] });
  });

  it('late deposit names both dates (Toulouse §1.2.2)', () => {
    const out = checkDossier({ ...complete, depot: '2024-03-11' }, { voie: 'scolaire_public', dispenses: [] }, STAGE, '2024-03-08');
    expect(out).toMatchObject({ motifs: [{ code: 'autre', precision: 'dépôt hors délai (déposé le 11/03/2024, date limite 08/03/2024)' }] });
  });

  it('FC certificats instead of attestation leaves an observation to verify (V b B.3 b)', () => {
    const out = checkDossier({ ...complete, attestationStage: false, certificatTravail: true }, { voie: 'candidat_individuel', dispenses: [] }, STAGE);
    expect(out).toMatchObject({ status: 'checked', conforme: true });
    if (out.status === 'checked') expect(out.observations[0]).toMatch(/perfectionnement/);
  });

  // Never decide on an empty cell: the missing facts are reported, the dossier is neither NV nor valid.
  it.each([
    ['scolaire without weeks', { semainesStage: undefined }, 'scolaire_public', ['semainesStage']],
    ['scolaire without 1re année', { semainesConsecutives1reAnnee: undefined }, 'scolaire_public', ['semainesConsecutives1reAnnee']],
    ['no signatures cell', { signatures: undefined }, 'scolaire_public', ['signatures']],
    ['experience without certificat cell', { certificatTravail: undefined }, 'experience_professionnelle', ['certificatTravail']],
    ['attestation cell empty', { attestationStage: undefined }, 'scolaire_public', ['attestationStage']],
  ] as const)('incomplete: %s', (_n, over, voie, missing) => {
    const out = checkDossier({ ...complete, ...over }, { voie, dispenses: [] }, STAGE);
    expect(out).toEqual({ status: 'incomplete', missing });
  });
});

describe('stageRequirement (référentiel annexe V b C)', () => {
  it.each([
    ['no dispense', [], false, 1400, 400],
    ['aménagement: 10 weeks, no first-year period', [], true, 1000, undefined],
    ['U4 dispensed: halved', ['U4'], false, 700, undefined],
    ['U62 dispensed: halved', ['U62'], false, 700, undefined],
    ['U61+U62 (unit 6) dispensed: halved', ['U61', 'U62'], false, 700, undefined],
    ['U4 + unit 6 with aménagement is still none', ['U4', 'U61', 'U62'], true, undefined, undefined],
  ] as const)('%s', (_n, dispenses, amenagement, minimum, firstYear) => {
    const r = stageRequirement(STAGE, 'scolaire_public', [...dispenses], amenagement);
    if (minimum === undefined) return expect(r.kind).toBe('none');
    expect(r.kind === 'weeks' && [r.minimum, r.firstYearConsecutive]).toEqual([minimum, firstYear]);
  });

  it('U4 and unit 6 dispensed: no stage required', () => {
    expect(stageRequirement(STAGE, 'scolaire_public', ['U4', 'U61', 'U62'], false).kind).toBe('none');
  });
});
