// Finds the header row of a table and maps its cells to canonical column names through aliases,
// ignoring case, accents and punctuation ("N° candidat", "N°_Candidat" and "numero candidat" are one header).
import { describeColumns, DEFAULT_MAX_CELL_LENGTH, type CellValue, type RawRow } from './table-reader.js';
import { inputError } from '../errors.js';

export interface ColumnSpec {
  /** Canonical name used in code (GLOSSARY.md). */
  name: string;
  aliases: string[];
  required?: boolean;
  /** Longest text accepted in a cell (README « Longueurs maximales »); DEFAULT_MAX_CELL_LENGTH when absent. */
  maxLength?: number;
}

export interface HeaderMap {
  /** 1-based row of the header in the file. */
  headerRow: number;
  /** Column index (0-based) → canonical name. */
  columns: Map<number, string>;
  /** Canonical name → the header text as written in the file (for messages). */
  labels: Map<string, string>;
  unknown: { index: number; label: string }[];
  missing: string[];
  /** A second column naming a field already mapped ("U1" and "E1"): which one holds the truth is not ours to guess. */
  duplicates: { index: number; label: string; name: string; first: string }[];
}

/** "N° Candidat" → "n candidat"; "Date_de_naissance" → "date de naissance"; "Prénom" → "prenom". */
export function normalizeHeader(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[°º]/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Same key without any space, so "e2 1", "e21" and "e 21" meet. */
function headerKey(raw: string): string {
  return normalizeHeader(raw).replace(/ /g, '');
}

export function buildAliasIndex(specs: ColumnSpec[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const s of specs) {
    for (const a of [s.name, ...s.aliases]) index.set(headerKey(a), s.name);
  }
  return index;
}

/**
 * The alias index of a specs list with the longest key, built once per list: readHeader looks at one row at a time
 * and an import of every lot reads 7,000 files' title rows.
 */
const indexes = new WeakMap<ColumnSpec[], { index: Map<string, string>; longest: number }>();
function aliasIndexOf(specs: ColumnSpec[]) {
  let got = indexes.get(specs);
  if (!got) {
    const index = buildAliasIndex(specs);
    got = { index, longest: Math.max(0, ...[...index.keys()].map((k) => k.length)) };
    indexes.set(specs, got);
  }
  return got;
}

/**
 * The spec a cell's text names, or undefined. A text holding more ASCII letters and digits than the longest key
 * cannot be a header (each of them is kept, one character, by headerKey): title lines (« Consigne : saisir la note
 * sur 20 … ») are not normalised letter by letter.
 */
function knownName(index: Map<string, string>, longest: number, c: CellValue): string | undefined {
  const text = cellText(c);
  let alnum = 0;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    if ((k >= 48 && k <= 57) || (k >= 65 && k <= 90) || (k >= 97 && k <= 122)) {
      if (++alnum > longest) return undefined;
    }
  }
  return index.get(headerKey(text));
}

export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

function isBlank(cells: CellValue[]): boolean {
  return cells.every((c) => cellText(c) === '');
}

/**
 * The header is the first row, among the first `lookahead` non-blank rows, where at least two cells (or the only
 * required column) are known headers. Title rows ("Liste des candidats — session 2024") and blank rows before it
 * are skipped.
 */
export function detectHeader(rows: RawRow[], specs: ColumnSpec[]): HeaderMap | undefined {
  const { index, longest } = aliasIndexOf(specs);
  for (const r of rows) {
    if (isBlank(r.cells)) continue;
    const names = r.cells.map((c) => knownName(index, longest, c));
    const known = names.filter((n) => n !== undefined).length;
    const requiredHit = specs.some((s) => s.required && names.includes(s.name));
    if (known >= 2 || (known === 1 && requiredHit && r.cells.filter((c) => cellText(c) !== '').length === 1)) {
      return mapHeaderRow(r, specs, index);
    }
  }
  return undefined;
}

