// Worker thread of `ccst import`: validates the rows and owns the import transaction on its own connection to
// the workspace (SQLite file or PostgreSQL server), while the main thread only reads the file (csv-parse or exceljs) —
// two cores instead of one. The logic is row-processor.ts and store/candidate-import-writer.ts, as in the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import type { CellValue } from '../../io/table-reader.js';
import type { CellIssue } from '../../domain/validation.js';
import { beginImport, type ImportOptions, type ImportOutcome, type ImportWriter } from '../../store/candidate-import-writer.js';
import { isPostgresUrl, type Db } from '../../store/workspace.js';
import { createRowProcessor, type RowProcessor, type RowSetup } from './row-processor.js';

export type ToWorker =
  /** [row, cellCount, ...cells, row, cellCount, ...cells…]: one flat array per batch clones cheaply. */
  | { type: 'rows'; flat: unknown[] }
  | { type: 'finish' }
  | { type: 'commit'; command: string; at: string; detail: object }
  | { type: 'rollback' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'ack' }
  | { type: 'finished'; issues: CellIssue[]; outcome: ImportOutcome }
  | { type: 'done' }
  | { type: 'error'; message: string; stack?: string; code?: string; path?: string; fields?: Record<string, unknown> };

export interface WorkerSetup {
  /** The workspace as given: a path, or a PostgreSQL URL (never shown). */
  location: string;
  /** The command's environment (PGPASSWORD, PGPASSFILE, PGSERVICE… for a PostgreSQL workspace). */
  env: Record<string, string | undefined>;
  options: ImportOptions;
  setup: RowSetup;
}

const port = parentPort!;
const { location, env, options, setup } = workerData as WorkerSetup;
const send = (m: FromWorker) => port.postMessage(m);
let db: Db | undefined;
let writer: ImportWriter | undefined;
let processor: RowProcessor | undefined;

/** What crosses back of an error: its message and the fields the main thread maps to a user error. */
function errorMessage(e: unknown): FromWorker {
  const err = e as Error & Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const k of ['severity', 'table', 'constraint', 'detail', 'syscall', 'errno', 'address', 'port']) if (err[k] !== undefined) fields[k] = err[k];
  return { type: 'error', message: err.message, stack: err.stack, code: err.code as string | undefined, path: err.path as string | undefined, fields };
}

async function stop(): Promise<void> {
  const d = db;
  db = undefined;
  writer = undefined;
  await d?.destroy().catch(() => {});
  port.close();
}

async function start(): Promise<void> {
  try {
    if (isPostgresUrl(location)) {
      const { openPostgresConnection } = await import('../../store/pg-open.js');
      db = openPostgresConnection(location, env);
    } else {
      const { openSqliteConnection } = await import('../../store/sqlite-open.js');
      db = openSqliteConnection(location);
    }
    writer = await beginImport(db, options);
    processor = createRowProcessor(setup, writer);
    send({ type: 'ready' });
  } catch (e) {
    send(errorMessage(e));
    await stop();
  }
}

async function handle(m: ToWorker): Promise<void> {
  if (!writer || !processor) return;
  try {
    if (m.type === 'rows') {
      const flat = m.flat;
      for (let i = 0; i < flat.length; ) {
        const row = flat[i] as number;
        const n = flat[i + 1] as number;
        processor.row(row, flat.slice(i + 2, i + 2 + n) as CellValue[]);
        i += 2 + n;
      }
      await writer.flush();
      send({ type: 'ack' });
    } else if (m.type === 'finish') {
      const outcome = await writer.outcome();
      send({ type: 'finished', issues: processor.issues(), outcome });
    } else if (m.type === 'commit') {
      await writer.commit(m.command, m.at, m.detail);
      send({ type: 'done' });
      await stop();
    } else {
      await writer.rollback();
      send({ type: 'done' });
      await stop();
    }
  } catch (e) {
    try {
      await writer?.rollback();
    } catch {
      // the first error is the one to report
    }
    send(errorMessage(e));
    await stop();
  }
}

// Messages are handled one after the other: a batch's flush is awaited before the next batch is processed.
let queue = start();
port.on('message', (m: ToWorker) => {
  queue = queue.then(() => handle(m));
});
