// End to end on the built CLI: `ccst deliberate notes.csv > pv.csv` opens in French Excel (BOM, ';', decimal comma)
// and parses back to the same values; a bad cell exits 3 with nothing written.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { BIN, ccst, REPO } from '../helpers/cli.js';

const NOTES = path.join(REPO, 'fixtures', 'deliberation', 'notes.csv');
const UNIT_HEADERS: Record<string, string> = { U1: 'U1', U21: 'E2-1', U22: 'E2-2', U3: 'U3', U4: 'E4', U5: 'U5', U61: 'E6-1', U62: 'E6-2', UF1: 'UF1', UF2: 'UF2' };

describe('ccst deliberate (built CLI)', () => {
  it('notes.csv > pv.csv: BOM, semicolons, decimal commas, and the same values parsed back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-e2e-delib-'));
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" deliberate "${NOTES}" > pv.csv`], { cwd: dir, env: { ...process.env, NO_COLOR: '1', CCST_WORKSPACE: '' } });
    expect(r.status).toBe(0);
    expect(r.stderr.toString()).toContain('Délibération : 14 candidat(s)');
    const bytes = fs.readFileSync(path.join(dir, 'pv.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe('numero;nom;prenom;etablissement;U1;U21;U22;U3;U4;U5;U61;U62;UF1;UF2;UF3;points;coefficients;moyenne;moyenne_professionnelle;decision;motif;unites_acquises;alertes;observations');
    const pv = parse(text, { delimiter: ';', columns: true }) as Record<string, string>[];
    const input = parse(fs.readFileSync(NOTES, 'utf8'), { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(pv).toHaveLength(input.length);
    for (const row of input) {
      const out = pv.find((p) => p.numero === row.numero)!;
      expect([out.nom, out.prenom, out.etablissement]).toEqual([row.nom, row.prenom, row.etablissement]);
      for (const [unit, header] of Object.entries(UNIT_HEADERS)) {
        // Same value, in canonical form: 12.5 → "12,5", abs → "ABS".
        expect(out[unit], `${row.numero} ${unit}`).toBe(row[header]!.replace('.', ',').toUpperCase());
      }
    }
    const leroy = pv.find((p) => p.numero === '02400009')!;
    expect(leroy).toMatchObject({ U1: '9,98', points: '249,9', moyenne: '9,99', decision: 'AJOURNE' });
    expect(new Set(pv.map((p) => p.decision))).toEqual(new Set(['ADMIS', 'AJOURNE', 'CONTROLE', 'ELIMINE', 'INCOMPLET']));
    // Stable order: nom, prénom, numéro.
    expect(pv.map((p) => p.nom)).toEqual([...pv.map((p) => p.nom)].sort((a, b) => a.localeCompare(b, 'fr')));
  });

  it('exits 3 on a bad cell with nothing on stdout and no -o file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-e2e-delib-'));
    fs.writeFileSync(path.join(dir, 'notes.csv'), 'numero;nom;prenom;U1;U4\n1;A;B;12;13\n2;C;D;douze;12\n');
    const r = ccst(['deliberate', 'notes.csv'], { cwd: dir });
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('notes.csv, ligne 3, colonne « U1 » : « douze » n’est ni une note');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    const o = ccst(['deliberate', 'notes.csv', '-o', 'pv.csv'], { cwd: dir });
    expect(o.status).toBe(3);
    expect(fs.readdirSync(dir)).toEqual(['notes.csv']);
  });

  it('without a workspace refuses DIS on U5 and NV on U1 with file, row and column (issue 11 finding 4), exit 3', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-e2e-delib-'));
    fs.writeFileSync(path.join(dir, 'notes.csv'), 'numero;nom;prenom;U1;U21;U22;U3;U4;U5;U61;U62\n1;A;B;12;12;12;12;DIS;DIS;DIS;DIS\n2;C;D;NV;12;12;12;12;12;12;12\n');
    const r = ccst(['deliberate', 'notes.csv'], { cwd: dir });
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('notes.csv, ligne 2, colonne « U5 » : DIS impossible en U5');
    expect(r.stderr).toContain('notes.csv, ligne 3, colonne « U1 » : NV impossible en U1');
    // DIS on U4, U61, U62 is in scope (VAE, référentiel annexe V b C); only U5 is refused on row 2.
    expect(r.stderr).not.toContain('DIS impossible en U4');
  });

  it('exits 2 on a PDF output request and shows help with examples', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-e2e-delib-'));
    expect(ccst(['deliberate', NOTES, '-o', 'pv.pdf'], { cwd: dir }).status).toBe(2);
    expect(ccst(['deliberate', '--help'], { cwd: dir }).stdout).toContain('ccst deliberate notes.csv > pv.csv');
  });
});
