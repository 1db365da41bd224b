// Small CSV files read and parsed in one call (table-reader.ts uses it for any file that fits in its sniffed sample,
// 64 KiB). Measured on the 1,441 filled bordereaux of 35 copies of a 50,000-copy session (2.1 MB, bench:notes): the
// streaming reader — a read stream, Readable.from over the decoder, a csv-parse stream, a wake-up promise per
// buffer — took 2.7 s CPU to hand over every row, ≈ 1.9 ms per file of set-up; the same bytes read with one
// readFileSync and parsed with csv-parse's synchronous API took 0.3 s. Same parser, same options, same row numbers:
// test/io/small-csv.test.ts compares the two paths row for row, and on every failure (encoding, CSV) the caller
// falls back to the streaming path, whose messages are the reference.
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { RawRow } from './table-reader.js';

/** The file's bytes when it holds at most `maxBytes` (one open, one read), else undefined. */
export function readSmallFile(file: string, maxBytes: number): Buffer | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size > maxBytes) return undefined;
    const buf = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const n = fs.readSync(fd, buf, at, size - at, at);
      if (n === 0) break;
      at += n;
    }
    return at === size ? buf : buf.subarray(0, at);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Every record of `text` with its 1-based line (a record starts on the line after the previous one, plus the line
 * breaks quoted inside the previous one's fields — as table-reader.ts counts them). Throws csv-parse's errors.
 */
export function parseWholeCsv(text: string, opts: { delimiter: string; maxRecordChars: number }): RawRow[] {
  const simple = splitPlainCsv(text, opts.delimiter);
  if (simple) {
    const out: RawRow[] = new Array(simple.length);
    for (let i = 0; i < simple.length; i++) out[i] = { row: i + 1, cells: simple[i]! };
    return out;
  }
  const records = parse(text, { delimiter: opts.delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: opts.maxRecordChars }) as string[][];
  const out: RawRow[] = new Array(records.length);
  let line = 1;
  for (let i = 0; i < records.length; i++) {
    const cells = records[i]!;
    out[i] = { row: line, cells };
    line++;
    for (const c of cells) if (c.includes('\n')) line += c.split('\n').length - 1;
  }
  return out;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * The records of a CSV text in its plainest form — every line ends the same way (CRLF, or LF with no CR anywhere), a
 * field is either free of quotes or wholly quoted (quotes doubled inside, no line break inside, the delimiter or the
 * end of the line right after) — split here, exactly as csv-parse splits it with parseWholeCsv's options; anything
 * else: undefined, and csv-parse reads it. Why: csv-parse's set-up costs more than the parse of a bordereau of 35
 * rows (normalising its options, its state, per file): 7,155 bordereaux took 1.2 s of CPU by csv-parse, 0.2 s here
 * (bench:notes). test/io/small-csv.test.ts compares both on random texts.
 */
export function splitPlainCsv(text: string, delimiter: string): string[][] | undefined {
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  if (delimiter.length !== 1 || d === QUOTE || d === CR || d === LF) return undefined;
  // The record delimiter: csv-parse takes the first line break it meets.
  let crlf = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) break;
    if (c === CR) {
      if (text.charCodeAt(i + 1) !== LF) return undefined;
      crlf = true;
      break;
    }
  }
  const records: string[][] = [];
  let i = 0;
  while (i < n) {
    const cells: string[] = [];
    for (;;) {
      // One field, from i.
      if (text.charCodeAt(i) === QUOTE) {
        let j = i + 1;
        let value = '';
        let from = j;
        for (;;) {
          if (j >= n) return undefined; // unclosed
          const c = text.charCodeAt(j);
          if (c === CR || c === LF) return undefined;
          if (c === QUOTE) {
            if (text.charCodeAt(j + 1) === QUOTE) {
              value += text.slice(from, j + 1);
              j += 2;
              from = j;
              continue;
            }
            break;
          }
          j++;
        }
        cells.push(value + text.slice(from, j));
        i = j + 1;
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === d || c === CR || c === LF) break;
          if (c === QUOTE) return undefined;
          j++;
        }
        cells.push(text.slice(i, j));
        i = j;
      }
      // After a field: the delimiter, the end of the line or of the text.
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === d) {
        i++;
        if (i >= n) {
          cells.push('');
          break;
        }
        continue;
      }
      if (c === LF) {
        if (crlf) return undefined;
        i++;
        break;
      }
      if (c === CR) {
        if (!crlf || text.charCodeAt(i + 1) !== LF) return undefined;
        i += 2;
        break;
      }
      return undefined; // text after a closing quote
    }
    records.push(cells);
  }
  return records;
}
