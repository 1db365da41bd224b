// Everything a command touches outside its arguments, injectable for tests (a fake Ctx).
import { Chalk, type ChalkInstance } from 'chalk';
import { terminalStream } from './terminal-text.js';
import { frenchPrompter } from './prompts-fr.js';

export interface Prompter {
  confirm(message: string, defaultValue?: boolean): Promise<boolean>;
  select<T extends string>(message: string, choices: { name: string; value: T }[], defaultValue?: T): Promise<T>;
  input(message: string, defaultValue?: string): Promise<string>;
}

export interface Ctx {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  /** stdin and stderr are terminals: prompts are allowed. */
  isTTY: boolean;
  color: ChalkInstance;
  prompt: Prompter;
  now: () => Date;
  cwd: string;
  env: Record<string, string | undefined>;
  debug: boolean;
}

/** NO_COLOR, TERM=dumb, CI and a non-TTY stderr turn colour off (clig.dev). */
export function colorLevel(env: Record<string, string | undefined>, stderrIsTTY: boolean, flag?: boolean): 0 | 1 {
  if (flag === false) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.TERM === 'dumb' || env.CI) return 0;
  if (flag === true) return 1;
  return stderrIsTTY ? 1 : 0;
}

/** The process's terminal prompts, in French (prompts-fr.ts). */
export const inquirerPrompter: Prompter = frenchPrompter();

export function processCtx(opts: { color?: boolean; debug?: boolean } = {}): Ctx {
  const isTTY = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  const level = colorLevel(process.env, Boolean(process.stderr.isTTY), opts.color);
  return {
    // Messages are for people: control characters in them are made visible (issue #9 item 8). Data on stdout is
    // written byte for byte to a file or a pipe, and made safe only when it goes to a terminal.
    stdout: process.stdout.isTTY ? terminalStream(process.stdout, { sgr: level > 0 }) : process.stdout,
    stderr: terminalStream(process.stderr, { sgr: level > 0 }),
    stdin: process.stdin,
    isTTY,
    color: new Chalk({ level }),
    prompt: inquirerPrompter,
    now: () => new Date(),
    cwd: process.cwd(),
    env: process.env,
    debug: Boolean(opts.debug),
  };
}

/** Writes one line to stderr (messages, progress, summaries never go to stdout). */
export function say(ctx: Ctx, line = ''): void {
  ctx.stderr.write(line + '\n');
}
