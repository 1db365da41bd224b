// Reads a table (CSV or XLSX, file or stdin) as raw rows with their row number in the file, streaming.
// Callers map headers (header-mapping.ts) and validate cells; this module never interprets values.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { inputError, usageError, type CcstError } from '../errors.js';
import { countLineFeeds, decideEncoding, detectDelimiter, firstInvalidUtf8, hasUtf8Bom, isAscii, utf8SequenceAt, type CsvDelimiter, type CsvEncoding } from './csv-sniff.js';
import { loadExcelJS } from './exceljs-loader.js';
import { CONTROL_CHAR, controlCharsIn } from './inert-text.js';
import { parseWholeCsv, readSmallFile } from './small-csv.js';

/** A cell as read: CSV gives strings; XLSX may give numbers, booleans and dates (Excel date cells). */
export type CellValue = string | number | boolean | Date | null;

export interface RawRow {
  /** 1-based row number as the user sees it (CSV line, Excel row). */
  row: number;
  cells: CellValue[];
}

export interface TableInfo {
  file: string;
  /** The name used in messages (basename, or "stdin"). */
  name: string;
  format: 'csv' | 'xlsx';
  encoding?: CsvEncoding;
  delimiter?: CsvDelimiter;
  sheet?: string;
  /** XLSX: every sheet of the workbook, in order (complete once the rows have been read to the end). */
  sheets?: string[];
  /** XLSX: position of the sheet read in `sheets` (names can be known only late: exceljs streams the zip). */
  sheetIndex?: number;
}

export interface TableSource {
  info: TableInfo;
  rows: AsyncIterable<RawRow>;
  /**
   * CSV only: the rows the parser has already parsed, taken now (no promise each), in order after the last row
   * `rows` gave; `rows` then goes on after them. For a reader of hundreds of thousands of rows.
   */
  takeBuffered?: () => RawRow[];
}

export interface OpenTableOptions {
  sheet?: string;
  /** XLSX: the sheet at this position (0-based), instead of a name. */
  sheetIndex?: number;
  /** Format of stdin ('-'), which has no extension. */
  format?: 'csv' | 'xlsx';
  stdin?: NodeJS.ReadableStream;
  /** CSV files up to this size are read in one call (small-csv.ts); 0: always streamed (tests compare the two). */
  wholeFileBytes?: number;
}

const SNIFF_BYTES = 64 * 1024;

/** How many refused cells a message lists one by one (the count covers them all). */
const LISTED_CELLS = 100;

/** Spreadsheet column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * The longest text accepted in a cell of a column that names no maximum (README « Longueurs maximales »): a 100 kB
 * cell made `conformity` run out of memory, a 20 kB name made whole batches of PDFs fail (issue #9 item 3).
 */
export const DEFAULT_MAX_CELL_LENGTH = 1000;
/** No column's maximum is below this: shorter cells skip the lookup (the check runs on every cell). */
export const SHORTEST_MAX_LENGTH = 50;
/** csv-parse refuses a record longer than this (characters) before holding it: a 300 MB cell never gets in. */
const MAX_RECORD_CHARS = 1_000_000;
/** XLSX limits (issue #9 item 3): the file on disk, and the cells read (a small zip can hold a huge sheet). */
export const MAX_XLSX_BYTES = 256 * 1024 * 1024;
export const MAX_XLSX_CELLS = 20_000_000;

/**
 * Cells refused as they are read (issue #9 items 2 and 3): control characters (a NUL or ESC in a name reached
 * exports and terminals) and text longer than its column's maximum. Every cell of every table is checked; the table
 * is refused when it ends, with every offending cell listed (row, column letter and header), before any caller
 * commits anything.
 */
class CellWatch {
  /** CSV: control characters are looked for only once a decoded chunk held one (one scan per 64 KiB chunk). */
  armed = false;
  controls = 0;
  tooLong = 0;
  private readonly cells: { row: number; col: number; what: string }[] = [];
  labels?: Map<number, string>;
  /** Column index → longest text accepted (DEFAULT_MAX_CELL_LENGTH when absent). */
  maxLengths?: Map<number, number>;
  /** Rows from this one on are under the header whose labels name the columns (title rows above are not). */
  headerRow = 0;

