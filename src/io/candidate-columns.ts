// The columns of a candidate list: canonical names (GLOSSARY.md), the header aliases met in exam offices'
// spreadsheets (Cyclades exports, établissements' own lists), and the export layout that re-imports unchanged.
import type { ColumnSpec } from './header-mapping.js';
import type { Regulation } from '../domain/regulation/schema.js';
import { formatBenefices, type Candidate } from '../domain/candidate.js';
import { frenchDate } from '../domain/candidate-fields.js';
import { derivedForms, formatDispenses } from '../domain/candidate-units.js';

export interface CandidateColumn extends ColumnSpec {
  /** Header written by `ccst candidates export` (itself an alias, so an export re-imports). */
  label: string;
}

export const CANDIDATE_COLUMNS: CandidateColumn[] = [
  { name: 'numero', label: 'N° candidat', required: true,
    aliases: ['N°', 'No', 'Numéro', 'N° candidat', 'No candidat', 'Num candidat', 'Numéro candidat', 'Numéro de candidat', 'N° inscription', 'Numéro inscription', "Numéro d'inscription", 'Num inscription', 'N° dossier'] },
  { name: 'nom', maxLength: 100, label: 'Nom', required: true,
    aliases: ['Nom de famille', "Nom d'usage", 'Nom usuel', 'Nom patronymique', 'Nom candidat', 'Nom du candidat'] },
  { name: 'prenom', maxLength: 100, label: 'Prénom', aliases: ['Prénoms', 'Prénom candidat', 'Prénom du candidat', 'Premier prénom'] },
  { name: 'date_naissance', label: 'Date de naissance',
    aliases: ['Date naissance', 'Date de naiss', 'Date naiss', 'Né le', 'Né(e) le', 'Née le', 'Naissance', 'DDN'] },
  { name: 'academie', label: 'Académie', aliases: ["Académie d'inscription", 'Acad', 'Académie candidat'] },
  { name: 'voie', label: 'Voie', required: true,
    aliases: ['Voie de formation', 'Statut', 'Statut candidat', 'Statut du candidat', 'Type de candidat', 'Type candidat', 'Catégorie de candidat', 'Mode de formation'] },
  { name: 'etablissement_uai', label: 'UAI',
    aliases: ['Code UAI', 'N° UAI', 'UAI établissement', 'Établissement UAI', 'RNE', 'Code RNE', 'UAI/RNE', 'Code établissement'] },
  { name: 'etablissement', maxLength: 150, label: 'Établissement',
    aliases: ['Nom établissement', "Nom de l'établissement", 'Établissement de formation', 'Lycée', 'Centre de formation'] },
  { name: 'langue', label: 'Langue E2',
    // « Langue vivante A » is the circular's own wording (annexe « fiche d'aide à l'évaluation… langue vivante A »).
    aliases: ['Langue', 'LVE', 'LV1', 'LVA', 'LV A', 'LVE A', 'LVE1', 'Langue vivante', 'Langue vivante A', 'Langue vivante étrangère',
      'Langue vivante étrangère A', 'Langue vivante étrangère 1', 'Langue vivante 1', 'LV obligatoire', 'E2 langue', 'Langue obligatoire'] },
  { name: 'ef1', label: 'EF1 langue', aliases: ['EF1', 'UF1', 'Langue facultative', 'LV facultative', 'LVF', 'LV2 facultative', 'LV2'] },
  { name: 'ef2', label: 'EF2', aliases: ['UF2', "Module d'approfondissement", 'EF2 module'] },
  { name: 'ef3', label: 'EF3', aliases: ['UF3', 'Engagement étudiant', 'Engagement', 'EF3 engagement'] },
  { name: 'dispenses', label: 'Dispenses', aliases: ['Dispense', 'Unités dispensées', 'Dispenses unités'] },
  { name: 'benefices', label: 'Bénéfices', aliases: ['Bénéfice', 'Bénéfices de notes', 'Bénéfice de notes', 'Notes conservées'] },
  { name: 'amenagements', maxLength: 500, label: 'Aménagements', aliases: ['Aménagement', "Aménagements d'épreuves", 'Aménagement des épreuves'] },
  { name: 'temps_majore', label: 'Temps majoré', aliases: ['Tiers temps', 'Tiers-temps', 'Majoration de temps', 'Majoration temps', 'Majoration'] },
  { name: 'email', maxLength: 254, label: 'Courriel', aliases: ['E-mail', 'Mail', 'Adresse électronique', 'Adresse mail', 'Mél'] },
  { name: 'adresse', maxLength: 200, label: 'Adresse', aliases: ['Adresse postale', 'Rue', 'Adresse candidat'] },
  { name: 'code_postal', label: 'Code postal', aliases: ['CP'] },
  { name: 'commune', maxLength: 100, label: 'Commune', aliases: ['Ville', 'Localité'] },
  // D643-15-1: the EF3 request is made « au plus tard à la date limite d'inscription à l'examen ».
  { name: 'demande_ef3', label: 'Demande EF3', aliases: ['Date demande EF3', 'Date de demande EF3', 'Demande engagement étudiant', 'Date demande engagement étudiant'] },
];

/** Columns `ccst candidates export` adds (the form of each unit): recognised on import and ignored, being derived. */
export const FORM_COLUMN_PREFIX = 'forme_';

export function formColumnSpecs(reg: Regulation): ColumnSpec[] {
  return reg.units.map((u) => ({ name: FORM_COLUMN_PREFIX + u.code, aliases: [`Forme ${u.code}`, `Forme ${u.epreuve}`] }));
}

export function importColumnSpecs(reg: Regulation): ColumnSpec[] {
  const base = CANDIDATE_COLUMNS.map((c) => ({ name: c.name, required: c.required, maxLength: c.maxLength, aliases: [c.label, ...c.aliases] }));
  return [...base, ...formColumnSpecs(reg)];
}

export const isDerivedColumn = (name: string) => name.startsWith(FORM_COLUMN_PREFIX);

/** Export header: French labels for people (CSV, XLSX) or canonical names for programs (JSON). */
export function exportColumns(reg: Regulation, style: 'labels' | 'names'): string[] {
  const base = CANDIDATE_COLUMNS.map((c) => (style === 'labels' ? c.label : c.name));
  const forms = reg.units.map((u) => (style === 'labels' ? `Forme ${u.code}` : FORM_COLUMN_PREFIX + u.code));
  return [...base, ...forms];
}

/** The canonical fields of a candidate as text, in CANDIDATE_COLUMNS order — also how changes are displayed. */
export function candidateFieldTexts(c: Candidate): string[] {
  return [
    c.numero,
    c.nom,
    c.prenom,
    c.dateNaissance ? frenchDate(c.dateNaissance) : '',
    c.academie,
    c.voie,
    c.etablissementUai ?? '',
    c.etablissement ?? '',
    c.langue ?? '',
    c.ef1 ?? '',
    c.ef2 ? 'oui' : 'non',
    c.ef3 ? 'oui' : 'non',
    formatDispenses(c),
    formatBenefices(c.benefices),
    c.amenagements ?? '',
    c.tempsMajore ?? '',
    c.email ?? '',
    c.adresse ?? '',
    c.codePostal ?? '',
    c.commune ?? '',
    c.demandeEf3 ? frenchDate(c.demandeEf3) : '',
  ];
}

/** One export row: the canonical fields then the derived form of every unit. */
export function candidateExportRow(reg: Regulation, c: Candidate): string[] {
  return [...candidateFieldTexts(c), ...derivedForms(reg, c).map((f) => f.form)];
}
