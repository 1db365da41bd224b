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

describe('tabular output to stdout: the bytes of one piece per row, in few writes', () => {
  it('JSON rows: the same text as row by row, written in 64 KiB pieces (a write per row cost a system call each)', async () => {
    const { writeJsonRows } = await import('../../src/io/table-writer.js');
    const { Writable } = await import('node:stream');
    const pieces: string[] = [];
    const stdout = new Writable({ write(chunk, _enc, done) { pieces.push(String(chunk)); done(); } });
    const rows = Array.from({ length: 5000 }, (_, i) => [`24${String(i).padStart(9, '0')}`, 'E5', '0310044E', `S${i % 15}`, i + 1, i % 7 ? '' : 'temps majoré 1/3']);
    await writeJsonRows('-', stdout, { columns: ['numero', 'epreuve', 'centre_uai', 'salle', 'place', 'amenagement'], rows });
    const expected = `[\n${rows.map((r) => JSON.stringify({ numero: r[0], epreuve: r[1], centre_uai: r[2], salle: r[3], place: r[4], amenagement: r[5] })).join(',\n')}\n]\n`;
    expect(pieces.join('')).toBe(expected);
    expect(pieces.length).toBeLessThanOrEqual(Math.ceil(expected.length / (64 * 1024)) + 1);
    expect(pieces.length).toBeGreaterThan(1);
  });
});
