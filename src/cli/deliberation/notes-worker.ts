// Worker thread of `ccst deliberate` for a large notes file (notes-thread.ts drives it): reads and checks the notes
// (readNotes: csv-parse or exceljs, note cells, bénéfices, duplicates) while the main thread assembles, decides and
// formats the PV — two cores instead of one. Records cross in batches (notes-transfer.ts); the end message carries
// the issues and warnings.
import { parentPort, workerData } from 'node:worker_threads';
import { CcstError } from '../errors.js';
import { readNotes } from '../../io/notes-reader.js';
import { RecordBatchEncoder } from '../../io/notes-transfer.js';
import type { FromNotesWorker, NotesWorkerSetup } from './notes-thread.js';

const port = parentPort!;
const setup = workerData as NotesWorkerSetup;
const send = (m: FromNotesWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
const encoder = new RecordBatchEncoder(setup.unitCodes);
let headSent = false;

function flush(): void {
  if (!encoder.size) return;
  const batch = encoder.take();
  send({ type: 'records', batch }, [batch.numbers.buffer as ArrayBuffer]);
}

try {
  const notes = await readNotes(setup.file, {
    reg: setup.reg,
    rules: setup.rules,
    sheet: setup.sheet,
    onRecord: (rec, f) => {
      if (!headSent) {
        send({ type: 'head', info: f.info, layout: f.layout, hasIdentity: f.hasIdentity, unitLabels: [...f.unitLabels] });
        headSent = true;
      }
      encoder.add(rec);
      if (encoder.size >= setup.batchSize) flush();
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
  });
} catch (e) {
  if (e instanceof CcstError) {
    send({ type: 'user-error', code: e.code, exitCode: e.exitCode, message: e.message, details: e.details, data: e.data });
  } else {
    const err = e instanceof Error ? e : new Error(String(e));
    const { code, path, syscall } = err as NodeJS.ErrnoException;
    send({ type: 'crash', message: err.message, stack: err.stack, code, path, syscall });
  }
}
// No port.close(): with nothing left to do the thread ends by itself, after its messages are delivered.
