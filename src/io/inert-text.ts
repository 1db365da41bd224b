// Text from the user's files that must stay inert wherever ccst writes it (issue #9 items 2 and 8).
// - On the way in: control characters (C0 but tab / line breaks, DEL, C1) are refused in every imported cell
//   (table-reader.ts). Tab, CR and LF are white space that every field normalises to one space (cellString).
// - On the way out to a spreadsheet: neutraliseFormula, the one rule for CSV cells, XLSX string cells, header and
//   title rows (OWASP « CSV Injection »: a cell starting with = + - @ tab or CR is a formula for Excel/LibreOffice).
//   LibreOffice skips leading white space and control characters before deciding (a NUL before =HYPERLINK(…) made a
//   live formula), so the first *visible* character is the one that counts.

/** Characters refused in imported text: C0 except TAB (09), LF (0A), CR (0D); DEL; C1. */
export const CONTROL_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/;
const CONTROL_CHAR_G = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/g;

/** White space, control and format characters (zero-width, BOM, bidi marks): invisible before a formula sign. */
const FORMULA_START = /^[\s\p{Cc}\p{Cf}]*[=+\-@]/u;

/**
 * A cell a spreadsheet would read as a formula gets a leading apostrophe and stays text: when its first visible
 * character (after white space, control and format characters) is = + - @, or when it starts with tab or CR.
 * The one neutralisation of every export (CSV and XLSX, cells, headers, title rows); candidate-fields.ts's
 * cellString removes the apostrophe again on import so that an export re-imports unchanged.
 */
export function neutraliseFormula(s: string): string {
  if (s.length === 0) return s;
  const c0 = s.charCodeAt(0);
  // Fast path (most cells): a first character above '@' and below DEL is visible and not a formula sign.
  if (c0 > 0x40 && c0 < 0x7f) return s;
  return c0 === 9 || c0 === 13 || FORMULA_START.test(s) ? `'${s}` : s;
}

/** « U+001B (ESC) »: how a refused character is named in messages. */
export function describeControlChar(ch: string): string {
  const code = ch.codePointAt(0)!;
  const names: Record<number, string> = { 0: 'NUL', 0x07: 'BEL', 0x08: 'BS', 0x0b: 'VT', 0x0c: 'FF', 0x1b: 'ESC', 0x7f: 'DEL', 0x9b: 'CSI', 0x9d: 'OSC' };
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return names[code] ? `${hex} (${names[code]})` : hex;
}

/** The distinct control characters of `s`, named, in order of appearance. */
export function controlCharsIn(s: string): string[] {
  return [...new Set(s.match(CONTROL_CHAR_G) ?? [])].map(describeControlChar);
}
