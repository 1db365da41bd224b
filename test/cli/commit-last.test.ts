// Issue #9 item 1 « Commit last »: every command that stores and writes a file checks its output first, renders to a
// temp file, commits, then renames. Each fault is injected — an unwritable folder, a renderer that fails (an
// exception; the disk limit reached), Ctrl-C and SIGTERM while rendering — and the workspace must stay byte-identical
// with no output and no temp file left.
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { commitLast } from '../../src/cli/commit-last.js';
import { CcstError } from '../../src/cli/errors.js';
import { writeFileAtomic } from '../../src/io/output.js';
import { onInterrupt, resetInterrupts } from '../../src/io/interrupt.js';
import { mutate, openWorkspace } from '../../src/store/workspace.js';
import { run as runConformity } from '../../src/cli/commands/conformity.js';
import { run as runDeliberate } from '../../src/cli/commands/deliberate.js';
import { fakeCtx } from '../helpers/fake-ctx.js';
import { person, sessionWorkspace } from '../helpers/documents-workspace.js';
import { BIN } from '../helpers/cli.js';

const NOTES_HEADER = 'numero;nom;prenom;U1;E2-1;E2-2;U3;E4;U5;E6-1;E6-2';
const people = (n: number) => Array.from({ length: n }, (_, i) => person(String(24000001 + i), `NOM${i}`, `Prénom${i}`));

/** A session workspace with n candidates and their notes file. */
function deliberation(n: number) {
  const ws = sessionWorkspace(people(n));
  const notes = path.join(ws.dir, 'notes.csv');
  const rows = people(n).map((p, i) => `${p.numero};${p.nom};${p.prenom};${[12, 9, 14, 11, 8, 13, 10, 15].map((v) => String((v + i) % 20)).join(';')}`);
  fs.writeFileSync(notes, [NOTES_HEADER, ...rows].join('\n') + '\n');
  return { ...ws, notes };
}

/** Every file of the directory except the inputs, and the workspace's bytes: what a failed command may not change. */
function snapshot(dir: string, ws: string) {
  return { files: fs.readdirSync(dir).sort(), bytes: fs.readFileSync(ws).toString('base64') };
}

