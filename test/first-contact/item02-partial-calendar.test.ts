// Issue #10 §2 — a partial calendar import merges by épreuve; undated written épreuves are counted or refused.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccst } from '../helpers/cli.js';
import { pdfText } from '../helpers/pdf-text.js';
import { privateDir, workspaceWith, writeCsv } from './helpers.js';

const tmp = privateDir('item02');
const ROWS = [
  '2431000101;MARTIN;Léa;14/02/2004;Toulouse;candidat individuel;;;anglais;;non;non;;;;;;;;',
  '2431000102;DURAND;Paul;14/02/2004;Toulouse;candidat individuel;;;anglais;;non;non;;;;;;;;',
];

describe('issue #10 §2 partial calendar import', () => {
  it('a one-row file changes that épreuve only; E1, E21, E5 keep their dates', async () => {
    const dir = tmp();
    workspaceWith(dir, ROWS);
    writeCsv(dir, 'e3.csv', ['epreuve;date;debut;fin', 'E3;21/05/2024;09h00;13h00']);
    const r = ccst(['calendar', 'import', 'e3.csv', '--json'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const cal = JSON.parse(r.stdout);
    expect(cal.written.map((w: { epreuve: string; date: string }) => `${w.epreuve} ${w.date}`)).toEqual(['E21 2024-05-15', 'E1 2024-05-15', 'E5 2024-05-16', 'E3 2024-05-21']);
    expect(r.stderr).toContain('1 du fichier, 3 conservée(s)');
    const c = ccst(['convocations', '-o', 'c.pdf'], { cwd: dir });
    expect(c.status, c.stderr).toBe(0);
    expect(c.stderr).not.toContain('sans date');
    const { flat } = await pdfText(fs.readFileSync(path.join(dir, 'c.pdf')));
    expect(flat).toContain('mardi 21 mai 2024 09h00');
    expect(flat).not.toContain('date et heure communiquées ultérieurement');
  });

  it('--replace keeps only the file: the undated convocations are counted, and refused with --strict (exit 4)', () => {
    const dir = tmp();
    workspaceWith(dir, ROWS);
    writeCsv(dir, 'e3.csv', ['epreuve;date;debut;fin', 'E3;21/05/2024;09h00;13h00']);
    const r = ccst(['calendar', 'import', 'e3.csv', '--replace'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('Calendrier remplacé : 1 épreuve(s)');
    const c = ccst(['convocations', '-o', 'c.pdf'], { cwd: dir });
    expect(c.status, c.stderr).toBe(0);
    expect(c.stderr).toContain('2 convocation(s) avec une épreuve écrite sans date ni horaire (E1, E21, E5)');
    fs.rmSync(path.join(dir, 'c.pdf'));
    const s = ccst(['convocations', '-o', 'c.pdf', '--strict'], { cwd: dir });
    expect(s.status).toBe(4);
    expect(s.stderr).toContain('2 convocation(s) avec une épreuve écrite sans date ni horaire');
    expect(fs.existsSync(path.join(dir, 'c.pdf'))).toBe(false);
  });
});
