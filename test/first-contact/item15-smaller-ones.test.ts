// Issue #10 item 15 — the smaller ones, each on the built CLI: date forms for --date-limite, --skip-invalid's exit
// code, one --centre check, one JSON error shape, RFC 4180 decimal points, no ANSI codes in a redirected stdout,
// « note modifiée après délibération » summarised, conformity headers, a command group without subcommand, and
// the test run's temporary files confined to one folder.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { loadExcelJS } from '../../src/io/exceljs-loader.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO, ccst } from '../helpers/cli.js';
import { RUN_PREFIX } from '../setup/private-tmp.js';
import { privateDir, writeCsv } from './helpers.js';

const tmp = privateDir('item15');
const fixture = (name: string) => path.join(REPO, 'fixtures', 'toulouse-2023', name);
let dir = '';

beforeAll(() => {
  // The circular's Toulouse 2023 session: candidates, centres, assignment, a first deliberation.
  dir = tmp();
  const steps = [
    ['init', '--session', '2023', '--academie', 'TOULOUSE'],
    ['calendar', 'import', path.join(REPO, 'fixtures', 'calendrier-toulouse-2023.csv')],
    ['import', fixture('candidats.csv')],
    ['centres', 'import', fixture('centres.csv')],
    ['assign-centres'],
    ['deliberate', fixture('notes.csv'), '-o', 'pv.csv'],
  ];
  for (const s of steps) {
    const r = ccst(s, { cwd: dir });
    if (r.status !== 0) throw new Error(`${s.join(' ')} : ${r.stderr}`);
  }
}, 180_000);

