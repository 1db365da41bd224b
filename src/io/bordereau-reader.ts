// Reads a filled bordereau de notation (issue #13 items 4–5): a worksheet named after its lot, a title block in the
// first rows, then a header row `lot`, `anonymat`, `note`, `observation` and one row per copy, `note` filled by the
// correcteur. XLSX (every sheet that has that header: a workbook may hold several lots) or CSV. A file whose first
// rows hold no such header is not a bordereau: the caller reads it as notes by numéro (notes-reader.ts).
// Rows are returned raw with their row number: the checks (anonymity number, lot, note) are the domain's.
import fs from 'node:fs';
import { cellText, columnLimits, findHeader, readHeader, type ColumnSpec, type HeaderMap } from './header-mapping.js';
import { openTable, readSmallCsv, xlsxSheetNames, type CellValue, type RawRow, type WholeCsv } from './table-reader.js';

export const BORDEREAU_SPECS: ColumnSpec[] = [
  { name: 'lot', maxLength: 50, aliases: ['numero de lot', 'n lot', 'lot de copies'] },
  { name: 'anonymat', maxLength: 50, aliases: ['numero d anonymat', 'n anonymat', 'numero anonymat', 'n d anonymat'], required: true },
  { name: 'note', maxLength: 50, aliases: ['note sur 20', 'note 20', 'note attribuee'], required: true },
  { name: 'observation', maxLength: 1000, aliases: ['observations', 'appreciation', 'remarque', 'remarques'] },
];

export interface BordereauRow {
  row: number;
  /** The lot written on the row (empty when the column is absent or the cell blank). */
  lot: string;
  anonymat: string;
  note: CellValue;
}

export interface BordereauSheet {
  /** The sheet's name (XLSX) — the lot's name on a bordereau of `ccst copies bordereaux`. */
  sheet?: string;
  /** Header texts, for messages (« note » as the file writes it). */
  labels: Map<string, string>;
  rows: BordereauRow[];
}

export interface BordereauFile {
  name: string;
  sheets: BordereauSheet[];
  warnings: string[];
}

/** Up to this size an XLSX file is opened whole to list its sheets (a bordereau is a few hundred rows). */
const WHOLE_WORKBOOK_BYTES = 20 * 1024 * 1024;

const isBordereauHeader = (h: HeaderMap | undefined): h is HeaderMap => Boolean(h && h.labels.has('anonymat') && h.labels.has('note'));

/** The bordereau sheets of `file`, or undefined when its first sheet has no bordereau header (notes by numéro). */
export async function readBordereau(file: string): Promise<BordereauFile | undefined> {
  const first = await readSheet(file, undefined);
  if (!first.sheet) return undefined;
  const out: BordereauFile = { name: first.name, sheets: [first.sheet], warnings: [] };
  if (first.format === 'xlsx' && fs.statSync(file).size < WHOLE_WORKBOOK_BYTES) {
    const names = await xlsxSheetNames(file);
    for (let i = 1; i < names.length; i++) {
      const more = await readSheet(file, i);
      if (more.sheet) out.sheets.push({ ...more.sheet, sheet: names[i] });
      else out.warnings.push(`${first.name} : feuille « ${names[i]} » ignorée (pas d’en-tête lot, anonymat, note, observation)`);
    }
    out.sheets[0]!.sheet = names[0];
  }
  return out;
}

async function readSheet(file: string, sheetIndex: number | undefined): Promise<{ name: string; format: 'csv' | 'xlsx'; sheet?: BordereauSheet }> {
  const whole = sheetIndex === undefined ? readSmallCsv(file) : undefined;
  if (whole) return wholeSheet(whole);
  const table = await openTable(file, { sheetIndex });
  const { header, rest } = await readHeader(table.rows, BORDEREAU_SPECS);
  const base = { name: table.info.name, format: table.info.format };
  if (!isBordereauHeader(header)) {
    // Not read further: the reader's stream is closed now rather than left to the end of the command.
    await table.rows[Symbol.asyncIterator]().return?.();
    return base;
  }
  const { rows, handle } = rowCollector(header);
  for await (const r of rest) {
    handle(r);
    // The rows the CSV parser already holds, without a promise each (table-reader.ts, as notes-reader.ts reads).
    if (table.takeBuffered) for (const b of table.takeBuffered()) handle(b);
  }
  return { ...base, sheet: { sheet: table.info.sheet, labels: header.labels, rows } };
}

/** The rows of a bordereau under its header, as kept: number, lot, anonymity number, note. */
function rowCollector(header: HeaderMap): { rows: BordereauRow[]; handle: (r: RawRow) => void } {
  const col = (n: string) => [...header.columns].find(([, c]) => c === n)?.[0];
  const [lotCol, anonymatCol, noteCol] = [col('lot'), col('anonymat')!, col('note')!];
  const text = (r: RawRow, i: number | undefined) => (i === undefined ? '' : cellText(r.cells[i] ?? null));
  const rows: BordereauRow[] = [];
  const handle = (r: RawRow) => {
    const anonymat = text(r, anonymatCol);
    const note = r.cells[noteCol] ?? null;
    // A row with neither a number nor a note is not a copy (blank rows, a signature line under the table).
    if (!anonymat && cellText(note) === '') return;
    rows.push({ row: r.row, lot: text(r, lotCol), anonymat, note });
  };
  return { rows, handle };
}

/**
 * A small CSV bordereau read in one call (table-reader.ts readSmallCsv): the steps of readSheet over openTable and
 * readHeader, in the same order — rows checked up to the header, the header's columns given to the checks, the rows
 * under it, the refusal of any cell at the end; not a bordereau: undefined, and nothing refused (the file is read
 * again as notes by numéro).
 */
function wholeSheet(whole: WholeCsv): { name: string; format: 'csv'; sheet?: BordereauSheet } {
  const base = { name: whole.info.name, format: 'csv' as const };
  const found = findHeader(whole.rows, BORDEREAU_SPECS);
  if (!found || !isBordereauHeader(found.header)) return base;
  const { header, index } = found;
  whole.check(0, index + 1);
  const limits = columnLimits(header, BORDEREAU_SPECS);
  whole.describe(header.headerRow, limits.labels, limits.maxLengths);
  whole.check(index + 1, whole.rows.length);
  const refused = whole.refusal();
  if (refused) throw refused;
  const { rows, handle } = rowCollector(header);
  for (let i = index + 1; i < whole.rows.length; i++) handle(whole.rows[i]!);
  return { ...base, sheet: { sheet: whole.info.sheet, labels: header.labels, rows } };
}
