// Parsing one row of a dossiers file (`ccst conformity`) into DossierFacts, with row/column-precise issues.
// Columns (issue #4 item 4): numero, epreuve, depot, attestation_stage, semaines_stage,
// semaines_consecutives_1re_annee, certificat_travail, signatures, fiche_descriptive, amenagement_duree, autre.
import { fail, ok, type CellIssue, type FieldResult } from '../validation.js';
import { parseCalendarDate } from '../calendar/fields.js';
import { compactCode } from '../regulation/units.js';
import { CONFORMITY_EPREUVES, type ConformityEpreuve } from './motifs.js';
import type { DossierFacts, DossierField } from './rules.js';

export type DossierCell = string | number | boolean | Date | null | undefined;

/** Column name in the file ↔ field of DossierFacts (messages name the column the user knows). */
export const FIELD_COLUMNS: Record<DossierField, string> = {
  attestationStage: 'attestation_stage',
  semainesStage: 'semaines_stage',
  semainesConsecutives1reAnnee: 'semaines_consecutives_1re_annee',
  certificatTravail: 'certificat_travail',
  signatures: 'signatures',
  ficheDescriptive: 'fiche_descriptive',
  moisTempsPlein: 'mois_temps_plein',
  moisTempsPartiel: 'mois_temps_partiel',
  anneesExperience: 'annees_experience',
};

/** Whole months ("6", "12 mois") → number; empty → undefined. */
export function parseMonths(v: DossierCell): FieldResult<number | undefined> {
  if (typeof v === 'number') v = String(v);
  const s = text(v).replace(/\s*mois$/i, '');
  if (s === '') return ok(undefined);
  if (!/^\d{1,2}$/.test(s) || Number(s) > 24) return fail('mois', `nombre de mois invalide « ${text(v)} » (attendu un entier de 0 à 24)`);
  return ok(Number(s));
}

/** Years with at most 2 decimals ("3", "2,5 ans") → hundredths; empty → undefined. */
export function parseYears(v: DossierCell): FieldResult<number | undefined> {
  if (typeof v === 'number') v = String(v);
  const s = text(v).replace(/\s*ans?$/i, '');
  if (s === '') return ok(undefined);
  const m = /^(\d{1,2})(?:[.,](\d{1,2}))?$/.exec(s);
  if (!m) return fail('annees', `nombre d’années invalide « ${text(v)} » (attendu par ex. 3 ou 2,5)`);
  return ok(Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || 0));
}

const text = (v: DossierCell): string => (v === null || v === undefined ? '' : v instanceof Date ? '' : String(v).trim());

const YES = new Set(['oui', 'o', 'x', 'yes', 'y', 'vrai', 'true', '1', 'present', 'presente', 'fourni', 'fournie']);
const NO = new Set(['non', 'n', 'no', 'faux', 'false', '0', 'absent', 'absente', 'manquant', 'manquante']);

/** oui/non (and the usual spellings); empty → undefined (not stated). */
export function parseYesNo(v: DossierCell): FieldResult<boolean | undefined> {
  if (typeof v === 'boolean') return ok(v);
  const s = text(v).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  if (s === '') return ok(undefined);
  if (YES.has(s)) return ok(true);
  if (NO.has(s)) return ok(false);
  return fail('oui-non', `valeur « ${text(v)} » : attendu oui ou non`);
}

/** Weeks with at most 2 decimals ("14", "14,5", 14.5) → integer hundredths; empty → undefined. */
export function parseWeeks(v: DossierCell): FieldResult<number | undefined> {
  if (typeof v === 'number') v = String(v);
  const s = text(v).replace(/\s*(semaines?|sem\.?)$/i, '');
  if (s === '') return ok(undefined);
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(s);
  if (!m) return fail('semaines', `nombre de semaines invalide « ${text(v)} » (attendu par ex. 14 ou 14,5)`);
  const h = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || 0);
  if (h > 5200) return fail('semaines', `nombre de semaines invraisemblable « ${text(v)} » (plus de 52)`);
  return ok(h);
}

export function parseEpreuve(v: DossierCell): FieldResult<ConformityEpreuve> {
  const key = compactCode(text(v)).replace(/^U/, 'E');
  const found = CONFORMITY_EPREUVES.find((e) => e === key);
  return found ? ok(found) : fail('epreuve', `épreuve « ${text(v)} » : le contrôle de conformité porte sur E4, E61 ou E62`);
}

export interface ParsedDossierRow {
  numero: string;
  facts?: DossierFacts;
  issues: CellIssue[];
}

/** Parses every cell, collecting all issues of the row (not only the first). */
export function parseDossierRow(row: number, cells: Record<string, DossierCell>, labels: (name: string) => string): ParsedDossierRow {
  const issues: CellIssue[] = [];
  const take = <T>(name: string, r: FieldResult<T>): T | undefined => {
    if (r.ok) return r.value;
    issues.push({ row, column: labels(name), kind: r.kind, message: r.message });
    return undefined;
  };
  const numero = text(cells.numero);
  if (numero === '') issues.push({ row, column: labels('numero'), kind: 'numero', message: 'numéro de candidat manquant' });
  const epreuve = take('epreuve', parseEpreuve(cells.epreuve));
  const depotCell = cells.depot;
  const depot =
    depotCell instanceof Date || text(depotCell) !== ''
      ? take('depot', parseCalendarDate(depotCell instanceof Date ? depotCell : text(depotCell)))
      : undefined;
  const dateCell = (name: string): string | undefined => {
    const c = cells[name];
    return c instanceof Date || text(c) !== '' ? take(name, parseCalendarDate(c instanceof Date ? c : text(c))) : undefined;
  };
  const facts = {
    depot,
    attestationStage: take('attestation_stage', parseYesNo(cells.attestation_stage)),
    semainesStage: take('semaines_stage', parseWeeks(cells.semaines_stage)),
    semainesConsecutives1reAnnee: take('semaines_consecutives_1re_annee', parseWeeks(cells.semaines_consecutives_1re_annee)),
    certificatTravail: take('certificat_travail', parseYesNo(cells.certificat_travail)),
    signatures: take('signatures', parseYesNo(cells.signatures)),
    ficheDescriptive: take('fiche_descriptive', parseYesNo(cells.fiche_descriptive)),
    // An aménagement de durée is a decision the candidate must produce: not stated means none (the stricter rule).
    amenagementDuree: take('amenagement_duree', parseYesNo(cells.amenagement_duree)) ?? false,
    autre: text(cells.autre) || undefined,
    moisTempsPlein: take('mois_temps_plein', parseMonths(cells.mois_temps_plein)),
    moisTempsPartiel: take('mois_temps_partiel', parseMonths(cells.mois_temps_partiel)),
    anneesExperience: take('annees_experience', parseYears(cells.annees_experience)),
    reserve: take('reserve', parseYesNo(cells.reserve)) ?? false,
    dateInformation: dateCell('date_information'),
    dateEpreuve: dateCell('date_epreuve'),
  };
  const { semainesStage, semainesConsecutives1reAnnee } = facts;
  if (semainesStage !== undefined && semainesConsecutives1reAnnee !== undefined && semainesConsecutives1reAnnee > semainesStage) {
    issues.push({
      row,
      column: labels('semaines_consecutives_1re_annee'),
      kind: 'semaines',
      message: 'la période consécutive de 1re année dépasse la durée totale du stage',
    });
  }
  if (issues.length > 0 || epreuve === undefined) return { numero, issues };
  return { numero, facts: { epreuve, ...facts }, issues };
}
