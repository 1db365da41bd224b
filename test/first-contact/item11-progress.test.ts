// Issue #10 item 11 — long document runs show progress on stderr when it is a terminal (as import does), and
// nothing of it when stderr is a pipe or a file. The terminal is a real pseudo-terminal (util-linux `script`).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ccst } from '../helpers/cli.js';
import { privateDir } from './helpers.js';

const tmp = privateDir('item11');
let dir = '';
let workspace = '';

beforeAll(() => {
  dir = tmp();
  // The demo's session (170 candidates, centres, orals, deliberation) is the workspace these commands print.
  const demo = ccst(['demo', '--dir', dir], { cwd: dir });
  if (demo.status !== 0) throw new Error(demo.stderr);
  workspace = path.join(dir, 'ccst.db');
}, 240_000);

/** Runs ccst with stdout and stderr on a pseudo-terminal; returns what the terminal received. */
function atTerminal(args: string[]): { status: number | null; screen: string } {
  const command = [process.execPath, BIN, '--workspace', workspace, ...args].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', CI: '' }, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, screen: r.stdout };
}

// Totals: the demo's 170 convocations and relevés, its E4 ponctuel candidates, 9 groups × 3 PDFs at Myriam.
const cases: [string, string[], string, number][] = [
  ['convocations (one file)', ['convocations', '-o', 'c.pdf', '--force'], 'Convocations', 170],
  ['convocations (one file per centre, render threads)', ['convocations', '-o', 'conv/', '--force'], 'Convocations', 170],
  ['grids', ['grids', '--epreuve', 'E4', '-o', 'g.pdf', '--force'], 'Grilles', 0],
  ['relevés', ['releves', '-o', 'r2.pdf'], 'Relevés', 0],
  ['lists', ['lists', '--centre', '0311201M', '-o', 'l2'], 'Listes', 27],
];

describe('#10 item 11: progress on stderr at a terminal', () => {
  it.each(cases)('%s', (_name, args, label, total) => {
    const t = atTerminal(args);
    expect(t.status, t.screen).toBe(0);
    const n = total || Number(t.screen.match(new RegExp(`${label} : \\d+/(\\d+)`))?.[1]);
    expect(n, t.screen).toBeGreaterThan(1);
    expect(t.screen).toMatch(new RegExp(`\\r\\x1b\\[2K${label} : \\d+/${n} \\(\\d+ %\\)…`));
    expect(t.screen).toContain(`${label} : ${n}/${n} (100 %).`);
  });

  it('not a terminal (a pipe): the summary only, no progress line', () => {
    const piped = ccst(['--workspace', workspace, 'releves', '-o', 'r3.pdf'], { cwd: dir });
    expect(piped.status, piped.stderr).toBe(0);
    expect(piped.stderr).not.toContain('\r');
    expect(piped.stderr).not.toMatch(/Relevés : \d+\/\d+/);
    expect(piped.stderr).toContain('Relevés de notes : ');
  });
});
