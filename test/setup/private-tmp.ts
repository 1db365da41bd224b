// vitest globalSetup: the whole run (test files, the CLIs they spawn, the workers those start) writes its temporary
// files under one private folder, removed at the end — `npm test` leaves nothing in /tmp (issue #10 item 15),
// whatever a test forgets. Children inherit TMPDIR, and os.tmpdir() reads it at each call.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { oncePerRun } from './once-per-run.js';

export const RUN_PREFIX = 'ccst-test-run-';

export default function setup(): Promise<() => Promise<void>> {
  // Once for the whole run, whichever project starts first (once-per-run.ts).
  return oncePerRun('private-tmp', () => {
    const previous = process.env.TMPDIR;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), RUN_PREFIX));
    process.env.TMPDIR = dir;
    return () => {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      fs.rmSync(dir, { recursive: true, force: true });
    };
  });
}
