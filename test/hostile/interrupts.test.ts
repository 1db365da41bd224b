// Issue #9 « Done when », the interrupt part of the hostile battery: Ctrl-C at several points of `deliberate` —
// on the Toulouse session and on a larger synthetic one (the 200k scenario, bounded: a few thousand
// candidates; more with CCST_HOSTILE_FULL=1) — and kill -9 at random points (full mode). A Ctrl-C before the store
// commits: exit 130 « Opération annulée », the workspace byte-identical, no PV, no temp file, no journal. A Ctrl-C
// during the commit is honoured once it is done: exit 130 « interrompue après l’enregistrement », the workspace
// stored and the PV complete (commit-last.ts). kill -9: never a corrupted workspace.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticCsv, writeSyntheticNotes } from '../../src/bench/synthetic-candidates.js';
import { baseDigest, failures, figures, FULL, interrupted, publishFigures, run, sharedBase, STACK, tempsIn, workspaceFrom } from '../helpers/hostile-run.js';

afterAll(() => publishFigures('interrupts'));

/** What a deliberation stopped by Ctrl-C may have done; the problems found (recorded in the figures). */
function judgeInterrupt(what: string, r: { status: number | null; signal: NodeJS.Signals | null; stderr: string }, ws: { dir: string; file: string; before: Buffer }, pvLines?: number): string[] {
  figures['Ctrl-C trials']++;
  const problems: string[] = [];
  const changed = !fs.readFileSync(ws.file).equals(ws.before);
  const pv = path.join(ws.dir, 'pv.csv');
  const complete = fs.existsSync(pv) && (pvLines === undefined || fs.readFileSync(pv, 'utf8').trim().split(/\r?\n/).length === pvLines);
  const afterCommit = /interrompue après l’enregistrement/.test(r.stderr);
  if (r.status === 130 && !afterCommit) {
    if (changed) problems.push('cancelled, yet the workspace changed');
    if (fs.existsSync(pv)) problems.push('cancelled, yet a PV was written');
    if (!/Opération annulée/.test(r.stderr)) problems.push('no « Opération annulée »');
  }
  // Honoured after the commit, or finished before the signal: everything stored, the PV whole.
  if ((r.status === 130 && afterCommit) || r.status === 0) {
    if (!changed) problems.push('done, yet nothing stored');
    if (!complete) problems.push('done, yet no complete PV');
  }
  // Killed by the signal itself: before ccst has installed its handler (start-up), when nothing was done — or in
  // the process's last instants, once everything is done (Node gives SIGINT back its default action as it exits):
  // then the workspace is stored and the PV whole.
  const early = r.signal === 'SIGINT' && !changed;
  const atExit = r.signal === 'SIGINT' && changed && complete && /PV écrit/.test(r.stderr);
  if (r.status !== 0 && r.status !== 130 && !early && !atExit) problems.push(`exit ${r.status ?? r.signal}: ${r.stderr.slice(-300)}`);
  if (STACK.test(r.stderr)) problems.push('stack trace');
  const left = tempsIn(ws.dir);
  if (left.length) problems.push(`temp files left: ${left.join(', ')}`);
  figures['temp files left'] += left.length;
  if (changed && r.status !== 0 && !afterCommit && !atExit) figures['failed runs that changed the workspace']++;
  if (problems.length) failures.push(`${what}: ${problems.join(' ; ')}`);
  return problems;
}

const sigintAfter = (ms: number) => (child: { kill(s: NodeJS.Signals): boolean; on(e: 'close', f: () => void): unknown }) => {
  const t = setTimeout(() => child.kill('SIGINT'), ms);
  child.on('close', () => clearTimeout(t));
};

