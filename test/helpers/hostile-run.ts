// What the files of the hostile battery (test/hostile, issue #9 « Done when ») share: running the CLI as a user
// would, judging a failed run (no exit 1, no stack trace without --debug, the workspace byte-identical), the base
// workspace (the Toulouse 2023 session) every case copies, and the figures each file counts — written at the end of
// the file to the folder test/setup/hostile-figures.ts sums them from, into one table shaped like the issue's.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { BIN, REPO, type CliResult } from './cli.js';

export const FULL = process.env.CCST_HOSTILE_FULL === '1';
/** Faults of issue #9 items 1, 4, 6, 7, 10 (commit last, environment errors, temp files): CCST_HOSTILE_COMMIT=0 skips them. */
export const COMMIT_CASES = process.env.CCST_HOSTILE_COMMIT !== '0';
export const TOULOUSE = path.join(REPO, 'fixtures', 'toulouse-2023');
export const STACK = /^\s+at .+[(\s].*:\d+:\d+\)?$/m;
export const FIGURES_ENV = 'CCST_HOSTILE_FIGURES';
/** The base workspace built once per run by test/setup/hostile-base.ts (the hostile project's globalSetup). */
export const BASE_ENV = 'CCST_HOSTILE_BASE';
export const BASE_DIGEST_ENV = 'CCST_HOSTILE_BASE_DIGEST';

export const figures = {
  'malformed inputs tried': 0,
  'bugs (exit 1, crash, hang > 60 s)': 0,
  'silently accepted wrong data': 0,
  'failed runs that changed the workspace': 0,
  'raw Node stack traces without --debug': 0,
  'injection vectors tried (payload cells in exports)': 0,
  'injection vectors not neutralised': 0,
  'Ctrl-C trials': 0,
  'kill -9 trials': 0,
  'kill -9 trials that corrupted the workspace': 0,
  'temp files left': 0,
  'files not 0600': 0,
};
export type Figure = keyof typeof figures;
export const failures: string[] = [];

/** Writes this file's figures for the summing teardown (or prints them when the battery runs without it). */
export function publishFigures(label: string): void {
  const dir = process.env[FIGURES_ENV];
  if (dir && fs.existsSync(dir)) fs.writeFileSync(path.join(dir, `${label}.json`), JSON.stringify({ figures, failures }));
  else console.log(`\n#9 hostile battery, ${label}\n${JSON.stringify(figures, null, 1)}\n${failures.join('\n')}`);
}

const ENV = { CI: 'true', NO_COLOR: '1', CCST_WORKSPACE: '' };
export type Run = CliResult & { signal: NodeJS.Signals | null; ms: number };

export function run(args: string[], cwd: string, opts: { shell?: string; timeout?: number } = {}): Run {
  const started = Date.now();
  const env = { ...process.env, ...ENV };
  const r = opts.shell
    ? spawnSync('bash', ['-c', `${opts.shell}; exec "${process.execPath}" "${BIN}" ${args.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ')}`], { cwd, env, timeout: opts.timeout ?? 60_000, maxBuffer: 64 << 20 })
    : spawnSync(process.execPath, [BIN, ...args], { cwd, env, timeout: opts.timeout ?? 60_000, maxBuffer: 64 << 20 });
  return { status: r.status, signal: r.signal, stdout: r.stdout.toString(), stderr: r.stderr.toString(), stdoutBytes: r.stdout, ms: Date.now() - started };
}

/** Starts the CLI; `interrupt(child)` decides when to signal it; resolves with the outcome. */
export function interrupted(args: string[], cwd: string, interrupt: (child: ReturnType<typeof spawn>) => void) {
  return new Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...ENV } });
    let stderr = '';
    p.stderr.on('data', (d) => (stderr += d));
    p.stdout.resume();
    interrupt(p);
    p.on('close', (status, signal) => resolve({ status, signal, stderr }));
  });
}

/** Temp files of ours left in a folder (writeFileAtomic's « .name.pid.hex.tmp », a SQLite journal). */
export const tempsIn = (dir: string) => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tmp$|-journal$/.test(f));

/** Judges one failed (or refused) run; records the figures; returns the problems found. */
export function judge(what: string, r: Run, ws: { file: string; before: Buffer } | undefined, expectRefusal: boolean): string[] {
  const problems: string[] = [];
  if (r.status === 1 || r.signal !== null || r.status === null) {
    figures['bugs (exit 1, crash, hang > 60 s)']++;
    problems.push(`exit ${r.status ?? r.signal} (${r.ms} ms): ${r.stderr.slice(0, 300)}`);
  }
  if (STACK.test(r.stderr)) {
    figures['raw Node stack traces without --debug']++;
    problems.push('stack trace without --debug');
  }
  if (expectRefusal && r.status === 0) {
    figures['silently accepted wrong data']++;
    problems.push('accepted (exit 0)');
  }
  if (ws && r.status !== 0 && !fs.readFileSync(ws.file).equals(ws.before)) {
    figures['failed runs that changed the workspace']++;
    problems.push('workspace changed by a failed run');
  }
  if (problems.length) failures.push(`${what}: ${problems.join(' ; ')}`);
  return problems;
}

/** The Toulouse 2023 session up to the orals, in a folder of its own, with its input files beside it. */
export function baseWorkspace(): string {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-battery-'));
  for (const f of ['candidats.csv', 'centres.csv', 'notes.csv', 'dossiers.csv', 'controle-choix.csv']) fs.copyFileSync(path.join(TOULOUSE, f), path.join(base, f));
  fs.copyFileSync(path.join(REPO, 'fixtures', 'calendrier-toulouse-2023.csv'), path.join(base, 'calendrier.csv'));
  for (const args of [['init', '--session', '2023', '--academie', 'TOULOUSE'], ['calendar', 'import', 'calendrier.csv'], ['import', 'candidats.csv'], ['centres', 'import', 'centres.csv'], ['assign-centres'], ['schedule-orals', '--commissions', '2']]) {
    const r = run(args, base);
    if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  }
  return base;
}

/** The files of a base workspace, hashed: the shared one must be the same at the end of each file. */
export function baseDigest(dir: string): string {
  const h = crypto.createHash('sha256');
  for (const f of fs.readdirSync(dir).sort()) h.update(f).update(fs.readFileSync(path.join(dir, f)));
  return h.digest('hex');
}

/**
 * The run's base workspace (test/setup/hostile-base.ts), with its digest taken when it was built; built here when the
 * file runs without that setup. Shared by the files of the battery: read only — each case works on its copy
 * (workspaceFrom); each file checks in its afterAll that the base is unchanged (baseDigest).
 */
export function sharedBase(): { dir: string; digest: string } {
  const dir = process.env[BASE_ENV];
  const digest = process.env[BASE_DIGEST_ENV];
  if (dir && digest && fs.existsSync(path.join(dir, 'ccst.db'))) return { dir, digest };
  const built = baseWorkspace();
  return { dir: built, digest: baseDigest(built) };
}

/** A fresh copy of a base workspace, with the given input files of the base beside it. */
export function workspaceFrom(base: string, files: string[] = []): { dir: string; file: string; before: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-case-'));
  const file = path.join(dir, 'ccst.db');
  fs.copyFileSync(path.join(base, 'ccst.db'), file);
  for (const f of files) fs.copyFileSync(path.join(base, f), path.join(dir, f));
  return { dir, file, before: fs.readFileSync(file) };
}
