import { spawnSync } from 'node:child_process';
import { BIN } from './cli.js';

const ENV = { ...process.env, CI: 'true', NO_COLOR: '1', CCST_WORKSPACE: '' };
export const runsAsRoot = process.getuid?.() === 0;

/**
 * Runs the built CLI as a plain user would: as root, without the capabilities to bypass file permissions or
 * ownership (setpriv), so that chmod and chown hold as for anyone else.
 */
export function unprivileged(args: string[], cwd: string) {
  const [cmd, ...rest] = runsAsRoot
    ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search,-fowner,-chown', process.execPath, BIN, ...args]
    : [process.execPath, BIN, ...args];
  const r = spawnSync(cmd!, rest, { cwd, env: ENV });
  return { status: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}
