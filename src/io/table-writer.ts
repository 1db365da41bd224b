// Writes tabular data as CSV (French Excel by default), XLSX or JSON.
// French Excel opens a CSV correctly by double-click only with ';', a UTF-8 BOM and decimal commas
// (NOTES-LIBRARIES.md). Text cells, headers and titles go through inert-text.ts's neutraliseFormula (OWASP CSV injection).
import path from 'node:path';
import { stringify } from 'csv-stringify';
import { loadExcelJS } from './exceljs-loader.js';
import { writeChunks, writeFileAtomic } from './output.js';
import { usageError } from '../errors.js';
import { neutraliseFormula } from './inert-text.js';

export { neutraliseFormula };

export type CsvFormat = 'excel-fr' | 'rfc4180';
export type OutCell = string | number | null | undefined;

export interface TableData {
  columns: string[];
  rows: Iterable<OutCell[]> | AsyncIterable<OutCell[]>;
  sheetName?: string;
}

/** Numbers are written with a decimal comma for French Excel; text cells are neutralised. */
export function csvCell(v: OutCell, format: CsvFormat): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return format === 'excel-fr' ? String(v).replace('.', ',') : String(v);
  return neutraliseFormula(v);
}

export function outputFormat(target: string, explicit?: string): 'csv' | 'xlsx' | 'json' | 'pdf' {
  if (explicit) {
    if (['csv', 'xlsx', 'json', 'pdf'].includes(explicit)) return explicit as 'csv';
    throw usageError(`format de sortie inconnu : ${explicit} (csv, xlsx, json, pdf)`);
  }
  if (target === '-') return 'csv';
  const ext = path.extname(target).toLowerCase().slice(1);
  if (ext === 'csv' || ext === 'xlsx' || ext === 'json' || ext === 'pdf') return ext;
  throw usageError(`${target} : extension de sortie inconnue (attendu .csv, .xlsx, .json ou .pdf).`);
}

export async function* csvChunks(data: TableData, format: CsvFormat): AsyncIterable<string> {
  const delimiter = format === 'excel-fr' ? ';' : ',';
  if (format === 'excel-fr') yield '\uFEFF';
  // quote_record_delimiter: a cell holding a lone LF or CR is quoted too (csv-stringify only quotes the exact record
  // delimiter once one is set, so « ligne\nsuivante » broke the row in Excel).
  const s = stringify({ delimiter, record_delimiter: format === 'excel-fr' ? '\r\n' : '\n', quote_record_delimiter: true });
  const pump = (async () => {
    s.write(data.columns.map((c) => neutraliseFormula(c)));
    for await (const r of data.rows) {
      if (!s.write(r.map((v) => csvCell(v, format)))) await new Promise((res) => s.once('drain', res));
    }
    s.end();
  })();
  for await (const chunk of s) yield chunk as string;
  await pump;
}

export async function writeCsv(target: string, stdout: NodeJS.WritableStream, data: TableData, format: CsvFormat = 'excel-fr') {
  await writeChunks(target, stdout, csvChunks(data, format));
}

/** Streaming XLSX writer (a non-streaming 100k-row workbook took 1.5 GB, NOTES-LIBRARIES.md). */
export async function writeXlsx(target: string, data: TableData): Promise<void> {
  if (target === '-') throw usageError('la sortie XLSX doit être un fichier (-o fichier.xlsx).');
  const ExcelJS = loadExcelJS();
  await writeFileAtomic(target, async (tmp) => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: false, useStyles: true });
    const ws = wb.addWorksheet(data.sheetName ?? 'Feuil1', { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = ws.addRow(data.columns.map((c) => neutraliseFormula(c)));
    header.font = { bold: true };
    header.commit();
    for await (const r of data.rows) {
      ws.addRow(r.map((v) => (typeof v === 'string' ? neutraliseFormula(v) : (v ?? null)))).commit();
    }
    ws.commit();
    await wb.commit();
  });
}

export async function writeJsonRows(target: string, stdout: NodeJS.WritableStream, data: TableData): Promise<void> {
  async function* chunks() {
    yield '[';
    let first = true;
    for await (const r of data.rows) {
      const o: Record<string, OutCell> = {};
      data.columns.forEach((c, i) => (o[c] = r[i] ?? null));
      yield (first ? '\n' : ',\n') + JSON.stringify(o);
      first = false;
    }
    yield '\n]\n';
  }
  await writeChunks(target, stdout, chunks());
}

/** Picks the writer from -o's extension (or --format) — one call for every tabular export. */
export async function writeTable(
  target: string,
  stdout: NodeJS.WritableStream,
  data: TableData,
  opts: { format?: string; csvFormat?: CsvFormat } = {},
): Promise<void> {
  const fmt = outputFormat(target, opts.format);
  if (fmt === 'xlsx') return writeXlsx(target, data);
  if (fmt === 'json') return writeJsonRows(target, stdout, data);
  if (fmt === 'pdf') throw usageError('cette commande ne produit pas de PDF.');
  return writeCsv(target, stdout, data, opts.csvFormat ?? 'excel-fr');
}
