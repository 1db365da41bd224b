// One cell of a notes file: a note 0–20 (at most 2 decimals, "," or "."), or a code (issue 5 « Notes input »).
// Codes are kept distinct from numbers: ABS ≠ ABJ (0) ≠ missing (STYLE.md, after ScoDoc).
import { ok, fail, type FieldResult } from '../validation.js';
import { formatHundredths } from '../candidate.js';

export type NoteCell =
  /** A note of this session, in integer hundredths (12,5 → 1250). */
  | { kind: 'note'; value: number }
  /** Absent, not justified: ÉLIMINÉ at a compulsory unit (circulaire Toulouse 2023 §1.1). */
  | { kind: 'ABS' }
  /** Absent for a duly established reason (force majeure): counted as 0 (issue 5). */
  | { kind: 'ABJ' }
  /** Non valide: dossier missing or non conforming (circulaire Toulouse 2023 §1.2.2): ÉLIMINÉ. */
  | { kind: 'NV' }
  /** Dispensé: out of both sums (référentiel annexe IV b). */
  | { kind: 'DIS' }
  /** Bénéfice of a note ≥ 10 from an earlier session (D643-20), with that session's year when known. */
  | { kind: 'BEN'; value: number; session?: number }
  /** Report of a note carried over by a progressive-form candidate. */
  | { kind: 'REP'; value: number }
  /**
   * Épreuve annulée by a disciplinary sanction (ccst incidents close): « réputé avoir été présent sans l'avoir
   * subie » (templates/discipline/bts-fraude.json) — present, so no elimination (not ABS, D643-24); no mark earned,
   * so counted 0 with its coefficient, like the note zéro of D643-24 for an épreuve not sat.
   */
  | { kind: 'NUL' };

const NOTE = /^(\d{1,2})(?:[.,](\d{1,2}))?$/;
const CARRIED = /^(BEN|REP)\s*(\d{1,2}(?:[.,]\d{1,2})?)\s*(?:@\s*(\d{4}))?$/i;
const NOTE_MAX = 2000;

/** "12,5" / "12.5" / "7" → hundredths, or why not. */
export function parseNoteText(text: string): FieldResult<number> {
  const m = NOTE.exec(text);
  if (!m) {
    if (/^-?\d+(?:[.,]\d+)?$/.test(text)) {
      if (/[.,]\d{3,}$/.test(text)) return fail('note', `note « ${text} » : au plus 2 décimales`);
      return fail('note-echelle', `note « ${text} » hors de l’échelle 0 à 20`);
    }
    return fail('note', `« ${text} » n’est ni une note (0 à 20) ni un code (ABS, ABJ, NV, DIS, BEN 14,5, REP 8,5)`);
  }
  const value = Number(m[1]) * 100 + (m[2] ? Number(m[2].padEnd(2, '0')) : 0);
  if (value > NOTE_MAX) return fail('note-echelle', `note « ${text} » hors de l’échelle 0 à 20`);
  return ok(value);
}

/** A number read from an XLSX cell (12.5) → hundredths, refusing 3 decimals and out-of-range values. */
export function hundredthsOfNumber(x: number): FieldResult<number> {
  const h = Math.round(x * 100);
  if (!Number.isFinite(x) || Math.abs(x * 100 - h) > 1e-6) return fail('note', `note ${String(x).replace('.', ',')} : au plus 2 décimales`);
  if (h < 0 || h > NOTE_MAX) return fail('note-echelle', `note ${String(x).replace('.', ',')} hors de l’échelle 0 à 20`);
  return ok(h);
}

// Cells are immutable values: the 2001 possible notes and the five codes are shared (a 250k-candidate file has
// two million cells; one object each was the main garbage-collection cost).
const NOTE_RESULTS: FieldResult<NoteCell>[] = Array.from({ length: NOTE_MAX + 1 }, (_, value) =>
  Object.freeze({ ok: true as const, value: Object.freeze({ kind: 'note' as const, value }) }),
);
const CODE_RESULTS = new Map<string, FieldResult<NoteCell>>(
  (['ABS', 'ABJ', 'NV', 'DIS', 'NUL'] as const).map((kind) => [kind, Object.freeze({ ok: true as const, value: Object.freeze({ kind }) })]),
);
const EMPTY: FieldResult<undefined> = Object.freeze({ ok: true as const, value: undefined });

/** The shared cell of a note in hundredths (0–2000), as parseNoteCell returns it. */
export function sharedNoteCell(value: number): NoteCell {
  const r = NOTE_RESULTS[value];
  if (!r?.ok || !r.value) throw new Error(`note hors de l’échelle : ${value}`);
  return r.value;
}

/** The shared cell of a code without a value. */
export function sharedCodeCell(kind: 'ABS' | 'ABJ' | 'NV' | 'DIS' | 'NUL'): NoteCell {
  return (CODE_RESULTS.get(kind) as { value: NoteCell }).value;
}

/**
 * The NOTE pattern (1–2 digits, then optionally "," or "." and 1–2 digits) read digit by digit: the hundredths, or
 * -1 when the text is not of that form. Most cells of a notes file are such notes; a regular expression's match
 * array for each of two million cells was a tenth of `ccst deliberate`'s time.
 */
