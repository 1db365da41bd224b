// End to end on the built CLI: grids and convocations from an imported candidate file, a calendar imported for
// another session, the worker pool of --split-by centre, and exit codes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ccst, REPO } from '../helpers/cli.js';
import { collapse, pdfText } from '../helpers/pdf-text.js';

const HEADER = 'N° candidat;Nom;Prénom;Date de naissance;Académie;Voie;UAI;Établissement;Langue;EF1;EF2;EF3;Dispenses;Bénéfices;Aménagements;Tiers temps;Courriel;Adresse;Code postal;Commune';
const ROWS = [
  '2431000101;NGUYỄN;Đức;14/02/2004;Toulouse;candidat individuel;;;anglais;;non;non;;;;;;;;',
  '2431000102;ØDEGÅRD;Ødegård;03/09/2003;Toulouse;candidat individuel;;;anglais;;non;non;;;;1/3;;;;',
  '2431000103;PAYET;Maëlle;21/06/2004;La Réunion;candidat individuel;;;anglais;;non;non;;;;;;;;',
];

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-docs-e2e-'));
  fs.writeFileSync(path.join(dir, 'candidats.csv'), '\ufeff' + [HEADER, ...ROWS].join('\r\n') + '\r\n');
  expect(ccst(['init', '--session', '2024', '--academie', 'TOULOUSE'], { cwd: dir }).status).toBe(0);
  const imp = ccst(['import', 'candidats.csv'], { cwd: dir });
  expect(imp.status, imp.stderr).toBe(0);
});

describe('ccst convocations (built CLI)', () => {
  it('Réunion 16h00–20h00 and Métropole 14h00–18h00 for E3; extended end for the tiers-temps', async () => {
    const r = ccst(['convocations', '-o', 'convocations.pdf'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const { pages } = await pdfText(fs.readFileSync(path.join(dir, 'convocations.pdf')));
    expect(pages).toHaveLength(3);
    const page = (name: string) => collapse(pages.find((p) => p.includes(name))!);
    expect(page('PAYET')).toContain('Horaires en heure locale : La Réunion');
    expect(page('PAYET')).toMatch(/E3 – Culture économique, juridique et managériale \(écrit\) mardi 14 mai 2024 16h00 – 20h00/);
    expect(page('Đức')).toMatch(/E3 – Culture économique, juridique et managériale \(écrit\) mardi 14 mai 2024 14h00 – 18h00/);
    expect(page('Ødegård')).toContain('temps majoré (1/3) : fin à 19h20');
    expect(page('Ødegård')).toContain('centre communiqué ultérieurement');
  });

  it('a calendar imported for a 2023 session (Toulouse 2023) replaces the 2024 dates', async () => {
    // A 2023 calendar belongs in a 2023 workspace (a 2024 one refuses it: issue #10 §1).
    const d2023 = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-docs-2023-'));
    fs.copyFileSync(path.join(dir, 'candidats.csv'), path.join(d2023, 'candidats.csv'));
    expect(ccst(['init', '--session', '2023', '--academie', 'TOULOUSE'], { cwd: d2023 }).status).toBe(0);
    expect(ccst(['import', 'candidats.csv'], { cwd: d2023 }).status).toBe(0);
    const cal = ccst(['calendar', 'import', path.join(REPO, 'fixtures', 'calendrier-toulouse-2023.csv')], { cwd: d2023 });
    expect(cal.status, cal.stderr).toBe(0);
    const r = ccst(['convocations', '--candidat', '2431000101', '-o', path.join(dir, 'c2023.pdf')], { cwd: d2023 });
    expect(r.status, r.stderr).toBe(0);
    const flat = (await pdfText(fs.readFileSync(path.join(dir, 'c2023.pdf')))).flat;
    expect(flat).toContain('lundi 15 mai 2023 14h00 – 18h00');
    expect(flat).not.toContain('2024 14h00');
    fs.rmSync(d2023, { recursive: true, force: true });
  });
});

describe('ccst grids (built CLI)', () => {
  it('--blank without a workspace; --split-by centre through the worker pool', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-blank-'));
    const b = ccst(['grids', '--epreuve', 'U62', '--forme', 'ponctuel', '--blank'], { cwd: empty });
    expect(b.status, b.stderr).toBe(0);
    expect((await pdfText(fs.readFileSync(path.join(empty, 'grille-vierge-E62-ponctuel.pdf')))).flat).toContain("L'animation de la formation est efficiente");

    const s = ccst(['grids', '--epreuve', 'E4', '--split-by', 'centre', '-o', 'grilles', '--jobs', '2'], { cwd: dir });
    expect(s.status, s.stderr).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'grilles'))).toEqual(['grilles-E4-ponctuel-sans-centre.pdf']);
    const { flat } = await pdfText(fs.readFileSync(path.join(dir, 'grilles', 'grilles-E4-ponctuel-sans-centre.pdf')));
    for (const n of ['NGUYỄN Đức', 'ØDEGÅRD Ødegård', 'PAYET Maëlle']) expect(flat).toContain(`Nom et prénom du candidat : ${n}`);
  });

  it('exit 2 for a missing or unknown épreuve, with no stack trace', () => {
    const missing = ccst(['grids'], { cwd: dir });
    expect(missing.status).toBe(2);
    const unknown = ccst(['grids', '--epreuve', 'E9'], { cwd: dir });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('épreuve inconnue : E9');
    expect(unknown.stderr).not.toContain('    at ');
  });
});
