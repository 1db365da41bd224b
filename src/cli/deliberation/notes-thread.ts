// `ccst deliberate` on a large notes file: readNotes runs on a worker thread (notes-worker.ts) while this thread
// deliberates the records it receives, in file order, through the same onRecord callback; with `share`, the worker
// also deliberates batches itself when this thread falls behind (see notes-worker.ts). The result is the same as
// in one thread (test/cli/deliberate-threads.e2e.test.ts compares them). Only for a file on disk (stdin stays
// here) and the built CLI (the worker script is compiled JavaScript; under the TypeScript sources, one thread).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Regulation } from '../../domain/regulation/schema.js';
import type { CellIssue } from '../../domain/validation.js';
import type { AssembleInput } from '../../domain/deliberation/assemble.js';
import type { DeliberationRules } from '../../domain/deliberation/rules.js';
import { CcstError, type ExitCode } from '../errors.js';
import { readNotes, type NotesFile, type ReadNotesOptions } from '../../io/notes-reader.js';
import { decodeRecords, type RecordBatch } from '../../io/notes-transfer.js';
import type { CsvFormat } from '../../io/table-writer.js';
import type { TableInfo } from '../../io/table-reader.js';
import type { PvCollector, PvEntry } from './pv-collector.js';
import type { RecordDeliberator } from './record-deliberator.js';

/** The side files the worker needs to deliberate on its own (small: read before the notes). */
type Sides = Pick<AssembleInput, 'jury' | 'livrets' | 'controle'>;

export interface NotesWorkerSetup {
  file: string;
  reg: Regulation;
  rules: DeliberationRules;
  sheet?: string;
  unitCodes: string[];
  batchSize: number;
  /** The worker deliberates a batch itself when this many sent batches are still waiting here. */
  maxBacklog: number;
  share?: { notesName: string; csvFormat: CsvFormat; sides: Sides };
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
  | { type: 'entries'; entries: PvEntry[]; seen: string[] }
  | ({ type: 'end'; issues: CellIssue[]; warnings: string[]; shared?: { issues: [string, CellIssue[]][]; refused: CellIssue[] } } & Head)
  | { type: 'user-error'; code: string; exitCode: ExitCode; message: string; details: string[]; data?: unknown }
  | { type: 'crash'; message: string; stack?: string };

export type ToNotesWorker = { type: 'deliberated' };

/** How the worker may share the deliberation: its PV entries go to `collector`, its issues to `deliberator`. */
export interface Sharing {
  notesName: string;
  csvFormat: CsvFormat;
  sides: Sides;
  collector: PvCollector;
  deliberator: RecordDeliberator;
}

const WORKER_SCRIPT = new URL('./notes-worker.js', import.meta.url);
/** When a worker is used and how work is shared (the defaults; tests set them to reach every path). */
export interface ThreadTuning {
  /** Below this size (about 20,000 candidates) starting a thread costs more than it saves. */
  minBytes: number;
  /** Records per message. */
  batchSize: number;
  /** The worker deliberates a batch itself when this many sent batches are still waiting here (0: always). */
  maxBacklog: number;
}

export const DEFAULT_TUNING: ThreadTuning = { minBytes: 2_000_000, batchSize: 1000, maxBacklog: 2 };

export function workerAvailable(): boolean {
  return import.meta.url.endsWith('.js') && fs.existsSync(fileURLToPath(WORKER_SCRIPT));
}

/**
 * readNotes, on a worker thread when the file is large enough (tuning.minBytes) and the built worker exists. Either way
 * every record reaches opts.onRecord, or (with `share`) is deliberated by the worker into share.collector.
 */
export function readNotesThreaded(file: string, opts: ReadNotesOptions, share?: Sharing, tuning: Partial<ThreadTuning> = {}): Promise<NotesFile> {
  const tune = { ...DEFAULT_TUNING, ...tuning };
  if (file === '-' || !opts.onRecord || !workerAvailable()) return readNotes(file, opts);
  let size = 0;
  try {
    size = fs.statSync(file).size;
  } catch {
    return readNotes(file, opts); // readNotes reports the missing file
  }
  return size >= tune.minBytes ? readNotesInWorker(file, opts, tune, share) : readNotes(file, opts);
}

function readNotesInWorker(file: string, opts: ReadNotesOptions, tune: ThreadTuning, share?: Sharing): Promise<NotesFile> {
  const unitCodes = opts.reg.units.map((u) => u.code);
  const setup: NotesWorkerSetup = {
    file, reg: opts.reg, rules: opts.rules, sheet: opts.sheet, unitCodes, batchSize: tune.batchSize, maxBacklog: tune.maxBacklog,
    share: share && { notesName: share.notesName, csvFormat: share.csvFormat, sides: share.sides },
  };
  return new Promise<NotesFile>((resolve, reject) => {
    const worker = new Worker(WORKER_SCRIPT, { workerData: setup });
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      void worker.terminate().finally(() => reject(e));
    };
    // The NotesFile onRecord sees: its unit labels are complete at the first record (wide: from the header;
    // long: records come once the whole file is read). Records are not kept in it (they went to onRecord).
    let current: NotesFile | undefined;
    const fileOf = (h: Head, issues: CellIssue[] = [], warnings: string[] = []): NotesFile => ({
      info: h.info, layout: h.layout, records: new Map(), unitLabels: new Map(h.unitLabels), hasIdentity: h.hasIdentity, issues, warnings,
    });
    worker.on('message', (m: FromNotesWorker) => {
      if (settled) return;
      try {
        switch (m.type) {
          case 'head':
            current = fileOf(m);
            break;
          case 'records':
            for (const rec of decodeRecords(m.batch, unitCodes)) opts.onRecord!(rec, current!);
            worker.postMessage({ type: 'deliberated' } satisfies ToNotesWorker);
            break;
          case 'entries':
            for (const e of m.entries) share!.collector.addEntry(e);
            share!.deliberator.assembler.absorb(m.seen);
            break;
          case 'end':
            if (m.shared) {
              share!.deliberator.assembler.absorb([], m.shared.issues);
              share!.deliberator.refused.push(...m.shared.refused);
            }
            settled = true;
            resolve(fileOf(m, m.issues, m.warnings));
            break;
          case 'user-error':
            fail(new CcstError(m.code, m.exitCode, m.message, m.details, m.data));
            break;
          case 'crash':
            fail(Object.assign(new Error(`lecture des notes : ${m.message}`), { stack: m.stack }));
            break;
        }
      } catch (e) {
        fail(e as Error); // a failure while deliberating a record, in this thread
      }
    });
    worker.on('error', (e) => fail(e));
    worker.on('exit', (code) => fail(new Error(`le thread de lecture des notes s’est arrêté (code ${code}) avant la fin du fichier`)));
  });
}
