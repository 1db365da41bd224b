// Checks of a filled bordereau's rows (domain/notes/lot-notes.ts), one line per case. Sources: issue #13 item 5 (the
// refusals), anonymity.ts (the check letter), the règlement (notes 0 to 20, two decimals; code scope: code-scope.ts).
import { describe, expect, it } from 'vitest';
import { checkBordereau, lotOfSource, lotSource, type BordereauRowIn, type CopyRef, type LotRef } from '../../../src/domain/notes/lot-notes.js';
import { formatAnonymat } from '../../../src/domain/examiners/anonymity.js';
import { codeScope } from '../../../src/domain/regulation/code-scope.js';
import { loadBundledRegulation } from '../../../src/io/regulation-file.js';

const scope = codeScope(loadBundledRegulation());
const A = formatAnonymat(12_345_678);
const B = formatAnonymat(87_654_321);
const E3 = formatAnonymat(11_111_111);
const FREE = formatAnonymat(22_222_222);
const LOTS: Record<string, LotRef> = {
  'E5-01': { name: 'E5-01', unite: 'U5', epreuve: 'E5', correcteur: 'a@x.fr' },
  'E5-02': { name: 'E5-02', unite: 'U5', epreuve: 'E5', correcteur: 'b@x.fr' },
};
const COPIES: Record<string, CopyRef> = {
  [A]: { anonymat: A, numero: '1', unite: 'U5', epreuve: 'E5', lot: 'E5-01' },
  [B]: { anonymat: B, numero: '2', unite: 'U5', epreuve: 'E5', lot: 'E5-02' },
  [E3]: { anonymat: E3, numero: '1', unite: 'U3', epreuve: 'E3', lot: 'E3-01' },
  [FREE]: { anonymat: FREE, numero: '3', unite: 'U5', epreuve: 'E5' },
};

function check(rows: Omit<BordereauRowIn, 'row'>[], over: { sheet?: string; epreuve?: { unite: string; epreuve: string } } = {}) {
  return checkBordereau({
    file: 'lot.xlsx', labels: new Map(), rows: rows.map((r, i) => ({ ...r, row: i + 2 })), lotOf: (n) => LOTS[n], copyOf: (a) => COPIES[a], scope, ...over,
  });
}

describe('checkBordereau: one row', () => {
  it.each([
    // [case, lot, anonymat, note, expected kind or the note stored]
    ['a note with a decimal comma', 'E5-01', A, '12,5', '12,5'],
    ['a note typed as a number (XLSX)', 'E5-01', A, 12.5, '12,5'],
    ['a decimal point', 'E5-01', A, '12.25', '12,25'],
    ['spaces and lower case in the number', 'E5-01', ` ${A.slice(0, 4)} ${A.slice(4).toLowerCase()} `, '8', '8'],
    ['ABS', 'E5-01', A, 'ABS', 'ABS'],
    ['ABJ', 'E5-01', A, 'abj', 'ABJ'],
    ['0 and 20 are notes', 'E5-01', A, '20', '20'],
    ['above 20', 'E5-01', A, '20,5', 'note-echelle'],
    ['three decimals', 'E5-01', A, '12,125', 'note'],
    ['an unknown code', 'E5-01', A, 'XYZ', 'note'],
    ['BEN is not a correcteur’s', 'E5-01', A, 'BEN 12', 'note-code'],
    ['DIS is not a correcteur’s', 'E5-01', A, 'DIS', 'note-code'],
    ['NV is not a correcteur’s', 'E5-01', A, 'NV', 'note-code'],
    ['a wrong check letter', 'E5-01', A.slice(0, 8) + (A.endsWith('A') ? 'B' : 'A'), '12', 'anonymat-cle'],
    ['a digit mistyped', 'E5-01', '12345679' + A.slice(8), '12', 'anonymat-cle'],
    ['a malformed number', 'E5-01', '1234', '12', 'anonymat'],
    ['no number', 'E5-01', '', '12', 'anonymat'],
    ['an unknown number', 'E5-01', formatAnonymat(99_999_999), '12', 'anonymat-inconnu'],
    ['a copy of another épreuve', 'E5-01', E3, '12', 'epreuve'],
    ['a copy of another lot', 'E5-01', B, '12', 'lot'],
    ['a copy in no lot', 'E5-01', FREE, '12', 'lot'],
    ['an unknown lot', 'E5-09', A, '12', 'lot'],
  ])('%s', (_case, lot, anonymat, note, expected) => {
    const r = check([{ lot, anonymat, note }]);
    if (r.entries.length) expect(r.entries.map((e) => `${e.numero} ${e.unite} ${e.cell.kind === 'note' ? String(e.cell.value / 100).replace('.', ',') : e.cell.kind}`)).toEqual([`1 U5 ${expected}`]);
    else expect(r.issues.map((i) => i.kind)).toEqual([expected]);
  });

  it('a blank note is not an error: the copy is counted as not yet marked', () => {
    const r = check([{ lot: 'E5-01', anonymat: A, note: null }]);
    expect(r).toEqual({ entries: [], issues: [], blank: [{ row: 2, lot: 'E5-01', anonymat: A }] });
  });

  it('the sheet’s name is the lot of a row without one; --epreuve checks every copy', () => {
    expect(check([{ lot: '', anonymat: A, note: '9' }], { sheet: 'E5-01' }).entries).toHaveLength(1);
    expect(check([{ lot: '', anonymat: A, note: '9' }]).issues[0]).toMatchObject({ kind: 'lot', message: 'lot manquant (ni dans la colonne lot, ni nom de feuille d’un lot)' });
    expect(check([{ lot: 'E5-01', anonymat: A, note: '9' }], { epreuve: { unite: 'U3', epreuve: 'E3' } }).issues[0]!.message).toBe(`copie ${A} de l’épreuve E5, pas de E3 (--epreuve)`);
  });

  it('the same copy twice in a file: the second row refused, naming the first', () => {
    const r = check([{ lot: 'E5-01', anonymat: A, note: '9' }, { lot: 'E5-01', anonymat: A, note: '9' }]);
    expect(r.entries).toHaveLength(1);
    expect(r.issues).toEqual([{ row: 3, column: 'anonymat', kind: 'doublon', message: `copie ${A} déjà présente ligne 2` }]);
  });

  it('the source names the lot and the file, and gives the lot back', () => {
    const r = check([{ lot: 'E5-01', anonymat: A, note: '9' }]);
    expect(r.entries[0]).toMatchObject({ source: 'lot:E5-01:lot.xlsx', lot: 'E5-01', what: `copie ${A}`, column: 'note', row: 2 });
    expect(lotOfSource(lotSource('E5-03', 'lot-E5-03.xlsx'))).toBe('E5-03');
    expect(lotOfSource('notes.csv')).toBeUndefined();
    expect(lotOfSource('jury:jury.csv')).toBeUndefined();
  });
});
