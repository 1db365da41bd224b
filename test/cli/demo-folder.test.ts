// ccst demo --dir (issue #9 items 1 and 10): the demo is built in a temp folder inside --dir and moved into place
// only at the end; what it replaces is claimed first under the output rule. The pieces, without running a demo.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimDemoFolder, discardDemoFolder, publishDemoFolder, renaming, stageDemoFolder } from '../../src/cli/demo-folder.js';
import { CcstError } from '../../src/cli/errors.js';
import { fakeCtx } from '../helpers/fake-ctx.js';
import { PassThrough } from 'node:stream';
import { spawnSync } from 'node:child_process';

const tree = (dir: string) => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort().map((f) => {
  const p = path.join(dir, f);
  return fs.statSync(p).isDirectory() ? `${f}/` : `${f}=${fs.readFileSync(p, 'utf8')}`;
});

describe('demo folder', () => {
  it('publishes over a previous demo: files replaced, a folder replaced whole, a folder where a file goes removed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-demo-folder-'));
    fs.writeFileSync(path.join(dir, 'pv.csv'), 'old pv');
    fs.mkdirSync(path.join(dir, 'listes'));
    fs.writeFileSync(path.join(dir, 'listes', 'ancien.pdf'), 'old list');
    fs.mkdirSync(path.join(dir, 'releves.pdf'));
    fs.writeFileSync(path.join(dir, 'releves.pdf', 'x'), 'in the way');
    fs.writeFileSync(path.join(dir, 'notes-perso.txt'), 'not the demo’s');
    const staging = stageDemoFolder(dir);
    expect(path.basename(staging)).toMatch(new RegExp(`^\\.demo\\.${process.pid}\\.[0-9a-f]{8}\\.tmp$`));
    expect(fs.statSync(staging).mode & 0o777).toBe(0o700);
    fs.writeFileSync(path.join(staging, 'pv.csv'), 'new pv');
    fs.mkdirSync(path.join(staging, 'listes'));
    fs.writeFileSync(path.join(staging, 'listes', 'C1.pdf'), 'new list');
    fs.writeFileSync(path.join(staging, 'releves.pdf'), 'new releves');
    await publishDemoFolder(staging, dir);
    expect(tree(dir)).toEqual(['listes/', 'listes/C1.pdf=new list', 'notes-perso.txt=not the demo’s', 'pv.csv=new pv', 'releves.pdf=new releves']);
  });

  it('the temp folder of a demo killed by kill -9 is removed by the next demo; a live one is left alone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-demo-folder-'));
    const dead = spawnSync('true').pid!; // a process that has ended
    fs.mkdirSync(path.join(dir, `.demo.${dead}.abcdef01.tmp`));
    fs.writeFileSync(path.join(dir, `.demo.${dead}.abcdef01.tmp`, 'ccst.db'), '');
    fs.mkdirSync(path.join(dir, `.demo.${process.ppid}.abcdef02.tmp`));
    const staging = stageDemoFolder(dir);
    expect(fs.readdirSync(dir).sort()).toEqual([`.demo.${process.ppid}.abcdef02.tmp`, path.basename(staging)].sort());
    discardDemoFolder(staging);
  });

  it('a discarded demo leaves the folder as it was', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-demo-folder-'));
    fs.writeFileSync(path.join(dir, 'pv.csv'), 'old pv');
    const staging = stageDemoFolder(dir);
    fs.writeFileSync(path.join(staging, 'pv.csv'), 'new pv');
    discardDemoFolder(staging);
    expect(tree(dir)).toEqual(['pv.csv=old pv']);
  });

  it('claims: an existing file needs --force; the user’s workspace never (exit 2)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-demo-folder-'));
    fs.mkdirSync(path.join(dir, 'listes'));
    fs.writeFileSync(path.join(dir, 'listes', 'ancien.pdf'), 'old list');
    const ctx = fakeCtx({ cwd: os.tmpdir() });
    await expect(claimDemoFolder(ctx, dir, ['ccst.db', 'pv.csv'], { inputs: [] })).resolves.toBeUndefined();
    const refused = await claimDemoFolder(ctx, dir, ['ccst.db', 'listes'], { inputs: [] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CcstError);
    expect((refused as CcstError).exitCode).toBe(2);
    await expect(claimDemoFolder(ctx, dir, ['ccst.db', 'listes'], { inputs: [], force: true })).resolves.toBeUndefined();
    // --dir . in a session folder: its ccst.db is the user's workspace.
    fs.writeFileSync(path.join(dir, 'ccst.db'), '');
    const mine = await claimDemoFolder(fakeCtx({ cwd: dir }), dir, ['ccst.db'], { inputs: [], force: true }).catch((e: unknown) => e);
    expect((mine as CcstError).exitCode).toBe(2);
    expect((mine as CcstError).message).toContain('le workspace');
  });

  it('messages name the final folder, not the temp one', () => {
    const sink = new PassThrough();
    let text = '';
    sink.on('data', (d) => (text += d));
    renaming(sink, '/d/.demo.1.abcdef01.tmp', '/d').write('PV écrit : /d/.demo.1.abcdef01.tmp/pv.csv\n');
    expect(text).toBe('PV écrit : /d/pv.csv\n');
  });
});
