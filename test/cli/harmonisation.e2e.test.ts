// End to end on the built CLI with the Toulouse 2023 demo (`ccst demo`): `ccst harmonisation` (issue 15 item 1) —
// the E4 report per oral commission and per CCF établissement, read back from the PDF (pdfjs-dist), the XLSX and
// the PNG charts — and `ccst harmonisation apply` (item 2): all or nothing, audited, refused after the
// deliberation unless --after-deliberation, reversible by the opposite adjustment, codes untouched.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { ccst } from '../helpers/cli.js';
import { pdfText } from '../helpers/pdf-text.js';
import { loadExcelJS } from '../../src/io/exceljs-loader.js';

let dir: string;
const run = (args: string[], cwd = dir) => ccst(args, { cwd });
const ok = (args: string[], cwd = dir) => {
  const r = run(args, cwd);
  expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
};
const comma = (x: number) => x.toFixed(2).replace('.', ',');

interface Group { groupe: string; libelle: string; effectif: number; moyenne: number; mediane: number; q1: number; q3: number; min: number; max: number; codes: number; avis: string; p: number | null; moins8: number; de8a10: number; auMoins10: number }
interface Section { par: string; effectif: number; groupes: Group[] }

/** PNG width and height from the IHDR chunk. */
const pngSize = (file: string) => {
  const b = fs.readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
};

const notesOf = (cwd: string, unite: string) =>
  new Database(path.join(cwd, 'ccst.db'), { readonly: true }).prepare('SELECT numero, value FROM notes WHERE unite = ? ORDER BY numero').all(unite) as { numero: string; value: string }[];

beforeAll(() => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-harmo-'));
  expect(ccst(['demo', '--dir', 'session'], { cwd: root }).status).toBe(0);
  dir = path.join(root, 'session');
}, 180_000);

