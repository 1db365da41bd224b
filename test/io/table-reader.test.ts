import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTable, type RawRow } from '../../src/io/table-reader.js';

const write = (name: string, data: string | Buffer) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-table-')), name);
  fs.writeFileSync(file, data);
  return file;
};
const readAll = async (file: string) => {
  const rows: RawRow[] = [];
  for await (const r of (await openTable(file)).rows) rows.push(r);
  return rows;
};

describe('openTable (CSV)', () => {
  it('gives every record with its line number, quoted line breaks counted', async () => {
    const rows = await readAll(write('a.csv', 'numero;nom\n1;"Nom\nsur deux lignes"\n2;B\n\n3;C'));
    expect(rows.map((r) => [r.row, r.cells[0]])).toEqual([[1, 'numero'], [2, '1'], [4, '2'], [5, ''], [6, '3']]);
  });

  it('reads a file of many chunks whole (records taken as the parser buffers them)', async () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => `${i};Nom ${i};${'x'.repeat(i % 40)}`);
    const rows = await readAll(write('big.csv', ['numero;nom;pad', ...lines].join('\r\n') + '\r\n'));
    expect(rows.length).toBe(50_001);
    expect(rows.at(-1)).toEqual({ row: 50_001, cells: ['49999', 'Nom 49999', 'x'.repeat(49_999 % 40)] });
  });

  it('takeBuffered hands over the rows already parsed, in order, and the iteration goes on after them', async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => (i % 1000 === 7 ? `${i};"deux\nlignes"` : `${i};Nom ${i}`));
    const file = write('mix.csv', ['numero;nom', ...lines].join('\n') + '\n');
    const plain = await readAll(file);
    const table = await openTable(file);
    const mixed: RawRow[] = [];
    let taken = 0;
    for await (const r of table.rows) {
      mixed.push(r);
      const more = table.takeBuffered!();
      taken += more.length;
      mixed.push(...more);
    }
    expect(taken).toBeGreaterThan(20_000); // most rows came without a promise each
    expect(mixed).toEqual(plain);
  });

  it('a file in UTF-8 at first and in another encoding further on: exit 3 with the reason, not a crash', async () => {
    // The first 64 KB decide the encoding (UTF-8); a Windows-1252 « è » comes after them.
    const head = ['numero;nom', ...Array.from({ length: 8000 }, (_, i) => `${i};Nom é ${i}`)].join('\n') + '\n';
    const file = write('mixed.csv', Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from('99999;Lef\xe8vre\n', 'latin1')]));
    await expect(readAll(file)).rejects.toMatchObject({ exitCode: 3, message: expect.stringMatching(/encodage incohérent/) });
  });

  it('a malformed CSV (a quote never closed): exit 3 naming the line', async () => {
    await expect(readAll(write('bad.csv', 'a;b\n1;2\n3;"x\n4;5\n'))).rejects.toMatchObject({ exitCode: 3, message: expect.stringMatching(/ligne 3 : un guillemet ouvert dans cette ligne n’est jamais fermé \(CSV mal formé\)/) });
  });
});
