// The list of notes changed after a deliberation (notes-modifiees-apres-deliberation.csv, written by `deliberate`
// and `harmonisation apply --after-deliberation` when the changes are too many for the terminal) is an output like
// the PV (issue #9 items 1 and 10): never an input or the workspace, --force to replace it, nothing on --dry-run,
// rendered to a temp file before the store commits and renamed after — a refused or failed run leaves the workspace
// and the previous list as they were.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as deliberate } from '../../src/cli/commands/deliberate.js';
import { run as harmonise } from '../../src/cli/commands/harmonisation-apply.js';
import { CcstError } from '../../src/cli/errors.js';
import { fakeCtx } from '../helpers/fake-ctx.js';
import { person, sessionWorkspace } from '../helpers/documents-workspace.js';

const LIST = 'notes-modifiees-apres-deliberation.csv';
const WIDE = 'numero;U1;U21;U22;U3;U4;U5;U61;U62\n';
const CANDS = [person('24001', 'MARTIN', 'Léa'), person('24002', 'DURAND', 'Zoé'), person('24003', 'ABADIE', 'Jules')];
const row = (numero: string, note: string) => `${numero};${Array(8).fill(note).join(';')}\n`;

/** A workspace where the candidates were deliberated with 12 everywhere; `second` changes 16 notes of the first two. */
async function deliberated(cands = CANDS) {
  const ws = sessionWorkspace(cands);
  fs.writeFileSync(path.join(ws.dir, 'notes.csv'), WIDE + cands.map((c) => row(c.numero, '12')).join(''));
  await deliberate(fakeCtx({ cwd: ws.dir }), { notes: path.join(ws.dir, 'notes.csv'), output: path.join(ws.dir, 'pv.csv') });
  fs.writeFileSync(path.join(ws.dir, 'second.csv'), WIDE + row('24001', '13') + row('24002', '14') + row('24003', '12'));
  const bytes = () => fs.readFileSync(ws.file);
  return { ...ws, bytes, before: bytes() };
}

const fail = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as CcstError);
const temps = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('deliberate: the list of notes changed after a deliberation', () => {
  it('is written beside the PV, 0600, with every change, and named on stderr', async () => {
    const w = await deliberated();
    fs.mkdirSync(path.join(w.dir, 'jury'));
    const ctx = fakeCtx({ cwd: w.dir });
    await deliberate(ctx, { notes: path.join(w.dir, 'second.csv'), output: path.join(w.dir, 'jury', 'pv2.csv') });
    const file = path.join(w.dir, 'jury', LIST);
    const lines = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('numero;unite;avant;apres');
    expect(lines).toHaveLength(17);
    expect(lines).toContain('24002;U5;12;14');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(ctx.err()).toContain(`16 note(s) modifiée(s) après délibération (2 candidat(s) ; unités U1, U21, U22, U3, U4, U5, U61, U62) — liste complète : ${file}`);
    expect(temps(path.join(w.dir, 'jury'))).toEqual([]);
  });

  it('an existing list is replaced only with --force; refused, the workspace, the PV and the old list are unchanged', async () => {
    const w = await deliberated();
    fs.writeFileSync(path.join(w.dir, LIST), 'ancienne liste\n');
    const e = await fail(deliberate(fakeCtx({ cwd: w.dir }), { notes: path.join(w.dir, 'second.csv'), output: path.join(w.dir, 'pv2.csv') }));
    expect(e).toBeInstanceOf(CcstError);
    expect(e!.exitCode).toBe(2);
    expect(`${e!.message} ${e!.details.join(' ')}`).toMatch(/--force/);
    expect(w.bytes().equals(w.before)).toBe(true);
    expect(fs.readFileSync(path.join(w.dir, LIST), 'utf8')).toBe('ancienne liste\n');
    expect(fs.existsSync(path.join(w.dir, 'pv2.csv'))).toBe(false);
    expect(temps(w.dir)).toEqual([]);

    await deliberate(fakeCtx({ cwd: w.dir }), { notes: path.join(w.dir, 'second.csv'), output: path.join(w.dir, 'pv2.csv'), force: true });
    expect(fs.readFileSync(path.join(w.dir, LIST), 'utf8')).toContain('24001;U1;12;13');
    expect(w.bytes().equals(w.before)).toBe(false);
  });

  it('an old list is claimed before any reading when a deliberation is stored: same refusal, even for a notes file that would fail later', async () => {
    const w = await deliberated();
    fs.writeFileSync(path.join(w.dir, LIST), 'ancienne liste\n');
    const late = await fail(deliberate(fakeCtx({ cwd: w.dir }), { notes: path.join(w.dir, 'second.csv'), output: path.join(w.dir, 'pv2.csv') }));
    // A cell no reader accepts (exit 3 once read): the refusal comes first, so the file was not read.
    fs.writeFileSync(path.join(w.dir, 'bad.csv'), WIDE + row('24001', 'douze'));
    const early = await fail(deliberate(fakeCtx({ cwd: w.dir }), { notes: path.join(w.dir, 'bad.csv'), output: path.join(w.dir, 'pv2.csv') }));
    expect(early?.exitCode).toBe(2);
    expect(early!.message).toBe(late!.message);
    expect(early!.details).toEqual(late!.details);
    expect(w.bytes().equals(w.before)).toBe(true);
    expect(fs.readFileSync(path.join(w.dir, LIST), 'utf8')).toBe('ancienne liste\n');
    // With --force the bad cell is what stops it (exit 3); nothing stored, the old list kept.
    const bad = await fail(deliberate(fakeCtx({ cwd: w.dir }), { notes: path.join(w.dir, 'bad.csv'), output: path.join(w.dir, 'pv2.csv'), force: true }));
    expect(bad?.exitCode).toBe(3);
    expect(fs.readFileSync(path.join(w.dir, LIST), 'utf8')).toBe('ancienne liste\n');
    // Without a stored deliberation there is no list to come: an old one does not stop a first deliberation.
    const first = sessionWorkspace(CANDS);
    fs.writeFileSync(path.join(first.dir, LIST), 'ancienne liste\n');
    fs.writeFileSync(path.join(first.dir, 'notes.csv'), WIDE + CANDS.map((c) => row(c.numero, '12')).join(''));
    await deliberate(fakeCtx({ cwd: first.dir }), { notes: path.join(first.dir, 'notes.csv'), output: path.join(first.dir, 'pv.csv') });
    expect(fs.readFileSync(path.join(first.dir, LIST), 'utf8')).toBe('ancienne liste\n');
  });

  it('a re-deliberation with --force that changes too few notes for a list removes the old one (it no longer matches)', async () => {
    const w = await deliberated();
    fs.writeFileSync(path.join(w.dir, LIST), 'ancienne liste\n');
    // One note changed: shown on the terminal, no new list.
    fs.writeFileSync(path.join(w.dir, 'one.csv'), WIDE + row('24001', '12').replace(/12\n$/, '15\n') + row('24002', '12') + row('24003', '12'));
    const ctx = fakeCtx({ cwd: w.dir });
    await deliberate(ctx, { notes: path.join(w.dir, 'one.csv'), output: path.join(w.dir, 'pv2.csv'), force: true });
    expect(ctx.err()).toContain('note modifiée après délibération — 24001 U62 : 12 → 15');
    expect(ctx.err()).toContain('Ancienne liste des notes modifiées après délibération supprimée');
    expect(fs.existsSync(path.join(w.dir, LIST))).toBe(false);
  });

  it('never replaces an input: a notes file of that name is refused (exit 2), even with --force', async () => {
    const w = await deliberated();
    fs.copyFileSync(path.join(w.dir, 'second.csv'), path.join(w.dir, LIST));
    const e = await fail(deliberate(fakeCtx({ cwd: w.dir }), { notes: path.join(w.dir, LIST), output: path.join(w.dir, 'pv2.csv'), force: true }));
    expect(e?.exitCode).toBe(2);
    expect(e!.message).toContain('fichier d’entrée');
    expect(w.bytes().equals(w.before)).toBe(true);
    expect(fs.readFileSync(path.join(w.dir, LIST))).toEqual(fs.readFileSync(path.join(w.dir, 'second.csv')));
  });

  it('a PV named like the list is refused rather than overwritten by it', async () => {
    const w = await deliberated();
    const e = await fail(deliberate(fakeCtx({ cwd: w.dir }), { notes: path.join(w.dir, 'second.csv'), output: path.join(w.dir, LIST) }));
    expect(e?.exitCode).toBe(2);
    expect(w.bytes().equals(w.before)).toBe(true);
    expect(fs.existsSync(path.join(w.dir, LIST))).toBe(false);
  });

  it('--dry-run stores nothing and writes no list', async () => {
    const w = await deliberated();
    await deliberate(fakeCtx({ cwd: w.dir }), { notes: path.join(w.dir, 'second.csv'), dryRun: true });
    expect(fs.existsSync(path.join(w.dir, LIST))).toBe(false);
    expect(w.bytes().equals(w.before)).toBe(true);
  });
});

