// A Ctx for benchmarks: output discarded, no terminal, no colour, and any question is a failure.
import { PassThrough, Writable } from 'node:stream';
import { Chalk } from 'chalk';
import type { Ctx } from '../cli/context.js';

export function quietCtx(cwd: string): Ctx {
  const sink = () => new Writable({ write: (_c, _e, cb) => cb() });
  const refuse = async () => {
    throw new Error('pas de question pendant le benchmark');
  };
  return {
    stdout: sink(), stderr: sink(), stdin: new PassThrough(), isTTY: false, color: new Chalk({ level: 0 }),
    prompt: { confirm: refuse, select: refuse, input: refuse }, now: () => new Date(), cwd, env: {}, debug: false,
  };
}
