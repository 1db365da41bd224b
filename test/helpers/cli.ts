// Runs the BUILT CLI (dist/, made by `tsc` before vitest in `npm test`) as a user would.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseOf, onPostgres, workspaceFor } from './engine.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(REPO, 'bin', 'ccst.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

/**
 * The environment a spawned CLI gets: no colour, CI, and CCST_WORKSPACE = the folder's workspace on PostgreSQL
 * (test/helpers/engine.ts; on SQLite it stays empty: ./ccst.db in the folder, as a user's default). A folder gets its
 * database with its `ccst init`: before that it has no workspace on either engine (a named PostgreSQL workspace must
 * exist, as a named file must — commands that work without one, such as `grids --blank` or `deliberate` of a
 * self-contained notes file, run without one).
 */
export function cliEnv(cwd: string, env?: Record<string, string>, args: string[] = []): NodeJS.ProcessEnv {
  const pg = onPostgres && (databaseOf(cwd) !== undefined || args.includes('init'));
  return { ...process.env, CI: 'true', NO_COLOR: '1', CCST_WORKSPACE: pg ? workspaceFor(cwd) : '', ...env };
}

export function ccst(args: string[], opts: { cwd: string; input?: string | Buffer; env?: Record<string, string> }): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd,
    input: opts.input ?? '',
    env: cliEnv(opts.cwd, opts.env, args),
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), stdoutBytes: r.stdout };
}
