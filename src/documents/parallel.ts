// Rendering several PDF files at once: this thread plus a pool of worker threads (one per core in all) each write
// whole files, so a split output (one PDF per centre) uses every core. A single PDF cannot be split across threads
// with pdfkit: it is rendered in-process. Under the TypeScript sources (tests) there is no built worker: in-process.
import os from 'node:os';
import { Worker, isMainThread } from 'node:worker_threads';
import { noteTruncation, takeTruncations } from './render/truncations.js';
import { adoptStaged, currentStaging, removeTempSiblings, type StagedFile } from '../io/output.js';
import { onInterruptCleanup } from '../io/interrupt.js';
import { writePdfFile, type PdfMeta, type PdfWriter } from './render/index.js';
import { drawGridBatch, type GridBatch } from './grids.js';
import { drawConvocation, type ConvocationView } from './convocation.js';
import { drawExaminerConvocation, type ExaminerConvocationView } from './examiner-convocation.js';

export type RenderTask =
  | { kind: 'grids'; file: string; meta: PdfMeta; batch: GridBatch }
  | { kind: 'convocations'; file: string; meta: PdfMeta; views: ConvocationView[] }
  /** One PDF per examiner or correcteur (ccst examiners convocations). */
  | { kind: 'examiner-convocation'; file: string; meta: PdfMeta; view: ExaminerConvocationView };

export interface RenderedFile {
  file: string;
  pages: number;
  documents: number;
  /** Texts cut to fit, noted in a worker thread: carried back to this one (truncations.ts). */
  truncated?: string[];
  /**
   * Rendered by a worker for a caller that renames its outputs only at the end (commit last, src/cli/commit-last.ts):
   * the temp file, left for this thread to rename or remove with the others.
   */
  staged?: StagedFile[];
}

/** What a worker replies to a task (render-worker.ts): progress (documents drawn since the last one), then the end. */
export type WorkerReply = { ok: true; result: RenderedFile } | { ok: false; error: string } | { progress: number };

/** Told of each document drawn (progress on a terminal: cli/progress.ts). */
export type OnDocuments = (n: number) => void;

async function drawTask(w: PdfWriter, task: RenderTask, onDocuments?: OnDocuments): Promise<void> {
  if (task.kind === 'grids') return drawGridBatch(w, task.batch, onDocuments);
  if (task.kind === 'examiner-convocation') {
    drawExaminerConvocation(w, task.view);
    onDocuments?.(1);
    return;
  }
  for (const [i, v] of task.views.entries()) {
    drawConvocation(w, v);
    onDocuments?.(1);
    // Often (≈15 ms): a worker that finished its file waits for this thread to yield before it gets the next one.
    if (i % 10 === 9) await w.yieldToStream();
  }
}

const documentsOf = (t: RenderTask) => (t.kind === 'grids' ? t.batch.jobs.length : t.kind === 'examiner-convocation' ? 1 : t.views.length);

/** Renders one task in this thread (written atomically). */
export async function renderTask(task: RenderTask, onDocuments?: OnDocuments): Promise<RenderedFile> {
  const { pages } = await writePdfFile(task.file, task.meta, (w) => drawTask(w, task, onDocuments));
  return { file: task.file, pages, documents: documentsOf(task), ...(isMainThread ? {} : { truncated: takeTruncations() }) };
}

const WORKER_URL = new URL('./render-worker.js', import.meta.url);
const builtWorkerAvailable = import.meta.url.endsWith('.js');

export function defaultWorkerCount(): number {
  return Math.max(1, os.availableParallelism());
}

const failure = (task: RenderTask, e: unknown) => new Error(`rendu PDF (${task.file}) : ${e instanceof Error ? e.message : String(e)}`);

