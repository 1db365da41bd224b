// Issue #9 item 10: one rule for outputs, shared by every command that writes a file — never an input file or the
// workspace (by real path: a symlink is caught), --force to replace an existing file (asked at a terminal, refused
// without one, exit 2 naming --force), nothing written on --dry-run.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as deliberate } from '../../src/cli/commands/deliberate.js';
import { run as candidatesExport } from '../../src/cli/commands/candidates-export.js';
import { run as assignmentsExport } from '../../src/cli/commands/assignments-export.js';
import { run as conformity } from '../../src/cli/commands/conformity.js';
import { run as releves } from '../../src/cli/commands/releves.js';
import { run as controleEligible } from '../../src/cli/commands/controle-eligible.js';
import { claimOutputs } from '../../src/cli/output-policy.js';
import { fakeCtx } from '../helpers/fake-ctx.js';
import { sessionWorkspace } from '../helpers/documents-workspace.js';
import { ccst } from '../helpers/cli.js';

const NOTES = 'numero;nom;prenom;U1;E2-1;E2-2;U3;E4;U5;E6-1;E6-2\n24001;NGUYỄN;Đức;12;12;12;12;12;12;12;12\n24005;ABADIE;Jules;9;9;9;9;9;9;9;9\n';
const DOSSIERS = 'numero;epreuve;depot;attestation_stage;semaines_stage;semaines_consecutives_1re_annee;certificat_travail;signatures;fiche_descriptive;amenagement_duree;autre\n24001;E4;01/03/2024;oui;12;4;;oui;oui;non;\n';

function setup() {
  const s = sessionWorkspace();
  fs.writeFileSync(path.join(s.dir, 'notes.csv'), NOTES);
  fs.writeFileSync(path.join(s.dir, 'dossiers.csv'), DOSSIERS);
  return s;
}
const errorOf = (p: Promise<unknown>) => p.then(() => undefined, (e) => e);

describe('#9 item 10: never an input or the workspace', () => {
  it('deliberate notes.csv -o notes.csv: refused (exit 2), the notes untouched', async () => {
    const s = setup();
    const err = await errorOf(deliberate(fakeCtx({ cwd: s.dir }), { notes: 'notes.csv', workspace: s.file, output: 'notes.csv' }));
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('c’est le fichier d’entrée notes.csv');
    expect(fs.readFileSync(path.join(s.dir, 'notes.csv'), 'utf8')).toBe(NOTES);
  });

  it('candidates export -o onto the workspace, directly or through a symlink: refused, the database intact', async () => {
    const s = setup();
    const before = fs.readFileSync(s.file);
    fs.symlinkSync(s.file, path.join(s.dir, 'export.csv'));
    for (const output of [s.file, 'export.csv', `./${path.basename(s.file)}`]) {
      const err = await errorOf(candidatesExport(fakeCtx({ cwd: s.dir }), { workspace: s.file, output, force: true }));
      expect(err?.exitCode).toBe(2);
      expect(err.message).toContain('c’est le workspace');
    }
    expect(fs.readFileSync(s.file).equals(before)).toBe(true);
  });

  it('conformity --summary onto its dossiers file: refused', async () => {
    const s = setup();
    const err = await errorOf(conformity(fakeCtx({ cwd: s.dir }), { file: 'dossiers.csv', workspace: s.file, summary: 'dossiers.csv', force: true }));
    expect(err.exitCode).toBe(2);
    expect(fs.readFileSync(path.join(s.dir, 'dossiers.csv'), 'utf8')).toBe(DOSSIERS);
  });
});

