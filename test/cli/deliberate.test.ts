// ccst deliberate as a command (fake Ctx): without a workspace on the notes file alone; with a workspace: identity,
// dispenses and bénéfices from the inscription, notes and results stored, note changes audited and warned, jury
// changes with their motif, conformity NV protected; exit 3 with nothing written on any bad input.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/deliberate.js';
import { CcstError } from '../../src/cli/errors.js';
import { fakeCtx } from '../helpers/fake-ctx.js';
import { person, sessionWorkspace } from '../helpers/documents-workspace.js';
import { FIXTURES_DIR } from '../../src/io/paths.js';
import { loadExcelJS } from '../../src/io/exceljs-loader.js';

const FIX = path.join(FIXTURES_DIR, 'deliberation');
const pvOf = (csv: string) => parse(csv.replace(/^\uFEFF/, ''), { delimiter: ';', columns: true }) as Record<string, string>[];
const byNumero = (rows: Record<string, string>[]) => Object.fromEntries(rows.map((r) => [r.numero, r]));

describe('deliberate without a workspace', () => {
  it('decides every candidate of the fixture and writes a French-Excel PV with a summary on stderr', async () => {
    const ctx = fakeCtx({ cwd: fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-delib-')) });
    await run(ctx, { notes: path.join(FIX, 'notes.csv') });
    const pv = byNumero(pvOf(ctx.out()));
    expect(ctx.out().startsWith('\uFEFFnumero;nom;prenom;etablissement;U1;U21;U22;U3;U4;U5;U61;U62;UF1;UF2;UF3;points;')).toBe(true);
    const decisions = Object.fromEntries(Object.values(pv).map((r) => [r.numero, r.decision]));
    expect(decisions).toEqual({
      '02400001': 'ADMIS', '02400002': 'ADMIS', '02400003': 'ELIMINE', '02400004': 'ELIMINE', '02400005': 'INCOMPLET',
      '02400006': 'CONTROLE', '02400007': 'AJOURNE', '02400008': 'AJOURNE', '02400009': 'AJOURNE', '02400010': 'ADMIS',
      '02400011': 'CONTROLE', '02400012': 'ADMIS', '02400013': 'ADMIS', '02400014': 'ELIMINE',
    });
    expect(pv['02400009']).toMatchObject({ moyenne: '9,99', points: '249,9', motif: 'MG 9,99 < 10, MP 9,99 < 10' });
    expect(pv['02400010']).toMatchObject({ U1: 'DIS', U4: 'BEN 14@2021', coefficients: '22', moyenne: '11,81' });
    expect(pv['02400005']).toMatchObject({ moyenne: '', points: '', motif: 'note manquante en U3' });
    expect(ctx.err()).toContain('Délibération : 14 candidat(s) — ADMIS 5, CONTROLE 2, AJOURNE 3, ELIMINE 3, INCOMPLET 1.');
    expect(ctx.err()).toContain('Lycée Rascol : 0 / 5 (0,0 %), 1 incomplet(s)');
  });

  it('applies jury changes, livrets and contrôle notes', async () => {
    const ctx = fakeCtx({ cwd: fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-delib-')) });
    await run(ctx, { notes: path.join(FIX, 'notes.csv'), jury: path.join(FIX, 'jury.csv'), livrets: path.join(FIX, 'livrets.csv'), controle: path.join(FIX, 'controle.csv') });
    const pv = byNumero(pvOf(ctx.out()));
    expect(pv['02400009']).toMatchObject({ U1: '10', points: '249,96', decision: 'AJOURNE' });
    expect(pv['02400009']!.motif).toBe('MG 9,99 < 10, MP 9,99 < 10 ; jury : U1 9,98 → 10 (erreur de report de la note de CCF (harmonisation))');
    expect(pv['02400008']!.alertes).toMatch(/D643-26/);
    expect(pv['02400007']!.alertes).toBe('');
    expect(pv['02400006']).toMatchObject({ U1: '12', decision: 'AJOURNE', motif: 'après contrôle (U1 6 → 12) : MG 9,52 < 10' });
    expect(pv['02400011']).toMatchObject({ U21: '14', decision: 'ADMIS', moyenne: '10,71' });
  });

  it('exits 3 on a bad cell, naming file, row and column, and writes nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-delib-'));
    const notes = path.join(dir, 'notes.csv');
    fs.writeFileSync(notes, 'numero;nom;U1;U4\n1;A;12;13\n2;B;12;20,5\n');
    const ctx = fakeCtx({ cwd: dir });
    const out = path.join(dir, 'pv.csv');
    const err = await run(ctx, { notes, output: out }).catch((e) => e);
    expect(err).toBeInstanceOf(CcstError);
    expect(err.exitCode).toBe(3);
    expect(err.details.join('\n')).toContain('notes.csv, ligne 3, colonne « U4 » : note « 20,5 » hors de l’échelle 0 à 20');
    expect(fs.existsSync(out)).toBe(false);
    expect(ctx.out()).toBe('');
  });

  // Issue 11 finding 4: the codes' scope applies without a workspace too (code-scope.ts).
  it.each([
    ['DIS on U5 (no dispense ground covers U5: référentiel annexe IV b, annexe V b C)', 'U5', 'DIS', /colonne « U5 » : DIS impossible en U5/],
    ['NV on U1 (circulaire nationale 2024 §H « Le contrôle de conformité concerne les épreuves E4, E61 et E62 »)', 'E1', 'NV', /colonne « E1 » : NV impossible en U1/],
    ['BEN on UF1 (D643-23: optional notes are not kept)', 'UF1', 'BEN 12', /colonne « UF1 » : BEN impossible en UF1/],
  ])('exits 3 on %s, naming file, row and column', async (_name, header, code, message) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-delib-'));
    const notes = path.join(dir, 'notes.csv');
    fs.writeFileSync(notes, `numero;nom;${header};U4\n1;A;12;13\n2;B;${code};12\n`);
    const err = await run(fakeCtx({ cwd: dir }), { notes }).catch((e) => e);
    expect(err.exitCode).toBe(3);
    expect(err.details.join('\n')).toMatch(new RegExp(`notes\\.csv, ligne 3, ${message.source}`));
  });

  it('NV on the engagement étudiant: no points, an alert, not an elimination (« l’épreuve ne peut pas se dérouler »)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-delib-'));
    const notes = path.join(dir, 'notes.csv');
    fs.writeFileSync(notes, 'numero;nom;U1;U21;U22;U3;U4;U5;U61;U62;UF3\n1;A;11;11;11;11;11;11;11;11;NV\n');
    const ctx = fakeCtx({ cwd: dir });
    await run(ctx, { notes });
    const pv = pvOf(ctx.out())[0]!;
    expect(pv).toMatchObject({ UF3: 'NV', decision: 'ADMIS', moyenne: '11,00' });
    expect(pv.alertes).toContain('NV en UF3 : épreuve facultative non passée');
  });

  it('refuses contrôle notes for a candidate who is not CONTROLE (exit 3)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-delib-'));
    const controle = path.join(dir, 'controle.csv');
    fs.writeFileSync(controle, 'numero;unite;note\n02400001;U1;15\n');
    const err = await run(fakeCtx({ cwd: dir }), { notes: path.join(FIX, 'notes.csv'), controle }).catch((e) => e);
    expect(err.exitCode).toBe(3);
    expect(err.details.join('\n')).toMatch(/controle\.csv, ligne 2.*non autorisé aux épreuves de contrôle \(décision ADMIS/);
  });

  it('reports a refused contrôle note at its own row and column (circulaire Toulouse 2023 §V: U1, U21, U22, U3 only)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-delib-'));
    const controle = path.join(dir, 'controle.csv');
    fs.writeFileSync(controle, 'numero;unite;note\n02400006;U1;12\n02400006;U4;12\n');
    const err = await run(fakeCtx({ cwd: dir }), { notes: path.join(FIX, 'notes.csv'), controle }).catch((e) => e);
    expect(err.exitCode).toBe(3);
    expect(err.details.join('\n')).toContain('controle.csv, ligne 3, colonne « unite » : 02400006 : U4 n’est pas une unité des épreuves de contrôle (U1, U21, U22, U3)');
  });

  it('writes XLSX with numbers and a JSON detail on --json', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-delib-'));
    const ctx = fakeCtx({ cwd: dir });
    await run(ctx, { notes: path.join(FIX, 'notes.csv'), output: path.join(dir, 'pv.xlsx'), json: true });
    const json = JSON.parse(ctx.out());
    const leroy = json.results.find((r: { numero: string }) => r.numero === '02400009');
    expect(leroy).toMatchObject({ moyenne: '9,99', moyenneExacte: '2499/250', decision: 'AJOURNE' });
    const wb = new (loadExcelJS().Workbook)();
    await wb.xlsx.readFile(path.join(dir, 'pv.xlsx'));
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const row = (sheet.getRow(7).values as unknown[]).slice(1);
    const rec = Object.fromEntries(header.map((h, i) => [h, row[i]]));
    expect(rec).toMatchObject({ numero: '02400009', U1: 9.98, moyenne: 9.99, decision: 'AJOURNE' });
  });
});

