// Which notes the Assembler's inscription checks (assemble.ts, Assembler.candidate) can refuse — so that a caller that
// keeps only those checks' issues (`ccst notes import`: one note per record, 250,000 records for every lot of a
// national session) assembles only the notes that may raise one. Measured (bench:notes, 50,000 copies): the
// Assembler on every note was 1.2 s CPU of an import whose raw csv-parse is 0.3 s. A note can be refused only when
// its candidate is unknown, has dispenses or bénéfices at inscription (registeredRights), has an NV of the
// conformity control (locked), has a PV de salle absence or a notation under réserve (attendance, underReserve), or
// the note is itself DIS or BEN (registeredRights); anything else assembles without an issue.
// test/domain/deliberation/inscription-quiet.test.ts runs the Assembler on every case this function calls quiet.
// Keep this list in step with Assembler.candidate and registeredRights. Pure.
import type { NoteCell } from './note-cell.js';
import type { AssembleInput } from './assemble.js';

type Workspace = NonNullable<AssembleInput['workspace']>;

/** True when the Assembler cannot raise an issue on this one note of this candidate. */
export function inscriptionQuiet(ws: Workspace, numero: string, cell: NoteCell): boolean {
  if (cell.kind === 'DIS' || cell.kind === 'BEN') return false;
  const reg = ws.candidates.get(numero);
  if (!reg || reg.dispenses.length > 0 || reg.benefices.length > 0) return false;
  return !ws.conformityNV?.has(numero) && !ws.attendance?.has(numero) && !ws.underReserve?.has(numero);
}
