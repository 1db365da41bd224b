// The jury's side files for `ccst deliberate`: note changes (--jury), livrets examined (--livrets) and épreuves
// de contrôle notes (--controle). Same reading standards as the notes file: CSV or XLSX, header found anywhere in
// the first rows, every bad cell reported with row and column.
import type { Regulation } from '../domain/regulation/schema.js';
import { findUnit } from '../domain/regulation/units.js';
import type { CellIssue } from '../domain/validation.js';
import { parseNoteCell, parseNoteText, hundredthsOfNumber, type NoteCell } from '../domain/deliberation/note-cell.js';
import { inputError } from '../errors.js';
import { checkCodeScope, codeScope } from '../domain/regulation/code-scope.js';
import type { ChoiceInputRow } from '../domain/controle/choices.js';
import { cellText, readHeader, type ColumnSpec } from './header-mapping.js';
import { openTable, type CellValue, type RawRow } from './table-reader.js';

export interface SideFile<T> {
  name: string;
  rows: T[];
  issues: CellIssue[];
}

const NUMERO: ColumnSpec = { name: 'numero', aliases: ['n candidat', 'numero candidat', 'num candidat', 'matricule'], required: true };
const UNITE: ColumnSpec = { name: 'unite', aliases: ['epreuve', 'sous epreuve', 'code unite'], required: true };
const NOTE: ColumnSpec = { name: 'note', aliases: ['note sur 20', 'nouvelle note', 'note jury', 'note controle'], required: true };

type Get = (name: string) => CellValue;
type Issue = (column: string, kind: string, message: string) => void;

async function readSide<T>(
  file: string,
  specs: ColumnSpec[],
  what: string,
  onRow: (get: Get, issue: Issue, row: RawRow) => T | undefined,
): Promise<SideFile<T>> {
  const table = await openTable(file);
  const { header, rest } = await readHeader(table.rows, specs);
  const name = table.info.name;
  const missing = header ? header.missing : specs.filter((s) => s.required).map((s) => s.name);
  if (!header || missing.length) {
    throw inputError(`${name} : en-tête du fichier ${what} introuvable ou incomplet`, [
      `Colonnes attendues : ${specs.map((s) => s.name + (s.required ? '' : ' (facultative)')).join(', ')} ; manquantes : ${missing.join(', ')}.`,
    ]);
  }
  const index = new Map([...header.columns].map(([i, n]) => [n, i]));
  const out: SideFile<T> = { name, rows: [], issues: [] };
  for await (const r of rest) {
    if (r.cells.every((c) => cellText(c) === '')) continue;
    const get: Get = (n) => (index.has(n) ? (r.cells[index.get(n)!] ?? null) : null);
    const issue: Issue = (column, kind, message) =>
      out.issues.push({ row: r.row, column: header.labels.get(column) ?? column, kind, message });
    const numero = cellText(get('numero'));
    if (!numero) {
      issue('numero', 'numero', 'numéro de candidat manquant');
      continue;
    }
    const v = onRow(get, issue, r);
    if (v !== undefined) out.rows.push(v);
  }
  return out;
}

function unitOf(reg: Regulation, get: Get, issue: Issue): string | undefined {
  const text = cellText(get('unite'));
  const unit = text ? findUnit(reg, text) : undefined;
  if (!unit) issue('unite', 'unite', text ? `unité « ${text} » inconnue du règlement` : 'unité manquante');
  return unit?.code;
}

export interface JuryRow {
  row: number;
  numero: string;
  unite: string;
  note: NoteCell;
  motif: string;
}

