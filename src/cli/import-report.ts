// The outcome of `ccst import`, for people (stderr lines) and for programs (--json).
import type { Regulation } from '../domain/regulation/schema.js';
import type { Candidate } from '../domain/candidate.js';
import type { CellIssue } from '../domain/validation.js';
import { CANDIDATE_COLUMNS, candidateFieldTexts } from '../io/candidate-columns.js';
import type { TableInfo } from '../io/table-reader.js';

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

export interface ImportReport {
  status: 'imported' | 'dry-run' | 'rejected';
  file: string;
  format: 'csv' | 'xlsx';
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  headerRow: number;
  workspace: string;
  workspaceCreated: boolean;
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  changes: { numero: string; row: number; fields: FieldChange[] }[];
  perEtablissement: { uai: string | null; etablissement: string | null; count: number }[];
  perVoie: { voie: string; label: string; count: number }[];
  unknownColumns: string[];
  issues: CellIssue[];
}

/** The fields that differ between the stored and the imported candidate, as displayed texts. */
export function fieldChanges(before: Candidate, after: Candidate): FieldChange[] {
  const a = candidateFieldTexts(before);
  const b = candidateFieldTexts(after);
  const out: FieldChange[] = [];
  CANDIDATE_COLUMNS.forEach((col, i) => {
    if (a[i] !== b[i]) out.push({ field: col.name, before: a[i] ?? '', after: b[i] ?? '' });
  });
  return out;
}

export function tableDescription(info: TableInfo): string {
  if (info.format === 'xlsx') return `XLSX, feuille « ${info.sheet ?? '?'} »`;
  const delim = info.delimiter === '\t' ? 'tabulation' : `« ${info.delimiter} »`;
  return `CSV ${info.encoding === 'windows-1252' ? 'Windows-1252' : 'UTF-8'}, séparateur ${delim}`;
}

const MAX_CHANGES_SHOWN = 50;
const shown = (s: string) => (s === '' ? '(vide)' : s);

export function summaryLines(r: ImportReport): string[] {
  const lines: string[] = [];
  const [created, updated] = r.status === 'dry-run' ? ['à créer', 'à mettre à jour'] : ['créés', 'mis à jour'];
  lines.push(
    `${r.file} : ${r.rowsRead} ligne(s) lue(s) — ${r.created} ${created}, ${r.updated} ${updated}, ${r.unchanged} inchangé(s), ${r.rejected} rejeté(s)`,
  );
  if (r.perEtablissement.length > 0) {
    lines.push('Par établissement :');
    for (const e of r.perEtablissement) {
      const name = e.uai ? `${e.uai}${e.etablissement ? ' ' + e.etablissement : ''}` : 'sans établissement (candidats individuels…)';
      lines.push(`  ${name} : ${e.count}`);
    }
  }
  if (r.perVoie.length > 0) {
    lines.push('Par voie :');
    for (const v of r.perVoie) lines.push(`  ${v.label} : ${v.count}`);
  }
  if (r.changes.length > 0) {
    lines.push(r.status === 'dry-run' ? 'Modifications qui seraient faites :' : 'Modifications :');
    for (const c of r.changes.slice(0, MAX_CHANGES_SHOWN)) {
      lines.push(`  ${c.numero} : ${c.fields.map((f) => `${f.field} ${shown(f.before)} → ${shown(f.after)}`).join(' ; ')}`);
    }
    if (r.changes.length > MAX_CHANGES_SHOWN) lines.push(`  … et ${r.changes.length - MAX_CHANGES_SHOWN} autre(s) (--json pour la liste complète)`);
  }
  return lines;
}

export function voieLabel(reg: Regulation, code: string): string {
  return reg.voies.find((v) => v.code === code)?.label ?? code;
}
