// Issue #9 « Done when »: the hostile battery, project « hostile » of `npm test` (alone: `npm run test:hostile`) — injection payloads through every export, files 0600.
// The battery is three files (battery-*.test.ts) so that vitest's workers run its parts side by side.
// A representative sample of every row of the table — malformed files per command, faults (unwritable
// output, a full disk through a small file-size limit, a locked workspace), the injection payloads through every
// export, control characters and long text — asserting: no exit 1, no stack trace without --debug, the workspace
// byte-identical after every failure, no live payload in any export, no temp file left, files 0600. Ctrl-C and
// kill -9: interrupts.test.ts. CCST_HOSTILE_FULL=1 runs more of each; the figures of every file are summed at the
// end (test/setup/hostile-figures.ts: compare with the baseline table).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileSession, type HostileSession } from '../helpers/hostile-session.js';
import { carriesPayload, liveFormula, textCells } from '../helpers/hostile.js';
import { failures, figures, publishFigures, tempsIn } from '../helpers/hostile-run.js';

afterAll(() => publishFigures('battery-injection'));

// ---------------------------------------------------------------------------------------------------------------
// Injection payloads through every export; files 0600.

describe('#9 battery: injection through every export, files 0600', () => {
  let s: HostileSession;
  beforeAll(() => {
    s = hostileSession();
  }, 900_000); // some twenty commands: under a heavy load, more than the project's 5 minutes

  it('no live payload in any export', async () => {
    const live: string[] = [];
    for (const f of s.outputs) {
      const cells = await textCells(f);
      figures['injection vectors tried (payload cells in exports)'] += cells.filter(carriesPayload).length;
      for (const c of cells.filter(liveFormula)) live.push(`${path.basename(f)}: ${JSON.stringify(c).slice(0, 80)}`);
    }
    figures['injection vectors not neutralised'] += live.length;
    failures.push(...live);
    expect(live).toEqual([]);
  });

  it('every file written is 0600, every folder 0700, no temp file left', () => {
    const out = path.join(s.dir, 'out');
    const wrong: string[] = [];
    for (const f of [...fs.readdirSync(out, { recursive: true, encoding: 'utf8' }).map((f) => path.join(out, f)), path.join(s.dir, 'ccst.db')]) {
      const st = fs.statSync(f);
      const want = st.isDirectory() ? 0o700 : 0o600;
      if ((st.mode & 0o777) !== want) wrong.push(`${path.relative(s.dir, f)} ${(st.mode & 0o777).toString(8)}`);
    }
    figures['files not 0600'] += wrong.length;
    figures['temp files left'] += tempsIn(s.dir).length;
    failures.push(...wrong.map((w) => `mode: ${w}`));
    expect(wrong).toEqual([]);
    expect(tempsIn(s.dir)).toEqual([]);
  });
});

