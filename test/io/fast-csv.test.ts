import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fastCsvChunks } from '../../src/io/fast-csv.js';
import { csvChunks, type TableData } from '../../src/io/table-writer.js';

const collect = async (it: AsyncIterable<string>) => {
  let s = '';
  for await (const c of it) s += c;
  return s;
};

describe('fastCsvChunks writes exactly what csvChunks (csv-stringify) writes', () => {
  const tricky = ['a;b', 'a,b', 'il a dit "non"', 'ligne\nsuivante', 'cr\rseul', '=SOMME(A1)', '+33', '-2', '@x', '\tx', '', ' espace ', 'Nguyễn Đức', 'Ødegård'];
  const rows = () => [
    ['02400009', 'Leroy', 'Inès', 12.5, 9.99, null, undefined, 'MG 9,99 < 10, MP 9,99 < 10'],
    ...tricky.map((t, i) => [t, i, -1.5, t, '', 'x', null, 0]),
  ];
  for (const format of ['excel-fr', 'rfc4180'] as const) {
    it(format, async () => {
      const data = (): TableData => ({ columns: ['numero', 'nom', '=danger', 'a;b', 'e', 'f', 'g', 'motif'], rows: rows() });
      expect(await collect(fastCsvChunks(data(), format))).toBe(await collect(csvChunks(data(), format)));
    });
  }
  it('on random cells over the characters that matter (delimiters, quotes, line breaks, formula starts)', async () => {
    const cell = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'a;,"\r\n=+-@\t 1.é'.split('')), maxLength: 8 }),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
      fc.integer(),
      fc.constant(null),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 5 }), async (rows) => {
        for (const format of ['excel-fr', 'rfc4180'] as const) {
          const data = (): TableData => ({ columns: ['a', 'b'], rows });
          expect(await collect(fastCsvChunks(data(), format))).toBe(await collect(csvChunks(data(), format)));
        }
      }),
      { numRuns: 300 },
    );
  });
  it('quotes a cell with a lone LF or CR so that it parses back as one cell (csv-stringify option fixed)', async () => {
    for (const format of ['excel-fr', 'rfc4180'] as const) {
      const data = (): TableData => ({ columns: ['a', 'b'], rows: [['ligne\nsuivante', 'cr\rseul'], ['x', 'y']] });
      for (const text of [await collect(fastCsvChunks(data(), format)), await collect(csvChunks(data(), format))]) {
        const back = parse(text.replace(/^\uFEFF/, ''), { delimiter: format === 'excel-fr' ? ';' : ',' });
        expect(back).toEqual([['a', 'b'], ['ligne\nsuivante', 'cr\rseul'], ['x', 'y']]);
      }
    }
  });
  it('batches many rows into few chunks and keeps them all', async () => {
    const many: TableData = { columns: ['n'], rows: Array.from({ length: 20_000 }, (_, i) => [`ligne ${i}`]) };
    const chunks: string[] = [];
    for await (const c of fastCsvChunks(many, 'excel-fr')) chunks.push(c);
    expect(chunks.length).toBeLessThan(10);
    expect(chunks.join('')).toBe(await collect(csvChunks({ columns: ['n'], rows: Array.from({ length: 20_000 }, (_, i) => [`ligne ${i}`]) }, 'excel-fr')));
  });
});
