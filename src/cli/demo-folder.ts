// Where `ccst demo --dir D` writes (issue #9 item 10, the shared output rule, and item 1, commit last): the demo is
// a session of its own — a workspace and some twenty documents — so it is built whole in a temp folder inside D
// (.demo.<pid>.<hex>.tmp, 0700, removed on a failure or Ctrl-C, swept by the next run after a kill -9) and moved
// into D only when every step has succeeded. Before anything runs, D's files that the demo would replace are
// claimed like any output: never the user's workspace nor an input, --force (or a yes at a terminal) to replace.
import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from './context.js';
import { claimOutputs } from './output-policy.js';
import { workspacePath } from './workspace-access.js';
import { tempSibling } from '../io/output.js';
import { holdCommits, markCommitted, trackTemp, uninterruptible, untrackTemp } from '../io/interrupt.js';
import { processGone } from '../io/temp-files.js';

/** Every file under `p` (p itself when it is a file), for the overwrite question. */
function filesUnder(p: string): string[] {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return [];
  if (!st.isDirectory()) return [p];
  return fs.readdirSync(p, { recursive: true, encoding: 'utf8' }).map((f) => path.join(p, f)).filter((f) => !fs.statSync(f).isDirectory());
}

/**
 * Applies the output rule to the entries (file or folder names) the demo will put in `dir`: the existing files
 * among them (and in its folders) are replaced only with --force; the user's workspace and the demo's inputs are
 * never replaced.
 */
export async function claimDemoFolder(ctx: Ctx, dir: string, entries: string[], rule: { inputs: string[]; force?: boolean }): Promise<void> {
  const targets = entries.flatMap((e) => {
    const p = path.join(dir, e);
    return fs.existsSync(p) ? filesUnder(p) : [p];
  });
  // The user's workspace (./ccst.db or CCST_WORKSPACE) when it exists: `--dir .` in a session folder is refused even
  // with --force; in a folder without one, `--dir .` is a demo like any other.
  const mine = fs.existsSync(workspacePath(ctx, {})) ? {} : undefined;
  await claimOutputs(ctx, targets, { inputs: rule.inputs, workspace: mine, force: rule.force });
}

/** A temp folder in `dir` (made if needed, 0700) for the whole demo; removed by a signal until publishDemoFolder. */
export function stageDemoFolder(dir: string): string {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 }); // personal data: owner only, like the files (issue #9 item 9)
  sweepStaleDemoFolders(dir);
  const staging = tempSibling(path.join(dir, 'demo'));
  fs.mkdirSync(staging, { mode: 0o700 });
  trackTemp(staging);
  return staging;
}

/**
 * The temp folders of demos killed by kill -9 (their process gone), ours only. sweepStaleTemps leaves folders alone
 * on purpose; this one knows the demo's exact name.
 */
function sweepStaleDemoFolders(dir: string): void {
  const uid = process.getuid?.();
  for (const name of fs.readdirSync(dir)) {
    const m = /^\.demo\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name);
    if (!m || !processGone(Number(m[1]))) continue;
    const st = fs.lstatSync(path.join(dir, name));
    if (st.isDirectory() && (uid === undefined || st.uid === uid)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

/** Moves everything the demo made into `dir`, replacing what claimDemoFolder allowed; not cut by Ctrl-C. */
export async function publishDemoFolder(staging: string, dir: string): Promise<void> {
  await uninterruptible(() => {
    for (const name of fs.readdirSync(staging)) {
      const from = path.join(staging, name);
      const target = path.join(dir, name);
      // A folder of the demo (one PDF per centre) replaces the previous one whole, and so does anything in the place
      // of a file (claimed with everything in it); a file is renamed over its target.
      if (fs.statSync(from).isDirectory() || fs.statSync(target, { throwIfNoEntry: false })?.isDirectory()) fs.rmSync(target, { recursive: true, force: true });
      fs.renameSync(from, target);
    }
    discardDemoFolder(staging);
    // The demo is the user's now: a Ctrl-C from here on (even the one held during these renames) cancels nothing.
    holdCommits(false);
    markCommitted();
  });
}

export function discardDemoFolder(staging: string): void {
  fs.rmSync(staging, { recursive: true, force: true });
  untrackTemp(staging);
}

/** A stream whose text names `to` where the steps wrote `from` (their messages name the files where they end up). */
export function renaming<S extends NodeJS.WritableStream>(stream: S, from: string, to: string): S {
  return new Proxy(stream, {
    get(target, key) {
      if (key === 'write') {
        return (chunk: unknown, ...rest: unknown[]) => (target.write as (...a: unknown[]) => boolean)(typeof chunk === 'string' ? chunk.split(from).join(to) : chunk, ...rest);
      }
      const v = Reflect.get(target, key) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
