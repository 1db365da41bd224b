// Issue #10 §4 — « Langue vivante A » is recognised; an empty language is « non renseignée », never anglais; the
// documents that need it say how many are missing.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccst } from '../helpers/cli.js';
import { privateDir, writeCsv } from './helpers.js';

const tmp = privateDir('item04');

function exported(dir: string): Record<string, string> {
  const r = ccst(['candidates', 'export', '--json'], { cwd: dir });
  expect(r.status, r.stderr).toBe(0);
  return Object.fromEntries((JSON.parse(r.stdout) as { numero: string; langue: string }[]).map((c) => [c.numero, c.langue]));
}

describe('issue #10 §4 language column', () => {
  it('reads the circular’s « Langue vivante A »; an empty cell is non renseignée and survives a re-import', () => {
    const dir = tmp();
    expect(ccst(['init', '--session', '2024', '--academie', 'TOULOUSE'], { cwd: dir }).status).toBe(0);
    writeCsv(dir, 'a.csv', [
      'Liste des candidats — BTS CCST session 2024',
      'N° candidat;Nom;Prénom;Voie;Langue vivante A',
      '2431000101;ALBERT;Alex;candidat individuel;espagnol',
      '2431000102;BERNARD;Alex;candidat individuel;',
    ]);
    const r = ccst(['import', 'a.csv'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('Langue vivante A');
    expect(exported(dir)).toEqual({ '2431000101': 'espagnol', '2431000102': '' });

    // A later file with an empty language cell does not erase what is stored.
    writeCsv(dir, 'b.csv', ['N° candidat;Nom;Prénom;Voie;LV1', '2431000101;ALBERT;Alex;candidat individuel;']);
    expect(ccst(['import', 'b.csv'], { cwd: dir }).status).toBe(0);
    expect(exported(dir)['2431000101']).toBe('espagnol');
  });

  it('convocations and assign-centres refuse (exit 4) with the count of candidates without a language', () => {
    const dir = tmp();
    expect(ccst(['init', '--session', '2024', '--academie', 'TOULOUSE'], { cwd: dir }).status).toBe(0);
    writeCsv(dir, 'a.csv', [
      'N° candidat;Nom;Prénom;Voie;Langue',
      '2431000101;ALBERT;Alex;candidat individuel;anglais',
      '2431000102;BERNARD;Alex;candidat individuel;',
      '2431000103;CARON;Alex;candidat individuel;',
    ]);
    expect(ccst(['import', 'a.csv'], { cwd: dir }).status).toBe(0);
    const c = ccst(['convocations', '-o', 'c.pdf'], { cwd: dir });
    expect(c.status).toBe(4);
    expect(c.stderr).toContain('2 candidat(s) sans langue');
    expect(c.stderr).toContain('2431000102 BERNARD Alex : E22, langue non renseignée');
    expect(fs.existsSync(path.join(dir, 'c.pdf'))).toBe(false);
    writeCsv(dir, 'centres.csv', ['uai;nom;academie;type;epreuves;capacite;dates;langues', '0311902Z;Lycée Hessel;Toulouse;oral;E22;30;14/06/2024;anglais']);
    expect(ccst(['centres', 'import', 'centres.csv'], { cwd: dir }).status).toBe(0);
    const a = ccst(['assign-centres'], { cwd: dir });
    expect(a.status).toBe(4);
    expect(a.stderr).toContain('affectation impossible : 2 candidat(s) sans langue');
  });
});
