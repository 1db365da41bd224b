// The same bytes as table-writer's csvChunks (csv-stringify), written without a stream transform per row: for a
// 250k-row PV the stringify stream was a third of `ccst deliberate`'s time. Same rules: BOM + ';' + CRLF for
// excel-fr, ',' + LF for rfc4180; every record (header included) ends with the record delimiter; a field is quoted
// when it holds the delimiter, a quote, CR or LF, quotes doubled; cells go through csvCell (decimal comma,
// formula neutralisation). test/io/fast-csv.test.ts compares both writers byte for byte.
import { csvCell, neutraliseFormula } from './table-writer.js';
import type { CsvFormat, OutCell, TableData } from './table-writer.js';
import { writeChunks } from './output.js';

/**
 * One record, record delimiter included. Built with join(): a flat string, where `+=` would keep a rope of ~50
 * pieces per line alive until the PV is written (hundreds of MB for 250k candidates).
 */
export function csvLine(cells: readonly OutCell[], format: CsvFormat): string {
  const delimiter = format === 'excel-fr' ? 59 : 44; // ';' or ','
  const parts = new Array<string>(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (v === null || v === undefined) parts[i] = '';
    else if (typeof v === 'number') parts[i] = quoted(csvCell(v, format), delimiter);
    else parts[i] = textField(v, delimiter);
  }
  // The record delimiter goes onto the last field, so that join() makes one flat string: `join() + eol` would be a
  // two-piece string, flattened only when the PV is written, all at once at the end.
  const eol = format === 'excel-fr' ? '\r\n' : '\n';
  if (!parts.length) return eol;
  parts[parts.length - 1] += eol;
  return parts.join(format === 'excel-fr' ? ';' : ',');
}

/** Whether a field must be quoted: it holds the delimiter, a quote, CR or LF. */
function needsQuotes(s: string, delimiter: number): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === delimiter || c === 34 || c === 13 || c === 10) return true;
  }
  return false;
}

function quoted(s: string, delimiter: number): string {
  return needsQuotes(s, delimiter) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A text cell: neutraliseFormula then quoted — by character codes, as most PV cells are short notes that need
 * neither (two regular expressions per cell were a tenth of the PV's formatting time).
 */
function textField(s: string, delimiter: number): string {
  if (s.length === 0) return s;
  const c0 = s.charCodeAt(0);
  // = + - @ tab CR: the characters neutraliseFormula prefixes with a quote.
  const formula = c0 === 61 || c0 === 43 || c0 === 45 || c0 === 64 || c0 === 9 || c0 === 13;
  if (!formula && !needsQuotes(s, delimiter)) return s;
  return quoted(formula ? `'${s}` : s, delimiter);
}

/** BOM (excel-fr) and the header record. */
export function csvHead(columns: readonly string[], format: CsvFormat): string {
  return (format === 'excel-fr' ? '\uFEFF' : '') + csvLine(columns.map((c) => neutraliseFormula(c)), format);
}

export async function* fastCsvChunks(data: TableData, format: CsvFormat): AsyncIterable<string> {
  let buffer = csvHead(data.columns, format);
  for await (const r of data.rows) {
    buffer += csvLine(r, format);
    if (buffer.length > 1 << 16) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

export async function writeFastCsv(target: string, stdout: NodeJS.WritableStream, data: TableData, format: CsvFormat = 'excel-fr') {
  await writeChunks(target, stdout, fastCsvChunks(data, format));
}
