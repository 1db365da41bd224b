// Worker thread of `ccst import`: validates the rows and owns the import transaction on its own connection to
// the workspace, while the main thread only reads the file (csv-parse or exceljs) — two cores instead of one.
// The logic is row-processor.ts and store/candidate-import-writer.ts, the same as in the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { CellValue } from '../../io/table-reader.js';
import type { CellIssue } from '../../domain/validation.js';
import { beginImport, type ImportOptions, type ImportOutcome, type ImportWriter } from '../../store/candidate-import-writer.js';
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
  | { type: 'error'; message: string; stack?: string; code?: string; path?: string };

export interface WorkerSetup {
  file: string;
  options: ImportOptions;
  setup: RowSetup;
}

const port = parentPort!;
const { file, options, setup } = workerData as WorkerSetup;
const send = (m: FromWorker) => port.postMessage(m);
let db: Database.Database | undefined;
let writer: ImportWriter | undefined;
let processor: RowProcessor | undefined;

function stop(): void {
  db?.close();
  db = undefined;
  writer = undefined;
  port.close();
}

try {
  db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  writer = beginImport(db, options);
  processor = createRowProcessor(setup, writer);
  send({ type: 'ready' });
} catch (e) {
  send({ type: 'error', message: (e as Error).message, stack: (e as Error).stack, code: (e as NodeJS.ErrnoException).code, path: (e as NodeJS.ErrnoException).path });
  stop();
}

port.on('message', (m: ToWorker) => {
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
      send({ type: 'ack' });
    } else if (m.type === 'finish') {
      send({ type: 'finished', issues: processor.issues(), outcome: writer.outcome() });
    } else if (m.type === 'commit') {
      writer.commit(m.command, m.at, m.detail);
      send({ type: 'done' });
      stop();
    } else {
      writer.rollback();
      send({ type: 'done' });
      stop();
    }
  } catch (e) {
    try {
      writer.rollback();
    } catch {
      // the first error is the one to report
    }
    send({ type: 'error', message: (e as Error).message, stack: (e as Error).stack, code: (e as NodeJS.ErrnoException).code, path: (e as NodeJS.ErrnoException).path });
    stop();
  }
});
