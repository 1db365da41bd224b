// The notes of a filled bordereau de notation (issue #13 item 5), checked row by row before anything is stored: the
// anonymity number well formed (its check letter: a mistyped digit is refused, not credited to another copy —
// anonymity.ts), known, of the épreuve of the row's lot (or --epreuve), in the row's lot; the note a note of the
// regulation (0 to 20, two decimals) or a code a correcteur may write on a copy; the same copy once per file. Each
// accepted row becomes a NoteEntry for its candidate — the candidate is named here and only here: the correspondence
// anonymity ↔ candidate is lifted by the import, never printed for the correcteur. Pure.
import { parseAnonymat } from '../examiners/anonymity.js';
import { checkCodeScope, type CodeScope } from '../regulation/code-scope.js';
import { parseNoteCell, type NoteCell } from '../deliberation/note-cell.js';
import type { CellIssue } from '../validation.js';
import type { NoteEntry } from './note-entry.js';

export interface LotRef {
  name: string;
  /** The unit the lot's épreuve certifies (U5 for E5). */
  unite: string;
  epreuve: string;
  correcteur: string;
}

export interface CopyRef {
  anonymat: string;
  numero: string;
  unite: string;
  epreuve: string;
  /** The lot holding the copy (lot_copies), if lots were made. */
  lot?: string;
}

export interface BordereauRowIn {
  row: number;
  lot: string;
  anonymat: string;
  note: string | number | boolean | Date | null;
}

export interface BordereauCheckInput {
  /** The file's name, as in messages and in the notes' source. */
  file: string;
  /** The sheet's name: the lot of rows whose `lot` cell is blank, when it names one. */
  sheet?: string;
  /** Header texts as written (messages). */
  labels: Map<string, string>;
  rows: readonly BordereauRowIn[];
  lotOf: (name: string) => LotRef | undefined;
  copyOf: (anonymat: string) => CopyRef | undefined;
  /** --epreuve: every copy must be of it. */
  epreuve?: { unite: string; epreuve: string };
  scope: CodeScope;
}

export interface BordereauCheck {
  entries: NoteEntry[];
  issues: CellIssue[];
  /** Copies listed with no note yet (the correcteur has not filled them): not an error, counted. */
  blank: { row: number; lot: string; anonymat: string }[];
}

/** The source of a note from a bordereau: its lot and its file (note_audit, notes.source). */
export function lotSource(lot: string, file: string): string {
  return `lot:${lot}:${file}`;
}

/** The lot a stored note came from, or undefined for a note of another source. */
export function lotOfSource(source: string): string | undefined {
  return /^lot:([^:]+):/.exec(source)?.[1];
}

/**
 * A correcteur marks the copy in front of them: a note, ABS (no copy handed in) or ABJ. DIS, BEN, REP and NV are the
 * inscription's or the conformity control's, never a correcteur's (and stay refused even where the unit's scope
 * admits them).
 */
const CORRECTEUR_CODES = new Set(['note', 'ABS', 'ABJ']);

export function checkBordereau(input: BordereauCheckInput): BordereauCheck {
  const out: BordereauCheck = { entries: [], issues: [], blank: [] };
  const label = (n: string) => input.labels.get(n) ?? n;
  const issue = (row: number, column: string, kind: string, message: string) => out.issues.push({ row, column: label(column), kind, message });
  const seen = new Map<string, number>();
  const sheetLot = input.sheet ? input.lotOf(input.sheet) : undefined;
  // One source text per lot of the file, not one per row.
  const sources = new Map<string, string>();
  const sourceOf = (lot: string) => sources.get(lot) ?? (sources.set(lot, lotSource(lot, input.file)), sources.get(lot)!);
  for (const r of input.rows) {
    const lot = r.lot ? input.lotOf(r.lot) : sheetLot;
    if (!lot) {
      issue(r.row, 'lot', 'lot', r.lot ? `lot « ${r.lot} » inconnu du workspace (ccst copies lots)` : 'lot manquant (ni dans la colonne lot, ni nom de feuille d’un lot)');
      continue;
    }
    const parsed = parseAnonymat(r.anonymat);
    if (!parsed.ok) {
      issue(r.row, 'anonymat', parsed.kind, r.anonymat ? parsed.message : 'numéro d’anonymat manquant');
      continue;
    }
    const anonymat = parsed.value;
    const first = seen.get(anonymat);
    if (first !== undefined) {
      issue(r.row, 'anonymat', 'doublon', `copie ${anonymat} déjà présente ligne ${first}`);
      continue;
    }
    seen.set(anonymat, r.row);
    const copy = input.copyOf(anonymat);
    if (!copy) {
      issue(r.row, 'anonymat', 'anonymat-inconnu', `numéro d’anonymat ${anonymat} inconnu du workspace (aucune copie ne le porte)`);
      continue;
    }
    const expected = input.epreuve ?? lot;
    if (copy.unite !== expected.unite) {
      issue(r.row, 'anonymat', 'epreuve', `copie ${anonymat} de l’épreuve ${copy.epreuve}, pas de ${expected.epreuve}${input.epreuve ? ' (--epreuve)' : ` (lot ${lot.name})`}`);
      continue;
    }
    if (copy.lot !== lot.name) {
      issue(r.row, 'lot', 'lot', `copie ${anonymat} ${copy.lot ? `du lot ${copy.lot}` : 'dans aucun lot'}, pas du lot ${lot.name}`);
      continue;
    }
    const cell = noteOf(r.note, copy.unite, input.scope);
    if (!cell.ok) {
      issue(r.row, 'note', cell.kind, `copie ${anonymat} : ${cell.message}`);
      continue;
    }
    if (!cell.value) {
      out.blank.push({ row: r.row, lot: lot.name, anonymat });
      continue;
    }
    out.entries.push({
      file: input.file, row: r.row, column: label('note'), numero: copy.numero, unite: copy.unite, cell: cell.value,
      source: sourceOf(lot.name), lot: lot.name, what: `copie ${anonymat}`,
    });
  }
  return out;
}

type NoteOf = { ok: true; value: NoteCell | undefined } | { ok: false; kind: string; message: string };

function noteOf(raw: BordereauRowIn['note'], unite: string, scope: CodeScope): NoteOf {
  const parsed = parseNoteCell(raw);
  if (!parsed.ok || !parsed.value) return parsed;
  if (!CORRECTEUR_CODES.has(parsed.value.kind)) {
    return { ok: false, kind: 'note-code', message: `« ${String(raw).trim()} » : sur un bordereau de correction, une note de 0 à 20, ABS ou ABJ (DIS, BEN, REP et NV viennent de l’inscription ou du contrôle de conformité)` };
  }
  const inScope = checkCodeScope(scope, unite, parsed.value);
  return inScope.ok ? parsed : inScope;
}