export interface RenderPool {
  /**
   * Renders every task on this thread and the pool's workers, each taking the next task (biggest first, for
   * balance) from one queue; results in the order of `tasks`. A failure stops the run and the pool: no worker is
   * left rendering, no temp file is left behind, this thread stops after its current file (written atomically).
   */
  run(tasks: RenderTask[], onDocuments?: OnDocuments): Promise<RenderedFile[]>;
  /** Ends the workers; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts `threads - 1` worker threads now (this thread is the last one). Start the pool BEFORE reading the
 * workspace and building the views: each worker warms up meanwhile (render-worker.ts), instead of rendering its
 * first file cold. Idle workers do not keep the process alive; still, close the pool when done (try/finally).
 */
export function startRenderPool(threads = defaultWorkerCount()): RenderPool {
  const workers = threads > 1 && builtWorkerAvailable ? Array.from({ length: threads - 1 }, () => new Worker(WORKER_URL)) : [];
  for (const w of workers) w.unref();
  let closed = false;
  const close = async () => {
    closed = true;
    await Promise.all(workers.map((w) => w.terminate()));
  };
  const run = async (tasks: RenderTask[], onDocuments?: OnDocuments): Promise<RenderedFile[]> => {
    if (closed) throw new Error('pool de rendu fermé');
    const results: RenderedFile[] = new Array(tasks.length);
    // Called inside stageOutputs (commit last): the workers leave their files in temp files too, renamed by this thread.
    const staging = currentStaging();
    const stage = staging !== undefined;
    if (workers.length === 0 || tasks.length <= 1) {
      for (const [i, t] of tasks.entries()) results[i] = await renderTask(t, onDocuments);
      return results;
    }
    const order = tasks.map((t, i) => ({ t, i })).sort((a, b) => documentsOf(b.t) - documentsOf(a.t));
    let next = 0;
    const inFlight = new Set<RenderTask>();
    // Ctrl-C or SIGTERM: the files the render threads are writing are removed too (interrupt.ts).
    const forget = onInterruptCleanup(() => {
      for (const t of inFlight) removeTempSiblings(t.file);
    });
    const runWorker = (worker: Worker) =>
      new Promise<void>((resolve, reject) => {
        let current: { t: RenderTask; i: number } | undefined;
        const done = (e?: Error) => {
          worker.off('message', onMessage).off('error', onError).off('exit', onExit);
          worker.unref();
          if (e) reject(e);
          else resolve();
        };
        const feed = () => {
          current = next < order.length ? order[next++] : undefined;
          if (!current) return done();
          inFlight.add(current.t);
          worker.postMessage({ task: current.t, progress: onDocuments !== undefined, stage });
        };
        const onMessage = (m: WorkerReply) => {
          if ('progress' in m) return onDocuments?.(m.progress);
          inFlight.delete(current!.t);
          if (!m.ok) return done(failure(current!.t, m.error));
          // Adopted before the task leaves inFlight's clean-up: a failure or a signal from now on removes it with ours.
          for (const f of m.result.staged ?? []) adoptStaged(f, staging);
          results[current!.i] = m.result;
          for (const t of m.result.truncated ?? []) noteTruncation(t);
          feed();
        };
        const onError = (e: Error) => done(failure(current?.t ?? order[0]!.t, e));
        const onExit = (code: number) => done(failure(current?.t ?? order[0]!.t, `thread de rendu arrêté (code ${code})`));
        worker.on('message', onMessage).on('error', onError).on('exit', onExit);
        worker.ref();
        feed();
      });
    // This thread's share: renderTask yields to the event loop every few documents, so workers are fed promptly.
    // It is warm (or about to be used anyway): it claims the biggest file first.
    const runHere = async () => {
      while (next < order.length) {
        const { t, i } = order[next++]!;
        try {
          results[i] = await renderTask(t, onDocuments);
        } catch (e) {
          throw failure(t, e);
        }
      }
    };
    const here = runHere();
    try {
      await Promise.all([...workers.map(runWorker), here]);
      forget();
    } catch (e) {
      forget();
      next = order.length;
      await close();
      for (const t of inFlight) removeTempSiblings(t.file);
      await here.catch(() => undefined);
      throw e;
    }
    return results;
  };
  return { run, close };
}

/** One-off run: a pool of `workers` threads for these tasks only (no warm-up overlap: prefer startRenderPool). */
export async function renderTasks(tasks: RenderTask[], opts: { workers?: number } = {}): Promise<RenderedFile[]> {
  const pool = startRenderPool(Math.min(opts.workers ?? defaultWorkerCount(), tasks.length));
  try {
    return await pool.run(tasks);
  } finally {
    await pool.close();
  }
}
