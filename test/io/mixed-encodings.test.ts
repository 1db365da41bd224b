// Issue #9 item 5: the encoding is decided per file but every chunk is verified. A file that is not consistently one
// encoding (a Windows-1252 row, then UTF-8 rows stored as « MaÃ«lys ») is refused with its first offending line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTable, type RawRow } from '../../src/io/table-reader.js';
import { ccst } from '../helpers/cli.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-enc-'));
let n = 0;
const write = (parts: [string, 'utf8' | 'latin1'][]) => {
  const file = path.join(dir, `f${n++}.csv`);
  fs.writeFileSync(file, Buffer.concat(parts.map(([t, e]) => Buffer.from(t, e))));
  return file;
};
const filler = (from: number, count: number) => Array.from({ length: count }, (_, i) => `${from + i};Nom ${from + i};Prenom\n`).join('');
const read = async (file: string) => {
  const table = await openTable(file);
  const rows: RawRow[] = [];
  for await (const r of table.rows) rows.push(r);
  return { rows, encoding: table.info.encoding };
};

describe('#9 item 5: mixed encodings', () => {
  it.each([
    ['Windows-1252 row, then UTF-8 rows (in the first 64 KiB)', [['numero;nom;prenom\n1;Lefèvre;Hélène\n', 'latin1'], ['2;Maëlys;Zoé\n3;Noël;A\n', 'utf8']], 3, /Windows-1252 \(ANSI\) jusque-là, cette ligne en UTF-8/],
    ['Windows-1252, UTF-8 only after 64 KiB', [['numero;nom;prenom\n1;Lefèvre;Hélène\n', 'latin1'], [filler(10, 4000), 'latin1'], ['9999;Maëlys;Zoé\n', 'utf8']], 4003, /cette ligne en UTF-8/],
    ['UTF-8, Windows-1252 after 64 KiB', [['numero;nom;prenom\n1;Lefèvre;Hélène\n', 'utf8'], [filler(10, 4000), 'utf8'], ['9999;Maëlys;Zoé\n', 'latin1']], 4003, /UTF-8 jusque-là, cette ligne en Windows-1252/],
    ['ASCII for 100 KiB, then UTF-8, then Windows-1252', [['numero;nom;prenom\n', 'utf8'], [filler(10, 6000), 'utf8'], ['9998;Maëlys;Zoé\n', 'utf8'], ['9999;Lefèvre;A\n', 'latin1']], 6003, /UTF-8 jusque-là, cette ligne en Windows-1252/],
  ] as const)('%s: refused at its line, exit 3', async (_what, parts, line, reason) => {
    await expect(read(write(parts as unknown as [string, 'utf8' | 'latin1'][]))).rejects.toMatchObject({
      exitCode: 3,
      message: expect.stringMatching(new RegExp(`^f\\d+\\.csv, ligne ${line} : encodage incohérent`)),
    });
    await expect(read(write(parts as unknown as [string, 'utf8' | 'latin1'][]))).rejects.toMatchObject({ message: expect.stringMatching(reason) });
  });

  it.each([
    ['Windows-1252 throughout, first accent after 100 KiB of ASCII', 'latin1', 'windows-1252'],
    ['UTF-8 throughout, first accent after 100 KiB of ASCII', 'utf8', 'utf-8'],
  ] as const)('%s: read as it is', async (_what, enc, expected) => {
    const { rows, encoding } = await read(write([['numero;nom;prenom\n', 'utf8'], [filler(10, 6000), 'utf8'], ['9999;Lefèvre;Hélène Ã table\n', enc]]));
    expect(encoding).toBe(expected);
    expect(rows.at(-1)!.cells).toEqual(['9999', 'Lefèvre', 'Hélène Ã table']);
  });

  it('import, centres import, conformity: exit 3 naming the line, the workspace unchanged', () => {
    const ws = fs.mkdtempSync(path.join(dir, 'ws-'));
    expect(ccst(['init', '--session', '2024', '--academie', 'TOULOUSE'], { cwd: ws }).status).toBe(0);
    const before = fs.readFileSync(path.join(ws, 'ccst.db'));
    const files = {
      'candidats.csv': Buffer.concat([Buffer.from('N° candidat;Nom;Prénom;Voie\n1;Lefèvre;Hélène;candidat individuel\n', 'latin1'), Buffer.from('2;Maëlys;Zoé;candidat individuel\n', 'utf8')]),
      'centres.csv': Buffer.concat([Buffer.from('uai;nom;academie;type;epreuves;capacite\n0311201M;Lycée Myriam;Toulouse;ecrit;E1;10\n', 'latin1'), Buffer.from('0310044E;Lycée Déodat;Toulouse;ecrit;E1;10\n', 'utf8')]),
      'dossiers.csv': Buffer.concat([Buffer.from('numero;epreuve;depot;autre\n1;E4;2024-03-01;reçu\n', 'latin1'), Buffer.from('2;E4;2024-03-01;reçu\n', 'utf8')]),
    };
    for (const [f, data] of Object.entries(files)) fs.writeFileSync(path.join(ws, f), data);
    for (const args of [['import', 'candidats.csv'], ['centres', 'import', 'centres.csv'], ['conformity', 'dossiers.csv', '--date-limite', '2024-03-15']]) {
      const r = ccst(args, { cwd: ws });
      expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(3);
      expect(r.stderr).toMatch(/, ligne 3 : encodage incohérent/);
      expect(fs.readFileSync(path.join(ws, 'ccst.db')).equals(before)).toBe(true);
    }
  });
});
