// The same bytes as table-writer's csvChunks (csv-stringify), written without a stream transform per row: for a
// 250k-row PV the stringify stream was a third of `ccst deliberate`'s time. Same rules: BOM + ';' + CRLF for
// excel-fr, ',' + LF for rfc4180; every record (header included) ends with the record delimiter; a field is quoted
// when it holds the delimiter, a quote, CR or LF, quotes doubled; cells go through csvCell (decimal comma,
// formula neutralisation). test/io/fast-csv.test.ts compares both writers byte for byte.
import { csvCell, neutraliseFormula } from './table-writer.js';
import type { CsvFormat, OutCell, TableData } from './table-writer.js';
import { writeChunks } from './output.js';

const NEEDS_QUOTES = { 'excel-fr': /[;"\r\n]/, rfc4180: /[,"\r\n]/ } as const;

/**
 * One record, record delimiter included. Built with join(): a flat string, where `+=` would keep a rope of ~50
 * pieces per line alive until the PV is written (hundreds of MB for 250k candidates).
 */
export function csvLine(cells: readonly OutCell[], format: CsvFormat): string {
  const special = NEEDS_QUOTES[format];
  const parts = new Array<string>(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const s = csvCell(cells[i], format);
    parts[i] = special.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }
  return parts.join(format === 'excel-fr' ? ';' : ',') + (format === 'excel-fr' ? '\r\n' : '\n');
}

/** BOM (excel-fr) and the header record. */
export function csvHead(columns: readonly string[], format: CsvFormat): string {
  return (format === 'excel-fr' ? '\uFEFF' : '') + csvLine(columns.map((c) => neutraliseFormula(c)), format);
}

/** Joins already formatted lines into chunks of about 64 KB (few writes, little memory). */
export function* batchLines(head: string, lines: Iterable<string>): Iterable<string> {
  let buffer = head;
  for (const l of lines) {
    buffer += l;
    if (buffer.length > 1 << 16) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
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
