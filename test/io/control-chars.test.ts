// Issue #9 item 2: control characters (C0 but tab and line breaks, DEL, C1) are refused in every imported cell,
// CSV or XLSX, each offending cell listed with its row, column letter and header, exit 3.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTable } from '../../src/io/table-reader.js';
import { readHeader } from '../../src/io/header-mapping.js';
import { loadExcelJS } from '../../src/io/exceljs-loader.js';
import { CcstError } from '../../src/cli/errors.js';

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-ctl-'));

async function failure(file: string, withHeader = true): Promise<CcstError> {
  const table = await openTable(file);
  try {
    if (withHeader) {
      const { rest } = await readHeader(table.rows, [
        { name: 'numero', aliases: ['N° candidat'], required: true },
        { name: 'nom', aliases: [] },
        { name: 'prenom', aliases: ['Prénom'] },
      ]);
      for await (const _ of rest) void _;
    } else for await (const _ of table.rows) void _;
  } catch (e) {
    return e as CcstError;
  }
  throw new Error('the table was accepted');
}

describe('#9 item 2: control characters refused at import', () => {
  it('CSV: every offending cell listed (row, column letter, header), tab / CR / LF accepted', async () => {
    const file = path.join(dir(), 'c.csv');
    const far = Array.from({ length: 3000 }, (_, i) => `${i + 10};Nom${i};Prénom ${i} avec assez de texte pour passer 64 Kio`).join('\n');
    fs.writeFileSync(file, `N° candidat;Nom;Prénom\n1;"\0=HYPERLINK(""x"")";Léa\n2;"Tab\there";"deux\r\nlignes"\n3;"A\x1b]52;c;ZWNobw==\x07";B\x7f\n${far}\n9999;Z;\u009bY\n`);
    const e = await failure(file);
    expect(e).toBeInstanceOf(CcstError);
    expect(e.exitCode).toBe(3);
    expect(e.message).toMatch(/^c\.csv : 4 cellule\(s\) contiennent des caractères de contrôle/);
    expect(e.details).toEqual([
      'ligne 2, colonne B (« Nom ») : U+0000 (NUL)',
      'ligne 5, colonne B (« Nom ») : U+001B (ESC), U+0007 (BEL)',
      'ligne 5, colonne C (« Prénom ») : U+007F (DEL)',
      'ligne 3006, colonne C (« Prénom ») : U+009B (CSI)',
    ]);
  });

  it('CSV: a control character after the first 64 KiB is found too, and a Windows-1252 file is checked after decoding', async () => {
    const file = path.join(dir(), 'w.csv');
    const rows = Array.from({ length: 5000 }, (_, i) => `${i};Nom${i};Prénom`).join('\n');
    fs.writeFileSync(file, Buffer.from(`numero;nom;prenom\n${rows}\n5001;\x01X;Y\n`, 'latin1'));
    const e = await failure(file);
    expect(e.details).toEqual(['ligne 5002, colonne B (« nom ») : U+0001']);
  });

  it('XLSX: string cells checked the same way, title rows included; a clean file passes', async () => {
    const file = path.join(dir(), 'x.xlsx');
    const wb = new (loadExcelJS().Workbook)();
    const ws = wb.addWorksheet('Candidats');
    ws.addRow(['Liste\u0085des candidats']);
    ws.addRow(['N° candidat', 'Nom', 'Prénom']);
    ws.addRow(['1', 'MARTIN', 'Léa_x0000_']); // how Excel writes a NUL (OOXML escape)
    ws.addRow(['3', 'E_x001B_]0;titre_x0007_', 'Keep_x0041_']);
    ws.addRow(['2', 'Tab\tok', 'deux\nlignes']);
    await wb.xlsx.writeFile(file);
    const e = await failure(file);
    expect(e.exitCode).toBe(3);
    expect(e.details).toEqual([
      'ligne 1, colonne A : U+0085',
      'ligne 3, colonne C (« Prénom ») : U+0000 (NUL)',
      'ligne 4, colonne B (« Nom ») : U+001B (ESC), U+0007 (BEL)',
    ]);

    const clean = path.join(dir(), 'ok.xlsx');
    const wb2 = new (loadExcelJS().Workbook)();
    wb2.addWorksheet('C').addRows([['numero', 'nom'], ['1', 'Tab\tok'], ['2', 'deux\r\nlignes']]);
    await wb2.xlsx.writeFile(clean);
    const rows = [];
    for await (const r of (await openTable(clean)).rows) rows.push(r);
    expect(rows).toHaveLength(3);
  });

  it('lists the first 100 cells and counts the others', async () => {
    const file = path.join(dir(), 'many.csv');
    fs.writeFileSync(file, 'numero;nom\n' + Array.from({ length: 150 }, (_, i) => `${i};\x1bx`).join('\n') + '\n');
    const e = await failure(file, false);
    expect(e.message).toMatch(/150 cellule/);
    expect(e.details).toHaveLength(101);
    expect(e.details.at(-1)).toBe('… et 50 autre(s) cellule(s).');
    expect(e.details[0]).toBe('ligne 2, colonne B : U+001B (ESC)');
  });
});
