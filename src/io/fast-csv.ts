// The same bytes as table-writer's csvChunks (csv-stringify), written without a stream transform per row: for a
// 250k-row PV the stringify stream was a third of `ccst deliberate`'s time. Same rules: BOM + ';' + CRLF for
// excel-fr, ',' + LF for rfc4180; every record (header included) ends with the record delimiter; a field is quoted
// when it holds the delimiter, a quote, CR or LF, quotes doubled; cells go through csvCell (decimal comma,
// formula neutralisation). test/io/fast-csv.test.ts compares both writers byte for byte.
import { csvCell } from './table-writer.js';
import { neutraliseFormula } from './inert-text.js';
import type { CsvFormat, OutCell, TableData } from './table-writer.js';

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

const NEEDS_QUOTES = { 59: /[;"\r\n]/, 44: /[,"\r\n]/ } as const;

/** Quoted when it holds the delimiter, a quote, CR or LF (a regular expression scans faster than a loop here). */
function quoted(s: string, delimiter: 59 | 44): string {
  return NEEDS_QUOTES[delimiter].test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A text cell: neutraliseFormula (the one rule, with its own fast path), then quoted. */
function textField(s: string, delimiter: 59 | 44): string {
  return s.length === 0 ? s : quoted(neutraliseFormula(s), delimiter);
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