function plainNoteHundredths(t: string): number {
  const n = t.length;
  let i = 0;
  let units = 0;
  for (; i < n && i < 3; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    units = units * 10 + d;
  }
  if (i === 0 || i > 2) return -1;
  if (i === n) return units * 100;
  const sep = t.charCodeAt(i);
  if ((sep !== 44 && sep !== 46) || n - i - 1 < 1 || n - i - 1 > 2) return -1; // "," or ".", then 1 or 2 digits
  const d1 = t.charCodeAt(i + 1) - 48;
  const d2 = n - i - 1 === 2 ? t.charCodeAt(i + 2) - 48 : 0;
  if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return -1;
  return units * 100 + d1 * 10 + d2;
}

/** A raw cell → a NoteCell, or undefined for an empty cell (no note: never a zero). Case-insensitive codes. */
export function parseNoteCell(raw: string | number | boolean | Date | null | undefined): FieldResult<NoteCell | undefined> {
  if (raw === null || raw === undefined) return EMPTY;
  if (typeof raw === 'number') {
    const h = hundredthsOfNumber(raw);
    return h.ok ? NOTE_RESULTS[h.value]! : h;
  }
  if (typeof raw !== 'string') return fail('note', `valeur « ${String(raw)} » : une note ou un code est attendu`);
  const simple = plainNoteHundredths(raw);
  if (simple >= 0 && simple <= NOTE_MAX) return NOTE_RESULTS[simple]!;
  const text = raw.replace(/[\u00a0\u202f]/g, ' ').trim();
  if (text === '') return EMPTY;
  const upper = text.toUpperCase();
  const code = CODE_RESULTS.get(upper);
  if (code) return code;
  const carried = CARRIED.exec(text);
  if (carried) {
    const kind = carried[1]!.toUpperCase() as 'BEN' | 'REP';
    const note = parseNoteText(carried[2]!);
    if (!note.ok) return note;
    if (kind === 'REP') {
      if (carried[3]) return fail('note', `« ${text} » : l’année n’est admise que pour un bénéfice (BEN 14,5@2022)`);
      return ok({ kind, value: note.value });
    }
    return ok(carried[3] ? { kind, value: note.value, session: Number(carried[3]) } : { kind, value: note.value });
  }
  if (/^(BEN|REP)\b/i.test(text)) return fail('note', `« ${text} » : attendu BEN 14,5 (ou BEN 14,5@2022) ou REP 8,5`);
  const note = parseNoteText(text);
  return note.ok ? NOTE_RESULTS[note.value]! : note;
}

/** Canonical text of a cell, as stored in the workspace and shown on the PV: "12,5", "ABS", "BEN 14,5@2022". */
const NOTE_TEXTS = Array.from({ length: NOTE_MAX + 1 }, (_, h) => formatHundredths(h));

export function formatNoteCell(cell: NoteCell | undefined): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'note':
      return NOTE_TEXTS[cell.value] ?? formatHundredths(cell.value);
    case 'BEN':
      return `BEN ${formatHundredths(cell.value)}${cell.session ? '@' + cell.session : ''}`;
    case 'REP':
      return `REP ${formatHundredths(cell.value)}`;
    default:
      return cell.kind;
  }
}

/** The note a cell stands for in the averages, if any: notes, bénéfices, reports, and ABJ and NUL as 0. */
export function countedValue(cell: NoteCell | undefined): number | undefined {
  if (!cell) return undefined;
  if (cell.kind === 'note' || cell.kind === 'BEN' || cell.kind === 'REP') return cell.value;
  if (cell.kind === 'ABJ' || cell.kind === 'NUL') return 0;
  return undefined;
}

export function sameCell(a: NoteCell | undefined, b: NoteCell | undefined): boolean {
  return formatNoteCell(a) === formatNoteCell(b);
}

/**
 * D643-20: a bénéfice must be ≥ the minimum (10) and at most `validityYears` sessions old; a note of the current
 * session (or later) is not a bénéfice. Without a year only the minimum can be checked.
 */
export function checkBenefice(
  cell: { value: number; session?: number },
  rule: { minimumHundredths: number; validityYears: number; session: number },
): FieldResult<true> {
  if (cell.value < rule.minimumHundredths) {
    return fail('benefice', `bénéfice ${formatHundredths(cell.value)} < ${formatHundredths(rule.minimumHundredths)} : seule une note au moins égale à ${formatHundredths(rule.minimumHundredths)} peut être conservée (D643-20)`);
  }
  if (cell.session !== undefined) {
    if (cell.session >= rule.session) return fail('benefice', `bénéfice de la session ${cell.session} : il doit venir d’une session antérieure à ${rule.session}`);
    if (rule.session - cell.session > rule.validityYears) {
      return fail('benefice', `bénéfice de la session ${cell.session} expiré : valable ${rule.validityYears} ans, soit jusqu’à la session ${cell.session + rule.validityYears} (D643-20)`);
    }
  }
  return ok(true);
}
