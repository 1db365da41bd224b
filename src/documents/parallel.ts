// Rendering several PDF files at once: a pool of worker threads (one per core) each writes whole files, so a
// split output (one PDF per centre) uses both cores. A single PDF cannot be split across threads with pdfkit:
// it is rendered in-process. Under the TypeScript sources (tests) there is no built worker: in-process too.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { writePdfFile, type PdfMeta, type PdfWriter } from './render/index.js';
import { drawGridBatch, type GridBatch } from './grids.js';
import { drawConvocation, type ConvocationView } from './convocation.js';

export type RenderTask =
  | { kind: 'grids'; file: string; meta: PdfMeta; batch: GridBatch }
  | { kind: 'convocations'; file: string; meta: PdfMeta; views: ConvocationView[] };

export interface RenderedFile {
  file: string;
  pages: number;
  documents: number;
}

async function drawTask(w: PdfWriter, task: RenderTask): Promise<void> {
  if (task.kind === 'grids') return drawGridBatch(w, task.batch);
  for (const [i, v] of task.views.entries()) {
    drawConvocation(w, v);
    if (i % 50 === 49) await w.yieldToStream();
  }
}

const documentsOf = (t: RenderTask) => (t.kind === 'grids' ? t.batch.jobs.length : t.views.length);

/** Renders one task in this thread (written atomically). */
export async function renderTask(task: RenderTask): Promise<RenderedFile> {
  const { pages } = await writePdfFile(task.file, task.meta, (w) => drawTask(w, task));
  return { file: task.file, pages, documents: documentsOf(task) };
}

const WORKER_URL = new URL('./render-worker.js', import.meta.url);
const builtWorkerAvailable = import.meta.url.endsWith('.js');

export function defaultWorkerCount(): number {
  return Math.max(1, os.availableParallelism());
}

/**
 * Renders every task on up to `workers` threads: this thread plus workers-1 worker threads, all taking the next
 * task (biggest first, for balance) from one queue. This thread works too because a new worker starts cold (its
 * own module loading and JIT warm-up, about a second of CPU for pdfkit): one fewer cold thread per run. Results
 * come back in the order of `tasks`. workers ≤ 1, a single task, or no built worker: in-process, in order.
 */
export async function renderTasks(tasks: RenderTask[], opts: { workers?: number } = {}): Promise<RenderedFile[]> {
  const n = Math.min(opts.workers ?? defaultWorkerCount(), tasks.length);
  if (n <= 1 || !builtWorkerAvailable) {
    const out: RenderedFile[] = [];
    for (const t of tasks) out.push(await renderTask(t));
    return out;
  }
  const order = tasks.map((t, i) => ({ t, i })).sort((a, b) => documentsOf(b.t) - documentsOf(a.t));
  const results: RenderedFile[] = new Array(tasks.length);
  let next = 0;
  const live: Worker[] = [];
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(WORKER_URL);
      live.push(worker);
      let current = -1;
      const feed = () => {
        if (next >= order.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        current = next++;
        worker.postMessage(order[current]!.t);
      };
      worker.on('message', (m: { ok: true; result: RenderedFile } | { ok: false; error: string }) => {
        if (!m.ok) {
          void worker.terminate();
          reject(new Error(`rendu PDF (${order[current]!.t.file}) : ${m.error}`));
          return;
        }
        results[order[current]!.i] = m.result;
        feed();
      });
      worker.on('error', reject);
      feed();
    });
  // This thread's share: renderTask yields to the event loop every few documents, so workers are fed promptly.
  const runHere = async () => {
    while (next < order.length) {
      const k = next++;
      try {
        results[order[k]!.i] = await renderTask(order[k]!.t);
      } catch (e) {
        throw new Error(`rendu PDF (${order[k]!.t.file}) : ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  };
  // This thread is warm (modules loaded): it claims the biggest file before the workers start.
  const here = runHere();
  const workers = Array.from({ length: n - 1 }, runWorker);
  try {
    await Promise.all([...workers, here]);
  } catch (e) {
    // One failure stops the whole run: no worker is left rendering in the background, this thread stops after
    // its current file (written atomically, like every other).
    next = order.length;
    await Promise.all(live.map((w) => w.terminate()));
    await here.catch(() => undefined);
    throw e;
  }
  return results;
}
