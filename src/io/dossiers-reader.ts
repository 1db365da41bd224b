// Reads a dossiers file for `ccst conformity` (CSV or XLSX): header mapping by aliases, every row parsed with
// row/column-precise issues. Columns: issue #4 item 4.
import { openTable } from './table-reader.js';
import { readHeader, recordOf, type ColumnSpec } from './header-mapping.js';
import { inputError } from '../errors.js';
import { parseDossierRow, type DossierCell } from '../domain/conformity/dossier-row.js';
import type { DossierFacts } from '../domain/conformity/rules.js';
import type { CellIssue } from '../domain/validation.js';

export const DOSSIER_COLUMNS: ColumnSpec[] = [
  { name: 'numero', aliases: ['n candidat', 'numero candidat', 'n inscription', 'numero inscription', 'num', 'n'], required: true },
  { name: 'epreuve', aliases: ['épreuve', 'unite', 'code epreuve'], required: true },
  { name: 'depot', aliases: ['date depot', 'date de depot', 'depot dossier', 'date du depot'], required: true },
  { name: 'attestation_stage', aliases: ['attestation de stage', 'attestations de stage', 'attestation stage', 'attestation'] },
  { name: 'semaines_stage', aliases: ['semaines de stage', 'duree stage', 'duree du stage', 'nb semaines', 'nombre de semaines', 'nombre de semaines de stage', 'nb semaines de stage', 'nombre semaines stage', 'duree du stage en semaines'] },
  {
    name: 'semaines_consecutives_1re_annee',
    aliases: ['semaines consecutives 1re annee', 'semaines consecutives premiere annee', 'periode 1re annee', 'semaines consecutives'],
  },
  { name: 'certificat_travail', aliases: ['certificat de travail', 'certificats de travail', 'certificats travail'] },
  { name: 'signatures', aliases: ['signature', 'visa', 'visas', 'signatures et visas'] },
  { name: 'fiche_descriptive', aliases: ['fiche descriptive', 'fiches descriptives', 'fiche'] },
  { name: 'amenagement_duree', aliases: ['amenagement', 'amenagement de duree', 'amenagement duree stage'] },
  { name: 'autre', maxLength: 500, aliases: ['autres', 'autre motif', 'autres motifs', 'autres a preciser'] },
  // Issue 11 finding 6: perfectionnement (référentiel V b B.3 b), 3 years of experience (IV c), Toulouse's réserve
  // (§1.2.2) and information of the candidate (§1.2.1).
  { name: 'mois_temps_plein', aliases: ['mois plein temps', 'mois a temps plein', 'perfectionnement temps plein'] },
  { name: 'mois_temps_partiel', aliases: ['mois temps partiel', 'mois a temps partiel', 'perfectionnement temps partiel'] },
  { name: 'annees_experience', aliases: ['annees d experience', 'experience professionnelle', 'annees experience professionnelle'] },
  { name: 'reserve', aliases: ['sous reserve', 'reserve de verification', 'notation sous reserve'] },
  { name: 'date_information', aliases: ['date d information', 'candidat informe le', 'information candidat'] },
  { name: 'date_epreuve', aliases: ['date de l epreuve', 'date epreuve'] },
];

export interface DossierRow {
  row: number;
  numero: string;
  facts: DossierFacts;
}

export interface DossiersFile {
  name: string;
  rows: DossierRow[];
  issues: CellIssue[];
  /** Headers of the file that match no column: ignored, and said so (a misspelt column is not silently dropped). */
  ignored: string[];
  /** The header text the user wrote for a canonical column (or the canonical name if absent). */
  label(name: string): string;
}

export async function readDossiersFile(file: string, opts: { sheet?: string; stdin?: NodeJS.ReadableStream } = {}): Promise<DossiersFile> {
  const table = await openTable(file, opts);
  const name = table.info.name;
  const { header, rest } = await readHeader(table.rows, DOSSIER_COLUMNS);
  if (!header) {
    throw inputError(`${name} : ligne d’en-tête introuvable (colonnes attendues : ${DOSSIER_COLUMNS.map((c) => c.name).join(', ')})`);
  }
  if (header.missing.length) throw inputError(`${name} : colonne(s) manquante(s) : ${header.missing.join(', ')}`);
  const label = (n: string) => header.labels.get(n) ?? n;
  const rows: DossierRow[] = [];
  const issues: CellIssue[] = [];
  for await (const raw of rest) {
    const rec = recordOf(raw, header);
    if (rec.blank) continue;
    const cells: Record<string, DossierCell> = {};
    for (const [k, v] of rec.values) cells[k] = v;
    const parsed = parseDossierRow(rec.row, cells, label);
    issues.push(...parsed.issues);
    if (parsed.facts) rows.push({ row: rec.row, numero: parsed.numero, facts: parsed.facts });
  }
  return { name, rows, issues, label, ignored: header.unknown.map((u) => u.label) };
}
