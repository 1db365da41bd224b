// Worker thread of `ccst deliberate` for a large notes file (notes-thread.ts drives it). It reads and checks the
// notes (readNotes: csv-parse or exceljs, note cells, bénéfices, duplicates) while the main thread deliberates the
// records it sends (notes-transfer.ts). When the main thread falls behind and the work can be shared (PV in CSV,
// no workspace, no --json), the worker deliberates the next batch itself with the same code (RecordDeliberator,
// pvEntry) and sends the formatted PV entries instead: both cores stay busy to the end.
import { parentPort, workerData } from 'node:worker_threads';
import { CcstError } from '../errors.js';
import { readNotes } from '../../io/notes-reader.js';
import { RecordBatchEncoder } from '../../io/notes-transfer.js';
import { Assembler, type FileRecord } from '../../domain/deliberation/assemble.js';
import { RecordDeliberator } from './record-deliberator.js';
import { pvEntry, type PvEntry } from './pv-collector.js';
import type { FromNotesWorker, NotesWorkerSetup, ToNotesWorker } from './notes-thread.js';

const port = parentPort!;
const setup = workerData as NotesWorkerSetup;
const send = (m: FromNotesWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

/** Record batches sent to the main thread and not yet deliberated there. */
let backlog = 0;
port.on('message', (m: ToNotesWorker) => {
  if (m.type === 'deliberated') backlog--;
});
port.unref(); // the reading keeps this thread alive, not the acknowledgements

let unitLabels = new Map<string, string>();
const local = setup.share && localDeliberation(setup.share);
const encoder = new RecordBatchEncoder(setup.unitCodes);
let inBatch = 0;
let here = false;
let headSent = false;

function localDeliberation(share: NonNullable<NotesWorkerSetup['share']>) {
  const { rules } = setup;
  const entries: PvEntry[] = [];
  const seen: string[] = [];
  const assembler = new Assembler({ rules, notesName: share.notesName, unitLabel: (c) => unitLabels.get(c) ?? c, ...share.sides });
  const options = { format: 'csv', csvFormat: share.csvFormat, keepResults: false } as const;
  const deliberator = new RecordDeliberator(rules, assembler, (r) => entries.push(pvEntry(rules, r, options)));
  return {
    deliberator,
    record(rec: FileRecord) {
      seen.push(rec.numero);
      deliberator.record(rec);
    },
    flush() {
      send({ type: 'entries', entries: entries.splice(0), seen: seen.splice(0) });
    },
  };
}

function flush(): void {
  if (!inBatch) return;
  if (here) local!.flush();
  else {
    const batch = encoder.take();
    send({ type: 'records', batch }, [batch.numbers.buffer as ArrayBuffer]);
    backlog++;
  }
  inBatch = 0;
}

function onRecord(rec: FileRecord): void {
  // Where a batch goes is decided at its first record: here only when the main thread already has enough to do.
  if (inBatch === 0) here = Boolean(local) && backlog >= setup.maxBacklog;
  if (here) local!.record(rec);
  else encoder.add(rec);
  if (++inBatch >= setup.batchSize) flush();
}

try {
  const notes = await readNotes(setup.file, {
    reg: setup.reg,
    rules: setup.rules,
    sheet: setup.sheet,
    onRecord: (rec, f) => {
      if (!headSent) {
        unitLabels = f.unitLabels;
        send({ type: 'head', info: f.info, layout: f.layout, hasIdentity: f.hasIdentity, unitLabels: [...f.unitLabels] });
        headSent = true;
      }
      onRecord(rec);
    },
  });
  flush();
  send({
    type: 'end',
    info: notes.info,
    layout: notes.layout,
    hasIdentity: notes.hasIdentity,
    unitLabels: [...notes.unitLabels],
    issues: notes.issues,
    warnings: notes.warnings,
    shared: local ? { issues: [...local.deliberator.assembler.issues], refused: local.deliberator.refused } : undefined,
  });
} catch (e) {
  if (e instanceof CcstError) {
    send({ type: 'user-error', code: e.code, exitCode: e.exitCode, message: e.message, details: e.details, data: e.data });
  } else {
    const err = e instanceof Error ? e : new Error(String(e));
    send({ type: 'crash', message: err.message, stack: err.stack });
  }
}
// No port.close(): with nothing left to do the thread ends by itself, after its messages are delivered.
