// The plan of `ccst harmonisation apply`: for each line of the commission's file, the group's stored notes, what
// each becomes, and the before/after figures of the group. Pure: the store reads the notes and writes the plan.
import { parseNoteText, formatNoteCell } from '../deliberation/note-cell.js';
import { fraction, type Fraction } from '../deliberation/exact.js';
import { adjustNote, type Adjustment } from './adjustment.js';

export interface PlanLine {
  /** Row of the adjustments file (for the summary and messages). */
  row: number;
  groupKey: string;
  groupLabel: string;
  epreuve: string;
  unite: string;
  adjustment: Adjustment;
  motif: string;
  /** The group's stored notes of the unit (text as stored: "12,5", "ABS", "BEN 14@2022"). */
  notes: { numero: string; value: string }[];
}

export interface PlannedChange {
  numero: string;
  unite: string;
  old: string;
  new: string;
  motif: string;
}

export interface LineOutcome {
  row: number;
  groupKey: string;
  groupLabel: string;
  epreuve: string;
  adjustment: string;
  motif: string;
  /** Notes adjusted (numbers), codes left as they are. */
  notes: number;
  codes: number;
  changed: number;
  capped: number;
  floored: number;
  meanBefore: Fraction | null;
  meanAfter: Fraction | null;
  minBefore: number | null;
  maxBefore: number | null;
  minAfter: number | null;
  maxAfter: number | null;
}

export interface AdjustmentPlan {
  lines: LineOutcome[];
  changes: PlannedChange[];
  /** A note that two lines would adjust (a candidate in two groups of the file): the plan must be refused. */
  overlaps: { numero: string; unite: string; rows: [number, number] }[];
}

export function planAdjustments(lines: PlanLine[]): AdjustmentPlan {
  const changes: PlannedChange[] = [];
  const overlaps: AdjustmentPlan['overlaps'] = [];
  const seen = new Map<string, number>();
  const out = lines.map((l): LineOutcome => {
    let n = 0, codes = 0, changed = 0, capped = 0, floored = 0, before = 0, after = 0;
    let minB = Infinity, maxB = -Infinity, minA = Infinity, maxA = -Infinity;
    for (const note of l.notes) {
      const key = `${note.numero}\u0000${l.unite}`;
      const first = seen.get(key);
      if (first !== undefined) overlaps.push({ numero: note.numero, unite: l.unite, rows: [first, l.row] });
      else seen.set(key, l.row);
      const parsed = parseNoteText(note.value);
      // Codes (ABS, ABJ, NV, DIS) and earlier notes (BEN, REP) are not this commission's notes: never adjusted.
      if (!parsed.ok) {
        codes++;
        continue;
      }
      const a = adjustNote(parsed.value, l.adjustment);
      n++;
      before += parsed.value;
      after += a.value;
      minB = Math.min(minB, parsed.value); maxB = Math.max(maxB, parsed.value);
      minA = Math.min(minA, a.value); maxA = Math.max(maxA, a.value);
      if (a.clamped === 'plafond') capped++;
      if (a.clamped === 'plancher') floored++;
      if (a.value !== parsed.value) {
        changed++;
        changes.push({ numero: note.numero, unite: l.unite, old: note.value, new: formatNoteCell({ kind: 'note', value: a.value }), motif: l.motif });
      }
    }
    return {
      row: l.row, groupKey: l.groupKey, groupLabel: l.groupLabel, epreuve: l.epreuve, adjustment: l.adjustment.text, motif: l.motif,
      notes: n, codes, changed, capped, floored,
      meanBefore: n ? fraction(before, 100 * n) : null,
      meanAfter: n ? fraction(after, 100 * n) : null,
      minBefore: n ? minB : null, maxBefore: n ? maxB : null, minAfter: n ? minA : null, maxAfter: n ? maxA : null,
    };
  });
  return { lines: out, changes, overlaps };
}
