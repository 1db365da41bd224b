// The file of a commission d'harmonisation's decisions (`ccst harmonisation apply`): groupe, epreuve, ajustement,
// motif — CSV or XLSX, header found anywhere in the first rows, every empty cell reported with row and column.
// The cells are interpreted by the command (groups exist only in the workspace); this module only reads them.
import { inputError } from '../errors.js';
import type { CellIssue } from '../domain/validation.js';
import { cellText, readHeader, type ColumnSpec } from './header-mapping.js';
import { openTable, type CellValue } from './table-reader.js';

export interface AdjustmentFileRow {
  row: number;
  groupe: string;
  epreuve: string;
  ajustement: string;
  motif: string;
}

export interface AdjustmentFile {
  name: string;
  rows: AdjustmentFileRow[];
  /** Column name → the user's header label (« Groupe », « Épreuve »…). */
  labels: Map<string, string>;
  issues: CellIssue[];
}

const SPECS: ColumnSpec[] = [
  { name: 'groupe', aliases: ['commission', 'etablissement', 'lot', 'groupe harmonise'], required: true, maxLength: 200 },
  { name: 'epreuve', aliases: ['unite', 'sous epreuve'], required: true, maxLength: 20 },
  { name: 'ajustement', aliases: ['correction', 'ajustement decide', 'modification'], required: true, maxLength: 30 },
  { name: 'motif', aliases: ['raison', 'decision', 'observation', 'commentaire'], required: true },
];

/** An Excel cell typed « +1 » or « -0,5 » arrives as the number 1 or -0.5: a shift, written back as text. */
function adjustmentText(v: CellValue): string {
  if (typeof v === 'number' && Number.isFinite(v)) return `${v < 0 ? '-' : '+'}${String(Math.abs(v)).replace('.', ',')}`;
  return cellText(v);
}

export async function readAdjustments(file: string): Promise<AdjustmentFile> {
  const table = await openTable(file);
  const { header, rest } = await readHeader(table.rows, SPECS);
  const name = table.info.name;
  const missing = header ? header.missing : SPECS.map((s) => s.name);
  if (!header || missing.length) {
    throw inputError(`${name} : en-tête du fichier d’ajustements introuvable ou incomplet`, [
      `Colonnes attendues : ${SPECS.map((s) => s.name).join(', ')} ; manquantes : ${missing.join(', ')}.`,
      'Exemple : groupe;epreuve;ajustement;motif — 0311201M C1;E4;+1;commission sévère (harmonisation du 12 juin)',
    ]);
  }
  const index = new Map([...header.columns].map(([i, n]) => [n, i]));
  const labels = new Map(SPECS.map((s) => [s.name, header.labels.get(s.name) ?? s.name]));
  const out: AdjustmentFile = { name, rows: [], labels, issues: [] };
  for await (const r of rest) {
    if (r.cells.every((c) => cellText(c) === '')) continue;
    const get = (n: string) => r.cells[index.get(n)!] ?? null;
    const row: AdjustmentFileRow = { row: r.row, groupe: cellText(get('groupe')), epreuve: cellText(get('epreuve')), ajustement: adjustmentText(get('ajustement')), motif: cellText(get('motif')) };
    let complete = true;
    for (const s of SPECS) {
      if (row[s.name as keyof AdjustmentFileRow] === '') {
        out.issues.push({ row: r.row, column: labels.get(s.name)!, kind: 'cellule vide', message: `${s.name} manquant${s.name === 'motif' ? ' (le motif de la commission est gardé dans l’historique des notes)' : ''}` });
        complete = false;
      }
    }
    if (complete) out.rows.push(row);
  }
  return out;
}
