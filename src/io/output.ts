// Writing outputs safely: '-' is stdout; a file is written to a temporary sibling and renamed into place,
// so a failed command never leaves a half-written file (or destroys the previous one).
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { finished } from 'node:stream/promises';

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

/** Runs `write` against a temp file, then renames it to `file`; the temp file is removed on failure. */
export async function writeFileAtomic(file: string, write: (tmp: string) => Promise<void>): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 }); // folders ccst creates: owner only (issue #9 item 9)
  const tmp = tempSibling(path.resolve(file));
  try {
    await write(tmp);
    // Outputs carry personal data (names, birth dates, notes): readable by the owner only, like the workspace.
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** Streams chunks to stdout ('-') or atomically to a file. */
export async function writeChunks(
  target: string,
  stdout: NodeJS.WritableStream,
  chunks: AsyncIterable<string | Buffer> | Iterable<string | Buffer>,
): Promise<void> {
  if (target === '-') {
    for await (const c of chunks) {
      if (!stdout.write(c)) await new Promise<void>((r) => stdout.once('drain', () => r()));
    }
    return;
  }
  await writeFileAtomic(target, async (tmp) => {
    const out = fs.createWriteStream(tmp, { mode: 0o600 });
    for await (const c of chunks) {
      if (!out.write(c)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    out.end();
    await finished(out);
  });
}
