// A Ctx for command tests: captured stdout/stderr, no TTY, no colour, scripted prompt answers.
import { PassThrough, Writable } from 'node:stream';
import { Chalk } from 'chalk';
import type { Ctx, Prompter } from '../../src/cli/context.js';

export interface FakeCtx extends Ctx {
  out(): string;
  err(): string;
}

class Capture extends Writable {
  chunks: Buffer[] = [];
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void) {
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    cb();
  }
  text() {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

const noPrompt: Prompter = {
  confirm: async () => {
    throw new Error('unexpected prompt (confirm)');
  },
  select: async () => {
    throw new Error('unexpected prompt (select)');
  },
  input: async () => {
    throw new Error('unexpected prompt (input)');
  },
};

export function fakeCtx(over: Partial<Ctx> & { cwd: string }): FakeCtx {
  const stdout = new Capture();
  const stderr = new Capture();
  const ctx: FakeCtx = {
    stdout,
    stderr,
    stdin: new PassThrough(),
    isTTY: false,
    color: new Chalk({ level: 0 }),
    prompt: noPrompt,
    now: () => new Date('2024-03-01T10:00:00Z'),
    env: {},
    debug: false,
    ...over,
    out: () => stdout.text(),
    err: () => stderr.text(),
  };
  return ctx;
}
