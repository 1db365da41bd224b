// Issue 11 finding 6: the checks of the contrôle de conformité that the texts give with figures, as regulation data
// (`conformity` of templates/regulations/bts-ccst-2024.json). Each line quotes its source sentence.
import { describe, expect, it } from 'vitest';
import { checkDossier, noticeWarning, perfectionnementCheck, type DossierFacts } from '../../../src/domain/conformity/rules.js';
import { parseDossierRow } from '../../../src/domain/conformity/dossier-row.js';
import { loadBundledRegulation } from '../../../src/io/regulation-file.js';

const REG = loadBundledRegulation();
const RULES = REG.conformity!;

const base: DossierFacts = { epreuve: 'E4', depot: '2024-03-01', signatures: true, ficheDescriptive: true, amenagementDuree: false };

describe('perfectionnement — référentiel annexe V b B.3 b « salarié à plein temps pendant six mois au cours de l’année précédant l’examen ou à temps partiel pendant un an au cours des deux années précédant l’examen »', () => {
  const certificats: Partial<DossierFacts> = { attestationStage: false, certificatTravail: true };
  // [case, facts, expected status or motif]
  const cases: [string, Partial<DossierFacts>, 'conforme' | 'non conforme' | 'incomplet'][] = [
    ['six mois à plein temps', { moisTempsPlein: 6 }, 'conforme'],
    ['cinq mois à plein temps', { moisTempsPlein: 5 }, 'non conforme'],
    ['un an à temps partiel', { moisTempsPartiel: 12 }, 'conforme'],
    ['onze mois à temps partiel', { moisTempsPartiel: 11 }, 'non conforme'],
    ['cinq mois plein temps, douze à temps partiel : l’un ou l’autre suffit', { moisTempsPlein: 5, moisTempsPartiel: 12 }, 'conforme'],
    ['durée non indiquée : jamais devinée', {}, 'incomplet'],
  ];
  it.each(cases)('%s → %s', (_name, over, expected) => {
    const out = checkDossier({ ...base, ...certificats, ...over }, { voie: 'formation_continue_habilitee', dispenses: [] }, REG.stage, undefined, RULES);
    if (expected === 'incomplet') {
      expect(out).toEqual({ status: 'incomplete', missing: ['moisTempsPlein', 'moisTempsPartiel'] });
      return;
    }
    expect(out.status).toBe('checked');
    if (out.status !== 'checked') return;
    expect(out.conforme).toBe(expected === 'conforme');
    if (!out.conforme) expect(out.motifs[0]!.precision).toContain('6 mois à plein temps ou 12 mois à temps partiel requis, référentiel annexe V b B.3 b');
  });

  it('figures come from the regulation data', () => {
    expect(perfectionnementCheck({ ...RULES.perfectionnement, fullTimeMonths: 8 }, { moisTempsPlein: 6 }).kind).toBe('insuffisant');
  });
});

describe('expérience professionnelle — référentiel annexe IV c « candidats justifiant de 3 ans d’expérience professionnelle »', () => {
  const cases: [string, number | undefined, 'conforme' | 'non conforme' | 'incomplet'][] = [
    ['3 ans', 300, 'conforme'],
    ['5 ans', 500, 'conforme'],
    ['2,5 ans', 250, 'non conforme'],
    ['non indiqué', undefined, 'incomplet'],
  ];
  it.each(cases)('%s → %s', (_name, years, expected) => {
    const out = checkDossier({ ...base, certificatTravail: true, anneesExperience: years }, { voie: 'experience_professionnelle', dispenses: [] }, REG.stage, undefined, RULES);
    if (expected === 'incomplet') return expect(out).toEqual({ status: 'incomplete', missing: ['anneesExperience'] });
    expect(out.status === 'checked' && out.conforme).toBe(expected === 'conforme');
    if (out.status === 'checked' && !out.conforme) {
      expect(out.motifs).toEqual([{ code: 'certificat_travail', precision: '(2,5 an(s) d’expérience professionnelle justifié(s) pour 3 requis : référentiel annexe IV c)' }]);
    }
  });
});

describe('réserve — circulaire Toulouse 2023 §1.2.2 « l’interrogation et l’évaluation seront conduites normalement […] la notation sera mise sous réserve de vérification »', () => {
  it.each([
    ['sous réserve: no decision yet, even with a missing signature', { reserve: true, signatures: false }, 'reserve'],
    ['réserve levée, dossier conforme: notation confirmée', { reserve: false }, 'checked'],
  ] as const)('%s', (_n, over, status) => {
    expect(checkDossier({ ...base, attestationStage: true, semainesStage: 1400, semainesConsecutives1reAnnee: 400, ...over }, { voie: 'scolaire_public', dispenses: [] }, REG.stage, undefined, RULES).status).toBe(status);
  });
});

describe('information du candidat — circulaire Toulouse 2023 §1.2.1 « informés au moins 1 semaine avant le début de l’épreuve concernée »', () => {
  const notice = RULES.notice!;
  const cases: [string, string | undefined, Partial<DossierFacts>, RegExp | undefined][] = [
    ['informé 7 jours avant', 'TOULOUSE', { dateInformation: '2024-06-03', dateEpreuve: '2024-06-10' }, undefined],
    ['informé 6 jours avant', 'TOULOUSE', { dateInformation: '2024-06-04', dateEpreuve: '2024-06-10' }, /information tardive : le 04\/06\/2024, 6 jour\(s\) avant l’épreuve du 10\/06\/2024/],
    ['pas encore informé', 'TOULOUSE', { dateEpreuve: '2024-06-10' }, /au plus tard le 03\/06\/2024/],
    ['another académie: the Toulouse rule does not apply', 'BORDEAUX', { dateInformation: '2024-06-09', dateEpreuve: '2024-06-10' }, undefined],
  ];
  it.each(cases)('%s', (_n, academie, facts, expected) => {
    const w = noticeWarning(notice, academie, facts);
    if (expected) expect(w).toMatch(expected);
    else expect(w).toBeUndefined();
  });
});

describe('dossier file columns', () => {
  it('reads months, years, réserve and dates, refusing bad cells with their column', () => {
    const labels = (n: string) => n;
    const ok = parseDossierRow(2, { numero: '1', epreuve: 'E4', depot: '2024-03-01', mois_temps_plein: '6 mois', annees_experience: '2,5 ans', reserve: 'oui', date_information: '03/06/2024', date_epreuve: '2024-06-10' }, labels);
    expect(ok.facts).toMatchObject({ moisTempsPlein: 6, anneesExperience: 250, reserve: true, dateInformation: '2024-06-03', dateEpreuve: '2024-06-10' });
    const bad = parseDossierRow(3, { numero: '1', epreuve: 'E4', depot: '2024-03-01', mois_temps_plein: 'six', annees_experience: 'beaucoup' }, labels);
    expect(bad.issues.map((i) => i.column)).toEqual(['mois_temps_plein', 'annees_experience']);
  });
});
