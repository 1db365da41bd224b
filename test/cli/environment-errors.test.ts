// Issue #9 item 4: the environment's errors are the user's — a folder given as input, a missing or unreadable input,
// an output into a folder without write permission or onto a directory, a full disk (a file-size limit), a workspace
// locked by another command (in every command, not only import), a valid zip whose sheet XML is broken. Each is a
// French message naming the path and what to do, exit 2 (3 for the broken workbook); never « Erreur inattendue »,
// never a stack trace.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { environmentError } from '../../src/cli/environment-errors.js';
import { BIN, ccst, REPO } from '../helpers/cli.js';
import { unprivileged } from '../helpers/unprivileged.js';
import { sessionWorkspace } from '../helpers/documents-workspace.js';
import { loadExcelJS } from '../../src/io/exceljs-loader.js';

const NOTES = path.join(REPO, 'fixtures', 'deliberation', 'notes.csv');
const ENV = { ...process.env, CI: 'true', NO_COLOR: '1', CCST_WORKSPACE: '' };

function expectUserError(r: { status: number | null; stderr: string }, status: number, ...texts: string[]) {
  for (const t of texts) expect(r.stderr).toContain(t);
  expect(r.stderr).not.toMatch(/Erreur inattendue|\n\s+at .+:\d+:\d+\)?\n|node:internal/);
  expect(r.status).toBe(status);
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-env-'));

describe('#9 item 4: environment errors on inputs', () => {
  it('a folder given as input (EISDIR): exit 2 naming it, for import and deliberate', () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'notes.csv'));
    for (const args of [['import', 'notes.csv', '--dry-run'], ['deliberate', 'notes.csv']]) {
      expectUserError(ccst(args, { cwd: dir }), 2, `fichier d’entrée ${path.join(dir, 'notes.csv')} est un dossier`);
    }
  });

  it('a missing input (ENOENT): exit 2 naming the full path and what to check', () => {
    const dir = tmp();
    expectUserError(ccst(['deliberate', 'absent.csv'], { cwd: dir }), 2, `introuvable : fichier d’entrée ${path.join(dir, 'absent.csv')}`, 'Vérifiez le chemin');
  });

  it('an unreadable input (EACCES): exit 2 « lecture refusée »', () => {
    const dir = tmp();
    fs.copyFileSync(NOTES, path.join(dir, 'notes.csv'));
    fs.chmodSync(path.join(dir, 'notes.csv'), 0o000);
    expectUserError(unprivileged(['deliberate', 'notes.csv'], dir), 2, `lecture refusée : fichier d’entrée ${path.join(dir, 'notes.csv')}`);
  });

  it('a valid zip with broken sheet XML: exit 3 naming the file and the sheet', async () => {
    const dir = tmp();
    const ExcelJS = loadExcelJS();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Notes');
    ws.addRow(['numero', 'nom', 'U1']);
    for (let i = 0; i < 50; i++) ws.addRow([`0240${1000 + i}`, `NOM${i}`, 12]);
    const good = path.join(dir, 'good.xlsx');
    await wb.xlsx.writeFile(good);
    // Re-zip with the sheet's XML cut by an unmatched closing tag (python's zipfile: the zip itself stays valid).
    const py = `import zipfile
zin=zipfile.ZipFile('good.xlsx'); zout=zipfile.ZipFile('broken.xlsx','w',zipfile.ZIP_DEFLATED)
for it in zin.infolist():
    d=zin.read(it.filename)
    if 'worksheets/sheet' in it.filename: d=d[:len(d)//2]+b'</c></row></x>'+d[len(d)//2:]
    zout.writestr(it,d)
zout.close()`;
    expect(spawnSync('python3', ['-c', py], { cwd: dir }).status).toBe(0);
    for (const args of [['deliberate', 'broken.xlsx'], ['import', 'broken.xlsx', '--dry-run']]) {
      expectUserError(ccst(args, { cwd: dir }), 3, 'broken.xlsx : la feuille « Notes » est endommagée (XML illisible');
    }
  });
});

