// Commit last (issue #9 item 1; STYLE.md « Commit last »): a command that both stores in the workspace and writes
// files checks every output target first, renders every file to its temp sibling (0600 from the first byte), and
// only then commits its store transaction and renames the files into place. A failure, Ctrl-C or SIGTERM before
// the commit leaves the workspace exactly as it was and no output behind; after the commit the outputs are
// completed (a signal received meanwhile is honoured once they are in place). The commit is any function — the
// store's mutate/mutateAsync — so this does not depend on the database engine.
import fs from 'node:fs';
import path from 'node:path';
import { cancelled } from './errors.js';
import { errnoError } from './environment-errors.js';
import { stageOutputs, type StagedOutputs } from '../io/output.js';
import { markCommitted, pendingSignal, SIGNAL_EXIT, uninterruptible } from '../io/interrupt.js';
import { CcstError } from './errors.js';

/**
 * Refuses (exit 2, naming the path) an output that cannot be written: a directory in its place, a path through a
 * file, a folder without write permission or on a read-only disk. '-' (stdout) and undefined are skipped.
 */
export function checkOutputTargets(targets: (string | undefined)[], cwd = process.cwd()): void {
  for (const t of targets) {
    if (!t || t === '-') continue;
    const file = path.resolve(cwd, t);
    const st = statOrUndefined(file);
    if (st?.isDirectory()) throw errnoError('EISDIR', file, 'output')!;
    // The nearest existing ancestor must be a writable directory (missing folders are created).
    let dir = path.dirname(file);
    let dst = statOrUndefined(dir);
    while (!dst && path.dirname(dir) !== dir) {
      dir = path.dirname(dir);
      dst = statOrUndefined(dir);
    }
    if (dst && !dst.isDirectory()) throw errnoError('ENOTDIR', file, 'output')!;
    try {
      fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
    } catch (e) {
      throw errnoError((e as NodeJS.ErrnoException).code ?? 'EACCES', file, 'output') ?? e;
    }
  }
}

function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

/** Throws « Opération annulée » (130, or 143 for SIGTERM) when a signal was received and not yet acted upon. */
export function throwIfInterrupted(): void {
  const sig = pendingSignal();
  if (sig) throw new CcstError('CANCELLED', SIGNAL_EXIT[sig] as 130, cancelled().message);
}

export interface CommitLastPlan<T> {
  /** Every file the command will write (-o …); '-' and undefined are ignored. Checked before any rendering. */
  targets: (string | undefined)[];
  /** Writes every file output through src/io/output.ts: they stay in temp files until the commit succeeded. */
  render: () => Promise<void>;
  /** The store transaction; absent on --dry-run or without a workspace. */
  commit?: () => T | Promise<T>;
  cwd?: string;
}

/** Check targets → render to temp files → commit → rename. Returns the commit's result. */
export async function commitLast<T>(plan: CommitLastPlan<T>): Promise<T | undefined> {
  checkOutputTargets(plan.targets, plan.cwd);
  const staged = await stageOutputs(plan.render);
  try {
    throwIfInterrupted();
  } catch (e) {
    staged.discard();
    throw e;
  }
  return uninterruptible(async () => {
    let result: T | undefined;
    try {
      result = plan.commit ? await plan.commit() : undefined;
    } catch (e) {
      staged.discard();
      throw e;
    }
    const wrote = staged.files.length > 0;
    staged.publish();
    if (wrote) markCommitted(); // the outputs are in place (a store commit marked itself): a signal cancels nothing now
    return result;
  });
}

/**
 * Commit last for a command whose reads share its store transaction (issue #12 §2: a deliberation decides on one
 * snapshot of the notes, and writes against that snapshot). `run` opens the transaction (mutate) and, inside it, reads
 * and decides, calls `stage(render)` to render its files to their temp files, then writes; the transaction commits when
 * `run`'s body returns, and only then are the files renamed. Before the first stage() a signal ends the command at
 * once (nothing is written yet); from the first stage() on, the writes, the commit and the renames are one section
 * that a signal waits for. stage() may be called again after the writes, for a file that only they tell (deliberate's
 * list of notes changed after a deliberation): it is renamed with the others after the commit, or discarded with them.
 */
export async function commitLastWithin<T>(
  plan: { targets: (string | undefined)[]; cwd?: string },
  run: (stage: (render: () => Promise<void>) => Promise<void>) => Promise<T>,
): Promise<T> {
  checkOutputTargets(plan.targets, plan.cwd);
  const staged: StagedOutputs[] = [];
  let endSection: (() => void) | undefined;
  try {
    const result = await run(async (render) => {
      staged.push(await stageOutputs(render));
      if (staged.length > 1) return;
      throwIfInterrupted();
      // uninterruptible() holds signals until the promise it runs settles: until endSection() below.
      void uninterruptible(() => new Promise<void>((resolve) => (endSection = resolve)));
    });
    for (const s of staged) s.publish();
    markCommitted();
    return result;
  } catch (e) {
    for (const s of staged) s.discard();
    throw e;
  } finally {
    endSection?.();
  }
}
