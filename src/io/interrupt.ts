// Ctrl-C (SIGINT → 130) and SIGTERM (→ 143, 128 + 15) at any point of a command: the temp files this process is
// writing are removed and the process exits — unless it is inside a section that must not be cut (a store
// transaction being committed and the outputs renamed into place, commit-last.ts), in which case the signal is
// honoured as soon as that section ends. Before the commit nothing is stored, so the workspace stays as it was.
import fs from 'node:fs';

export const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

const liveTemps = new Set<string>();
let depth = 0;
let pending: 'SIGINT' | 'SIGTERM' | undefined;
/** Something was committed to the workspace: a signal from now on stops a command whose work is stored. */
let committed = false;
let commitsHeld = false;
let exitFn: (sig: 'SIGINT' | 'SIGTERM', afterCommit: boolean) => void = () => undefined;

/** A temp file this process is writing: removed if a signal stops the command. */
export function trackTemp(file: string): void {
  liveTemps.add(file);
}

export function untrackTemp(file: string): void {
  liveTemps.delete(file);
}

const cleanups = new Set<() => void>();

/** Extra clean-up on a signal (e.g. the temp files of render threads, which this thread's registry does not see). */
export function onInterruptCleanup(fn: () => void): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

export function removeLiveTemps(): void {
  for (const fn of cleanups) {
    try {
      fn();
    } catch {
      // best effort
    }
  }
  for (const f of liveTemps) {
    try {
      fs.rmSync(f, { force: true, recursive: true });
    } catch {
      // best effort: the next run sweeps what is left (temp-files.ts)
    }
  }
  liveTemps.clear();
}

/** A signal received so far and not yet acted upon (deferred by a critical section). */
export function pendingSignal(): 'SIGINT' | 'SIGTERM' | undefined {
  return pending;
}

/**
 * Runs `fn` without being cut by SIGINT/SIGTERM: a signal arriving meanwhile is acted upon when it returns.
 * Synchronous SQLite transactions cannot be interrupted anyway (signals are handled on the event loop); this
 * covers the asynchronous ones (mutateAsync) and the renames that follow a commit.
 */
export async function uninterruptible<T>(fn: () => T | Promise<T>): Promise<T> {
  depth++;
  try {
    return await fn();
  } finally {
    depth--;
    if (depth === 0 && pending) exitFn(pending, committed);
  }
}

/**
 * Called once a store transaction has committed (store/workspace.ts mutate): a Ctrl-C that comes afterwards — while
 * the command prints its summary — must not say « Opération annulée », the work is stored.
 */
export function markCommitted(): void {
  if (!commitsHeld) committed = true;
}

/**
 * For a command made of steps whose stores are not yet the user's (`ccst demo --dir` builds in a temp folder,
 * discarded on a Ctrl-C): while held, the steps' commits do not count — a signal is a plain cancel.
 */
export function holdCommits(held: boolean): void {
  commitsHeld = held;
}

/** What the process does on a signal (main.ts installs the real one; tests may observe). */
export function onInterrupt(sig: 'SIGINT' | 'SIGTERM'): void {
  pending = sig;
  if (depth > 0) return;
  exitFn(sig, committed);
}

/** Installs the handlers: `exit` is called once, outside any critical section, after the temp files are removed. */
export function installInterruptHandlers(exit: (sig: 'SIGINT' | 'SIGTERM', afterCommit: boolean) => void): void {
  exitFn = (sig, afterCommit) => {
    removeLiveTemps();
    exit(sig, afterCommit);
  };
  process.on('SIGINT', () => onInterrupt('SIGINT'));
  process.on('SIGTERM', () => onInterrupt('SIGTERM'));
}

/** Forgets a signal already handled (a test, or a host running several commands in one process). */
export function resetInterrupts(): void {
  pending = undefined;
  committed = false;
  commitsHeld = false;
}