describe('#9 battery: Ctrl-C during deliberate (Toulouse 2023)', () => {
  let shared: { dir: string; digest: string };
  let base: string;
  beforeAll(() => {
    shared = sharedBase();
    base = shared.dir;
  }, 300_000);
  afterAll(() => {
    expect(baseDigest(base), 'the shared base workspace changed').toBe(shared.digest);
  });

  const points = FULL ? [50, 150, 300, 500, 800, 1200, 2000, 3000] : [150, 600, 1500];
  it.each(points)('Ctrl-C after %i ms: exit 130 and nothing stored, or done whole; no temp file', async (ms) => {
    const ws = workspaceFrom(base, ['notes.csv']);
    const r = await interrupted(['deliberate', 'notes.csv', '-o', 'pv.csv'], ws.dir, sigintAfter(ms));
    expect(judgeInterrupt(`Ctrl-C after ${ms} ms`, r, ws)).toEqual([]);
  });

  // kill -9 at random points (full mode): the workspace is never corrupted, and holds either the state before or the
  // state after (SQLite transactions: all or nothing).
  const trials = FULL ? 24 : 0;
  it.skipIf(!FULL)(`kill -9 at random points (${trials} trials): never a corrupted workspace`, async () => {
    let seed = 9;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < trials; i++) {
      const ws = workspaceFrom(base, ['notes.csv', 'candidats.csv', 'dossiers.csv']);
      const args = [['deliberate', 'notes.csv', '-o', 'pv.csv'], ['import', 'candidats.csv'], ['conformity', 'dossiers.csv', '--date-limite', '2023-03-15']][i % 3]!;
      const ms = Math.floor(100 + random() * 2500);
      await interrupted(args, ws.dir, (child) => {
        const t = setTimeout(() => child.kill('SIGKILL'), ms);
        child.on('close', () => clearTimeout(t));
      });
      figures['kill -9 trials']++;
      const db = new Database(ws.file, { readonly: true });
      const ok = (db.pragma('integrity_check', { simple: true }) as string) === 'ok';
      db.close();
      if (!ok) {
        figures['kill -9 trials that corrupted the workspace']++;
        failures.push(`kill -9 during ${args[0]}: integrity_check failed`);
      }
    }
    expect(figures['kill -9 trials that corrupted the workspace']).toBe(0);
  }, 600_000);
});

// The scenario: Ctrl-C during a national deliberation (200,000 candidates) left 1.5M notes stored. Here the
// same synthetic session as bench:engines, smaller; the signal is sent while the PV is being rendered (its temp file
// seen), and at fractions of an uninterrupted run's duration measured first (so the points follow the machine's load).
const ROWS = FULL ? 20_000 : 4_000;
describe(`#9 battery: Ctrl-C during a large deliberation (${ROWS} candidates)`, () => {
  let base: string;
  let full: number; // ms of an uninterrupted deliberation
  beforeAll(async () => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-battery-large-'));
    await writeSyntheticCsv(ROWS, path.join(base, 'candidats.csv'));
    writeSyntheticNotes(ROWS, path.join(base, 'notes.csv'));
    for (const args of [['init', '--session', '2024', '--academie', 'TOULOUSE'], ['import', 'candidats.csv']]) {
      const r = run(args, base, { timeout: 600_000 });
      if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
    }
    const ws = workspaceFrom(base, ['notes.csv']);
    const r = run(['deliberate', 'notes.csv', '-o', 'pv.csv'], ws.dir, { timeout: 600_000 });
    if (r.status !== 0) throw new Error(`deliberate: ${r.stderr}`);
    expect(fs.readFileSync(path.join(ws.dir, 'pv.csv'), 'utf8').trim().split(/\r?\n/)).toHaveLength(ROWS + 1);
    full = r.ms;
  }, 900_000);

  it('Ctrl-C while the PV is being rendered: exit 130, nothing stored, no PV, no temp file', async () => {
    const ws = workspaceFrom(base, ['notes.csv']);
    let seen = false;
    const r = await interrupted(['deliberate', 'notes.csv', '-o', 'pv.csv'], ws.dir, (child) => {
      // inotify: the creation of the PV's temp file is seen even if the file is already gone when we look.
      const watcher = fs.watch(ws.dir, (_event, name) => {
        if (!seen && name?.startsWith('.pv.csv.') && name.endsWith('.tmp')) {
          seen = true;
          child.kill('SIGINT');
        }
      });
      child.on('close', () => watcher.close());
    });
    expect(judgeInterrupt('Ctrl-C while rendering the PV', r, ws, ROWS + 1)).toEqual([]);
    // The temp file was seen: the signal came at the latest during the commit (then honoured after it).
    expect(seen).toBe(true);
  }, 600_000);

  const fractions = FULL ? [0.05, 0.25, 0.5, 0.75, 0.9, 0.97] : [0.3, 0.7, 0.9];
  it.each(fractions)('Ctrl-C at %f of the deliberation: cancelled with nothing stored, or done whole', async (f) => {
    const ws = workspaceFrom(base, ['notes.csv']);
    const r = await interrupted(['deliberate', 'notes.csv', '-o', 'pv.csv'], ws.dir, sigintAfter(Math.round(f * full)));
    expect(judgeInterrupt(`Ctrl-C at ${f} of a ${ROWS}-candidate deliberation`, r, ws, ROWS + 1)).toEqual([]);
  }, 600_000);
});
