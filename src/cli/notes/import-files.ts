// The files of one `ccst notes import`, read before the workspace is touched: each is a filled bordereau (its header
// row `lot`, `anonymat`, `note`, `observation`, under a title block — io/bordereau-reader.ts) or a notes file by
// numéro in the shapes `ccst deliberate` reads (wide or long — io/notes-reader.ts: CCF notes from an établissement,
// oral notes by commission). A notes file's cells become NoteEntries at once (their checks are the reader's); a
// bordereau's rows wait for the workspace's copies and lots (import-check.ts).
import { CcstError, inputError } from '../errors.js';
import { readBordereau, type BordereauSheet } from '../../io/bordereau-reader.js';
import { readNotes } from '../../io/notes-reader.js';
import type { Regulation, UnitDef } from '../../domain/regulation/schema.js';
import type { DeliberationRules } from '../../domain/deliberation/rules.js';
import type { CellIssue } from '../../domain/validation.js';
import type { NoteEntry } from '../../domain/notes/note-entry.js';

export type ImportFile =
  | { kind: 'bordereau'; name: string; sheets: BordereauSheet[]; warnings: string[] }
  | { kind: 'numero'; name: string; entries: NoteEntry[]; issues: CellIssue[]; warnings: string[] };

export async function readImportFile(file: string, reg: Regulation, rules: DeliberationRules, epreuve?: UnitDef): Promise<ImportFile> {
  const bordereau = await readBordereau(file);
  if (bordereau) return { kind: 'bordereau', ...bordereau };
  let notes;
  try {
    notes = await readNotes(file, { reg, rules });
  } catch (e) {
    // The reader's message knows only the numéro shapes: say that a bordereau was looked for too.
    if (e instanceof CcstError && /en-tête introuvable|aucune colonne d’unité/.test(e.message)) {
      throw inputError(e.message, [...e.details, 'Ou un bordereau de notation : une ligne d’en-tête lot, anonymat, note, observation (sous le titre).']);
    }
    throw e;
  }
  const name = notes.info.name;
  const out: ImportFile = { kind: 'numero', name, entries: [], issues: [...notes.issues], warnings: notes.warnings };
  const label = (code: string) => notes.unitLabels.get(code) ?? code;
  for (const rec of notes.records.values()) {
    for (const [unite, cell] of rec.cells) {
      if (epreuve && unite !== epreuve.code) {
        out.issues.push({ row: rec.row, column: label(unite), kind: 'epreuve', message: `candidat ${rec.numero} : note de ${unite} dans un import limité à ${epreuve.epreuve} (--epreuve)` });
        continue;
      }
      out.entries.push({ file: name, row: rec.row, column: label(unite), numero: rec.numero, unite, cell, source: name, what: `candidat ${rec.numero}` });
    }
  }
  return out;
}