describe('#10 item 15: --date-limite takes the date forms of the imports', () => {
  it.each([['08/03/2023'], ['2023-03-08'], ['mercredi 8 mars 2023']])('%s', (date) => {
    const r = ccst(['conformity', fixture('dossiers.csv'), '--date-limite', date, '--dry-run'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('--date-limite');
  });

  it('an impossible date is a usage error naming the flag', () => {
    const r = ccst(['conformity', fixture('dossiers.csv'), '--date-limite', '31/02/2023', '--dry-run'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--date-limite : date invalide « 31/02/2023 »');
  });
});

describe('#10 item 15: --skip-invalid exits 3 when rows were rejected (README « Codes de sortie »)', () => {
  it('valid rows imported, exit 3, the count said', () => {
    const d = tmp();
    expect(ccst(['init', '--session', '2024', '--academie', 'TOULOUSE'], { cwd: d }).status).toBe(0);
    const file = writeCsv(d, 'c.csv', ['N° candidat;Nom;Voie;UAI', '2431000101;MARTIN;scolaire public;0310028M', '2431000102;DURAND;voie inconnue;0310028M']);
    const r = ccst(['import', file, '--skip-invalid'], { cwd: d });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('1 ligne(s) écartée(s) (--skip-invalid) : les 1 autre(s) sont importées.');
    expect(JSON.parse(ccst(['status', '--json'], { cwd: d }).stdout).candidates).toBe(1);
    expect(fs.readFileSync(path.join(REPO, 'README.md'), 'utf8')).toMatch(/\| 3 \|[^\n]*--skip-invalid/);
  });
});

describe('#10 item 15: an unknown --centre is the same usage error everywhere', () => {
  it.each([
    [['grids', '--epreuve', 'E4', '--centre', '0999999Z']],
    [['lists', '--centre', '0999999Z']],
    [['convocations', '--centre', '0999999Z']],
    [['bordereaux', '--epreuve', 'E4', '--centre', '0999999Z']],
  ])('%j', (args) => {
    const r = ccst(args, { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Erreur : centre inconnu : 0999999Z');
    expect(r.stderr).toContain('Centres du workspace : 0120024L');
  });
});

describe('#10 item 15: --json errors have one shape (one JSON line on stderr, README « Sortie JSON »)', () => {
  it.each([
    [['status', '--json'], 'NO_WORKSPACE', 2, false],
    [['import', 'absent.csv', '--json'], 'ENVIRONMENT', 2, false], // a missing input file: exit 2 (#9 item 4)
    [['assign-centres', '--json', '--bogus'], 'UNKNOWN_OPTION', 2, false],
    [['candidates', 'export', '--json', '--csv-format', 'tsv'], 'INVALID_OPTION_VALUE', 2, false],
    [['grids', '--epreuve', 'E4', '--centre', '0999999Z', '--json'], 'UNKNOWN_OPTION', 2, true],
    [['deliberate', 'absent.csv', '--json'], 'ENVIRONMENT', 2, true],
    [['schedule-orals', '--commissions', 'abc', '--json'], 'USAGE', 2, true],
  ] as const)('%j', (args, code, exit, inWorkspace) => {
    const r = ccst([...args], { cwd: inWorkspace ? dir : tmp() });
    expect(r.status).toBe(exit);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    const e = JSON.parse(lines[lines.length - 1]!);
    expect(Object.keys(e)).toEqual(['error']);
    expect(e.error).toMatchObject({ code, exitCode: exit });
    expect(typeof e.error.message).toBe('string');
    expect(Array.isArray(e.error.details)).toBe(true);
    expect(e.error.message).not.toMatch(/^Erreur/);
  });
});

describe('#10 item 15: --csv-format rfc4180 writes decimal points', () => {
  it('the PV: notes and averages as 12.5, not 12,5', () => {
    const r = ccst(['deliberate', path.join(REPO, 'fixtures', 'deliberation', 'notes.csv'), '--csv-format', 'rfc4180'], { cwd: tmp() });
    expect(r.status, r.stderr).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    const numeric = rows.flatMap((row) => [row.moyenne_generale, row.U1, row.points]).filter((v): v is string => Boolean(v) && /\d/.test(v!));
    expect(numeric.length).toBeGreaterThan(5);
    expect(numeric.some((v) => v.includes('.'))).toBe(true);
    for (const v of numeric) expect(v).not.toMatch(/^\d+,\d+$/);
    // excel-fr keeps the decimal comma.
    const fr = ccst(['deliberate', path.join(REPO, 'fixtures', 'deliberation', 'notes.csv')], { cwd: tmp() });
    expect(fr.stdout).toMatch(/;\d+,\d+;/);
  });
});

describe('#10 item 15: no ANSI codes in a redirected stdout', () => {
  it('`ccst status > f.txt` from a terminal writes plain text', () => {
    const out = path.join(dir, 'status.txt');
    const command = `'${process.execPath}' '${BIN}' status > '${out}'`;
    const env: Record<string, string | undefined> = { ...process.env, TERM: 'xterm-256color' };
    delete env.NO_COLOR;
    delete env.CI;
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, env, encoding: 'utf8' });
    expect(r.status, r.stdout).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toContain('Workspace');
    expect(text).not.toContain('\x1b[');
  });
});

describe('#10 item 15: « note modifiée après délibération » summarised, the full list in a file', () => {
  it('170 changed notes: one line with the count, the list in notes-modifiees-apres-deliberation.csv', () => {
    const lines = fs.readFileSync(fixture('notes.csv'), 'utf8').split(/\r?\n/);
    // Every numeric U1 note becomes 19,75 (none is already): one change per candidate with a U1 note.
    const changed = lines.map((l, i) => (i === 0 || !l ? l : l.replace(/^([^;]*);(\d+(?:,\d+)?);/, (_m, n: string) => `${n};19,75;`)));
    const count = changed.filter((l, i) => i > 0 && l.includes(';19,75;')).length;
    expect(count).toBeGreaterThan(10);
    fs.writeFileSync(path.join(dir, 'notes-bis.csv'), changed.join('\n'));
    const r = ccst(['deliberate', 'notes-bis.csv', '-o', 'pv-bis.csv'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr.match(/note modifiée après délibération —/g) ?? []).toHaveLength(0);
    expect(r.stderr).toContain(`Attention : ${count} note(s) modifiée(s) après délibération (${count} candidat(s) ; unités U1)`);
    const list = parse(fs.readFileSync(path.join(dir, 'notes-modifiees-apres-deliberation.csv'), 'utf8'), { delimiter: ';', columns: true, bom: true }) as Record<string, string>[];
    expect(list).toHaveLength(count);
    expect(list[0]).toMatchObject({ unite: 'U1', apres: '19,75' });
  });
});

describe('#10 item 15: conformity headers', () => {
  it('« Nombre de semaines de stage » is the semaines_stage column; an unknown header is reported as ignored', () => {
    const src = fs.readFileSync(fixture('dossiers.csv'), 'utf8').split(/\r?\n/);
    const header = src[0]!.replace('semaines_stage', 'Nombre de semaines de stage').replace(/;autre$/, ';autre;Commentaire du SIEC');
    const file = path.join(dir, 'dossiers-office.csv');
    fs.writeFileSync(file, [header, ...src.slice(1).filter(Boolean).map((l) => `${l};`)].join('\n'));
    const a = ccst(['conformity', file, '--dry-run'], { cwd: dir });
    const b = ccst(['conformity', fixture('dossiers.csv'), '--dry-run'], { cwd: dir });
    expect(a.status, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stderr).toContain('1 colonne(s) non reconnue(s), ignorée(s) : « Commentaire du SIEC »');
    expect(b.stderr).not.toContain('ignorée(s)');
  });
});

describe('#10 item 15: a filled bordereau XLSX is read back by deliberate', () => {
  it('every sheet (one per centre or commission) of `ccst bordereaux -o E4.xlsx`, notes stored for E4', async () => {
    const b = ccst(['bordereaux', '--epreuve', 'E4', '--blank', '-o', 'E4.xlsx'], { cwd: dir });
    expect(b.status, b.stderr).toBe(0);
    const wb = new (loadExcelJS().Workbook)();
    await wb.xlsx.readFile(path.join(dir, 'E4.xlsx'));
    expect(wb.worksheets.length).toBeGreaterThan(1);
    // The commission fills the note column: 13,5 for everyone, as a number (Excel) — NV rows stay NV.
    const filled = new Map<string, number | string>();
    for (const ws of wb.worksheets) {
      const header = (ws.getRow(4).values as unknown[]).map(String);
      const [numeroCol, noteCol] = [header.indexOf('numero'), header.indexOf('note')];
      ws.eachRow((row, n) => {
        if (n <= 4) return;
        const numero = String(row.getCell(numeroCol).value);
        const note = row.getCell(noteCol).value === 'NV' ? 'NV' : 13.5;
        row.getCell(noteCol).value = note;
        filled.set(numero, note);
      });
    }
    await wb.xlsx.writeFile(path.join(dir, 'E4-rempli.xlsx'));
    // Notes change after this workspace's earlier deliberation: the list of them, written by that run, is replaced
    // (--force, the output rule of issue #9 item 10).
    const r = ccst(['deliberate', 'E4-rempli.xlsx', '--json', '-o', 'pv-e4.csv', '--force'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const results = JSON.parse(r.stdout).results as { numero: string; notes?: unknown }[];
    expect(results.length).toBe(filled.size);
    const e4 = JSON.stringify(results.find((x) => filled.get(x.numero) === 13.5));
    expect(e4).toContain('13,5');
  });
});

describe('#10 item 15: the bordereau as ccst writes it (notes from the workspace) reads back whole', () => {
  it('all its sheets, as many candidates as rows', async () => {
    expect(ccst(['bordereaux', '--epreuve', 'E4', '-o', 'E4-notes.xlsx'], { cwd: dir }).status).toBe(0);
    const wb = new (loadExcelJS().Workbook)();
    await wb.xlsx.readFile(path.join(dir, 'E4-notes.xlsx'));
    const rows = wb.worksheets.reduce((n, ws) => n + ws.rowCount - 4, 0);
    const r = ccst(['deliberate', 'E4-notes.xlsx', '--dry-run', '--json', '-o', 'pv-e4n.csv'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).results).toHaveLength(rows);
  });
});

describe('#10 item 15: a command group without its subcommand', () => {
  it.each([['candidates'], ['calendar'], ['controle']])('ccst %s shows its help and exits 2', (group) => {
    const r = ccst([group], { cwd: tmp() });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`Utilisation : ccst ${group} [options] [commande]`);
  });
});

describe('#10 item 15: npm test leaves nothing in /tmp', () => {
  it('the run writes its temporary files in one private folder, removed at the end (test/setup/private-tmp.ts)', () => {
    expect(path.basename(os.tmpdir())).toMatch(new RegExp(`^${RUN_PREFIX}`));
    expect(fs.statSync(os.tmpdir()).isDirectory()).toBe(true);
    // The CLIs the tests spawn inherit it.
    const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("node:os").tmpdir())'], { encoding: 'utf8' });
    expect(r.stdout).toBe(os.tmpdir());
  });
});