  check(r: RawRow): void {
    const cells = r.cells;
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (typeof c !== 'string') continue;
      if (c.length > SHORTEST_MAX_LENGTH) {
        const max = this.maxLengths?.get(i) ?? DEFAULT_MAX_CELL_LENGTH;
        if (c.length > max) {
          this.tooLong++;
          this.note(r.row, i, `${c.length.toLocaleString('fr-FR')} caractères (${max} au plus)`);
        }
      }
      if (this.armed && CONTROL_CHAR.test(c)) {
        this.controls++;
        this.note(r.row, i, controlCharsIn(c).join(', '));
      }
    }
  }

  get count(): number {
    return this.controls + this.tooLong;
  }

  private note(row: number, col: number, what: string): void {
    if (this.cells.length < LISTED_CELLS) this.cells.push({ row, col, what });
  }

  error(name: string) {
    const details = this.cells.map((c) => {
      const label = c.row >= this.headerRow ? this.labels?.get(c.col) : undefined;
      return `ligne ${c.row}, colonne ${columnLetter(c.col)}${label ? ` (« ${label} »)` : ''} : ${c.what}`;
    });
    if (this.count > this.cells.length) details.push(`… et ${this.count - this.cells.length} autre(s) cellule(s).`);
    const controls = `${this.controls} cellule(s) contiennent des caractères de contrôle (invisibles, refusés dans toute donnée importée)`;
    const long = `${this.tooLong} cellule(s) dépassent la longueur maximale de leur colonne (README « Longueurs maximales »)`;
    const what = this.controls && this.tooLong ? `${controls} ; ${long}` : this.controls ? controls : long;
    return inputError(`${name} : ${what} ; corrigez-les dans le tableur ou l’éditeur puis relancez.`, details);
  }
}

const watches = new WeakMap<object, CellWatch>();

/**
 * Gives the header (row, column labels, maximum lengths by column index) to the checks of a table's rows
 * (header-mapping.ts's readHeader calls it).
 */
export function describeColumns(rows: object, headerRow: number, labels: Map<number, string>, maxLengths: Map<number, number>): void {
  const w = watches.get(rows);
  if (!w) return;
  w.labels = labels;
  w.maxLengths = maxLengths;
  w.headerRow = headerRow;
}

export function tableFormat(file: string, explicit?: 'csv' | 'xlsx'): 'csv' | 'xlsx' {
  if (explicit) return explicit;
  if (file === '-') return 'csv';
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return 'csv';
  if (ext === '.xls' || ext === '.ods') {
    throw usageError(`${path.basename(file)} : format ${ext} non pris en charge ; enregistrez le fichier en .xlsx ou .csv.`);
  }
  throw usageError(`${path.basename(file)} : extension inconnue (attendu .csv ou .xlsx).`);
}

/**
 * An input that cannot be read fails here with the errno and its path (EISDIR, ENOENT, EACCES), which main.ts turns
 * into a French message (environment-errors.ts) — not later inside a stream, without the path.
 */
