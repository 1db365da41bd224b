// Issue #9 item 6: workspace file permissions. 0600 only when ccst creates the file; an open never changes the mode;
// commands that only read open it read-only (a workspace owned by someone else still works for reading); a
// read-only workspace is refused by writing commands with a clear message (exit 2), byte-identical.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';
import { runsAsRoot, unprivileged } from '../helpers/unprivileged.js';
import { sessionWorkspace } from '../helpers/documents-workspace.js';
import { openWorkspace } from '../../src/store/workspace.js';

const mode = (f: string) => fs.statSync(f).mode & 0o777;

describe('#9 item 6: workspace permissions', () => {
  it('a new workspace is 0600 whatever the umask; opening never changes an existing mode', async () => {
    const dir = fs.mkdtempSync(path.join(REPO, '..', '.ccst-perm-'));
    try {
      const old = process.umask(0o000);
      try {
        await (await openWorkspace(path.join(dir, 'new.db'), { create: true })).close();
      } finally {
        process.umask(old);
      }
      expect(mode(path.join(dir, 'new.db'))).toBe(0o600);
      fs.chmodSync(path.join(dir, 'new.db'), 0o640);
      await (await openWorkspace(path.join(dir, 'new.db'), { create: false })).close();
      await (await openWorkspace(path.join(dir, 'new.db'), { create: false, readonly: true })).close();
      expect(mode(path.join(dir, 'new.db'))).toBe(0o640);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a workspace its owner set to 0400: writing commands refuse it (exit 2, byte-identical), reading ones work', () => {
    const s = sessionWorkspace();
    fs.chmodSync(s.file, 0o400);
    const before = fs.readFileSync(s.file);
    const candidates = path.join(REPO, 'fixtures', 'candidats-demo.csv');
    for (const args of [['import', candidates], ['deliberate', path.join(REPO, 'fixtures', 'deliberation', 'notes.csv')]]) {
      const r = unprivileged([...args, '--workspace', s.file], s.dir);
      expect(r.stderr).toContain(`workspace en lecture seule : ${s.file}`);
      expect(r.stderr).toContain('chmod u+w');
      expect(r.stderr).not.toContain('Erreur inattendue');
      expect(r.status).toBe(2);
    }
    expect(fs.readFileSync(s.file).equals(before)).toBe(true);
    expect(mode(s.file)).toBe(0o400);
    const status = unprivileged(['status', '--workspace', s.file], s.dir);
    expect(status.stderr + status.stdout).toContain('2024');
    expect(status.status).toBe(0);
    const exp = unprivileged(['candidates', 'export', '--workspace', s.file], s.dir);
    expect(exp.status).toBe(0);
    expect(exp.stdout).toContain('NGUYỄN');
    expect(mode(s.file)).toBe(0o400);
  });

  it('a workspace owned by someone else (0644, nobody): status and exports work, no chmod attempted', () => {
    const s = sessionWorkspace();
    fs.chmodSync(s.file, 0o644);
    if (runsAsRoot) fs.chownSync(s.file, 65534, 65534);
    const status = unprivileged(['status', '--workspace', s.file], s.dir);
    expect(status.stderr).not.toMatch(/EPERM|Erreur/);
    expect(status.status).toBe(0);
    const exp = unprivileged(['candidates', 'export', '--workspace', s.file], s.dir);
    expect(exp.status).toBe(0);
    expect(mode(s.file)).toBe(0o644);
  });

  it('a workspace in a read-only folder: a writing command is refused before any work, naming the folder', () => {
    const s = sessionWorkspace();
    const notes = path.join(s.dir, 'notes.csv');
    fs.writeFileSync(notes, 'numero;nom;prenom;U1;E2-1;E2-2;U3;E4;U5;E6-1;E6-2\n24001;NGUYỄN;Đức;12;12;12;12;12;12;12;12\n24005;ABADIE;Jules;9;9;9;9;9;9;9;9\n');
    fs.chmodSync(s.dir, 0o500);
    try {
      const r = unprivileged(['deliberate', notes, '--workspace', s.file], s.dir);
      expect(r.stderr).toContain(`workspace en lecture seule : ${s.file} (son dossier ${s.dir} n’accepte pas l’écriture)`);
      expect(r.status).toBe(2);
      // --dry-run stores nothing: allowed on a read-only workspace.
      const dry = unprivileged(['deliberate', notes, '--workspace', s.file, '--dry-run'], s.dir);
      expect(dry.stderr).toContain('Simulation (--dry-run)');
      expect(dry.status).toBe(0);
    } finally {
      fs.chmodSync(s.dir, 0o700);
    }
  });
});
