// Issue #13 §3, §4 (bordereaux of lots), §6 end to end on the built CLI, on the Toulouse 2023 session
// (fixtures/toulouse-2023, invented examiners): copies anonymise E5 (numbers unique, not monotone in numéro nor name,
// stable, counts only), copies lots (no correcteur has a copy of their own établissement, balanced, stable, shortage →
// exit 4 and nothing stored), copies bordereaux (PDF read back with pdfjs, XLSX with exceljs: anonymity numbers only),
// copies correspondance (only with --lever-anonymat, audited). Only the CLI writes, so the file runs on either engine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ccst, REPO } from '../helpers/cli.js';
import { workspaceFor } from '../helpers/engine.js';
import { pdfText } from '../helpers/pdf-text.js';
import { loadExcelJS } from '../../src/io/exceljs-loader.js';
import { auditLog, openWorkspace } from '../../src/store/workspace.js';

const FIX = path.join(REPO, 'fixtures');
const T = path.join(FIX, 'toulouse-2023');
let dir: string;
const run = (args: string[]) => ccst(args, { cwd: dir });
const ok = (args: string[]) => {
  const r = run(args);
  expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
};

interface Row { anonymat: string; numero: string; nom: string; prenom: string; etablissement_uai: string; lot: string }
/** The correspondence table as the office exports it (CSV excel-fr: BOM, « ; »). */
function correspondence(file = 'corr.csv'): Row[] {
  ok(['copies', 'correspondance', '--epreuve', 'E5', '-o', file, '--lever-anonymat', '--force']);
  const [head, ...lines] = fs.readFileSync(path.join(dir, file), 'utf8').replace(/^\uFEFF/, '').trimEnd().split(/\r?\n/);
  const cols = head!.split(';');
  return lines.map((l) => Object.fromEntries(l.split(';').map((v, i) => [cols[i], v])) as unknown as Row);
}
interface JsonLot { lot: string; epreuve: string; academie: string; correcteur: { nom: string; prenom: string; email: string }; count: number; anonymats: string[]; kept: boolean }
const examinerEtab = new Map(fs.readFileSync(path.join(T, 'examinateurs.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(';')).map((c) => [c[2]!, c[4]!]));

let first: Row[];
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-copies-'));
  for (const args of [
    ['init', '--session', '2023', '--academie', 'TOULOUSE'],
    ['calendar', 'import', path.join(FIX, 'calendrier-toulouse-2023.csv')],
    ['import', path.join(T, 'candidats.csv')],
    ['centres', 'import', path.join(T, 'centres.csv')],
    ['assign-centres'],
    ['examiners', 'import', path.join(T, 'examinateurs.csv')],
  ]) ok(args);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('ccst copies anonymise', () => {
  it('refuses an oral or unknown épreuve (exit 2, in French) and a missing --epreuve', () => {
    const r = run(['copies', 'anonymise', '--epreuve', 'E4']);
    expect([r.status, r.stderr]).toEqual([2, 'Erreur : --epreuve E4 : E4 n’est pas une épreuve écrite ; seules les copies des épreuves écrites ponctuelles sont anonymées (E1, E21, E3, E5)\n']);
    expect(run(['copies', 'anonymise', '--epreuve', 'E9']).status).toBe(2);
    expect(run(['copies', 'anonymise']).stderr).toContain('--epreuve est obligatoire');
  });

  it('--dry-run counts and stores nothing', () => {
    const r = ok(['copies', 'anonymise', '--epreuve', 'E5', '--dry-run', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ epreuve: 'E5', dryRun: true, present: 170, kept: 0, created: 170 });
    expect(run(['copies', 'lots', '--epreuve', 'E5', '--size', '35']).stderr).toContain('aucune copie anonymée');
  });

  it('every present candidate gets a number: unique, 8 digits and a check letter, not monotone in numéro nor name', () => {
    const r = ok(['copies', 'anonymise', '--epreuve', 'E5', '--json']);
    expect(JSON.parse(r.stdout)).toEqual({ epreuve: 'E5', dryRun: false, present: 170, kept: 0, created: 170, retired: 0, unplaced: 0, stale: 0 });
    expect(r.stderr).toBe('E5 : 170 copie(s) anonymée(s) — 0 numéro(s) conservé(s), 170 créé(s).\n');
    first = correspondence();
    expect(first).toHaveLength(170);
    expect(new Set(first.map((x) => x.anonymat)).size).toBe(170);
    for (const x of first) expect(x.anonymat).toMatch(/^\d{8}[A-HJ-NP-Z]$/);
    const monotone = (by: (x: Row) => string) => {
      const seq = [...first].sort((a, b) => by(a).localeCompare(by(b)) || a.numero.localeCompare(b.numero)).map((x) => x.anonymat);
      const up = seq.every((a, i) => i === 0 || seq[i - 1]! <= a);
      const down = seq.every((a, i) => i === 0 || seq[i - 1]! >= a);
      return up || down;
    };
    expect(monotone((x) => x.numero)).toBe(false);
    expect(monotone((x) => `${x.nom} ${x.prenom}`)).toBe(false);
  });

  it('a re-run keeps every number', () => {
    const r = ok(['copies', 'anonymise', '--epreuve', 'E5', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ kept: 170, created: 0 });
    expect(correspondence()).toEqual(first);
  });
});

describe('ccst copies correspondance', () => {
  it('without --lever-anonymat: exit 2, the reason, no file', () => {
    const r = run(['copies', 'correspondance', '--epreuve', 'E5', '-o', 'sans-flag.csv']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('la table de correspondance lève l’anonymat des copies : ajoutez --lever-anonymat');
    expect(fs.existsSync(path.join(dir, 'sans-flag.csv'))).toBe(false);
    expect(run(['copies', 'correspondance', '--epreuve', 'E5', '-o', '-', '--lever-anonymat']).status).toBe(2);
  });

  it('each export is in the audit log: who, when, épreuve, file', async () => {
    correspondence('audit.csv');
    const ws = await openWorkspace(workspaceFor(dir));
    try {
      const last = (await auditLog(ws.db)).at(-1)!;
      expect(last.command).toBe('copies correspondance');
      expect(last.agent).toBeTruthy();
      expect(JSON.parse(last.detail)).toMatchObject({ epreuve: 'E5', file: path.join(fs.realpathSync(dir), 'audit.csv'), copies: 170 });
    } finally {
      await ws.close();
    }
  });
});

describe('ccst copies lots', () => {
  let lots: JsonLot[];
  it('lots of at most 35, one qualified correcteur each, never a copy of their établissement, balanced', () => {
    const r = ok(['copies', 'lots', '--epreuve', 'E5', '--size', '35', '--json']);
    lots = JSON.parse(r.stdout).lots;
    expect(lots.flatMap((l) => l.anonymats).sort()).toEqual(first.map((x) => x.anonymat).sort());
    const etabOf = new Map(first.map((x) => [x.anonymat, x.etablissement_uai]));
    for (const l of lots) {
      expect(l.count).toBe(l.anonymats.length);
      expect(l.count).toBeLessThanOrEqual(35);
      expect(l.anonymats.filter((a) => etabOf.get(a) === examinerEtab.get(l.correcteur.email))).toEqual([]);
    }
    const load = new Map<string, number>();
    for (const l of lots) load.set(l.correcteur.email, (load.get(l.correcteur.email) ?? 0) + l.count);
    expect(Math.max(...load.values()) - Math.min(...load.values())).toBeLessThanOrEqual(35);
  });

  it('--json never holds a candidate’s numéro or name', () => {
    const out = ok(['copies', 'lots', '--epreuve', 'E5', '--size', '35', '--json']).stdout;
    for (const x of first) {
      expect(out).not.toContain(x.numero);
      expect(out).not.toContain(`"${x.nom}"`);
      expect(out.includes(x.nom) && x.nom.length > 3).toBe(false);
    }
  });

  it('a re-run keeps the lots; a late copy goes to a new lot', () => {
    const again: JsonLot[] = JSON.parse(ok(['copies', 'lots', '--epreuve', 'E5', '--size', '35', '--json']).stdout).lots;
    expect(again.map((l) => [l.lot, l.correcteur.email, l.anonymats, l.kept])).toEqual(lots.map((l) => [l.lot, l.correcteur.email, l.anonymats, true]));
    // A late registration: imported, placed, anonymised, shared out.
    const [head, row] = fs.readFileSync(path.join(T, 'candidats.csv'), 'utf8').split('\n');
    fs.writeFileSync(path.join(dir, 'tardif.csv'), `${head}\n${row!.replace(/^0231000001;MERCIER;Élodie/, '0231000999;TARDIEU;Léa')}\n`);
    ok(['import', 'tardif.csv']);
    ok(['assign-centres']);
    expect(JSON.parse(ok(['copies', 'anonymise', '--epreuve', 'E5', '--json']).stdout)).toMatchObject({ present: 171, kept: 170, created: 1 });
    const after: JsonLot[] = JSON.parse(ok(['copies', 'lots', '--epreuve', 'E5', '--size', '35', '--json']).stdout).lots;
    expect(after.slice(0, lots.length).map((l) => [l.lot, l.anonymats])).toEqual(lots.map((l) => [l.lot, l.anonymats]));
    expect(after.slice(lots.length).map((l) => [l.lot, l.count, l.kept])).toEqual([[`E5-0${lots.length + 1}`, 1, false]]);
    expect(examinerEtab.get(after.at(-1)!.correcteur.email)).not.toBe('0121371A'); // the late candidate's établissement
  });

  it('a shortage of correcteurs: exact report, exit 4, nothing stored', () => {
    ok(['copies', 'anonymise', '--epreuve', 'E3']);
    const r = run(['copies', 'lots', '--epreuve', 'E3', '--size', '35']);
    expect(r.status).toBe(4);
    // 2 CEJM correcteurs with max_copies 80 (examinateurs.csv) for 171 copies: at least 11 left, in whole lots.
    const m = /Erreur : lots de E3 impossibles : (\d+) copie\(s\) sans correcteur ; rien n’a été enregistré\n {2}académie TOULOUSE : (\d+) copie\(s\) sans correcteur \(lots (E3-\d\d(?:, E3-\d\d)*)\) — plus de correcteur qualifié disponible/.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    expect(Number(m![1])).toBe(Number(m![2]));
    expect(Number(m![1])).toBeGreaterThanOrEqual(11);
    expect(run(['copies', 'bordereaux', '--epreuve', 'E3']).stderr).toContain('E3 : aucun lot');
  });
});

describe('ccst copies bordereaux', () => {
  let lots: JsonLot[];
  beforeAll(() => {
    lots = JSON.parse(ok(['copies', 'lots', '--epreuve', 'E5', '--size', '35', '--json', '--dry-run']).stdout).lots;
    ok(['copies', 'bordereaux', '--epreuve', 'E5', '-o', 'bx/']);
  });

  it('one PDF and one XLSX per lot; existing files replaced only with --force', () => {
    expect(fs.readdirSync(path.join(dir, 'bx')).sort()).toEqual(lots.flatMap((l) => [`${l.lot}.pdf`, `${l.lot}.xlsx`]).sort());
    expect(run(['copies', 'bordereaux', '--epreuve', 'E5', '-o', 'bx/']).status).toBe(2);
    ok(['copies', 'bordereaux', '--epreuve', 'E5', '-o', 'bx/', '--lot', lots[0]!.lot, '--force']);
    expect(run(['copies', 'bordereaux', '--epreuve', 'E5', '-o', 'bx/', '--lot', 'E5-99']).status).toBe(2);
  });

  it('the PDF: épreuve, session, lot, correcteur, every anonymity number — no numéro, no name of a candidate', async () => {
    const names = first.map((x) => x.nom).filter((n) => n.length > 3);
    for (const l of lots) {
      const text = (await pdfText(fs.readFileSync(path.join(dir, 'bx', `${l.lot}.pdf`)))).flat;
      for (const s of ['BORDEREAU DE NOTATION — COPIES ANONYMES', 'SESSION 2023', `Lot : ${l.lot}`, `${l.correcteur.nom} ${l.correcteur.prenom}`, 'E5 — Management', `Nombre de copies : ${l.count}`, 'Signature']) expect(text).toContain(s);
      for (const a of l.anonymats) expect(text).toContain(a);
      for (const x of first) expect(text).not.toContain(x.numero);
      for (const n of names) expect(text).not.toContain(n);
    }
  });

  it('the XLSX: a sheet named after the lot, the title block, then lot/anonymat/note/observation, notes validated and open', async () => {
    const ExcelJS = loadExcelJS();
    for (const l of lots) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(dir, 'bx', `${l.lot}.xlsx`));
      expect(wb.worksheets.map((s) => s.name)).toEqual([l.lot]);
      const ws = wb.worksheets[0]!;
      const values: string[][] = [];
      ws.eachRow({ includeEmpty: true }, (row) => values.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
      const h = values.findIndex((r) => r.join('|') === 'lot|anonymat|note|observation');
      expect(h).toBeGreaterThan(0);
      const title = values.slice(0, h).map((r) => r[0]).join('\n');
      for (const s of ['session 2023', 'Épreuve : E5', `Lot : ${l.lot}`, `Correcteur : ${l.correcteur.nom} ${l.correcteur.prenom} <${l.correcteur.email}>`, 'saisir la note sur 20 (ex. 12,5) ou un code ABS / ABJ'.replace('saisir', 'Saisir')]) expect(title).toContain(s);
      expect(values.slice(h + 1)).toEqual(l.anonymats.map((a) => [l.lot, a]));
      const r = h + 2;
      expect(ws.getCell(r, 3).dataValidation).toMatchObject({ type: 'custom', formulae: [`OR(AND(ISNUMBER(C${r}),C${r}>=0,C${r}<=20),C${r}="ABS",C${r}="ABJ")`] });
      expect(ws.getCell(r, 3).protection).toMatchObject({ locked: false });
      expect(ws.getCell(r, 4).protection).toMatchObject({ locked: false });
      expect(ws.getCell(r, 2).protection?.locked).not.toBe(false);
      expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
      const all = values.flat().join(' ');
      for (const x of first) expect(all).not.toContain(x.numero);
    }
  });
});
