// commitLastWithin (src/cli/commit-last.ts): commit last when the reads share the store transaction (issue #12 §2,
// `ccst deliberate` and `ccst controle deliberate`). The output appears only once the transaction has committed;
// a failure after the render (a write refused, a conflict) or a signal while rendering leaves the workspace
// byte-identical and no output, no temp file.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commitLastWithin } from '../../src/cli/commit-last.js';
import { CcstError } from '../../src/cli/errors.js';
import { writeFileAtomic } from '../../src/io/output.js';
import { installInterruptHandlers, onInterrupt, resetInterrupts } from '../../src/io/interrupt.js';
import { getMeta, mutate, openWorkspace } from '../../src/store/workspace.js';
import { sessionWorkspace } from '../helpers/documents-workspace.js';

afterEach(() => resetInterrupts());

function snapshot(dir: string, file: string) {
  return { files: fs.readdirSync(dir).sort(), bytes: fs.readFileSync(file).toString('base64') };
}

/** Reads meta key 'x' in the transaction, renders it into `out`, then writes 'x' = 'y': the deliberate shape. */
async function readRenderWrite(file: string, out: string, hooks: { whileRendering?: () => void; afterRender?: () => void } = {}) {
  const ws = await openWorkspace(file, { create: false });
  const seen: boolean[] = [];
  try {
    return await commitLastWithin({ targets: [out] }, (stage) => mutate(ws, 'test', new Date(), async (trx) => {
      const before = (await getMeta(trx, 'x')) ?? 'absent';
      await stage(() => writeFileAtomic(out, async (tmp) => {
        fs.writeFileSync(tmp, before);
        hooks.whileRendering?.();
      }));
      seen.push(fs.existsSync(out));
      await trx.insertInto('meta').values({ key: 'x', value: 'y' }).execute();
      hooks.afterRender?.();
      return { result: seen, detail: {} };
    }));
  } finally {
    await ws.close();
  }
}

describe('#12: commitLastWithin — read, render, write, commit, rename', () => {
  it('the output renders what the transaction read and appears only after the commit', async () => {
    const ws = sessionWorkspace();
    const out = path.join(ws.dir, 'pv.csv');
    const seen = await readRenderWrite(ws.file, out);
    expect(seen).toEqual([false]);
    expect(fs.readFileSync(out, 'utf8')).toBe('absent');
    const check = await openWorkspace(ws.file, { create: false, readonly: true });
    expect(await getMeta(check.db, 'x')).toBe('y');
    await check.close();
  });

  it('a write that fails after the render: nothing stored, no output, no temp file', async () => {
    const ws = sessionWorkspace();
    const before = snapshot(ws.dir, ws.file);
    const err = await readRenderWrite(ws.file, path.join(ws.dir, 'pv.csv'), {
      afterRender: () => {
        throw new Error('conflit simulé');
      },
    }).catch((e) => e);
    expect(err.message).toBe('conflit simulé');
    expect(snapshot(ws.dir, ws.file)).toEqual(before);
  });

  it('a signal while rendering: « Opération annulée » (130 / 143), nothing stored, no output', async () => {
    for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      const ws = sessionWorkspace();
      const before = snapshot(ws.dir, ws.file);
      const err = await readRenderWrite(ws.file, path.join(ws.dir, 'pv.csv'), { whileRendering: () => onInterrupt(sig) }).catch((e) => e);
      expect(err).toBeInstanceOf(CcstError);
      expect(err.exitCode).toBe(code);
      expect(snapshot(ws.dir, ws.file)).toEqual(before);
      resetInterrupts();
    }
  });

  it('a signal during the writes waits for the commit and the rename', async () => {
    const ws = sessionWorkspace();
    const out = path.join(ws.dir, 'pv.csv');
    // What main.ts's exit would see: called once the critical section is over, after the commit and the rename.
    const exits: { sig: string; afterCommit: boolean; output: boolean }[] = [];
    installInterruptHandlers((sig, afterCommit) => exits.push({ sig, afterCommit, output: fs.existsSync(out) }));
    await readRenderWrite(ws.file, out, { afterRender: () => onInterrupt('SIGINT') });
    expect(exits).toEqual([{ sig: 'SIGINT', afterCommit: true, output: true }]);
    expect(fs.readFileSync(out, 'utf8')).toBe('absent');
  });
});

describe('#9/#12: a second stage() after the writes (deliberate\'s list of notes changed after a deliberation)', () => {
  /** Renders `first`, writes meta x, then renders `second` from what the write said; `fail` throws after both. */
  async function twoStages(file: string, first: string, second: string, fail: boolean) {
    const ws = await openWorkspace(file, { create: false });
    try {
      return await commitLastWithin({ targets: [first, second] }, (stage) => mutate(ws, 'test', new Date(), async (trx) => {
        await stage(() => writeFileAtomic(first, async (tmp) => fs.writeFileSync(tmp, 'pv')));
        await trx.insertInto('meta').values({ key: 'x', value: 'y' }).execute();
        await stage(() => writeFileAtomic(second, async (tmp) => fs.writeFileSync(tmp, 'changes')));
        const seen = [fs.existsSync(first), fs.existsSync(second)];
        if (fail) throw new Error('conflit simulé');
        return { result: seen, detail: {} };
      }));
    } finally {
      await ws.close();
    }
  }

  it('both files appear only after the commit', async () => {
    const ws = sessionWorkspace();
    const [a, b] = [path.join(ws.dir, 'pv.csv'), path.join(ws.dir, 'changes.csv')];
    expect(await twoStages(ws.file, a, b, false)).toEqual([false, false]);
    expect([fs.readFileSync(a, 'utf8'), fs.readFileSync(b, 'utf8')]).toEqual(['pv', 'changes']);
  });

  it('a failure after the second stage: nothing stored, neither file, no temp file', async () => {
    const ws = sessionWorkspace();
    const before = snapshot(ws.dir, ws.file);
    await expect(twoStages(ws.file, path.join(ws.dir, 'pv.csv'), path.join(ws.dir, 'changes.csv'), true)).rejects.toThrow('conflit simulé');
    expect(snapshot(ws.dir, ws.file)).toEqual(before);
  });
});