export function assertReadableFile(file: string): void {
  const st = fs.statSync(file);
  if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: ${file}`), { code: 'EISDIR', path: file, syscall: 'open' });
  fs.accessSync(file, fs.constants.R_OK);
}

export async function openTable(file: string, opts: OpenTableOptions = {}): Promise<TableSource> {
  const format = tableFormat(file, opts.format);
  const name = file === '-' ? 'stdin' : path.basename(file);
  if (file !== '-') assertReadableFile(file);
  if (format === 'xlsx') {
    if (file === '-') throw usageError('la lecture XLSX depuis stdin n’est pas prise en charge ; donnez un fichier.');
    return openXlsx(file, name, opts.sheet, opts.sheetIndex);
  }
  if (file === '-') return openCsv(opts.stdin ?? process.stdin, file, name);
  // A file that fits in the sniffed sample is read in one call: the stream would hand over the same bytes as its
  // one chunk, after ≈ 2 ms of stream set-up — per file, which an import of every lot of a national session
  // (7,143 bordereaux of 35 copies) paid 7,143 times (small-csv.ts).
  const whole = readSmallFile(file, Math.min(opts.wholeFileBytes ?? SNIFF_BYTES, SNIFF_BYTES));
  return openCsv(whole ?? fs.createReadStream(file), file, name, whole !== undefined);
}

/** A small CSV file read whole (readSmallCsv), with the cell checks openTable applies to each row it gives. */
export interface WholeCsv {
  info: TableInfo;
  rows: RawRow[];
  /** Checks rows[from, to) — in order, as openTable checks each row as it gives it. */
  check(from: number, to: number): void;
  /** The header's labels and maximum lengths, for the rows checked next (describeColumns). */
  describe(headerRow: number, labels: Map<number, string>, maxLengths: Map<number, number>): void;
  /** The refusal openTable throws at the end of the rows when a cell checked was refused. */
  refusal(): CcstError | undefined;
}

/** Decodes a UTF-8 file at once, as openCsv's streaming decoder does (fatal, a leading BOM dropped). */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const WINDOWS_1252 = new TextDecoder('windows-1252', { ignoreBOM: false });

/**
 * openTable of a CSV file that fits in its sniffed sample, in one synchronous call: the same encoding, delimiter,
 * rows and row numbers, the same cell checks (the caller runs them: check, describe, refusal). Undefined when the file
 * is not such a file, or on anything openTable reports itself (a mixed or invalid encoding, malformed CSV): the
 * caller then reads it with openTable. Why: for a bordereau of 35 copies the async path (its generators, a promise
 * per row in readHeader, a TextDecoder per file) cost more than the rows — 7,155 files were 3.4 s of CPU before the
 * first check (bench:notes). test/io/small-csv.test.ts compares it with openTable on every case.
 */
export function readSmallCsv(file: string): WholeCsv | undefined {
  if (file === '-' || tableFormat(file) !== 'csv') return undefined;
  assertReadableFile(file);
  const bytes = readSmallFile(file, SNIFF_BYTES);
  if (!bytes) return undefined;
  const encoding = decideEncoding(bytes);
  let text: string;
  try {
    if (encoding === undefined) text = bytes.toString('latin1'); // ASCII
    else if (encoding === 'utf-8') text = UTF8.decode(bytes);
    else if (utf8SequenceAt(bytes) >= 0) return undefined;
    else text = WINDOWS_1252.decode(bytes);
  } catch {
    return undefined;
  }
  const delimiter = detectDelimiter(text);
  let rows: RawRow[];
  try {
    rows = parseWholeCsv(text, { delimiter, maxRecordChars: MAX_RECORD_CHARS });
  } catch {
    return undefined;
  }
  const name = path.basename(file);
  const info: TableInfo = { file, name, format: 'csv', encoding: encoding ?? 'utf-8', delimiter };
  const watch = new CellWatch();
  watch.armed = CONTROL_CHAR.test(text);
  return {
    info,
    rows,
    check: (from, to) => {
      for (let i = from; i < to; i++) watch.check(rows[i]!);
    },
    describe: (headerRow, labels, maxLengths) => {
      watch.labels = labels;
      watch.maxLengths = maxLengths;
      watch.headerRow = headerRow;
    },
    refusal: () => (watch.count > 0 ? watch.error(name) : undefined),
  };
}

async function openCsv(input: NodeJS.ReadableStream | Buffer, file: string, name: string, wholeFile = false): Promise<TableSource> {
  const iterator = Buffer.isBuffer(input) ? [input][Symbol.iterator]() : (input as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  // Read enough bytes to recognise the encoding and the delimiter, then replay them in front of the rest.
  const head: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    head.push(chunk);
    size += chunk.length;
  }
  const sample = Buffer.concat(head);
  // Issue #9 item 5: the encoding is decided at the first non-ASCII bytes (the sample, or a later chunk when the
  // sample is plain ASCII), then every chunk is verified: a Windows-1252 file with UTF-8 rows further on (stored as
  // « MaÃ«lys ») and a UTF-8 file with Windows-1252 rows are refused at the first offending line.
  let encoding: CsvEncoding | undefined = decideEncoding(sample);
  const bom = hasUtf8Bom(sample);
  const sampleText = new TextDecoder(encoding ?? 'utf-8').decode(bom ? sample.subarray(3) : sample);
  const delimiter = detectDelimiter(sampleText);
  const info: TableInfo = { file, name, format: 'csv', encoding: encoding ?? 'utf-8', delimiter };

  const watch = new CellWatch();
  /** Decoded text, scanned for control characters before the parser sees it. */
  const scanned = (text: string) => {
    if (!watch.armed && CONTROL_CHAR.test(text)) watch.armed = true;
    return text;
  };
  const LABEL = { 'utf-8': 'UTF-8', 'windows-1252': 'Windows-1252 (ANSI)' } as const;
  const mixed = (line: number, found: CsvEncoding) =>
    inputError(
      `${name}, ligne ${line} : encodage incohérent — le fichier est en ${LABEL[encoding!]} jusque-là, cette ligne en ${LABEL[found]} ; enregistrez tout le fichier dans un seul encodage (UTF-8 de préférence).`,
    );

  let decoder: { decode(input?: Uint8Array, opts?: { stream?: boolean }): string } | undefined;
  /** Line feeds before the chunk being decoded (1 + this = the line of its first byte). */
  let lines = 0;
  const decode = (chunk: Buffer): string => {
    if (encoding === undefined) {
      if (isAscii(chunk)) {
        lines += countLineFeeds(chunk);
        return chunk.toString('latin1');
      }
      encoding = decideEncoding(chunk)!;
      info.encoding = encoding;
    }
    if (encoding === 'windows-1252') {
      const at = utf8SequenceAt(chunk);
      if (at >= 0) throw mixed(lines + countLineFeeds(chunk, at) + 1, 'utf-8');
    }
    decoder ??= new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: false });
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;
      const at = firstInvalidUtf8(chunk);
      throw mixed(lines + countLineFeeds(chunk, at >= 0 ? at : chunk.length) + 1, 'windows-1252');
    }
    lines += countLineFeeds(chunk);
    return text;
  };

  async function* decoded(): AsyncIterable<string> {
    yield scanned(decode(sample));
    if (!done) {
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        yield scanned(decode(typeof next.value === 'string' ? Buffer.from(next.value) : next.value));
      }
    }
    try {
      if (decoder) yield scanned(decoder.decode());
    } catch (e) {
      if (e instanceof TypeError) throw mixed(lines + 1, 'windows-1252');
      throw e;
    }
  }

  /** The next row the parser holds, or null (none yet, end, or failure); set up by rows() when it starts. */
  let readRow: () => RawRow | null = () => null;
  const takeBuffered = (): RawRow[] => {
    const out: RawRow[] = [];
    let next: RawRow | null;
    while ((next = readRow()) !== null) out.push(next);
    return out;
  };

  async function* rows(): AsyncIterable<RawRow> {
    if (wholeFile && done) {
      // The whole file is the sample: decoded and parsed at once (small-csv.ts). On any failure (encoding, CSV) the
      // state is put back and the streaming parser below reads it again and reports it as it always has.
      const saved = { lines, encoding, decoder, infoEncoding: info.encoding, armed: watch.armed };
      let parsed: RawRow[] | undefined;
      try {
        let text = scanned(decode(sample));
        if (decoder) text += scanned(decoder.decode());
        parsed = parseWholeCsv(text, { delimiter, maxRecordChars: MAX_RECORD_CHARS });
      } catch {
        ({ lines, encoding, decoder, armed: watch.armed } = saved);
        info.encoding = saved.infoEncoding;
        decoder = undefined;
      }
      if (parsed) {
        let at = 0;
        readRow = () => {
          const r = at < parsed.length ? parsed[at++]! : null;
          if (r) watch.check(r);
          return r;
        };
        let next: RawRow | null;
        while ((next = readRow()) !== null) yield next;
        if (watch.count > 0) throw watch.error(name);
        return;
      }
    }
    // Row numbers are counted here rather than asked of csv-parse: its `info` / `on_record` context clones the
    // parser state for every record (a third of the read time at 250k rows). A record starts on the line after
    // the previous one, plus the line breaks quoted inside the previous one's fields.
    const source = Readable.from(decoded());
    const parser = source.pipe(parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: MAX_RECORD_CHARS }));
    // Records are taken with read() while the parser has them buffered, waiting only when it has none: the stream's
    // own async iterator costs a promise per record. pipe() does not forward errors: the decoder's (encoding) and
    // the parser's both end up here.
    let failure: unknown;
    let ended = false;
    let wake: (() => void) | undefined;
    const onError = (e: unknown) => {
      failure ??= e;
      wake?.();
    };
    source.on('error', onError);
    parser.on('error', onError);
    parser.on('end', () => {
      ended = true;
      wake?.();
    });
    parser.on('readable', () => wake?.());
    let line = 1;
    readRow = () => {
      if (failure !== undefined) return null;
      const cells = parser.read() as string[] | null;
      if (cells === null) return null;
      const row = line;
      line++;
      for (const c of cells) if (c.includes('\n')) line += c.split('\n').length - 1;
      const r = { row, cells };
      watch.check(r);
      return r;
    };
    try {
      for (;;) {
        let next: RawRow | null;
        while ((next = readRow()) !== null) yield next;
        if (failure !== undefined) throw failure;
        if (ended) {
          if (watch.count > 0) throw watch.error(name);
          return;
        }
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    } catch (e) {
      const err = e as { code?: string; lines?: number; message: string };
      if (err.code === 'CSV_MAX_RECORD_SIZE') {
        throw inputError(`${name}, ligne ${err.lines ?? '?'} : une ligne de plus de ${MAX_RECORD_CHARS.toLocaleString('fr-FR')} caractères (un guillemet non fermé, ou une cellule démesurée) ; corrigez le fichier.`);
      }
      if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
        // csv-parse names the last line (where the file ends); the quote opened in the record after the last one
        // read, which starts on `line` (issue #9 item 9: a stray quote on line 2 was reported at « ligne 60 »).
        for (let cells = parser.read() as string[] | null; cells !== null; cells = parser.read() as string[] | null) {
          line++;
          for (const c of cells) if (c.includes('\n')) line += c.split('\n').length - 1;
        }
        throw inputError(`${name}, ligne ${line} : un guillemet ouvert dans cette ligne n’est jamais fermé (CSV mal formé) ; retirez-le ou doublez-le ("").`);
      }
      if (err.code?.startsWith('CSV_')) {
        throw inputError(`${name}, ligne ${err.lines ?? '?'} : CSV mal formé (${err.message})`);
      }
      throw e;
    } finally {
      if (!ended) {
        source.destroy();
        parser.destroy();
      }
    }
  }

  const iterable = rows();
  watches.set(iterable, watch);
  return { info, rows: iterable, takeBuffered };
}

async function openXlsx(file: string, name: string, sheet?: string, sheetIndex?: number): Promise<TableSource> {
  const ExcelJS = loadExcelJS();
  const info: TableInfo = { file, name, format: 'xlsx', sheet };
  const watch = new CellWatch();
  watch.armed = true; // XLSX cells are few per second next to CSV's: every one is checked
  const size = fs.statSync(file).size;
  if (size > MAX_XLSX_BYTES) {
    throw inputError(`${name} : classeur de ${Math.round(size / 1024 / 1024)} Mo, plus que les ${MAX_XLSX_BYTES / 1024 / 1024} Mo acceptés ; enregistrez-le en CSV ou découpez-le.`);
  }
  let cellsRead = 0;

  async function* rows(): AsyncIterable<RawRow> {
    // A sheet by position: the other sheets of a bordereaux workbook (notes-reader.ts), read whole — the streaming
    // reader may not name, or even give, every sheet of a workbook written by exceljs.
    if (sheetIndex !== undefined) {
      const wb = await wholeWorkbook(file);
      info.sheets = wb.worksheets.map((w) => w.name);
      yield* wholeSheet(wb, info, sheetIndex);
      return;
    }
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(fs.createReadStream(file), {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache', // needed: a date cell is a number with a date format
      worksheets: 'emit',
    });
    const seen: string[] = [];
    info.sheets = seen;
    let found = false;
    try {
      for await (const ws of reader as AsyncIterable<XlsxWorksheetReader>) {
        const wsName = ws.name ?? `Feuil${seen.length + 1}`;
        seen.push(wsName);
        const wanted = sheetIndex !== undefined ? seen.length - 1 === sheetIndex : sheet === undefined ? !found : sameSheet(wsName, sheet);
        if (!wanted) {
          for await (const _ of ws) void _; // drain: the zip is read in order
          continue;
        }
        found = true;
        info.sheet = wsName;
        info.sheetIndex = seen.length - 1;
        for await (const r of ws) {
          const values = r.values as unknown[];
          const cells: CellValue[] = [];
          for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]));
          const row = { row: r.number, cells };
          cellsRead += cells.length;
          if (cellsRead > MAX_XLSX_CELLS) {
            throw inputError(`${name} : plus de ${MAX_XLSX_CELLS.toLocaleString('fr-FR')} cellules (ligne ${r.number}) ; enregistrez la feuille en CSV ou découpez-la.`);
          }
          watch.check(row);
          yield row;
        }
      }
    } catch (e) {
      // exceljs's streaming reader fails on a workbook whose worksheets come before xl/workbook.xml in the zip (the
      // order exceljs itself writes, e.g. a bordereau filled by a script): such a workbook is read whole instead.
      if (e instanceof TypeError && /reading 'sheets'/.test(e.message)) {
        const wb = await wholeWorkbook(file);
        seen.splice(0, seen.length, ...wb.worksheets.map((w) => w.name));
        if (found) return; // this sheet's rows are given; only the other sheets' names were missing
        yield* wholeSheet(wb, info, sheet === undefined ? 0 : wb.worksheets.findIndex((w) => sameSheet(w.name, sheet)), sheet);
        return;
      }
      // An empty, truncated or non-zip file fails inside the unzip stream (FILE_ENDED, invalid signature…): it is
      // the file that is wrong, not ccst.
      if (e instanceof Error && (!found || /zip|end of central directory|invalid signature|FILE_ENDED|unexpected end/i.test(e.message))) {
        throw inputError(`${name} : ce n’est pas un classeur XLSX lisible (${e.message}).`);
      }
      // Anything else raised while reading the sheet comes from the file (the XML parser: « 1:49969: unmatched closing
      // tag »), unless the system failed to read it (an errno: left to the environment errors, main.ts).
      if (e instanceof Error && !(e as NodeJS.ErrnoException).code) {
        throw inputError(`${name} : la feuille « ${info.sheet ?? sheet ?? '?'} » est endommagée (XML illisible : ${e.message}).`, [
          'Ouvrez le classeur dans Excel ou LibreOffice et enregistrez-le à nouveau en .xlsx, ou exportez la feuille en .csv.',
        ]);
      }
      throw e;
    }
    if (!found) {
      throw usageError(`${name} : feuille « ${sheet} » introuvable ; feuilles présentes : ${seen.join(', ') || '(aucune)'}.`);
    }
    if (watch.count > 0) throw watch.error(name);
  }

  const iterable = rows();
  watches.set(iterable, watch);
  return { info, rows: iterable };
}

type Workbook = InstanceType<ReturnType<typeof loadExcelJS>['Workbook']>;

async function wholeWorkbook(file: string): Promise<Workbook> {
  const wb = new (loadExcelJS().Workbook)();
  await wb.xlsx.readFile(file);
  return wb;
}

/** XLSX sheet names, the workbook read whole (for small workbooks: a bordereaux file). */
export async function xlsxSheetNames(file: string): Promise<string[]> {
  return (await wholeWorkbook(file)).worksheets.map((w) => w.name);
}

function wholeSheet(wb: Workbook, info: TableInfo, index: number, sheet?: string): RawRow[] {
  const ws = wb.worksheets[index];
  if (!ws) throw usageError(`${info.name} : feuille « ${sheet ?? index + 1} » introuvable ; feuilles présentes : ${wb.worksheets.map((w) => w.name).join(', ') || '(aucune)'}.`);
  info.sheet = ws.name;
  info.sheetIndex = index;
  const all: RawRow[] = [];
  ws.eachRow((r) => {
    const values = r.values as unknown[];
    const cells: CellValue[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]));
    all.push({ row: r.number, cells });
  });
  return all;
}

interface XlsxWorksheetReader extends AsyncIterable<{ number: number; values: unknown }> {
  name?: string;
}

function sameSheet(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** exceljs cell objects (rich text, formulas, hyperlinks, errors) to plain values. */
export function cellValue(v: unknown): CellValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v.includes('_x') ? ooxmlControls(v) : v;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return cellValue((o.richText as { text: string }[]).map((t) => t.text).join(''));
    if ('result' in o) return cellValue(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if (typeof o.text === 'string') return o.text;
    if ('error' in o) return String(o.error);
  }
  return String(v);
}

/**
 * Excel stores a control character of a cell as an OOXML escape (« _x001B_ » for ESC) that exceljs leaves as text:
 * those escapes are decoded so that the control-character check sees (and refuses) them. Other escapes are kept.
 */
function ooxmlControls(s: string): string {
  return s.replace(/_x00([0-9A-Fa-f]{2})_/g, (m, hex: string) => {
    const code = parseInt(hex, 16);
    return (code < 0x20 && code !== 9 && code !== 10 && code !== 13) || (code >= 0x7f && code <= 0x9f) ? String.fromCharCode(code) : m;
  });
}
