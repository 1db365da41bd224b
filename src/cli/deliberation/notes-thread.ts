// `ccst deliberate` on a large notes file: readNotes runs on a worker thread (notes-worker.ts) while this thread
// deliberates the records it receives, in file order, through the same onRecord callback. The result is the same
// as in one thread (test/cli/deliberate-threads.test.ts compares them). Only for a file on disk (stdin stays here)
// and the built CLI (the worker script is compiled JavaScript; under the TypeScript sources, one thread).
// Letting the worker also deliberate batches when this thread fell behind was tried and measured slower: reading
// is the longer of the two stages.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setImmediate as eventLoopTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { Regulation } from '../../domain/regulation/schema.js';
import type { CellIssue } from '../../domain/validation.js';
import type { DeliberationRules } from '../../domain/deliberation/rules.js';
import { CcstError, type ExitCode } from '../errors.js';
import { readNotes, type NotesFile, type ReadNotesOptions } from '../../io/notes-reader.js';
import { decodeRecords, type RecordBatch } from '../../io/notes-transfer.js';
import type { TableInfo } from '../../io/table-reader.js';

export interface NotesWorkerSetup {
  file: string;
  reg: Regulation;
  rules: DeliberationRules;
  sheet?: string;
  unitCodes: string[];
  batchSize: number;
}

interface Head {
  info: TableInfo;
  layout: NotesFile['layout'];
  hasIdentity: boolean;
  unitLabels: [string, string][];
}

export type FromNotesWorker =
  | ({ type: 'head' } & Head)
  | { type: 'records'; batch: RecordBatch }
  | ({ type: 'end'; issues: CellIssue[]; warnings: string[] } & Head)
  | { type: 'user-error'; code: string; exitCode: ExitCode; message: string; details: string[]; data?: unknown }
  | { type: 'crash'; message: string; stack?: string; code?: string; path?: string; syscall?: string };

/** When the worker is used (the defaults; tests lower them to reach the worker with small files). */
export interface ThreadTuning {
  /** Below this size (about 20,000 candidates) starting a thread costs more than it saves. */
  minBytes: number;
  /** Records per message. */
  batchSize: number;
}

const DEFAULT_TUNING: ThreadTuning = { minBytes: 2_000_000, batchSize: 1000 };

const WORKER_SCRIPT = new URL('./notes-worker.js', import.meta.url);

export function workerAvailable(): boolean {
  return import.meta.url.endsWith('.js') && fs.existsSync(fileURLToPath(WORKER_SCRIPT));
}

/**
 * readNotes, on a worker thread when the file is large enough (tuning.minBytes) and the built worker exists. Either
 * way every record reaches opts.onRecord, in file order; the NotesFile returned keeps no records.
 */
export function readNotesThreaded(file: string, opts: ReadNotesOptions, tuning: Partial<ThreadTuning> = {}): Promise<NotesFile> {
  const tune = { ...DEFAULT_TUNING, ...tuning };
  if (file === '-' || !opts.onRecord || !workerAvailable()) return readNotes(file, opts);
  let size = 0;
  try {
    size = fs.statSync(file).size;
  } catch {
    return readNotes(file, opts); // readNotes reports the missing file
  }
  return size >= tune.minBytes ? readNotesInWorker(file, opts, tune) : readNotes(file, opts);
}

function readNotesInWorker(file: string, opts: ReadNotesOptions, tune: ThreadTuning): Promise<NotesFile> {
  const unitCodes = opts.reg.units.map((u) => u.code);
  const setup: NotesWorkerSetup = { file, reg: opts.reg, rules: opts.rules, sheet: opts.sheet, unitCodes, batchSize: tune.batchSize };
  return new Promise<NotesFile>((resolve, reject) => {
    const worker = new Worker(WORKER_SCRIPT, { workerData: setup });
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      void worker.terminate().finally(() => reject(e));
    };
    // The NotesFile onRecord sees: its unit labels are complete at the first record (wide: from the header;
    // long: records come once the whole file is read).
    let current: NotesFile | undefined;
    const fileOf = (h: Head, issues: CellIssue[] = [], warnings: string[] = []): NotesFile => ({
      info: h.info, layout: h.layout, records: new Map(), unitLabels: new Map(h.unitLabels), hasIdentity: h.hasIdentity, issues, warnings,
    });
    // Messages are queued and handled one at a time, the event loop turning between two batches: the port hands
    // over every message waiting at once, and deliberating them all in one go kept a Ctrl-C waiting for minutes on
    // a 200k deliberation under load (issue #9 item 1).
    const queue: FromNotesWorker[] = [];
    let draining = false;
    const handle = (m: FromNotesWorker) => {
      switch (m.type) {
        case 'head':
          current = fileOf(m);
          break;
        case 'records':
          for (const rec of decodeRecords(m.batch, unitCodes)) opts.onRecord!(rec, current!);
          break;
        case 'end':
          settled = true;
          resolve(fileOf(m, m.issues, m.warnings));
          break;
        case 'user-error':
          fail(new CcstError(m.code, m.exitCode, m.message, m.details, m.data));
          break;
        case 'crash':
          // An errno (unreadable file, I/O error) keeps its code and path: an environment error, not a bug.
          fail(Object.assign(new Error(`lecture des notes : ${m.message}`), { stack: m.stack, code: m.code, path: m.path, syscall: m.syscall }));
          break;
      }
    };
    const drain = async () => {
      draining = true;
      while (queue.length && !settled) {
        try {
          handle(queue.shift()!);
        } catch (e) {
          fail(e as Error); // a failure while deliberating a record, in this thread
        }
        await eventLoopTurn();
      }
      draining = false;
    };
    worker.on('message', (m: FromNotesWorker) => {
      if (settled) return;
      queue.push(m);
      if (!draining) void drain();
    });
    worker.on('error', (e) => fail(e));
    // An exit before the end was read: once the messages already received are handled (the 'end' may be among them).
    worker.on('exit', (code) => {
      const stopped = () => fail(new Error(`le thread de lecture des notes s’est arrêté (code ${code}) avant la fin du fichier`));
      if (!draining && !queue.length) stopped();
      else void (async () => {
        while (!settled && (draining || queue.length)) await eventLoopTurn();
        stopped();
      })();
    });
  });
}
