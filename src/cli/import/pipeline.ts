// The import as the command drives it: rows in, then issues and outcome out, then commit or rollback.
// With the built CLI the rows are checked and written by a worker thread (worker.ts) while this thread reads the
// file; from the TypeScript sources (tests) the worker's compiled script does not exist and the very same
// row processor and writer run here.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CellValue } from '../../io/table-reader.js';
import type { CellIssue } from '../../domain/validation.js';
import type { Workspace } from '../../store/workspace.js';
import { beginImport, type ImportOptions, type ImportOutcome } from '../../store/candidate-import-writer.js';
import { createRowProcessor, type RowSetup } from './row-processor.js';
import { markCommitted } from '../../io/interrupt.js';
import type { FromWorker, ToWorker, WorkerSetup } from './worker.js';

export interface ImportPipeline {
  row(rowNumber: number, cells: CellValue[]): void;
  /** Resolves once the rows sent so far are nearly all processed (bounded memory). */
  ready(): Promise<void>;
  /** After the last row: every cell issue, and what was (provisionally) written. */
  finish(): Promise<{ issues: CellIssue[]; outcome: ImportOutcome }>;
  commit(command: string, at: Date, detail: object): Promise<void>;
  /** Safe at any time, also after commit or an error. */
  rollback(): Promise<void>;
}

const BATCH = 500;
const MAX_IN_FLIGHT = 16;
const WORKER_SCRIPT = new URL('./worker.js', import.meta.url);

/**
 * `location` is the workspace as the user gave it (a path, or a URL that may hold a password): the worker opens its
 * own connection with it. It is never shown (messages use ws.target).
 */
export async function openImportPipeline(
  ws: Workspace,
  location: string,
  env: Record<string, string | undefined>,
  options: ImportOptions,
  setup: RowSetup,
): Promise<ImportPipeline> {
  const compiled = import.meta.url.endsWith('.js') && fs.existsSync(fileURLToPath(WORKER_SCRIPT));
  return compiled ? workerPipeline({ location, env: { ...env }, options, setup }) : inThreadPipeline(ws, options, setup);
}

async function inThreadPipeline(ws: Workspace, options: ImportOptions, setup: RowSetup): Promise<ImportPipeline> {
  const writer = await beginImport(ws.db, options);
  const processor = createRowProcessor(setup, writer);
  let open = true;
  return {
    row: (rowNumber, cells) => processor.row(rowNumber, cells),
    ready: () => writer.flush(),
    finish: async () => {
      const outcome = await writer.outcome();
      return { issues: processor.issues(), outcome };
    },
    commit: async (command, at, detail) => {
      open = false;
      await writer.commit(command, at.toISOString(), detail);
      markCommitted();
    },
    rollback: async () => {
      if (open) await writer.rollback();
      open = false;
    },
  };
}

async function workerPipeline(data: WorkerSetup): Promise<ImportPipeline> {
  const worker = new Worker(WORKER_SCRIPT, { workerData: data });
  let failure: Error | undefined;
  let finished = false;
  let inFlight = 0;
  const waiting: { type: FromWorker['type']; resolve: (m: FromWorker) => void; reject: (e: Error) => void }[] = [];
  const fail = (e: Error) => {
    failure ??= e;
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'error') {
      // The SQLite, PostgreSQL or errno code travels with it: a locked, read-only or full workspace, a conflict with
      // another agent or a refused privilege is the environment's error, not a bug.
      const e = Object.assign(new Error(m.message), m.fields ?? {}, { code: m.code, path: m.path });
      e.stack = m.stack;
      finished = true;
      return fail(e);
    }
    if (m.type === 'ack') inFlight--;
    if (m.type === 'done') finished = true;
    const i = waiting.findIndex((w) => w.type === m.type);
    if (i >= 0) waiting.splice(i, 1)[0]!.resolve(m);
  });
  worker.on('error', (e) => fail(e));
  worker.on('exit', () => {
    if (!finished) fail(new Error('le fil d’exécution de l’import s’est arrêté'));
  });
  const next = (type: FromWorker['type']) =>
    failure ? Promise.reject(failure) : new Promise<FromWorker>((resolve, reject) => waiting.push({ type, resolve, reject }));
  const post = (m: ToWorker) => {
    if (failure) throw failure;
    worker.postMessage(m);
  };
  await next('ready');

  // Rows travel as one flat array per batch: no object per row on this thread (allocation here slows the
  // reader's garbage collection), and a flat array of strings is cloned natively.
  let batch: unknown[] = [];
  let batchRows = 0;
  const flush = () => {
    if (batchRows === 0) return;
    inFlight++;
    post({ type: 'rows', flat: batch });
    batch = [];
    batchRows = 0;
  };
  const end = async (m: ToWorker) => {
    const done = next('done');
    post(m);
    await done;
    await worker.terminate();
  };
  return {
    row(rowNumber, cells) {
      batch.push(rowNumber, cells.length);
      for (const c of cells) batch.push(c);
      if (++batchRows >= BATCH) flush();
    },
    async ready() {
      if (failure) throw failure;
      while (inFlight > MAX_IN_FLIGHT) await next('ack');
    },
    async finish() {
      flush();
      const reply = next('finished');
      post({ type: 'finish' });
      const { issues, outcome } = (await reply) as Extract<FromWorker, { type: 'finished' }>;
      return { issues, outcome };
    },
    async commit(command, at, detail) {
      await end({ type: 'commit', command, at: at.toISOString(), detail });
      markCommitted(); // a Ctrl-C from now on finds the import stored (io/interrupt.ts)
    },
    async rollback() {
      if (finished) return void (await worker.terminate());
      batch = [];
      batchRows = 0;
      await end({ type: 'rollback' }).catch(() => worker.terminate());
    },
  };
}