export function mapHeaderRow(r: RawRow, specs: ColumnSpec[], index = buildAliasIndex(specs)): HeaderMap {
  const columns = new Map<number, string>();
  const labels = new Map<string, string>();
  const unknown: { index: number; label: string }[] = [];
  const duplicates: HeaderMap['duplicates'] = [];
  r.cells.forEach((c, i) => {
    const label = cellText(c);
    if (label === '') return;
    const name = index.get(headerKey(label));
    if (name && labels.has(name)) {
      duplicates.push({ index: i, label, name, first: labels.get(name)! });
    } else if (name) {
      columns.set(i, name);
      labels.set(name, label);
    } else {
      unknown.push({ index: i, label });
    }
  });
  const missing = specs.filter((s) => s.required && !labels.has(s.name)).map((s) => s.name);
  return { headerRow: r.row, columns, labels, unknown, missing, duplicates };
}

/** Pulls rows until the header is found (or `lookahead` rows have passed); returns it and the rows after it. */
export async function readHeader(
  rows: AsyncIterable<RawRow>,
  specs: ColumnSpec[],
  lookahead = 20,
): Promise<{ header?: HeaderMap; rest: AsyncIterable<RawRow>; seen: RawRow[] }> {
  const it = rows[Symbol.asyncIterator]();
  const seen: RawRow[] = [];
  let header: HeaderMap | undefined;
  while (seen.length < lookahead) {
    const next = await it.next();
    if (next.done) break;
    seen.push(next.value);
    header = detectHeader([next.value], specs);
    if (header) break;
  }
  if (header) {
    refuseDuplicates(header);
    const { labels, maxLengths } = columnLimits(header, specs);
    describeColumns(rows, header.headerRow, labels, maxLengths);
  }
  async function* rest(): AsyncIterable<RawRow> {
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { header, rest: rest(), seen };
}

/**
 * readHeader over rows already in memory (a small file read in one call, table-reader.ts readSmallCsv): the header
 * among the first `lookahead` rows and its position, or undefined. The same refusal of duplicate columns.
 */
export function findHeader(rows: readonly RawRow[], specs: ColumnSpec[], lookahead = 20): { header: HeaderMap; index: number } | undefined {
  for (let i = 0; i < rows.length && i < lookahead; i++) {
    const header = detectHeader([rows[i]!], specs);
    if (header) {
      refuseDuplicates(header);
      return { header, index: i };
    }
  }
  return undefined;
}

function refuseDuplicates(header: HeaderMap): void {
  if (!header.duplicates.length) return;
  throw inputError(
    `ligne d’en-tête ${header.headerRow} : colonne(s) en double`,
    header.duplicates.map((d) => `« ${d.first} » et « ${d.label} » désignent le même champ (${d.name}) : gardez-en une seule.`),
  );
}

/** The label of each column by index (unknown ones too) and the longest text each accepts: the cell checks' view. */
export function columnLimits(header: HeaderMap, specs: ColumnSpec[]): { labels: Map<number, string>; maxLengths: Map<number, number> } {
  const labels = new Map<number, string>();
  const maxLengths = new Map<number, number>();
  for (const [i, name] of header.columns) {
    labels.set(i, header.labels.get(name) ?? name);
    maxLengths.set(i, specs.find((s) => s.name === name)?.maxLength ?? DEFAULT_MAX_CELL_LENGTH);
  }
  for (const u of header.unknown) labels.set(u.index, u.label);
  return { labels, maxLengths };
}

/** A data row as canonical name → cell, plus blank detection. */
export function recordOf(r: RawRow, header: HeaderMap): { row: number; values: Map<string, CellValue>; blank: boolean } {
  const values = new Map<string, CellValue>();
  for (const [i, name] of header.columns) values.set(name, r.cells[i] ?? null);
  return { row: r.row, values, blank: isBlank(r.cells) };
}
