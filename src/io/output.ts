// Writing outputs safely: '-' is stdout; a file is written to a temporary sibling and renamed into place,
// so a failed command never leaves a half-written file (or destroys the previous one).
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { finished } from 'node:stream/promises';
import { AsyncLocalStorage } from 'node:async_hooks';
import { trackTemp, untrackTemp } from './interrupt.js';
import { sweepStaleTemps } from './temp-files.js';

export function tempSibling(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Removes the temp siblings of `file` left by this process: a render thread stopped in the middle of a file (the
 * pool ends its workers when a task fails) never reaches writeFileAtomic's own clean-up.
 */
export function removeTempSiblings(file: string): void {
  const dir = path.dirname(path.resolve(file));
  const prefix = `.${path.basename(file)}.${process.pid}.`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) if (n.startsWith(prefix) && n.endsWith('.tmp')) fs.rmSync(path.join(dir, n), { force: true });
}

/** Creates `tmp` empty, mode 0600 from its first byte (O_EXCL: never an existing file or a planted symlink). */
export function createTempFile(tmp: string): void {
  fs.closeSync(fs.openSync(tmp, 'wx', 0o600));
  trackTemp(tmp);
}

export function removeTemp(tmp: string): void {
  fs.rmSync(tmp, { force: true });
  untrackTemp(tmp);
}

export interface StagedFile {
  tmp: string;
  file: string;
}

/** Outputs rendered but not yet renamed into place (commit-last: renamed only once the store has committed). */
export class StagedOutputs {
  constructor(readonly files: StagedFile[]) {}

  /** Renames every rendered temp file to its target. */
  publish(): void {
    for (const f of this.files) {
      fs.renameSync(f.tmp, f.file);
      untrackTemp(f.tmp);
    }
    this.files.length = 0;
  }

  /** Hands the rendered temp files over (a render thread gives them to the main thread): no longer this one's to rename or remove. */
  take(): StagedFile[] {
    const taken = this.files.splice(0);
    for (const f of taken) untrackTemp(f.tmp);
    return taken;
  }

  /** Removes every rendered temp file: nothing appears at the targets. */
  discard(): void {
    for (const f of this.files) removeTemp(f.tmp);
    this.files.length = 0;
  }
}

const staging = new AsyncLocalStorage<StagedFile[]>();

/**
 * Runs `render`; every file it writes through writeFileAtomic stays in its temp file until publish(). A failing
 * render leaves no temp file behind.
 */
export async function stageOutputs(render: () => Promise<void>): Promise<StagedOutputs> {
  const files: StagedFile[] = [];
  const staged = new StagedOutputs(files);
  try {
    await staging.run(files, render);
  } catch (e) {
    staged.discard();
    throw e;
  }
  return staged;
}

/** Inside stageOutputs, the list files written now join (they wait for the commit); undefined outside. */
export type Staging = StagedFile[];
export function currentStaging(): Staging | undefined {
  return staging.getStore();
}

/**
 * A temp file rendered elsewhere (a render thread) joins `stage`, renamed or removed with the others; without a stage
 * it is renamed now. The stage is passed, not read here: a worker's reply is handled outside the caller's async context.
 */
export function adoptStaged(f: StagedFile, stage: Staging | undefined): void {
  trackTemp(f.tmp);
  if (stage) stage.push(f);
  else {
    fs.renameSync(f.tmp, f.file);
    untrackTemp(f.tmp);
  }
}

/**
 * Runs `write` against a temp file (0600 from its first byte), then renames it to `file`; the temp file is removed
 * on failure. Inside stageOutputs the rename waits for the commit (src/cli/commit-last.ts).
 */
export async function writeFileAtomic(file: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 }); // folders ccst creates: owner only (issue #9 item 9)
  sweepStaleTemps(path.dirname(target)); // left by a killed run (kill -9)
  const tmp = tempSibling(target);
  try {
    createTempFile(tmp);
  } catch (e) {
    throw aboutTarget(e, tmp, target);
  }
  try {
    await write(tmp);
    // Outputs carry personal data (names, birth dates, notes): readable by the owner only, like the workspace.
    // (A writer that replaced the file instead of writing into it would have lost the mode.)
    fs.chmodSync(tmp, 0o600);
    const stage = staging.getStore();
    if (stage) {
      stage.push({ tmp, file: target });
      return;
    }
    fs.renameSync(tmp, target);
    untrackTemp(tmp);
  } catch (e) {
    removeTemp(tmp);
    throw aboutTarget(e, tmp, target);
  }
}

/** A system error on the temp file is reported on the output the user named (a disk full, a folder refused). */
function aboutTarget(e: unknown, tmp: string, target: string): unknown {
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err === 'object' && /^E[A-Z0-9]+$/.test(String(err.code)) && (err.path === tmp || err.path === undefined)) {
    err.path = target;
    err.syscall = 'write';
  }
  return e;
}

/** Streams chunks to stdout ('-') or atomically to a file. */
export async function writeChunks(
  target: string,
  stdout: NodeJS.WritableStream,
  chunks: AsyncIterable<string | Buffer> | Iterable<string | Buffer>,
): Promise<void> {
  if (target === '-') {
    for await (const c of coalesced(chunks)) {
      if (!stdout.write(c)) await new Promise<void>((r) => stdout.once('drain', () => r()));
    }
    return;
  }
  await writeFileAtomic(target, async (tmp) => {
    // r+: into the temp file createTempFile made, never creating it again — a Ctrl-C removes it while the stream's
    // open may still be on its way (libuv's thread pool), and an O_CREAT open would then bring it back, left behind.
    const out = fs.createWriteStream(tmp, { flags: 'r+', mode: 0o600 });
    for await (const c of coalesced(chunks)) {
      if (!out.write(c)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    out.end();
    await finished(out);
  });
}

/** Text pieces joined up to this many characters before a write. */
const COALESCE_CHARS = 64 * 1024;

/**
 * The same bytes in fewer, larger writes: the writers yield a piece per row, and a write per row to a pipe or a file
 * is a system call per row on stdout (synchronous there) — `ccst seating export --json` of 250,000 seats spent
 * ≈ 1.2 s CPU in 250,000 writeSync calls (bench:seating). Buffers pass through in their place.
 */
async function* coalesced(chunks: AsyncIterable<string | Buffer> | Iterable<string | Buffer>): AsyncIterable<string | Buffer> {
  let text = '';
  for await (const c of chunks) {
    if (typeof c === 'string') {
      text += c;
      if (text.length >= COALESCE_CHARS) {
        yield text;
        text = '';
      }
      continue;
    }
    if (text) yield text;
    text = '';
    yield c;
  }
  if (text) yield text;
}
