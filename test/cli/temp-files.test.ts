// Issue #9 item 7: temp files. Every temp file is 0600 from its first byte; ours are removed on Ctrl-C/SIGTERM
// (commit-last.test.ts kills deliberate while its XLSX temp file is written); those of dead processes (the pid is in
// the name) are removed by the next run; the XLSX library's temp files go to our own folder, removed with it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, REPO } from '../helpers/cli.js';
import { person, sessionWorkspace } from '../helpers/documents-workspace.js';
import { processGone, sweepStaleTemps, useProcessTempDir } from '../../src/io/temp-files.js';

const ENV = { ...process.env, CI: 'true', NO_COLOR: '1', CCST_WORKSPACE: '' };
const NOTES = path.join(REPO, 'fixtures', 'deliberation', 'notes.csv');
const mode = (f: string) => fs.statSync(f).mode & 0o777;
/** A pid that existed and is now gone. */
const deadPid = () => spawnSync('true').pid!;
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-tmp-'));

describe('#9 item 7: temp files', () => {
  const savedTmpdir = process.env.TMPDIR;
  afterEach(() => {
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
  });

  it('an XLSX being written is 0600 from its first byte (seen while the export runs)', async () => {
    const people = Array.from({ length: 4000 }, (_, i) => person(String(25000001 + i), `NOM${i}`, `Prénom${i}`));
    const s = sessionWorkspace(people);
    const child = spawn(process.execPath, [BIN, 'candidates', 'export', '--workspace', s.file, '-o', 'c.xlsx'], { cwd: s.dir, env: ENV });
    const exited = new Promise((r) => child.on('exit', r));
    const modes = new Set<number>();
    while (child.exitCode === null) {
      for (const f of fs.readdirSync(s.dir)) {
        if (!f.endsWith('.tmp')) continue;
        try {
          modes.add(mode(path.join(s.dir, f)));
        } catch {
          // renamed meanwhile
        }
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    await exited;
    expect(child.exitCode).toBe(0);
    expect(modes.size).toBeGreaterThan(0);
    expect([...modes]).toEqual([0o600]);
    expect(mode(path.join(s.dir, 'c.xlsx'))).toBe(0o600);
  }, 60_000);

  it('the temp files of a dead process are removed by the next run; a live one’s and other files are kept', () => {
    const dir = tmp();
    const dead = deadPid();
    expect(processGone(dead)).toBe(true);
    const stale = [`.pv.csv.${dead}.0badcafe.tmp`, `.ccst.db.${dead}.12345678.tmp`, `.ccst.db.${dead}.12345678.tmp-journal`];
    const kept = [`.pv.csv.${process.pid}.0badcafe.tmp`, 'pv.csv.bak', `.notes.${dead}.tmp`];
    for (const f of [...stale, ...kept]) fs.writeFileSync(path.join(dir, f), 'personal data');
    const r = spawnSync(process.execPath, [BIN, 'deliberate', NOTES, '-o', 'pv.csv'], { cwd: dir, env: ENV });
    expect(r.status).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual([...kept, 'pv.csv'].sort());
  });

  it('sweepStaleTemps leaves symlinks and folders alone', () => {
    const dir = tmp();
    const dead = deadPid();
    fs.mkdirSync(path.join(dir, `.x.${dead}.aaaaaaaa.tmp`));
    fs.symlinkSync('/etc/hostname', path.join(dir, `.y.${dead}.bbbbbbbb.tmp`));
    expect(sweepStaleTemps(dir)).toBe(0);
    expect(fs.readdirSync(dir).length).toBe(2);
  });

  it('our temp folder: <tmpdir>/ccst-<uid>/<pid>, 0700; a dead process’s folder is removed; exceljs’ tmp writes there', () => {
    const base = tmp();
    const root = path.join(base, `ccst-${process.getuid!()}`);
    const dead = deadPid();
    fs.mkdirSync(path.join(root, String(dead)), { recursive: true });
    fs.writeFileSync(path.join(root, String(dead), 'tmp-123-sheet1'), 'cells');
    const dir = useProcessTempDir(base);
    expect(dir).toBe(path.join(root, String(process.pid)));
    expect(mode(root)).toBe(0o700);
    expect(mode(dir)).toBe(0o700);
    expect(fs.existsSync(path.join(root, String(dead)))).toBe(false);
    // exceljs' streaming reader asks the `tmp` package for its temp files (workbook-reader.js: tmp.file()).
    const require = createRequire(path.join(REPO, 'node_modules', 'exceljs', 'package.json'));
    const t = require('tmp') as { fileSync(): { name: string; removeCallback(): void } };
    const f = t.fileSync();
    expect(path.dirname(f.name)).toBe(dir);
    expect(mode(f.name)).toBe(0o600);
    f.removeCallback();
  });

  it('the built CLI sweeps a dead run’s folder and leaves no folder of its own', () => {
    const base = tmp();
    const root = path.join(base, `ccst-${process.getuid!()}`);
    const dead = deadPid();
    fs.mkdirSync(path.join(root, String(dead)), { recursive: true, mode: 0o700 });
    const r = spawnSync(process.execPath, [BIN, 'deliberate', NOTES], { cwd: base, env: { ...ENV, TMPDIR: base } });
    expect(r.status).toBe(0);
    expect(fs.readdirSync(root)).toEqual([]);
  });
});