/** numero, unite, note, motif: the jury's note changes; a motif is required (it is the audit trail). */
export function readJury(file: string, reg: Regulation): Promise<SideFile<JuryRow>> {
  const specs = [NUMERO, UNITE, NOTE, { name: 'motif', aliases: ['raison', 'observation', 'commentaire'], required: true }];
  return readSide(file, specs, 'jury', (get, issue, r) => {
    const unite = unitOf(reg, get, issue);
    const note = parseNoteCell(get('note'));
    if (!note.ok) issue('note', note.kind, note.message);
    else if (!note.value) issue('note', 'note', 'nouvelle note manquante');
    else if (unite) {
      // The jury's note obeys the same code scope as the notes file and the import (code-scope.ts).
      const inScope = checkCodeScope(codeScope(reg), unite, note.value);
      if (!inScope.ok) return void issue('note', inScope.kind, inScope.message);
    }
    const motif = cellText(get('motif'));
    if (!motif) issue('motif', 'motif', 'motif obligatoire pour une modification du jury');
    if (!unite || !note.ok || !note.value || !motif) return undefined;
    return { row: r.row, numero: cellText(get('numero')), unite, note: note.value, motif };
  });
}

export interface LivretRow {
  row: number;
  numero: string;
  supplied: boolean;
  examined: boolean;
}

const YES = new Set(['oui', 'o', 'x', '1', 'vrai', 'true', 'yes']);
const NO = new Set(['non', 'n', '0', 'faux', 'false', 'no', '']);

/** numero, examine (oui/non), fourni (facultatif, oui par défaut): which livrets scolaires the jury examined. */
export function readLivrets(file: string): Promise<SideFile<LivretRow>> {
  const specs = [
    NUMERO,
    { name: 'examine', aliases: ['livret examine', 'examine par le jury', 'vu'], required: true },
    { name: 'fourni', aliases: ['livret fourni', 'livret'] },
  ];
  return readSide(file, specs, 'livrets', (get, issue, r) => {
    const flag = (n: string, dflt: boolean): boolean | undefined => {
      const t = cellText(get(n)).toLowerCase();
      if (t === '' ) return dflt;
      if (YES.has(t)) return true;
      if (NO.has(t)) return false;
      issue(n, 'oui-non', `« ${t} » : oui ou non attendu`);
      return undefined;
    };
    const examined = flag('examine', false);
    const supplied = flag('fourni', true);
    if (examined === undefined || supplied === undefined) return undefined;
    return { row: r.row, numero: cellText(get('numero')), supplied, examined };
  });
}

export interface ControleRow {
  row: number;
  numero: string;
  unite: string;
  value: number | 'ABS';
}

/** numero, unite, note: notes of the épreuves de contrôle (a note 0–20, or ABS when not taken). */
export function readControle(file: string, reg: Regulation): Promise<SideFile<ControleRow>> {
  return readSide(file, [NUMERO, UNITE, NOTE], 'contrôle', (get, issue, r) => {
    const unite = unitOf(reg, get, issue);
    const raw = get('note');
    const text = cellText(raw);
    let value: number | 'ABS' | undefined;
    if (text.toUpperCase() === 'ABS') value = 'ABS';
    else if (text === '') issue('note', 'note', 'note de contrôle manquante');
    else {
      const h = typeof raw === 'number' ? hundredthsOfNumber(raw) : parseNoteText(text);
      if (h.ok) value = h.value;
      else issue('note', h.kind, h.message);
    }
    if (!unite || value === undefined) return undefined;
    return { row: r.row, numero: cellText(get('numero')), unite, value };
  });
}

/**
 * numero, unites: the épreuves de contrôle each candidate chose (« U1 U3 », « E1, E3 »; or one unit per row).
 * Unit codes are resolved here; whether the candidate may choose them is the domain's check (controle/choices.ts).
 */
export function readControleChoices(file: string, reg: Regulation): Promise<SideFile<ChoiceInputRow>> {
  const UNITES: ColumnSpec = { name: 'unites', aliases: ['unite', 'epreuves', 'epreuve', 'choix', 'epreuves choisies', 'unites choisies'], required: true };
  return readSide(file, [NUMERO, UNITES], 'choix des épreuves de contrôle', (get, issue, r) => {
    const text = cellText(get('unites'));
    const parts = text.split(/[\s,;+/]+/).filter(Boolean);
    if (!parts.length) {
      issue('unites', 'unite', 'aucune unité choisie');
      return undefined;
    }
    return { row: r.row, numero: cellText(get('numero')), units: parts.map((p) => ({ code: findUnit(reg, p)?.code, text: p })) };
  });
}
