// The notes of one `ccst notes import` (every file at once) against each other and against the notes already stored
// (issue #13 item 5): a candidate's note for a unit given twice in the import is refused at the second place, naming
// the first; a note already received from one lot is not replaced by a different note from another lot (a copy is
// marked once — the same value again is accepted and changes nothing). A different note from the same lot (a
// correcteur's correction) or from a file by numéro replaces the stored one, and the store logs it (note_audit).
// A note adjusted by the commission d'harmonisation (`ccst harmonisation apply`, source « harmonisation:<file> ») is
// not replaced by a different note silently — re-importing every lot after the harmonisation would undo it: it is
// refused, unless `force` (the office means it), and then listed as replaced. Pure.
import { formatNoteCell } from '../deliberation/note-cell.js';
import type { CellIssue } from '../validation.js';
import { lotOfSource } from './lot-notes.js';
import type { NoteEntry } from './note-entry.js';
import { fromDiscipline } from '../incidents/effects.js';

export interface StoredRef {
  value: string;
  source: string;
}

export interface ImportPlan {
  accepted: NoteEntry[];
  /** By file. */
  issues: Map<string, CellIssue[]>;
  /** With `force`: the accepted notes that replace a harmonised note, with the value they replace. */
  harmonised: { entry: NoteEntry; old: string; source: string }[];
}

/** The source of the notes `ccst harmonisation apply` writes from an adjustments file. */
export function harmonisationSource(file: string): string {
  return `harmonisation:${file}`;
}

export function isHarmonisationSource(source: string): boolean {
  return source.startsWith('harmonisation:');
}

export function planNoteImport(entries: readonly NoteEntry[], stored: (numero: string, unite: string) => StoredRef | undefined, opts: { force?: boolean } = {}): ImportPlan {
  const plan: ImportPlan = { accepted: [], issues: new Map(), harmonised: [] };
  const refuse = (e: NoteEntry, kind: string, message: string) => {
    const list = plan.issues.get(e.file) ?? [];
    list.push({ row: e.row, column: e.column, kind, message });
    plan.issues.set(e.file, list);
  };
  // By unit, then numéro: no key string made per note (250,000 notes for every lot of a national session).
  const first = new Map<string, Map<string, NoteEntry>>();
  for (const e of entries) {
    let ofUnit = first.get(e.unite);
    if (!ofUnit) first.set(e.unite, (ofUnit = new Map()));
    const before = ofUnit.get(e.numero);
    if (before) {
      const where = before.file === e.file ? `ligne ${before.row}` : `${before.file}, ligne ${before.row}`;
      refuse(e, 'doublon', `${e.what} : deuxième note en ${e.unite} dans cet import (déjà ${where})`);
      continue;
    }
    ofUnit.set(e.numero, e);
    const had = stored(e.numero, e.unite);
    if (had && fromDiscipline(had)) {
      // The disciplinary decision is the reference for that unit (ccst incidents close): a copy marked before it does not bring the note back.
      refuse(e, 'sanction', `${e.what} : ${e.unite} annulée par une décision disciplinaire (${had.source}, NUL : réputé présent sans avoir subi l’épreuve) ; la note « ${formatNoteCell(e.cell)} » n’est pas enregistrée`);
      continue;
    }
    if (had && isHarmonisationSource(had.source) && had.value !== formatNoteCell(e.cell)) {
      if (!opts.force) {
        refuse(e, 'harmonisee', `${e.what} : note « ${had.value} » en ${e.unite} ajustée par la commission d’harmonisation (${had.source}) ; la note « ${formatNoteCell(e.cell)} » ${e.lot ? `du lot ${e.lot}` : 'de ce fichier'} la remplacerait — retirez la ligne pour garder la note harmonisée, ou relancez avec --force pour la remplacer`);
        continue;
      }
      plan.harmonised.push({ entry: e, old: had.value, source: had.source });
    }
    const hadLot = had && lotOfSource(had.source);
    if (had && hadLot && hadLot !== e.lot && had.value !== formatNoteCell(e.cell)) {
      refuse(e, 'autre-lot', `${e.what} : note « ${had.value} » déjà reçue du lot ${hadLot} en ${e.unite} ; une autre note ${e.lot ? `du lot ${e.lot}` : 'hors de ce lot'} (« ${formatNoteCell(e.cell)} ») est refusée — corrigez le bordereau du lot ${hadLot}`);
      continue;
    }
    plan.accepted.push(e);
  }
  return plan;
}
