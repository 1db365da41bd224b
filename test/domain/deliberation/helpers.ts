// Builders for deliberation tests: the bundled 2024 regulation's rules and cells written as a user would type them.
import { loadBundledRegulation } from '../../../src/io/regulation-file.js';
import { rulesFrom } from '../../../src/domain/deliberation/rules.js';
import { parseNoteCell, type NoteCell } from '../../../src/domain/deliberation/note-cell.js';

export const REG = loadBundledRegulation();
export const RULES = rulesFrom(REG);

/** cells({ U1: '12', U4: 'ABS' }) — every compulsory unit not named gets `rest` (default none). */
export function cells(spec: Record<string, string>, rest?: string): Map<string, NoteCell> {
  const out = new Map<string, NoteCell>();
  const all = rest === undefined ? spec : { ...Object.fromEntries(RULES.compulsory.map((u) => [u.code, rest])), ...spec };
  for (const [unit, text] of Object.entries(all)) {
    const p = parseNoteCell(text);
    if (!p.ok) throw new Error(`test cell ${unit}=${text}: ${p.message}`);
    if (p.value) out.set(unit, p.value);
  }
  return out;
}
