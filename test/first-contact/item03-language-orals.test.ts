// Issue #10 §3 — a commission hears one language; the language is on every oral document of a language épreuve.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccst } from '../helpers/cli.js';
import { pdfText } from '../helpers/pdf-text.js';
import { privateDir, workspaceWith, writeCsv } from './helpers.js';

const tmp = privateDir('item03');
const person = (n: number, nom: string, langue: string) => `24310001${String(n).padStart(2, '0')};${nom};Alex;14/02/2004;Toulouse;candidat individuel;;;${langue};;non;non;;;;;;;;`;
const ROWS = [
  person(1, 'ALBERT', 'anglais'), person(2, 'BERNARD', 'espagnol'), person(3, 'CARON', 'allemand'),
  person(4, 'DUBOIS', 'anglais'), person(5, 'ESTÈVE', 'espagnol'), person(6, 'FABRE', 'allemand'),
];
const CENTRES = [
  'uai;nom;academie;type;epreuves;capacite;dates;langues',
  '0310028M;Lycée Déodat;Toulouse;ecrit;E1 E21 E3 E5;30;;',
  '0311902Z;Lycée Hessel;Toulouse;oral;E22;30;14/06/2024;anglais espagnol allemand',
  '0311201M;Lycée Myriam;Toulouse;oral;E4 E61 E62;30;20/06/2024 21/06/2024;',
];

interface Slot { numero: string; epreuve: string; commission: number }

function setUp(): string {
  const dir = tmp();
  workspaceWith(dir, ROWS);
  writeCsv(dir, 'centres.csv', CENTRES);
  expect(ccst(['centres', 'import', 'centres.csv'], { cwd: dir }).status).toBe(0);
  const a = ccst(['assign-centres'], { cwd: dir });
  expect(a.status, a.stderr).toBe(0);
  return dir;
}

function e22Commissions(dir: string, extra: string[] = []): Map<string, number> {
  const r = ccst(['schedule-orals', '--commissions', '1', '--json', ...extra], { cwd: dir });
  expect(r.status, r.stderr).toBe(0);
  const slots = (JSON.parse(r.stdout).slots as Slot[]).filter((s) => s.epreuve === 'E22');
  return new Map(slots.map((s) => [s.numero, s.commission]));
}

describe('issue #10 §3 language orals', () => {
  it('each E22 commission hears one language, numbered from the centre’s list of languages, stable when candidates change', () => {
    const dir = setUp();
    const byNumero = e22Commissions(dir);
    // allemand 1, anglais 2, espagnol 3 (the centre's list, as stored), whatever the numéros.
    expect(Object.fromEntries(byNumero)).toEqual({
      '2431000103': 1, '2431000106': 1, '2431000101': 2, '2431000104': 2, '2431000102': 3, '2431000105': 3,
    });
    // A late espagnol candidate and a recomputation: every language keeps its commission number.
    writeCsv(dir, 'tard.csv', ['N° candidat;Nom;Prénom;Date de naissance;Académie;Voie;Langue', '2431000107;GARNIER;Alex;14/02/2004;Toulouse;candidat individuel;espagnol']);
    expect(ccst(['import', 'tard.csv'], { cwd: dir }).status).toBe(0);
    expect(ccst(['assign-centres'], { cwd: dir }).status).toBe(0);
    const again = e22Commissions(dir, ['--reset', '--yes']);
    expect(again.get('2431000107')).toBe(3);
    expect(again.get('2431000103')).toBe(1);
    expect(again.get('2431000101')).toBe(2);
  });

  it('roll-calls, sign-in sheets, bordereaux and convocations print the language', async () => {
    const dir = setUp();
    expect(ccst(['schedule-orals', '--commissions', '1'], { cwd: dir }).status).toBe(0);
    const l = ccst(['lists', '--centre', '0311902Z', '-o', 'listes'], { cwd: dir });
    expect(l.status, l.stderr).toBe(0);
    for (const f of ['appel', 'emargement', 'bordereaux-vierges']) {
      const { pages } = await pdfText(fs.readFileSync(path.join(dir, 'listes', `${f}-0311902Z.pdf`)));
      const withLanguage = pages.map((p) => p.match(/Langue\s*:?\s*(anglais|espagnol|allemand)/)?.[1]);
      expect(withLanguage.every(Boolean), f).toBe(true);
      // Never two languages on one page.
      for (const p of pages) expect(['ALBERT', 'BERNARD', 'CARON'].filter((n) => p.includes(n)).length).toBeLessThanOrEqual(1);
    }
    const b = ccst(['bordereaux', '--epreuve', 'E22', '-o', 'b.pdf'], { cwd: dir });
    expect(b.status, b.stderr).toBe(0);
    expect((await pdfText(fs.readFileSync(path.join(dir, 'b.pdf')))).flat).toMatch(/Langue\s*:?\s*allemand/);
    const c = ccst(['convocations', '--candidat', '2431000102', '-o', 'c.pdf'], { cwd: dir });
    expect(c.status, c.stderr).toBe(0);
    expect((await pdfText(fs.readFileSync(path.join(dir, 'c.pdf')))).flat).toContain('(oral, espagnol)');
  });
});
