import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseFormula } from '../../src/io/table-writer.js';

describe('CSV cells for French Excel (NOTES-LIBRARIES.md) and formula injection (OWASP)', () => {
  it.each([
    ['=HYPERLINK("x")', "'=HYPERLINK(\"x\")"],
    ['+33 6 12', "'+33 6 12"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['Dupont', 'Dupont'],
    ['', ''],
  ])('neutraliseFormula(%j) = %j', (a, b) => expect(neutraliseFormula(a)).toBe(b));

  it('numbers get a decimal comma in excel-fr and a point in rfc4180', () => {
    expect(csvCell(12.5, 'excel-fr')).toBe('12,5');
    expect(csvCell(12.5, 'rfc4180')).toBe('12.5');
    expect(csvCell(null, 'excel-fr')).toBe('');
  });
});
