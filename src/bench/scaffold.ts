// What the benches share: a seeded PRNG (the same synthetic session on every run), their working folder (removed at
// the end unless --keep), wall and CPU time of a step (on a machine loaded by other processes the CPU time is the
// steadier figure: README « Performances »), and the raw csv-parse read each compares ccst with.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse';

/** mulberry32: seeded, so that every run measures the same data. */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The bench's folder under the system's temporary folder; `done()` removes it, or says where it is with --keep. */
export function benchDir(prefix: string): { dir: string; done(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dir,
    done() {
      if (process.argv.includes('--keep')) process.stderr.write(`Fichiers conservés : ${dir}\n`);
      else fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Measure {
  /** Seconds elapsed. */
  wall: number;
  /** Seconds of CPU (user + system) of this process, every thread included. */
  cpu: number;
}

/** Wall and CPU time of one step, with what it returned. */
export async function measure<T>(fn: () => Promise<T> | T): Promise<Measure & { value: T }> {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = await fn();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1e6, value };
}

export const fmt = (m: Measure) => `${m.wall.toFixed(2)} s (CPU ${m.cpu.toFixed(2)} s)`;

/** The best wall time and the best CPU time of several rounds (each taken separately). */
export const best = (list: Measure[]): Measure => ({ wall: Math.min(...list.map((m) => m.wall)), cpu: Math.min(...list.map((m) => m.cpu)) });

/** Records of a ;-separated file read by csv-parse alone, header excluded: the reference a ccst read is compared with. */
export async function rawParse(file: string, opts: { bom?: boolean } = {}): Promise<number> {
  let n = 0;
  for await (const _ of fs.createReadStream(file).pipe(parse({ delimiter: ';', relax_column_count: true, bom: opts.bom ?? false }))) n++;
  return n - 1;
}