describe('ccst harmonisation on the Toulouse 2023 demo', () => {
  it('E4: one section per oral commission, one per CCF établissement, figures consistent', () => {
    const v = JSON.parse(ok(['harmonisation', '--epreuve', 'E4', '--json']).stdout);
    expect(v.epreuve).toBe('E4');
    expect(v.sections.map((s: Section) => s.par)).toEqual(['commission', 'etablissement']);
    for (const s of v.sections as Section[]) {
      expect(s.groupes.reduce((n, g) => n + g.effectif, 0)).toBe(s.effectif);
      for (const g of s.groupes) {
        expect(g.moins8 + g.de8a10 + g.auMoins10).toBe(g.effectif);
        expect(g.min).toBeLessThanOrEqual(g.q1);
        expect(g.q1).toBeLessThanOrEqual(g.mediane);
        expect(g.mediane).toBeLessThanOrEqual(g.q3);
        expect(g.q3).toBeLessThanOrEqual(g.max);
        // Fewer than 10 notes: no test, labelled too small to judge.
        if (g.effectif < 10) expect([g.avis, g.p]).toEqual(['trop-petit', null]);
        else expect(g.p).toBeGreaterThan(0);
      }
    }
    expect(v.sections[1].groupes.find((g: Group) => g.groupe === '0311201M').libelle).toBe('LYC MYRIAM - TOULOUSE');
    expect(v.sections[0].groupes.map((g: Group) => g.groupe)).toEqual(['0311201M C1', '0311201M C2']);
    expect(v.notes.effectif).toBe(v.sections[0].effectif + v.sections[1].effectif);
  });

  it('writes the PDF (each group’s figures in it), the XLSX (same figures) and the PNG charts', async () => {
    const v = JSON.parse(ok(['harmonisation', '--epreuve', 'E4', '--json', '-o', 'harmonisation-E4.pdf', '--png', 'png']).stdout);
    const text = await pdfText(fs.readFileSync(path.join(dir, 'harmonisation-E4.pdf')));
    expect(text.flat).toContain('Commission d’harmonisation — épreuve E4 (unité U4)');
    expect(text.flat).toContain('E4 — toutes les notes de l’épreuve'); // histogram title, drawn by svg-to-pdfkit
    expect(text.flat).toContain('E4 — par établissement (CCF) : médiane, quartiles, min et max'); // box plots
    expect(text.flat).toContain('définition 7 de Hyndman et Fan');
    for (const s of v.sections as Section[]) {
      for (const g of s.groupes) {
        // The table row: label [key], count, mean, median, … — in that order.
        const row = `${g.libelle} [${g.groupe}] ${g.effectif} ${comma(g.moyenne)} ${comma(g.mediane)}`;
        expect(text.flat, row).toContain(row);
        expect(text.flat).toContain(`${g.libelle} (${g.effectif})`); // the box plot's axis label
      }
    }
    const pngs = fs.readdirSync(path.join(dir, 'png')).sort();
    expect(pngs).toEqual(['boites-E4-commission.png', 'boites-E4-etablissement.png', 'notes-E4.png']);
    for (const f of pngs) {
      const size = pngSize(path.join(dir, 'png', f));
      expect(size.width, f).toBeGreaterThan(800);
      expect(size.height, f).toBeGreaterThan(150);
    }
    // The output rule (output-policy.ts): an existing report or chart is replaced only with --force.
    const again = run(['harmonisation', '--epreuve', 'E4', '-o', 'harmonisation-E4.pdf']);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('--force');

    ok(['harmonisation', '--epreuve', 'E4', '--par', 'etablissement', '-o', 'harmonisation-E4.xlsx']);
    const wb = new (loadExcelJS().Workbook)();
    await wb.xlsx.readFile(path.join(dir, 'harmonisation-E4.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Par établissement (CCF)', 'Notes E4', 'Méthode']);
    const sheet = wb.getWorksheet('Par établissement (CCF)')!;
    const byKey = new Map<string, unknown[]>();
    sheet.eachRow((r) => byKey.set(String((r.values as unknown[])[1]), (r.values as unknown[]).slice(1)));
    for (const g of v.sections[1].groupes as Group[]) {
      expect(byKey.get(g.groupe)!.slice(0, 5)).toEqual([g.groupe, g.libelle, g.effectif, g.moyenne, g.mediane]);
    }
  }, 60_000);

  it('a written épreuve without lots of copies (the demo makes lots for E5 only) says which commands make them; an unknown épreuve is named', () => {
    const r = run(['harmonisation', '--epreuve', 'E3']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('aucune note de E3 rattachée à un établissement (CCF) ni à un lot de copies');
    expect(r.stderr).toContain('ccst copies lots');
    expect(run(['harmonisation', '--epreuve', 'E9']).stderr).toContain('épreuve inconnue : E9');
  });
});

describe('ccst harmonisation apply on the Toulouse 2023 demo', () => {
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), 'groupe;epreuve;ajustement;motif\n' + text);

  it('a bad line anywhere: row and column named, exit 3, no note changed', () => {
    const before = notesOf(dir, 'U4');
    write('bad.csv', '0311201M C1;E4;+1;commission sévère\n0311201M C9;E4;+1;x\n0312738H;E4;×1,05;\n0312738H;E4;+un;y\n');
    const r = run(['harmonisation', 'apply', 'bad.csv', '--after-deliberation']);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('bad.csv, ligne 3, colonne « groupe » : « 0311201M C9 » : aucune note de E4 pour ce groupe');
    expect(r.stderr).toContain('bad.csv, ligne 4, colonne « motif »');
    expect(r.stderr).toContain('bad.csv, ligne 5, colonne « ajustement » : « +un »');
    expect(notesOf(dir, 'U4')).toEqual(before);
  });

  it('after the deliberation: refused (exit 4) unless --after-deliberation; --dry-run shows and writes nothing', () => {
    const before = notesOf(dir, 'U4');
    write('adj.csv', '0311201M C1;E4;+1;commission sévère (harmonisation du 12 juin)\n0312738H;E4;×1,05;CCF sous-évalué\n');
    const refused = run(['harmonisation', 'apply', 'adj.csv']);
    expect(refused.status).toBe(4);
    expect(refused.stderr).toContain('--after-deliberation');
    const dry = run(['harmonisation', 'apply', 'adj.csv', '--dry-run', '--after-deliberation', '--json']);
    expect(dry.status).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ simulation: true, notesModifiees: 23 });
    expect(notesOf(dir, 'U4')).toEqual(before);
  });

  it('applies in one transaction, audited with the motif; the opposite adjustment restores every note', () => {
    const before = notesOf(dir, 'U4');
    const r = ok(['harmonisation', 'apply', 'adj.csv', '--after-deliberation', '--json']);
    const s = JSON.parse(r.stdout);
    expect(s.lignes.map((l: { groupe: string; modifiees: number }) => [l.groupe, l.modifiees])).toEqual([['0311201M C1', 5], ['0312738H', 18]]);
    // deliberate's warning (after-deliberation.ts): more than 10 changes → counted, listed in a CSV.
    expect(r.stderr).toContain('23 note(s) modifiée(s) après délibération');
    const after = new Map(notesOf(dir, 'U4').map((n) => [n.numero, n.value]));
    const audit = new Database(path.join(dir, 'ccst.db'), { readonly: true })
      .prepare(`SELECT numero, old_value, new_value, motif FROM note_audit WHERE source = 'harmonisation:adj.csv'`).all() as { numero: string; old_value: string; new_value: string; motif: string }[];
    expect(audit).toHaveLength(23);
    for (const a of audit) {
      expect(before.find((n) => n.numero === a.numero)!.value).toBe(a.old_value);
      expect(after.get(a.numero)).toBe(a.new_value);
    }
    expect(new Set(audit.map((a) => a.motif))).toEqual(new Set(['commission sévère (harmonisation du 12 juin)', 'CCF sous-évalué']));
    const changed = before.filter((n) => after.get(n.numero) !== n.value).length;
    expect(changed).toBe(23);

    write('undo.csv', '0311201M C1;E4;-1;annulation\n0312738H;E4;÷1,05;annulation\n');
    // The list of the first apply is there: replaced only with --force (issue #9 item 10), nothing stored before.
    const kept = run(['harmonisation', 'apply', 'undo.csv', '--after-deliberation']);
    expect(kept.status).toBe(2);
    expect(kept.stderr).toContain('--force');
    expect(new Map(notesOf(dir, 'U4').map((n) => [n.numero, n.value]))).toEqual(after);
    ok(['harmonisation', 'apply', 'undo.csv', '--after-deliberation', '--force']);
    expect(notesOf(dir, 'U4')).toEqual(before);
  });

  it('codes are never adjusted (E61: an NV in an oral commission)', () => {
    const v = JSON.parse(ok(['harmonisation', '--epreuve', 'E61', '--json']).stdout);
    const g = (v.sections as Section[]).flatMap((s) => s.groupes).find((x) => x.codes > 0)!;
    const before = notesOf(dir, 'U61');
    write('codes.csv', `${g.groupe};E61;+2;barème mal appliqué\n`);
    const s = JSON.parse(ok(['harmonisation', 'apply', 'codes.csv', '--after-deliberation', '--json']).stdout);
    expect(s.lignes[0]).toMatchObject({ notes: g.effectif, codes: g.codes });
    const after = new Map(notesOf(dir, 'U61').map((n) => [n.numero, n.value]));
    const codes = before.filter((n) => !/^\d/.test(n.value));
    expect(codes.length).toBeGreaterThan(0);
    for (const c of codes) expect(after.get(c.numero)).toBe(c.value);
  });

  it('before any deliberation: applied without --after-deliberation, and no after-deliberation warning', () => {
    // A workspace whose notes are stored but not deliberated (results emptied).
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-harmo-nodelib-'));
    fs.copyFileSync(path.join(dir, 'ccst.db'), path.join(fresh, 'ccst.db'));
    new Database(path.join(fresh, 'ccst.db')).exec('DELETE FROM results');
    fs.writeFileSync(path.join(fresh, 'adj.csv'), 'groupe;epreuve;ajustement;motif\n0311201M C2;E4;-0,5;commission indulgente\n');
    const r = ok(['harmonisation', 'apply', 'adj.csv'], fresh);
    expect(r.stderr).toContain('note(s) modifiée(s) (historique dans note_audit');
    expect(r.stderr).not.toContain('après délibération');
  });
});
