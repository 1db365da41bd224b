// Temp files of dead processes (issue #9 item 7). Every temp file ccst writes carries its process id in its name
// (output.ts: .<name>.<pid>.<hex>.tmp beside the output; the XLSX reader's copies in <tmpdir>/ccst-<uid>/<pid>/).
// A process stopped by kill -9 cannot remove them: the next run does, once it sees that process is gone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { trackTemp } from './interrupt.js';

/** .<name>.<pid>.<8 hex>.tmp, and SQLite's journal beside a temp workspace. */
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp(-journal)?$/;

/** True when no process has this id (EPERM: it exists, owned by someone else). */
export function processGone(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

const swept = new Set<string>();

/** Removes, once per directory and process, our temp files whose process is gone (only files we own). */
export function sweepStaleTemps(dir: string): number {
  const d = path.resolve(dir);
  if (swept.has(d)) return 0;
  swept.add(d);
  let names: string[];
  try {
    names = fs.readdirSync(d);
  } catch {
    return 0;
  }
  const uid = process.getuid?.();
  let removed = 0;
  for (const n of names) {
    const m = TEMP_NAME.exec(n);
    if (!m || !processGone(Number(m[1]))) continue;
    try {
      const f = path.join(d, n);
      const st = fs.lstatSync(f);
      if (!st.isFile() || (uid !== undefined && st.uid !== uid)) continue;
      fs.rmSync(f, { force: true });
      removed++;
    } catch {
      // another run removed it first
    }
  }
  return removed;
}

let systemTmp: string | undefined;

/** The system's temp folder, as it was before useProcessTempDir (for what must outlive the process: ccst demo). */
export function systemTempDir(): string {
  return systemTmp ?? os.tmpdir();
}

/** <tmpdir>/ccst-<uid>: ours, 0700. */
function tempRoot(base = os.tmpdir()): string {
  const root = path.join(base, `ccst-${process.getuid?.() ?? 'user'}`);
  fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  const st = fs.lstatSync(root);
  // Someone else's folder (or a symlink planted in a shared /tmp) is not ours to write personal data into.
  if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid())) throw Object.assign(new Error(`dossier temporaire douteux : ${root}`), { code: 'EPERM', path: root, syscall: 'mkdir' });
  if ((st.mode & 0o077) !== 0) fs.chmodSync(root, 0o700);
  return root;
}

/**
 * This process's temp folder, <tmpdir>/ccst-<uid>/<pid>, 0700: libraries that write their own temp files (exceljs
 * reading a workbook whose sheets precede its shared strings: `tmp.file()` in os.tmpdir()) are pointed at it through
 * TMPDIR, so that they are removed with it — at exit, on Ctrl-C or SIGTERM, or by the next run after a kill -9.
 * Stale folders of dead processes are removed here.
 */
export function useProcessTempDir(base = os.tmpdir()): string {
  systemTmp = base;
  const root = tempRoot(base);
  for (const n of fs.readdirSync(root)) {
    if (/^\d+$/.test(n) && processGone(Number(n))) fs.rmSync(path.join(root, n), { recursive: true, force: true });
  }
  const dir = path.join(root, String(process.pid));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { mode: 0o700 });
  trackTemp(dir); // removed on a signal (interrupt.ts)
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  process.env.TMPDIR = dir; // read by os.tmpdir() at each call, inherited by worker threads created afterwards
  return dir;
}
