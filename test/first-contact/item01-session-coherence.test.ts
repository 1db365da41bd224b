// Issue #10 §1 — session coherence: a date outside the session never reaches a convocation.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccst, REPO } from '../helpers/cli.js';
import { pdfText } from '../helpers/pdf-text.js';
import { privateDir, workspaceWith, writeCsv } from './helpers.js';

const tmp = privateDir('item01');
const ROW = '2431000101;MARTIN;Léa;14/02/2004;Toulouse;candidat individuel;;;anglais;;non;non;;;;;;;;';

describe('issue #10 §1 session coherence', () => {
  it('init --session 2025 over the 2024 regulation: convocations refused (exit 4) until a 2025 calendar is imported', async () => {
    const dir = tmp();
    workspaceWith(dir, [ROW], '2025');
    const r = ccst(['convocations', '-o', 'c.pdf'], { cwd: dir });
    expect(r.status).toBe(4);
    expect(r.stderr).toContain('pas de calendrier des écrits pour la session 2025');
    expect(r.stderr).toContain('ccst calendar import');
    expect(fs.existsSync(path.join(dir, 'c.pdf'))).toBe(false);

    writeCsv(dir, 'cal.csv', ['epreuve;date;debut;fin', 'E3;13/05/2025;14h00;18h00', 'E21;14/05/2025;10h30;12h30', 'E1;14/05/2025;14h30;18h30', 'E5;15/05/2025;14h30;18h30']);
    expect(ccst(['calendar', 'import', 'cal.csv'], { cwd: dir }).status).toBe(0);
    const ok = ccst(['convocations', '-o', 'c.pdf'], { cwd: dir });
    expect(ok.status, ok.stderr).toBe(0);
    const { flat } = await pdfText(fs.readFileSync(path.join(dir, 'c.pdf')));
    expect(flat).toContain('mardi 13 mai 2025');
    expect(flat).not.toContain('2024');
  });

  it('a 2023 calendar is refused in a 2024 session, naming file, row and column (exit 3)', () => {
    const dir = tmp();
    workspaceWith(dir, [ROW]);
    const r = ccst(['calendar', 'import', path.join(REPO, 'fixtures', 'calendrier-toulouse-2023.csv')], { cwd: dir });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('calendrier-toulouse-2023.csv, ligne 3, colonne « date » : date 15/05/2023 hors de la session 2024');
  });

  it('oral dates 25/12/2024 or 12/06/2023 are refused in the centres of a 2024 session (exit 3)', () => {
    const dir = tmp();
    workspaceWith(dir, [ROW]);
    writeCsv(dir, 'centres.csv', [
      'uai;nom;academie;type;epreuves;capacite;dates',
      '0310028M;Lycée Déodat;Toulouse;oral;E4;20;25/12/2024',
      '0311586F;Lycée Bellevue;Toulouse;oral;E4;20;12/06/2023',
      '0311201M;Lycée Hessel;Toulouse;oral;E4;20;12/06/2024',
    ]);
    const r = ccst(['centres', 'import', 'centres.csv'], { cwd: dir });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/ligne 2, colonne « dates » : date 25\/12\/2024 hors de la session 2024/);
    expect(r.stderr).toMatch(/ligne 3, colonne « dates » : date 12\/06\/2023 hors de la session 2024/);
    expect(r.stderr).not.toContain('ligne 4');
  });

  it('ccst init without options and without a terminal is a usage error naming the flags (exit 2)', () => {
    const dir = tmp();
    const r = ccst(['init'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--session');
    expect(r.stderr).toContain('--regulation');
    expect(fs.existsSync(path.join(dir, 'ccst.db'))).toBe(false);
  });
});
