// Issue #9 « Done when »: the hostile battery, project « hostile » of `npm test` (alone: `npm run test:hostile`) — faults: unwritable output, full disk, locked workspace.
// The battery is three files (battery-*.test.ts) so that vitest's workers run its parts side by side.
// A representative sample of every row of the table — malformed files per command, faults (unwritable
// output, a full disk through a small file-size limit, a locked workspace), the injection payloads through every
// export, control characters and long text — asserting: no exit 1, no stack trace without --debug, the workspace
// byte-identical after every failure, no live payload in any export, no temp file left, files 0600. Ctrl-C and
// kill -9: interrupts.test.ts. CCST_HOSTILE_FULL=1 runs more of each; the figures of every file are summed at the
// end (test/setup/hostile-figures.ts: compare with the baseline table).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseDigest, COMMIT_CASES, figures, judge, publishFigures, run, sharedBase, tempsIn, workspaceFrom } from '../helpers/hostile-run.js';

// A workspace directory (session, calendar, candidates, centres, assignments, orals) shared by the battery's files.
let base: { dir: string; digest: string };
beforeAll(() => {
  base = sharedBase();
}, 300_000);

/** A fresh copy of the base workspace. */
const workspace = (files: string[] = []) => workspaceFrom(base.dir, files);

afterAll(() => {
  publishFigures('battery-faults');
  expect(baseDigest(base.dir), 'the shared base workspace changed').toBe(base.digest);
});

// ---------------------------------------------------------------------------------------------------------------
// Faults: unwritable output, a full disk, a locked workspace, Ctrl-C (issue #9 items 1, 4, 6, 7, 10).

describe('#9 battery: faults', () => {
  it.skipIf(!COMMIT_CASES)('a folder given as input (EISDIR): refused, no exit 1', () => {
    const ws = workspace();
    fs.mkdirSync(path.join(ws.dir, 'dossier.csv'));
    figures['malformed inputs tried']++;
    expect(judge('import dossier.csv', run(['import', 'dossier.csv'], ws.dir), ws, true)).toEqual([]);
  });

  const storing: [string, string[]][] = [
    ['deliberate', ['deliberate', 'notes.csv', '-o', 'OUT/pv.csv']],
    ['conformity', ['conformity', 'dossiers.csv', '--date-limite', '2023-03-15', '-o', 'OUT/formulaires.pdf']],
    ['candidates export', ['candidates', 'export', '-o', 'OUT/candidats.xlsx']],
    ['convocations', ['convocations', '-o', 'OUT/convocations.pdf']],
  ];

  it.skipIf(!COMMIT_CASES).each(storing)('%s into an unwritable folder (a file where the folder should be): refused, workspace unchanged', (_name, args) => {
    const ws = workspace(['notes.csv', 'dossiers.csv']);
    fs.writeFileSync(path.join(ws.dir, 'OUT'), 'not a folder');
    figures['malformed inputs tried']++;
    const problems = judge(`${_name} → unwritable`, run(args, ws.dir), ws, true);
    expect(problems).toEqual([]);
  });

  it.skipIf(!COMMIT_CASES).each(storing)('%s on a full disk (file-size limit): refused, workspace unchanged, no temp file', (_name, args) => {
    const ws = workspace(['notes.csv', 'dossiers.csv']);
    fs.mkdirSync(path.join(ws.dir, 'OUT'));
    figures['malformed inputs tried']++;
    // 8 KiB: the workspace (already bigger) can still be read, no output fits.
    const r = run(args, ws.dir, { shell: 'ulimit -f 16' });
    const problems = judge(`${_name} → disk full`, r, ws, true);
    const left = tempsIn(ws.dir);
    figures['temp files left'] += left.length;
    expect(problems).toEqual([]);
    expect(left).toEqual([]);
  });

  it.skipIf(!COMMIT_CASES).each([
    ['status', ['status']],
    ['import', ['import', 'candidats.csv']],
    ['deliberate', ['deliberate', 'notes.csv']],
    ['assign-centres', ['assign-centres']],
  ])('%s on a workspace locked by another process: a clear message, no exit 1', (name, args) => {
    const ws = workspace(['notes.csv', 'candidats.csv']);
    const holder = new Database(ws.file);
    holder.exec('BEGIN EXCLUSIVE');
    try {
      figures['malformed inputs tried']++;
      const r = run(args, ws.dir, { timeout: 60_000 });
      const problems = judge(`${name} on a locked workspace`, r, undefined, false);
      expect(problems).toEqual([]);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(fs.readFileSync(ws.file).equals(ws.before)).toBe(true);
  });
});
