// Notes records as they cross from the notes-reading worker thread (cli/deliberation/notes-worker.ts) to the deliberating thread:
// numbers in one Int32Array per batch (moved, not copied) and the identity texts in one string array. Cheaper than
// cloning a Map of cell objects per candidate, and decoded back to the shared cells parseNoteCell returns.
import type { FileRecord } from '../domain/deliberation/assemble.js';
import { sharedCodeCell, sharedNoteCell, type NoteCell } from '../domain/deliberation/note-cell.js';

export interface RecordBatch {
  /** Per record: row, cell count, then per cell (in the record's order): unit index, kind, value, session (0: none). */
  numbers: Int32Array;
  /** Per record: numero, nom, prenom, etablissement, voie ('' when absent). */
  texts: string[];
  count: number;
}

const KINDS = ['note', 'ABS', 'ABJ', 'NV', 'DIS', 'BEN', 'REP', 'NUL'] as const;
const KIND_INDEX = Object.fromEntries(KINDS.map((k, i) => [k, i])) as Record<NoteCell['kind'], number>;
const TEXTS_PER_RECORD = 5;

export class RecordBatchEncoder {
  private numbers = new Int32Array(1 << 14);
  private length = 0;
  private texts: string[] = [];
  private count = 0;
  private readonly unitIndex: Map<string, number>;

  constructor(unitCodes: readonly string[]) {
    this.unitIndex = new Map(unitCodes.map((c, i) => [c, i]));
  }

  get size(): number {
    return this.count;
  }

  add(rec: FileRecord): void {
    const need = this.length + 2 + 4 * rec.cells.size;
    if (need > this.numbers.length) {
      const bigger = new Int32Array(Math.max(need, 2 * this.numbers.length));
      bigger.set(this.numbers.subarray(0, this.length));
      this.numbers = bigger;
    }
    const n = this.numbers;
    let p = this.length;
    n[p++] = rec.row;
    n[p++] = rec.cells.size;
    // forEach rather than for…of: no iterator nor [key, value] pair per cell.
    rec.cells.forEach((cell, code) => {
      const unit = this.unitIndex.get(code);
      if (unit === undefined) throw new Error(`unité ${code} absente du règlement`);
      n[p++] = unit;
      n[p++] = KIND_INDEX[cell.kind];
      n[p++] = cell.kind === 'note' || cell.kind === 'BEN' || cell.kind === 'REP' ? cell.value : 0;
      n[p++] = cell.kind === 'BEN' ? (cell.session ?? 0) : 0;
    });
    this.length = p;
    this.texts.push(rec.numero, rec.nom ?? '', rec.prenom ?? '', rec.etablissement ?? '', rec.voie ?? '');
    this.count++;
  }

  /** The batch so far (its own buffer, to be transferred), and a fresh start. */
  take(): RecordBatch {
    const batch = { numbers: this.numbers.slice(0, this.length), texts: this.texts, count: this.count };
    this.length = 0;
    this.texts = [];
    this.count = 0;
    return batch;
  }
}

function cellOf(kind: (typeof KINDS)[number], value: number, session: number): NoteCell {
  switch (kind) {
    case 'note':
      return sharedNoteCell(value);
    case 'BEN':
      return session ? { kind, value, session } : { kind, value };
    case 'REP':
      return { kind, value };
    default:
      return sharedCodeCell(kind);
  }
}

/** The records of a batch, equal to those the encoder was given. */
export function* decodeRecords(batch: RecordBatch, unitCodes: readonly string[]): Iterable<FileRecord> {
  const { numbers: n, texts } = batch;
  let p = 0;
  for (let i = 0; i < batch.count; i++) {
    const t = i * TEXTS_PER_RECORD;
    const rec: FileRecord = { numero: texts[t]!, row: n[p++]!, cells: new Map() };
    if (texts[t + 1]) rec.nom = texts[t + 1];
    if (texts[t + 2]) rec.prenom = texts[t + 2];
    if (texts[t + 3]) rec.etablissement = texts[t + 3];
    if (texts[t + 4]) rec.voie = texts[t + 4];
    const cells = n[p++]!;
    for (let c = 0; c < cells; c++, p += 4) {
      rec.cells.set(unitCodes[n[p]!]!, cellOf(KINDS[n[p + 1]!]!, n[p + 2]!, n[p + 3]!));
    }
    yield rec;
  }
}
