import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNotes } from '../../src/io/notes-reader.js';
import { formatNoteCell } from '../../src/domain/deliberation/note-cell.js';
import { loadExcelJS } from '../../src/io/exceljs-loader.js';
import { REG, RULES } from '../domain/deliberation/helpers.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-notes-'));
const write = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};
const texts = (cells: Map<string, unknown>) => Object.fromEntries([...cells].map(([u, c]) => [u, formatNoteCell(c as never)]));

describe('readNotes', () => {
  it('reads the wide layout with épreuve headers (E2-1, E6-2…), identity and a title row', async () => {
    const f = write('wide.csv', 'Notes BTS CCST session 2024;;;\nN° candidat;Nom;Prénom;Voie;E1;E2-1;U 2.2;E3;E4;U5;E6-1;E6-2;EF1\n24001;Martin;Léa;scolaire public;12,5;ABS;abj;DIS;BEN 14@2022;REP 8,5;nv;13.25;\n');
    const n = await readNotes(f, { reg: REG, rules: RULES });
    expect(n.layout).toBe('wide');
    expect(n.issues).toEqual([]);
    const r = n.records.get('24001')!;
    expect(r).toMatchObject({ nom: 'Martin', prenom: 'Léa', voie: 'scolaire_public', row: 3 });
    expect(texts(r.cells)).toEqual({ U1: '12,5', U21: 'ABS', U22: 'ABJ', U3: 'DIS', U4: 'BEN 14@2022', U5: 'REP 8,5', U61: 'NV', U62: '13,25' });
  });

  it('reads the long layout (numero, epreuve, note) without identity', async () => {
    const f = write('long.csv', 'numero,epreuve,note\n24002,E4,15\n24002,U6-1,"9,5"\n24003,EF2,ABS\n');
    const n = await readNotes(f, { reg: REG, rules: RULES });
    expect(n.layout).toBe('long');
    expect(n.hasIdentity).toBe(false);
    expect(texts(n.records.get('24002')!.cells)).toEqual({ U4: '15', U61: '9,5' });
    expect(texts(n.records.get('24003')!.cells)).toEqual({ UF2: 'ABS' });
  });

  it('reports every bad cell with its row and column, never stopping at the first', async () => {
    const f = write('bad.csv', 'numero;U1;U4;U5;voie\n1;21;12;ok;scolaire public\n2;12,555;BEN 9@2022;BEN 12@2017;martien\n1;10;10;10;\n;12;12;12;\n');
    const n = await readNotes(f, { reg: REG, rules: RULES });
    const got = n.issues.map((i) => `${i.row}:${i.column}:${i.kind}`);
    expect(got).toEqual([
      '2:U1:note-echelle', '2:U5:note',
      '3:voie:voie', '3:U1:note', '3:U4:benefice', '3:U5:benefice',
      '4:numero:doublon', '5:numero:numero',
    ]);
    expect(n.issues.find((i) => i.row === 3 && i.column === 'U5')!.message).toMatch(/expiré.*2022/);
  });

  it('refuses BEN and REP on optional units: their notes are not kept (D643-23)', async () => {
    const f = write('opt.csv', 'numero;U1;EF1;EF2\n1;12;BEN 20@2022;REP 18\n');
    const n = await readNotes(f, { reg: REG, rules: RULES });
    expect(n.issues.map((i) => `${i.row}:${i.column}:${i.kind}`)).toEqual(['2:EF1:benefice', '2:EF2:benefice']);
  });

  it('refuses a long file with twice the same unit for a candidate, and unknown épreuves', async () => {
    const f = write('long-bad.csv', 'numero;epreuve;note\n7;E4;12\n7;U4;13\n7;E9;10\n7;E5;\n');
    const n = await readNotes(f, { reg: REG, rules: RULES });
    expect(n.issues.map((i) => `${i.row}:${i.kind}`)).toEqual(['3:doublon', '4:epreuve', '5:note']);
  });

  it('warns about unknown columns and refuses a file without any unit column', async () => {
    const f = write('extra.csv', 'numero;U1;Observations\n1;12;RAS\n');
    expect((await readNotes(f, { reg: REG, rules: RULES })).warnings[0]).toMatch(/Observations/);
    await expect(readNotes(write('none.csv', 'numero;nom\n1;A\n'), { reg: REG, rules: RULES })).rejects.toMatchObject({ exitCode: 3 });
  });

  it('reads XLSX number cells exactly (12.5 → 1250) and refuses 3 decimals', async () => {
    const ExcelJS = loadExcelJS();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Notes');
    ws.addRow(['numero', 'nom', 'U1', 'U4']);
    ws.addRow(['24009', 'Ødegård', 12.5, 9.99]);
    ws.addRow(['24010', 'Alençon', 12.125, 'abs']);
    const f = path.join(dir, 'notes.xlsx');
    await wb.xlsx.writeFile(f);
    const n = await readNotes(f, { reg: REG, rules: RULES });
    expect(n.records.get('24009')!.cells.get('U1')).toEqual({ kind: 'note', value: 1250 });
    expect(n.records.get('24009')!.cells.get('U4')).toEqual({ kind: 'note', value: 999 });
    expect(n.issues.map((i) => `${i.row}:${i.column}:${i.kind}`)).toEqual(['3:U1:note']);
  });
});
