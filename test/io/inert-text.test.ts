// Issue #9 item 2: one neutralisation for every export, on the first visible character (OWASP « CSV Injection »,
// https://owasp.org/www-community/attacks/CSV_Injection; LibreOffice skipped a NUL before =HYPERLINK(…)).
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { controlCharsIn, neutraliseFormula } from '../../src/io/inert-text.js';
import { csvLine } from '../../src/io/fast-csv.js';
import { csvChunks } from '../../src/io/table-writer.js';
import { cellString } from '../../src/domain/candidate-fields.js';
import { INVISIBLE_PREFIXES, OWASP_PAYLOADS, PREFIXED_PAYLOADS, liveFormula } from '../helpers/hostile.js';

const collect = async (it: AsyncIterable<string>) => {
  let s = '';
  for await (const c of it) s += c;
  return s;
};

describe('#9 item 2: formula neutralisation on the first visible character', () => {
  it.each(INVISIBLE_PREFIXES.map((p) => [JSON.stringify(p)]))('every OWASP payload behind the prefix %s gets an apostrophe', (p) => {
    for (const x of OWASP_PAYLOADS) {
      const s = JSON.parse(p) + x;
      expect(liveFormula(s)).toBe(true); // the payload is live as written…
      expect(neutraliseFormula(s)).toBe(`'${s}`); // …and inert once written by ccst
    }
  });

  it.each([
    ['Dupont', 'Dupont'],
    ['', ''],
    ['12 rue des Lois', '12 rue des Lois'],
    ["O'Neil", "O'Neil"],
    [' Léa', ' Léa'],
    ['\u200bLéa', '\u200bLéa'],
    ['\tx', "'\tx"], // a tab or CR start stays quoted (OWASP), whatever follows
    ['\rx', "'\rx"],
    ['-3 rue du Pont', "'-3 rue du Pont"],
  ])('neutraliseFormula(%j) = %j', (a, b) => expect(neutraliseFormula(a)).toBe(b));

  it('both CSV writers (csv-stringify and the PV fast path) give the same inert bytes for every prefixed payload', async () => {
    for (const format of ['excel-fr', 'rfc4180'] as const) {
      const rows = PREFIXED_PAYLOADS.map((s) => [s, 1.5, null]);
      const fast = PREFIXED_PAYLOADS.map((s) => csvLine([s, 1.5, null], format)).join('');
      const slow = await collect(csvChunks({ columns: ['a', 'b', 'c'], rows }, format));
      expect(slow.endsWith(fast)).toBe(true);
      const cells = (parse(fast, { delimiter: format === 'excel-fr' ? ';' : ',' }) as string[][]).map((r) => r[0]!);
      expect(cells).toEqual(PREFIXED_PAYLOADS.map((s) => `'${s}`));
      expect(cells.filter(liveFormula)).toEqual([]);
    }
  });

  it('an export re-imports unchanged: cellString removes the apostrophe neutraliseFormula added', () => {
    for (const s of [...OWASP_PAYLOADS, '\u200b=1+1', '\u2060@x']) expect(cellString(neutraliseFormula(s))).toBe(s);
    expect(cellString("'bonjour")).toBe("'bonjour");
  });

  it('names the refused control characters', () => {
    expect(controlCharsIn('a\0b\x1b]0;x\x07\x1b\u009b')).toEqual(['U+0000 (NUL)', 'U+001B (ESC)', 'U+0007 (BEL)', 'U+009B (CSI)']);
    expect(controlCharsIn('tab\tlf\ncr\r é')).toEqual([]);
  });
});