const CANDS = [
  person('24001', 'MARTIN', 'Léa'),
  person('24002', 'DURAND', 'Zoé', { dispenses: ['U1'] }),
  person('24003', 'ABADIE', 'Jules', { benefices: [{ unite: 'U4', note: 1400, session: 2022 }] }),
];
const WIDE = 'numero;U1;U21;U22;U3;U4;U5;U61;U62\n';

function workspaceCase(rows: string, setup?: (db: Database.Database) => void) {
  const ws = sessionWorkspace(CANDS, setup);
  const notes = path.join(ws.dir, 'notes.csv');
  fs.writeFileSync(notes, WIDE + rows);
  const db = () => new Database(ws.file, { readonly: true });
  return { ...ws, notes, db };
}

describe('deliberate with a workspace', () => {
  it('takes identity, dispenses and bénéfices from the inscription and stores notes and results', async () => {
    const w = workspaceCase('24001;12;12;12;12;12;12;12;12\n24002;;10;10;10;10;10;10;10\n24003;9;9;9;9;;9;9;9\n');
    const ctx = fakeCtx({ cwd: w.dir });
    await run(ctx, { notes: w.notes });
    const pv = byNumero(pvOf(ctx.out()));
    expect(pv['24001']).toMatchObject({ nom: 'MARTIN', etablissement: 'Lycée Déodat de Séverac', decision: 'ADMIS' });
    expect(pv['24002']).toMatchObject({ U1: 'DIS', coefficients: '22', decision: 'ADMIS' });
    expect(pv['24003']).toMatchObject({ U4: 'BEN 14@2022', moyenne: '10,20', decision: 'ADMIS' });
    const db = w.db();
    const results = db.prepare('SELECT numero, decision, detail FROM results ORDER BY numero').all() as { numero: string; decision: string; detail: string }[];
    expect(results.map((r) => r.decision)).toEqual(['ADMIS', 'ADMIS', 'ADMIS']);
    expect(JSON.parse(results[2]!.detail)).toMatchObject({ moyenne: '10,20', moyenneExacte: '51/5', decision: 'ADMIS' });
    expect((db.prepare("SELECT count(*) n FROM notes WHERE numero = '24001'").get() as { n: number }).n).toBe(8);
    expect(db.prepare("SELECT command FROM audit_log WHERE command = 'deliberate'").all()).toHaveLength(1);
    db.close();
  });

  it('logs a changed note (old → new, source) and warns when it changes after a deliberation', async () => {
    const w = workspaceCase('24001;12;12;12;12;12;12;12;12\n');
    await run(fakeCtx({ cwd: w.dir }), { notes: w.notes });
    fs.writeFileSync(w.notes, WIDE + '24001;12;12;12;12;15;12;12;12\n');
    const ctx = fakeCtx({ cwd: w.dir });
    await run(ctx, { notes: w.notes });
    expect(ctx.err()).toContain('note modifiée après délibération — 24001 U4 : 12 → 15');
    const db = w.db();
    expect(db.prepare('SELECT numero, unite, old_value, new_value, source, motif FROM note_audit').all()).toEqual([
      { numero: '24001', unite: 'U4', old_value: '12', new_value: '15', source: 'notes.csv', motif: null },
    ]);
    db.close();
  });

  it('refuses a jury change on a unit dispensed or kept by bénéfice at inscription, against the jury file (exit 3)', async () => {
    const w = workspaceCase('24002;;10;10;10;10;10;10;10\n24003;9;9;9;9;;9;9;9\n');
    const jury = path.join(w.dir, 'jury.csv');
    fs.writeFileSync(jury, 'numero;unite;note;motif\n24002;U1;15;erreur\n24003;U4;8;erreur\n');
    const ctx = fakeCtx({ cwd: w.dir });
    const e = await run(ctx, { notes: w.notes, jury }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CcstError);
    expect((e as CcstError).exitCode).toBe(3);
    const details = (e as CcstError).details.join('\n');
    expect(details).toContain('jury.csv, ligne 2, colonne « note » : candidat dispensé de U1');
    expect(details).toContain('jury.csv, ligne 3, colonne « note » : bénéfice 14 en U4');
    const db = w.db();
    expect((db.prepare('SELECT count(*) n FROM results').get() as { n: number }).n).toBe(0);
    db.close();
  });

  it('records a jury change with its motif in note_audit', async () => {
    const w = workspaceCase('24001;12;12;12;12;9;12;12;12\n');
    const jury = path.join(w.dir, 'jury.csv');
    fs.writeFileSync(jury, 'numero;unite;note;motif\n24001;E4;10;harmonisation\n');
    await run(fakeCtx({ cwd: w.dir }), { notes: w.notes, jury });
    const db = w.db();
    expect(db.prepare("SELECT value, source FROM notes WHERE numero = '24001' AND unite = 'U4'").get()).toEqual({ value: '10', source: 'jury:jury.csv' });
    expect(db.prepare('SELECT old_value, new_value, motif FROM note_audit WHERE source LIKE ?').all('jury:%')).toEqual([{ old_value: '9', new_value: '10', motif: 'harmonisation' }]);
    db.close();
    // The same files deliberated again: nothing changes, nothing is logged, no warning.
    const again = fakeCtx({ cwd: w.dir });
    await run(again, { notes: w.notes, jury });
    expect(again.err()).not.toContain('modifiée après délibération');
    expect(again.err()).toContain('0 note(s) ajoutée(s), 0 modifiée(s)');
    const db2 = w.db();
    expect((db2.prepare('SELECT count(*) n FROM note_audit').get() as { n: number }).n).toBe(1);
    db2.close();
    // The notes file alone afterwards brings 9 back: logged and warned (the jury's note is overwritten).
    const without = fakeCtx({ cwd: w.dir });
    await run(without, { notes: w.notes });
    expect(without.err()).toContain('note modifiée après délibération — 24001 U4 : 10 → 9');
  });

  it('stores livrets examined, also for candidates of the workspace absent from this notes file', async () => {
    const w = workspaceCase('24001;7;7;7;7;7;7;7;7\n');
    const livrets = path.join(w.dir, 'livrets.csv');
    fs.writeFileSync(livrets, 'numero;examine\n24001;non\n24002;oui\n');
    const ctx = fakeCtx({ cwd: w.dir });
    await run(ctx, { notes: w.notes, livrets });
    expect(pvOf(ctx.out())[0]!.alertes).toMatch(/D643-26/);
    const db = w.db();
    expect(db.prepare('SELECT numero, supplied, examined FROM livrets ORDER BY numero').all()).toEqual([
      { numero: '24001', supplied: 1, examined: 0 },
      { numero: '24002', supplied: 1, examined: 1 },
    ]);
    db.close();
  });

  it.each([
    ['a note on a dispensed unit', '24002;12;10;10;10;10;10;10;10\n', /dispensé de U1/],
    ['DIS without a registered dispense', '24001;DIS;10;10;10;10;10;10;10\n', /n’en est pas dispensé/],
    ['a note where a bénéfice is registered', '24003;9;9;9;9;12;9;9;9\n', /bénéfice 14 en U4/],
    ['a candidate absent from the workspace', '99999;9;9;9;9;12;9;9;9\n', /absent du workspace/],
    ['DIS on U5, never dispensable (issue 11 finding 4)', '24001;12;12;12;12;12;DIS;12;12\n', /colonne « U5 » : DIS impossible en U5/],
    ['NV on U1, not under the contrôle de conformité (circulaire nationale 2024 §H)', '24001;NV;12;12;12;12;12;12;12\n', /colonne « U1 » : NV impossible en U1/],
  ])('exits 3 with nothing stored on %s', async (_name, rows, message) => {
    const w = workspaceCase(rows);
    const err = await run(fakeCtx({ cwd: w.dir }), { notes: w.notes }).catch((e) => e);
    expect(err.exitCode).toBe(3);
    expect(err.details.join('\n')).toMatch(message);
    const db = w.db();
    expect((db.prepare('SELECT count(*) n FROM notes').get() as { n: number }).n).toBe(0);
    expect((db.prepare('SELECT count(*) n FROM results').get() as { n: number }).n).toBe(0);
    db.close();
  });

  it('never lets a notes file replace an NV set by the contrôle de conformité', async () => {
    const w = workspaceCase('24001;12;12;12;12;12;12;12;12\n', (db) => {
      db.prepare("INSERT INTO notes VALUES ('24001', 'U4', 'NV', 'conformite:dossiers.csv', '2024-03-01')").run();
    });
    const err = await run(fakeCtx({ cwd: w.dir }), { notes: w.notes }).catch((e) => e);
    expect(err.exitCode).toBe(3);
    expect(err.details.join('\n')).toMatch(/notes\.csv, ligne 2, colonne « U4 » : U4 : NV enregistré par le contrôle de conformité/);
    // Without a U4 note in the file, the stored NV eliminates.
    fs.writeFileSync(w.notes, WIDE + '24001;12;12;12;12;;12;12;12\n');
    const ctx = fakeCtx({ cwd: w.dir });
    await run(ctx, { notes: w.notes });
    expect(pvOf(ctx.out())[0]).toMatchObject({ U4: 'NV', decision: 'ELIMINE', motif: 'NV en U4' });
  });

  it('stores nothing with --dry-run', async () => {
    const w = workspaceCase('24001;12;12;12;12;12;12;12;12\n');
    const ctx = fakeCtx({ cwd: w.dir });
    await run(ctx, { notes: w.notes, dryRun: true });
    expect(ctx.err()).toContain('--dry-run');
    const db = w.db();
    expect((db.prepare('SELECT count(*) n FROM notes').get() as { n: number }).n).toBe(0);
    db.close();
  });
});