describe('#9 item 10: --force to replace an existing file', () => {
  // Every command writing a file, on an existing output, without a terminal: refused naming --force, file untouched.
  const commands: [string, (cwd: string, ws: string, output: string, force?: boolean) => Promise<void>][] = [
    ['candidates export', (cwd, ws, output, force) => candidatesExport(fakeCtx({ cwd }), { workspace: ws, output, force })],
    ['assignments export', (cwd, ws, output, force) => assignmentsExport(fakeCtx({ cwd }), { workspace: ws, output, force })],
    ['deliberate -o', (cwd, ws, output, force) => deliberate(fakeCtx({ cwd }), { notes: path.join(cwd, 'notes.csv'), workspace: ws, output, force })],
    ['conformity --summary', (cwd, ws, output, force) => conformity(fakeCtx({ cwd }), { file: path.join(cwd, 'dossiers.csv'), workspace: ws, summary: output, dateLimite: '2024-03-08', force })],
    ['releves', (cwd, ws, output, force) => releves(fakeCtx({ cwd }), { workspace: ws, output: output.replace(/\.csv$/, '.pdf'), force })],
    ['controle eligible', (cwd, ws, output, force) => controleEligible(fakeCtx({ cwd }), { workspace: ws, output, force })],
  ];
  it.each(commands)('%s: an existing file is refused without a terminal (exit 2, --force named)', async (_name, runIt) => {
    const s = setup();
    for (const f of ['out.csv', 'out.pdf']) fs.writeFileSync(path.join(s.dir, f), 'précieux');
    const before = fs.readFileSync(s.file);
    const err = await errorOf(runIt(s.dir, s.file, path.join(s.dir, 'out.csv')));
    expect(err?.exitCode).toBe(2);
    expect(err.message).toContain('--force');
    expect(fs.readFileSync(path.join(s.dir, 'out.csv'), 'utf8')).toBe('précieux');
    expect(fs.readFileSync(s.file).equals(before)).toBe(true);
  });

  it('with --force the file is replaced (candidates export, deliberate)', async () => {
    const s = setup();
    fs.writeFileSync(path.join(s.dir, 'c.csv'), 'old');
    fs.writeFileSync(path.join(s.dir, 'pv.csv'), 'old');
    await candidatesExport(fakeCtx({ cwd: s.dir }), { workspace: s.file, output: path.join(s.dir, 'c.csv'), force: true });
    await deliberate(fakeCtx({ cwd: s.dir }), { notes: path.join(s.dir, 'notes.csv'), workspace: s.file, output: path.join(s.dir, 'pv.csv'), force: true });
    expect(fs.readFileSync(path.join(s.dir, 'c.csv'), 'utf8')).toContain('NGUYỄN');
    expect(fs.readFileSync(path.join(s.dir, 'pv.csv'), 'utf8')).toContain('24005');
  });

  it('at a terminal the user is asked: yes replaces, no cancels (130)', async () => {
    const s = setup();
    const out = path.join(s.dir, 'c.csv');
    fs.writeFileSync(out, 'old');
    const asked: string[] = [];
    const tty = (answer: boolean) => fakeCtx({
      cwd: s.dir, isTTY: true,
      prompt: { confirm: async (q: string) => (asked.push(q), answer), select: async () => { throw new Error('no'); }, input: async () => { throw new Error('no'); } } as never,
    });
    const err = await errorOf(candidatesExport(tty(false), { workspace: s.file, output: out }));
    expect(err.exitCode).toBe(130);
    expect(fs.readFileSync(out, 'utf8')).toBe('old');
    await candidatesExport(tty(true), { workspace: s.file, output: out });
    expect(fs.readFileSync(out, 'utf8')).toContain('NGUYỄN');
    expect(asked).toEqual([`Remplacer ${out} ?`, `Remplacer ${out} ?`]);
  });

  it('the built CLI: `--force` is an option of the exports, deliberate and releves', () => {
    for (const args of [['candidates', 'export'], ['assignments', 'export'], ['deliberate'], ['releves'], ['bordereaux'], ['lists'], ['conformity'], ['controle', 'deliberate'], ['controle', 'eligible'], ['controle', 'schedule'], ['controle', 'convocations']]) {
      expect(ccst([...args, '--help'], { cwd: process.cwd() }).stdout).toContain('--force');
    }
  });
});

describe('#9 item 10: nothing written on --dry-run', () => {
  it('deliberate --dry-run -o pv.xlsx and conformity --dry-run --summary r.csv write no file', async () => {
    const s = setup();
    const ctx = fakeCtx({ cwd: s.dir });
    await deliberate(ctx, { notes: path.join(s.dir, 'notes.csv'), workspace: s.file, output: path.join(s.dir, 'pv.xlsx'), dryRun: true });
    expect(ctx.err()).toContain('pv.xlsx n’a pas été écrit');
    await conformity(fakeCtx({ cwd: s.dir }), { file: path.join(s.dir, 'dossiers.csv'), workspace: s.file, summary: path.join(s.dir, 'r.csv'), output: path.join(s.dir, 'f.pdf'), dateLimite: '2024-03-08', dryRun: true });
    expect(fs.readdirSync(s.dir).sort()).toEqual(['ccst.db', 'dossiers.csv', 'notes.csv']);
  });

  it('claimOutputs answers false on --dry-run, before asking anything', async () => {
    const s = setup();
    fs.writeFileSync(path.join(s.dir, 'x.csv'), 'old');
    expect(await claimOutputs(fakeCtx({ cwd: s.dir }), ['x.csv'], { dryRun: true })).toBe(false);
    expect(await claimOutputs(fakeCtx({ cwd: s.dir }), ['y.csv', '-'], {})).toBe(true);
  });
});
