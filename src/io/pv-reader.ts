// A previous session's PV (`ccst stats --compare pv-2023.csv`): the columns `ccst deliberate` writes (etablissement,
// moyenne, decision), CSV or XLSX, header found anywhere in the first rows; every bad cell reported with its row.
import { DECISIONS, type DecisionKind } from '../domain/deliberation/decide.js';
import type { CellIssue } from '../domain/validation.js';
import { inputError } from '../errors.js';
import { formatIssues } from '../domain/issue-report.js';
import { cellText, readHeader, type ColumnSpec } from './header-mapping.js';
import { openTable } from './table-reader.js';

export interface PvLine {
  etablissement: string;
  decision: DecisionKind;
  /** Moyenne générale in hundredths as printed on the PV (truncated), when there is one. */
  moyenneH: number | null;
}

const SPECS: ColumnSpec[] = [
  { name: 'etablissement', aliases: ['etablissement de formation', 'etablissement d origine'], required: true },
  { name: 'moyenne', aliases: ['moyenne generale', 'mg'], required: true },
  { name: 'decision', aliases: ['resultat', 'decision du jury'], required: true },
];

export async function readPv(file: string): Promise<{ name: string; lines: PvLine[] }> {
  const table = await openTable(file);
  const name = table.info.name;
  const { header, rest } = await readHeader(table.rows, SPECS);
  if (!header || header.missing.length) {
    throw inputError(`${name} : en-tête de PV introuvable ou incomplet`, [`Colonnes attendues : etablissement, moyenne, decision (celles de \`ccst deliberate\`).`]);
  }
  const at = new Map([...header.columns].map(([i, n]) => [n, i]));
  const decisions = new Set<string>(DECISIONS);
  const lines: PvLine[] = [];
  const issues: CellIssue[] = [];
  for await (const r of rest) {
    const get = (n: string) => cellText(r.cells[at.get(n)!] ?? null);
    if (r.cells.every((c) => cellText(c) === '')) continue;
    const decision = get('decision').toUpperCase();
    if (!decisions.has(decision)) {
      issues.push({ row: r.row, column: header.labels.get('decision')!, kind: 'decision', message: `décision « ${get('decision')} » inconnue (${DECISIONS.join(', ')})` });
      continue;
    }
    const m = get('moyenne');
    const parsed = /^(\d{1,2})(?:[.,](\d{1,2}))?$/.exec(m);
    if (m && (!parsed || Number(parsed[1]) > 20)) {
      issues.push({ row: r.row, column: header.labels.get('moyenne')!, kind: 'moyenne', message: `moyenne « ${m} » illisible` });
      continue;
    }
    lines.push({
      etablissement: get('etablissement') || '(sans établissement)',
      decision: decision as DecisionKind,
      moyenneH: parsed ? Number(parsed[1]) * 100 + (parsed[2] ? Number(parsed[2].padEnd(2, '0')) : 0) : null,
    });
  }
  if (issues.length) {
    throw inputError(`${name} : ${issues.length} cellule(s) invalide(s) dans le PV comparé`, formatIssues(name, issues));
  }
  return { name, lines };
}
