// End to end on the built CLI with the Toulouse 2023 session (fixtures/toulouse-2023): `ccst stats` after a
// deliberation and its contrôle (issue 15 items 3–4). The PDF is read back; the PNG charts are decoded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ccst, REPO } from '../helpers/cli.js';
import { pdfText } from '../helpers/pdf-text.js';
import { loadExcelJS } from '../../src/io/exceljs-loader.js';

const FIX = path.join(REPO, 'fixtures');
let dir: string;
const run = (args: string[]) => ccst(args, { cwd: dir });
const ok = (args: string[]) => {
  const r = run(args);
  expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
};

/** PNG width and height from the IHDR chunk. */
const pngSize = (file: string) => {
  const b = fs.readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-stats-'));
  for (const args of [
    ['init', '--session', '2023', '--academie', 'TOULOUSE'],
    ['calendar', 'import', path.join(FIX, 'calendrier-toulouse-2023.csv')],
    ['import', path.join(FIX, 'toulouse-2023', 'candidats.csv')],
    ['centres', 'import', path.join(FIX, 'toulouse-2023', 'centres.csv')],
    ['assign-centres'],
    ['schedule-orals', '--commissions', '2'],
    ['deliberate', path.join(FIX, 'toulouse-2023', 'notes.csv'), '-o', 'pv-1.csv'],
  ]) ok(args);
}, 120_000);

describe('ccst stats on the Toulouse 2023 session', () => {
  it('refuses before any deliberation (exit 2), with the command to run', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-stats-empty-'));
    expect(ccst(['init', '--session', '2023'], { cwd: empty }).status).toBe(0);
    const r = ccst(['stats'], { cwd: empty });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('ccst deliberate');
  });

  it('after the contrôle: the figures agree with the PV, rates truncated', () => {
    // The CONTROLE candidates of the first PV take their contrôle (U1 20 raises every one of them).
    const pv = fs.readFileSync(path.join(dir, 'pv-1.csv'), 'utf8').split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(';'));
    const sent = pv.filter((r) => r.includes('CONTROLE')).map((r) => r[0]!);
    expect(sent.length).toBeGreaterThan(0);
    fs.writeFileSync(path.join(dir, 'controle.csv'), 'numero;unite;note\n' + sent.map((n) => `${n};U1;20`).join('\n') + '\n');
    ok(['deliberate', path.join(FIX, 'toulouse-2023', 'notes.csv'), '--controle', 'controle.csv', '-o', 'pv-2.csv']);
    const final = fs.readFileSync(path.join(dir, 'pv-2.csv'), 'utf8').split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(';'));
    const admis = final.filter((r) => r.includes('ADMIS')).length;

    const s = JSON.parse(ok(['stats', '--json']).stdout);
    expect(s.total).toMatchObject({ inscrits: 170, deliberes: final.length - final.filter((r) => r.includes('INCOMPLET')).length, admis });
    expect(s.total.taux).toBe(Math.floor((admis * 1000) / s.total.deliberes) / 10);
    expect(s.controle).toMatchObject({ total: sent.length, pending: 0 });
    expect(s.controle.after.ADMIS + s.controle.after.AJOURNE + s.controle.after.ELIMINE).toBe(sent.length);
    expect(s.controle.unitsRaised).toBe(sent.length);
    expect(s.parGroupe.map((g: { par: string }) => g.par)).toEqual(['etablissement', 'voie', 'academie', 'centre']);
    const myriam = s.parGroupe[0].groupes.find((g: { key: string }) => g.key.includes('MYRIAM'));
    expect(myriam.inscrits).toBe(pv.filter((r) => r[3] === 'LYC MYRIAM - TOULOUSE').length);
    expect(s.moyennes.repartition.reduce((a: number, b: number) => a + b, 0)).toBe(s.moyennes.effectif);
    const e5 = s.epreuves.find((e: { epreuve: string }) => e.epreuve === 'E5');
    expect(e5.moins8 + e5.de8a10 + e5.auMoins10).toBe(e5.effectif);
  });

  it('writes the PDF (each group’s figures in it), the XLSX and the PNG charts', async () => {
    const s = JSON.parse(ok(['stats', '--json', '-o', 'stats.pdf', '--png', 'png']).stdout);
    const text = await pdfText(fs.readFileSync(path.join(dir, 'stats.pdf')));
    expect(text.flat).toContain('Statistiques de la session 2023 — académie de TOULOUSE');
    for (const g of s.parGroupe.flatMap((p: { groupes: { key: string; admis: number; deliberes: number }[] }) => p.groupes)) {
      expect(text.flat).toContain(g.key);
    }
    expect(text.flat).toContain('Moyennes générales — session 2023'); // chart title drawn as text by svg-to-pdfkit
    const pngs = fs.readdirSync(path.join(dir, 'png')).sort();
    expect(pngs).toContain('moyennes-generales.png');
    expect(pngs).toContain('notes-E5.png');
    const size = pngSize(path.join(dir, 'png', 'moyennes-generales.png'));
    expect(size.width).toBeGreaterThan(800);
    expect(size.height).toBeGreaterThan(300);
    // #9 item 10: the PNG files fall under the output rule — an existing chart is replaced only with --force.
    const again = run(['stats', '--png', 'png']);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('--force');
    expect(run(['stats', '--png', 'png', '--force']).status).toBe(0);

    ok(['stats', '-o', 'stats.xlsx', '--by', 'voie']);
    const wb = new (loadExcelJS().Workbook)();
    await wb.xlsx.readFile(path.join(dir, 'stats.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Session', 'Par voie', 'Moyennes générales', 'Épreuves', 'Contrôle']);
    const row = wb.getWorksheet('Session')!.getRow(3).values as unknown[];
    expect(row.slice(1, 7)).toEqual(['Session 2023', 170, s.total.presents, s.total.deliberes, s.total.admis, s.total.taux]);
  }, 60_000);

  it('--compare puts a previous PV beside this session', () => {
    const s = JSON.parse(ok(['stats', '--json', '--compare', 'pv-1.csv']).stdout);
    const pv = fs.readFileSync(path.join(dir, 'pv-1.csv'), 'utf8').split(/\r?\n/).slice(1).filter(Boolean);
    expect(s.comparaison.fichier).toBe('pv-1.csv');
    expect(s.comparaison.total.inscrits).toBe(pv.length);
    expect(s.comparaison.total.decisions.CONTROLE).toBe(pv.filter((l) => l.includes(';CONTROLE;')).length);
    const bad = path.join(dir, 'bad-pv.csv');
    fs.writeFileSync(bad, 'numero;etablissement;moyenne;decision\n1;A;12,5;ADMIS\n2;B;douze;ADMIS\n3;C;8;PEUT-ETRE\n');
    const r = run(['stats', '--compare', bad]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('ligne 3, colonne « moyenne »');
    expect(r.stderr).toContain('ligne 4, colonne « decision »');
  });
});
