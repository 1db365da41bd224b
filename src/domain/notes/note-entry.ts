// One note on its way into the workspace (`ccst notes import`): from a bordereau row (by anonymity number) or from a
// notes file by numéro, with where it was read — every later check (a second note, a note from another lot, the
// inscription's dispenses and bénéfices) reports at that file, row and column.
import type { NoteCell } from '../deliberation/note-cell.js';

export interface NoteEntry {
  file: string;
  row: number;
  column: string;
  numero: string;
  unite: string;
  cell: NoteCell;
  /** notes.source: the file (by numéro) or « lot:E5-03:file » (lot-notes.ts lotSource). */
  source: string;
  /** The lot of a bordereau's note. */
  lot?: string;
  /** How messages name the note's owner: « copie 04813927E » (never the candidate, for a bordereau) or « candidat … ». */
  what: string;
}
