import { describe, expect, it } from 'vitest';
import { RecordBatchEncoder, decodeRecords } from '../../src/io/notes-transfer.js';
import { parseNoteCell, type NoteCell } from '../../src/domain/deliberation/note-cell.js';
import type { FileRecord } from '../../src/domain/deliberation/assemble.js';

const UNITS = ['U1', 'U21', 'U22', 'U3', 'U4', 'U5', 'U61', 'U62', 'UF1', 'UF2'];
const cell = (t: string) => {
  const r = parseNoteCell(t);
  if (!r.ok || !r.value) throw new Error(t);
  return r.value;
};
const rec = (numero: string, row: number, cells: [string, NoteCell][], id: Partial<FileRecord> = {}): FileRecord => ({
  numero, row, cells: new Map(cells), ...id,
});

// The records the notes worker sends must reach the deliberation exactly as read: every cell kind, the order of
// the cells (issues are reported in that order), absent identity fields left absent.
describe('notes-transfer: records cross threads unchanged', () => {
  const records: FileRecord[] = [
    rec('24000001', 2, [['U62', cell('12,5')], ['U1', cell('ABS')], ['U21', cell('abj')], ['U4', cell('NV')], ['U3', cell('DIS')]], {
      nom: 'Nguyễn', prenom: 'Đức', etablissement: 'Lycée Rascol', voie: 'scolaire_public',
    }),
    rec('A-2', 3, [['U5', cell('BEN 14,5@2022')], ['U61', cell('BEN 11')], ['U22', cell('REP 8,5')], ['UF1', cell('20')], ['U1', cell('0')]]),
    rec('3', 9, []),
  ];

  it('decodes what was encoded, over several batches, with the shared note cells', () => {
    const enc = new RecordBatchEncoder(UNITS);
    const out: FileRecord[] = [];
    for (const [i, r] of records.entries()) {
      enc.add(r);
      if (i === 0) out.push(...decodeRecords(enc.take(), UNITS));
    }
    expect(enc.size).toBe(2);
    out.push(...decodeRecords(enc.take(), UNITS));
    expect(out).toEqual(records);
    expect(out.map((r) => [...r.cells.keys()])).toEqual(records.map((r) => [...r.cells.keys()]));
    expect(out[0]!.nom).toBe('Nguyễn');
    expect('nom' in out[1]!).toBe(false);
    expect(out[0]!.cells.get('U62')).toBe(cell('12,5')); // the same frozen object parseNoteCell shares
    expect(enc.size).toBe(0);
  });

  it('grows its buffer for a large batch', () => {
    const enc = new RecordBatchEncoder(UNITS);
    const many = Array.from({ length: 3000 }, (_, i) => rec(String(i), i + 2, UNITS.map((u, j) => [u, cell(String((i + j) % 21))])));
    for (const r of many) enc.add(r);
    expect([...decodeRecords(enc.take(), UNITS)]).toEqual(many);
  });

  it('refuses a unit the regulation does not know', () => {
    expect(() => new RecordBatchEncoder(UNITS).add(rec('1', 2, [['U9', cell('10')]]))).toThrow(/U9/);
  });
});