const runsAsRoot = process.getuid?.() === 0;
/** Spawns the built CLI; as root, without the capability to bypass file permissions (so chmod 0500 holds). */
function ccstUnprivileged(args: string[], cwd: string) {
  const cmd = runsAsRoot ? 'setpriv' : process.execPath;
  const full = runsAsRoot ? ['--bounding-set=-dac_override,-dac_read_search,-fowner', process.execPath, BIN, ...args] : [BIN, ...args];
  const r = spawnSync(cmd, full, { cwd, env: { ...process.env, CI: 'true', NO_COLOR: '1', CCST_WORKSPACE: '' } });
  return { status: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

afterEach(() => resetInterrupts());

describe('#9 item 1: commitLast, the one mechanism', () => {
  const storeOne = (file: string) => async () => {
    const ws = await openWorkspace(file, { create: false });
    try {
      return await mutate(ws, 'test', new Date(), async (db) => {
        await db.insertInto('meta').values({ key: 'x', value: 'y' }).execute();
        return { result: 'stored', detail: {} };
      });
    } finally {
      await ws.close();
    }
  };

  it('renders, commits, then renames: the output appears only with the commit', async () => {
    const ws = sessionWorkspace();
    const out = path.join(ws.dir, 'out.csv');
    const seen: boolean[] = [];
    const result = await commitLast({
      targets: [out],
      render: () => writeFileAtomic(out, async (tmp) => {
        const mode = fs.statSync(tmp).mode & 0o777;
        expect(mode).toBe(0o600);
        fs.writeFileSync(tmp, 'a;b\n');
      }),
      commit: () => {
        seen.push(fs.existsSync(out));
        return storeOne(ws.file)();
      },
    });
    expect(result).toBe('stored');
    expect(seen).toEqual([false]);
    expect(fs.readFileSync(out, 'utf8')).toBe('a;b\n');
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
  });

  it('a renderer that throws: nothing committed, no output, no temp file', async () => {
    const ws = sessionWorkspace();
    const before = snapshot(ws.dir, ws.file);
    const out = path.join(ws.dir, 'out.pdf');
    const err = await commitLast({
      targets: [out],
      render: async () => {
        await writeFileAtomic(path.join(ws.dir, 'first.csv'), async (tmp) => fs.writeFileSync(tmp, 'ok'));
        await writeFileAtomic(out, async (tmp) => {
          fs.writeFileSync(tmp, '%PDF-partial');
          throw new Error('le moteur PDF a planté');
        });
      },
      commit: storeOne(ws.file),
    }).catch((e) => e);
    expect(err.message).toBe('le moteur PDF a planté');
    expect(snapshot(ws.dir, ws.file)).toEqual(before);
  });

  it('a cancel signal before the commit: « Opération annulée », exit 130 (143 for SIGTERM), nothing changed', async () => {
    for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      const ws = sessionWorkspace();
      const before = snapshot(ws.dir, ws.file);
      const out = path.join(ws.dir, 'pv.csv');
      const err = await commitLast({
        targets: [out],
        render: () => writeFileAtomic(out, async (tmp) => {
          fs.writeFileSync(tmp, 'x');
          onInterrupt(sig); // what the handler does while rendering (main.ts installs the exit)
        }),
        commit: storeOne(ws.file),
      }).catch((e) => e);
      expect(err).toBeInstanceOf(CcstError);
      expect(err.exitCode).toBe(code);
      expect(err.message).toBe('Opération annulée.');
      expect(snapshot(ws.dir, ws.file)).toEqual(before);
      resetInterrupts();
    }
  });

  it('a failing commit removes the rendered files', async () => {
    const ws = sessionWorkspace();
    const before = snapshot(ws.dir, ws.file);
    const out = path.join(ws.dir, 'pv.csv');
    const err = await commitLast({
      targets: [out],
      render: () => writeFileAtomic(out, async (tmp) => fs.writeFileSync(tmp, 'x')),
      commit: () => {
        throw new Error('disk I/O error');
      },
    }).catch((e) => e);
    expect(err.message).toBe('disk I/O error');
    expect(snapshot(ws.dir, ws.file)).toEqual(before);
  });

  it('refuses a directory as the output before rendering (exit 2, the path named)', async () => {
    const ws = sessionWorkspace();
    fs.mkdirSync(path.join(ws.dir, 'pv.csv'));
    let rendered = false;
    const err = await commitLast({ targets: [path.join(ws.dir, 'pv.csv')], render: async () => void (rendered = true) }).catch((e) => e);
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain(path.join(ws.dir, 'pv.csv'));
    expect(rendered).toBe(false);
  });
});

describe('#9 item 1: the commands use it', () => {
  it('deliberate -o (control): the PV is written 0600 and the notes and results are stored', async () => {
    const s = deliberation(3);
    const before = snapshot(s.dir, s.file);
    const out = path.join(s.dir, 'pv.xlsx');
    await runDeliberate(fakeCtx({ cwd: s.dir }), { notes: s.notes, workspace: s.file, output: out });
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(snapshot(s.dir, s.file).bytes).not.toEqual(before.bytes);
    expect(fs.readdirSync(s.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('conformity: an impossible summary path is refused before anything is stored', async () => {
    const s = sessionWorkspace();
    const dossiers = path.join(s.dir, 'dossiers.csv');
    fs.writeFileSync(dossiers, 'numero;epreuve;depot;attestation_stage;semaines_stage;semaines_consecutives_1re_annee;certificat_travail;signatures;fiche_descriptive;amenagement_duree;autre\n24001;E4;01/03/2024;oui;12;4;;oui;oui;non;\n');
    const before = snapshot(s.dir, s.file);
    // The summary goes to a path whose parent is a file: refused before anything is read or stored.
    const err = await runConformity(fakeCtx({ cwd: s.dir }), { file: dossiers, workspace: s.file, dateLimite: '2024-03-08', summary: path.join(dossiers, 'r.csv') }).catch((e) => e);
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('n’est pas un dossier');
    expect(snapshot(s.dir, s.file)).toEqual(before);
  });

  it('deliberate -o into an unwritable folder: exit 2 naming the folder, workspace byte-identical (built CLI)', () => {
    const s = deliberation(3);
    const ro = path.join(s.dir, 'ro');
    fs.mkdirSync(ro, { mode: 0o500 });
    fs.chmodSync(s.dir, 0o755);
    const before = snapshot(s.dir, s.file);
    const r = ccstUnprivileged(['deliberate', s.notes, '--workspace', s.file, '-o', path.join(ro, 'pv.xlsx')], s.dir);
    expect(r.stderr).toContain(`écriture refusée : sortie ${path.join(ro, 'pv.xlsx')}`);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/Erreur inattendue|at .*\.js:\d+/);
    expect(snapshot(s.dir, s.file)).toEqual(before);
    expect(fs.readdirSync(ro)).toEqual([]);
  });

  it('deliberate: the disk limit reached while writing the PV (renderer error) leaves the workspace byte-identical', () => {
    const s = deliberation(400);
    const before = snapshot(s.dir, s.file);
    // ulimit -f (1024-byte blocks): the PV grows past 20 KiB and its write fails with EFBIG, as on a full disk.
    const r = spawnSync('bash', ['-c', `ulimit -f 20; exec "${process.execPath}" "${BIN}" deliberate notes.csv --workspace ccst.db -o pv.csv`], {
      cwd: s.dir, env: { ...process.env, CI: 'true', NO_COLOR: '1', CCST_WORKSPACE: '' },
    });
    const stderr = r.stderr.toString();
    expect(stderr).toContain('disque plein ou taille de fichier limitée (EFBIG)');
    expect(r.status).toBe(2);
    expect(snapshot(s.dir, s.file)).toEqual(before);
  });

  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`deliberate: ${sig} while the PV is rendered → exit ${code}, « Opération annulée », workspace byte-identical, no temp file`, async () => {
      const s = deliberation(6000);
      const before = snapshot(s.dir, s.file);
      const child = spawn(process.execPath, [BIN, 'deliberate', 'notes.csv', '--workspace', 'ccst.db', '-o', 'pv.xlsx'], {
        cwd: s.dir, env: { ...process.env, CI: 'true', NO_COLOR: '1', CCST_WORKSPACE: '' },
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      // The PV's temp file exists only between the render's start and the rename (after the commit).
      let sent = false;
      while (!sent) {
        if (child.exitCode !== null) break;
        if (fs.readdirSync(s.dir).some((f) => f.startsWith('.pv.xlsx.') && f.endsWith('.tmp'))) {
          child.kill(sig);
          sent = true;
        } else await new Promise((r) => setTimeout(r, 2));
      }
      const status = await exited;
      expect(sent).toBe(true);
      expect(status).toBe(code);
      expect(stderr).toContain('Opération annulée');
      expect(snapshot(s.dir, s.file)).toEqual(before);
    }, 60_000);
  }
});
