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