describe('#9 item 4: environment errors on outputs', () => {
  it('an output into a folder without write permission: exit 2 naming the output, not a temp file', () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'ro'), { mode: 0o500 });
    const r = unprivileged(['deliberate', NOTES, '-o', 'ro/pv.csv'], dir);
    expectUserError(r, 2, `écriture refusée : sortie ${path.join(dir, 'ro', 'pv.csv')}`);
    expect(r.stderr).not.toContain('.tmp');
  });

  it('an output that is a directory: exit 2', () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'pv.csv'));
    expectUserError(ccst(['deliberate', NOTES, '-o', 'pv.csv'], { cwd: dir }), 2, `sortie ${path.join(dir, 'pv.csv')} est un dossier`);
  });

  it('the disk full while writing (a file-size limit: EFBIG): exit 2, no temp file left', () => {
    const s = sessionWorkspace();
    const r = spawnSync('bash', ['-c', `ulimit -f 1; exec "${process.execPath}" "${BIN}" candidates export --workspace ccst.db -o big.json`], { cwd: s.dir, env: ENV });
    // A 1 KiB limit: the export of five candidates in JSON is larger.
    expectUserError({ status: r.status, stderr: r.stderr.toString() }, 2, `disque plein ou taille de fichier limitée (EFBIG) en écrivant sortie ${path.join(s.dir, 'big.json')}`);
    expect(fs.readdirSync(s.dir).filter((f) => f !== 'ccst.db')).toEqual([]);
  });
});

describe('#9 item 4: a busy workspace, in every command', () => {
  it('another process holding the workspace: « workspace occupé », exit 2, for reading and writing commands', async () => {
    const s = sessionWorkspace();
    const lock = new Database(s.file);
    lock.exec('BEGIN EXCLUSIVE');
    try {
      const commands = [['status'], ['candidates', 'export', '-o', 'c.csv'], ['deliberate', NOTES, '--dry-run']];
      const runs = commands.map((args) => new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, ...args, '--workspace', s.file], { cwd: s.dir, env: ENV });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (status) => resolve({ status, stderr }));
      }));
      for (const r of await Promise.all(runs)) {
        expectUserError(r, 2, `workspace occupé : ${s.file} est utilisé par une autre commande ccst`, 'relancez');
      }
    } finally {
      lock.exec('ROLLBACK');
      lock.close();
    }
  }, 30_000);
});

describe('#9 item 4: the mapping (one module)', () => {
  const table: [string, Error, RegExp][] = [
    ['EACCES on a write', Object.assign(new Error('x'), { code: 'EACCES', path: '/a/b.pdf', syscall: 'rename' }), /^écriture refusée : sortie \/a\/b\.pdf/],
    ['EPERM on a read', Object.assign(new Error('x'), { code: 'EPERM', path: '/a/b.csv', syscall: 'read' }), /^lecture refusée : fichier d’entrée \/a\/b\.csv/],
    ['ENOSPC', Object.assign(new Error('x'), { code: 'ENOSPC', path: '/a/pv.xlsx', syscall: 'write' }), /^disque plein .* \/a\/pv\.xlsx/],
    ['EROFS', Object.assign(new Error('x'), { code: 'EROFS', path: '/mnt/cd/pv.csv', syscall: 'open' }), /^système de fichiers en lecture seule : \/mnt\/cd\/pv\.csv/],
    ['ENOTDIR', Object.assign(new Error('x'), { code: 'ENOTDIR', path: '/a/f.csv/x', syscall: 'open' }), /un élément du chemin n’est pas un dossier/],
    ['readonly database', Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY', name: 'SqliteError' }), /^workspace en lecture seule/],
    ['database is locked', Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY', name: 'SqliteError' }), /^workspace occupé/],
    ['locked, text only (another engine)', new Error('database is locked'), /^workspace occupé/],
  ];
  it.each(table)('%s', (_name, e, message) => {
    const user = environmentError(e);
    expect(user?.message).toMatch(message);
    expect(user?.exitCode).toBe(2);
    expect(user?.details.length).toBeGreaterThan(0);
  });

  it('a bug stays a bug', () => {
    expect(environmentError(new TypeError('x is undefined'))).toBeUndefined();
  });
});
