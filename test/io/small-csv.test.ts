// The one-call read of small CSV files (src/io/small-csv.ts) against the streaming reader it stands in for: the same
// rows, row numbers and encoding, and the same refusal (message, details) on every failure, file by file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTable, type RawRow } from '../../src/io/table-reader.js';
import { readHeader } from '../../src/io/header-mapping.js';
import { BORDEREAU_SPECS, readBordereau } from '../../src/io/bordereau-reader.js';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { splitPlainCsv } from '../../src/io/small-csv.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-small-csv-'));
const write = (name: string, data: string | Buffer) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
};

/** Rows, encoding and delimiter as read, or the error (message, details, exit code), by one path. */
async function read(file: string, wholeFileBytes: number) {
  try {
    const table = await openTable(file, { wholeFileBytes });
    // Through readHeader, as the bordereau reader reads: the header's labels name the columns of the cell refusals.
    const { seen, rest } = await readHeader(table.rows, BORDEREAU_SPECS);
    const rows: RawRow[] = [...seen];
    for await (const r of rest) {
      rows.push(r);
      if (table.takeBuffered) rows.push(...table.takeBuffered());
    }
    return { rows, encoding: table.info.encoding, delimiter: table.info.delimiter };
  } catch (e) {
    const err = e as { message: string; details?: unknown; exitCode?: number };
    return { error: { message: err.message, details: err.details, exitCode: err.exitCode } };
  }
}

const cases: [string, string | Buffer][] = [
  ['bordereau', 'Bordereau de notation — lot E5-01;;;\r\nÉpreuve : E5;;;\r\nlot;anonymat;note;observation\r\nE5-01;12345678A;12,5;\r\nE5-01;12345679B;ABS;"absent ; signalé"\r\n'],
  ['quoted line breaks', 'lot;anonymat;note;observation\nE5-01;1;"12";"deux\nlignes"\nE5-01;2;13;"trois\nlignes\nici"\nE5-01;3;14;\n'],
  ['BOM, commas', '\ufefflot,anonymat,note,observation\nE5-01,1,"12,5",\n'],
  ['Windows-1252', Buffer.from('lot;anonymat;note;observation\nE5-01;1;12;tr\xe8s bien\n', 'latin1')],
  ['blank lines and ragged rows', 'titre\n\nlot;anonymat;note;observation\nE5-01;1\n\nE5-01;2;3;4;5;6\n'],
  ['empty', ''],
  ['control character', 'lot;anonymat;note;observation\nE5-01;1;12;bi\u0007en\n'],
  ['too long cell', `lot;anonymat;note;observation\nE5-01;1;12;${'x'.repeat(1200)}\n`],
  ['unclosed quote', 'lot;anonymat;note;observation\nE5-01;1;12;\nE5-01;2;"13;\nE5-01;3;14;\n'],
  ['UTF-8 then Windows-1252', Buffer.concat([Buffer.from('lot;anonymat;note;observation\nE5-01;1;12;é\n', 'utf8'), Buffer.from('E5-01;2;12;\xe8\n', 'latin1')])],
  ['Windows-1252 then UTF-8', Buffer.concat([Buffer.from('lot;anonymat;note;observation\nE5-01;1;12;\xe8\n', 'latin1'), Buffer.from('E5-01;2;12;é\n', 'utf8')])],
  ['cut UTF-8 at the end', Buffer.concat([Buffer.from('lot;anonymat;note;observation\nE5-01;1;12;é', 'utf8'), Buffer.from([0xc3])])],
];

describe('small CSV files read in one call = the streaming reader', () => {
  it.each(cases)('%s', async (name, data) => {
    const file = write(`${name.replace(/\W+/g, '-')}.csv`, data);
    const whole = await read(file, 64 * 1024);
    const streamed = await read(file, 0);
    expect(whole).toEqual(streamed);
  });

  it('the cases above cover rows and refusals both', async () => {
    const outcomes = await Promise.all(cases.map(([name, data]) => read(write(`o-${name.replace(/\W+/g, '-')}.csv`, data), 64 * 1024)));
    expect(outcomes.filter((o) => 'error' in o).length).toBeGreaterThanOrEqual(4);
    expect(outcomes.filter((o) => 'rows' in o && (o.rows?.length ?? 0) > 1).length).toBeGreaterThanOrEqual(5);
  });
});

describe('a small CSV bordereau read in one synchronous call = openTable and readHeader', () => {
  /** The bordereau's rows as readBordereau would keep them, or its refusal, through the streaming reader. */
  async function streamed(file: string) {
    const r = await read(file, 0);
    if ('error' in r) return r;
    const header = r.rows.findIndex((x) => x.cells.some((c) => c === 'anonymat'));
    return { rows: header < 0 ? undefined : r.rows.slice(header + 1).filter((x) => x.cells.some((c) => c !== '' && c !== null)).map((x) => x.row) };
  }
  it.each(cases)('%s', async (name, data) => {
    const file = write(`b-${name.replace(/\W+/g, '-')}.csv`, data);
    let whole;
    try {
      const b = await readBordereau(file);
      whole = { rows: b?.sheets[0]!.rows.map((x) => x.row) };
    } catch (e) {
      const err = e as { message: string; details?: unknown; exitCode?: number };
      whole = { error: { message: err.message, details: err.details, exitCode: err.exitCode } };
    }
    expect(whole).toEqual(await streamed(file));
  });
});

describe('splitPlainCsv = csv-parse with the options of parseWholeCsv, whenever it splits a text', () => {
  const options = { delimiter: ';', relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: 1_000_000 };
  it('on random texts of quotes, delimiters and line breaks', () => {
    let split = 0;
    fc.assert(fc.property(fc.array(fc.constantFrom('a', 'é', ';', ',', '"', '""', '\r', '\n', '\r\n', ' '), { maxLength: 30 }), (parts) => {
      const text = parts.join('');
      const mine = splitPlainCsv(text, ';');
      if (!mine) return;
      split++;
      expect(mine).toEqual(parse(text, options));
    }), { numRuns: 20_000 });
    expect(split).toBeGreaterThan(1000);
  });

  it('splits a bordereau as ccst copies bordereaux writes it (title, quoted consigne, CRLF)', () => {
    const text = 'BTS;;;\r\n"Consigne : 12,5 ; ABS";;;\r\nlot;anonymat;note;observation\r\nE5-01;12345678A;12,5;\r\n';
    expect(splitPlainCsv(text, ';')).toEqual(parse(text, options));
    expect(splitPlainCsv(text, ';')).toBeDefined();
  });
});