describe('harmonisation apply --after-deliberation: the same list, in the current folder', () => {
  // E4 (a CCF épreuve: harmonised by établissement) +1 for the twelve candidates of one établissement: 12 changes.
  const twelve = Array.from({ length: 12 }, (_, i) => person(String(24101 + i), `NOM${i}`, 'Prénom'));
  const adjustments = 'groupe;epreuve;ajustement;motif\n0310028M;E4;+1;commission d’harmonisation\n';

  it('is written with --force over an old one, refused without it (nothing stored), not on --dry-run', async () => {
    const w = await deliberated(twelve);
    fs.writeFileSync(path.join(w.dir, 'ajustements.csv'), adjustments);
    await harmonise(fakeCtx({ cwd: w.dir }), { file: path.join(w.dir, 'ajustements.csv'), afterDeliberation: true, dryRun: true });
    expect(fs.existsSync(path.join(w.dir, LIST))).toBe(false);

    fs.writeFileSync(path.join(w.dir, LIST), 'ancienne liste\n');
    const e = await fail(harmonise(fakeCtx({ cwd: w.dir }), { file: path.join(w.dir, 'ajustements.csv'), afterDeliberation: true }));
    expect(e?.exitCode).toBe(2);
    expect(w.bytes().equals(w.before)).toBe(true);
    expect(fs.readFileSync(path.join(w.dir, LIST), 'utf8')).toBe('ancienne liste\n');

    const ctx = fakeCtx({ cwd: w.dir });
    await harmonise(ctx, { file: path.join(w.dir, 'ajustements.csv'), afterDeliberation: true, force: true });
    const lines = fs.readFileSync(path.join(w.dir, LIST), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines).toHaveLength(13);
    expect(lines).toContain('24112;U4;12;13');
    expect(fs.statSync(path.join(w.dir, LIST)).mode & 0o777).toBe(0o600);
    expect(ctx.err()).toContain('12 note(s) modifiée(s) après délibération');
    expect(temps(w.dir)).toEqual([]);
  });
});
