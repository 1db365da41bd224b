// `ccst deliberate` with no notes file (issue #13 item 5): the notes gathered in the workspace — by `ccst notes
// import` (bordereaux by lot, notes by numéro), conformity's NV, an earlier deliberation — are the deliberation's
// records. Each candidate with at least one stored note is one record with no cells of its own: the Assembler then
// takes the stored notes as they are, exactly as it takes them under a notes file's cells, so the same notes give the
// same decisions and the same PV either way (test/cli/deliberate-workspace.test.ts compares them byte for byte).
// A registered candidate with no note at all is not deliberated, and named, as one without a row in a notes file.
import type { NotesFile } from '../../io/notes-reader.js';
import type { FileRecord } from '../../domain/deliberation/assemble.js';
import type { CellIssue } from '../../domain/validation.js';
import type { RegisteredInputs } from './workspace-inputs.js';

/** What messages call the notes when they come from the workspace. */
export const WORKSPACE_NOTES_NAME = 'notes du workspace';

/**
 * Calls onRecord for every candidate with stored notes, in numéro order; returns the « file » the messages use. A
 * record's row is its rank in that order (a stored note has no row): issuesNamingCandidates turns it back into its numéro.
 */
export function workspaceRecords(registered: RegisteredInputs, onRecord: (rec: FileRecord, file: NotesFile) => void): NotesFile {
  const file: NotesFile = {
    info: { file: '', name: WORKSPACE_NOTES_NAME, format: 'csv' },
    layout: 'long',
    records: new Map(),
    unitLabels: new Map(),
    hasIdentity: false,
    issues: [],
    warnings: [],
  };
  let rank = 0;
  for (const numero of registered.input.notes.keys()) onRecord({ numero, row: ++rank, cells: new Map() }, file);
  return file;
}

/** Issues about workspace records: no row (issue-report.ts prints none for 0), the candidate's numéro first. */
export function issuesNamingCandidates(registered: RegisteredInputs, issues: CellIssue[]): CellIssue[] {
  const numeros = [...registered.input.notes.keys()];
  return issues.map((i) => {
    const numero = numeros[i.row - 1];
    return { ...i, row: 0, message: numero && !i.message.startsWith(`${numero} `) ? `${numero} : ${i.message}` : i.message };
  });
}
