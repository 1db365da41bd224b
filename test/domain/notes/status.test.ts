// What is in and what is missing (domain/notes/status.ts). Sources: issue #13 item 5 (« per épreuve and lot … what is
// missing »); référentiel annexe IV c through derivedForms (a dispensed unit, a bénéfice, an optional unit not chosen
// are not expected).
import { describe, expect, it } from 'vitest';
import { notesStatus } from '../../../src/domain/notes/status.js';
import { loadBundledRegulation } from '../../../src/io/regulation-file.js';
import { person } from '../../helpers/documents-workspace.js';

const reg = loadBundledRegulation();
// Candidates go in groups of the same facts (the store reads them grouped): 1 and 5 share theirs, so one group holds
// both numéros — derivedForms is then applied once for the two.
const one = person('1', 'A', 'a');
const candidates = [
  { facts: one, numeros: ['1', '5'] },
  { facts: person('2', 'B', 'b', { dispenses: ['U4'] }), numeros: ['2'] },
  { facts: person('3', 'C', 'c', { benefices: [{ unite: 'U4', note: 1400, session: 2023 }] }), numeros: ['3'] },
  { facts: person('4', 'D', 'd', { ef1: 'espagnol' }), numeros: ['4'] },
];
// unit → numéro → stored text.
const notes = new Map<string, Map<string, string>>([
  ['U4', new Map([['1', '12'], ['4', 'NV']])],
  ['U5', new Map([['1', '9,5'], ['2', 'ABS']])],
  ['UF1', new Map([['4', '15']])],
]);
const copies = [
  { anonymat: 'A1', numero: '1', unite: 'U5', lot: 'E5-01' },
  { anonymat: 'A3', numero: '3', unite: 'U5', lot: 'E5-01' },
  { anonymat: 'A4', numero: '4', unite: 'U5', lot: 'E5-02' },
  { anonymat: 'A5', numero: '5', unite: 'U5', lot: null },
];
const lots = [{ name: 'E5-02', unite: 'U5', correcteur: 'b@x.fr' }, { name: 'E5-01', unite: 'U5', correcteur: 'a@x.fr' }];

describe('notesStatus', () => {
  const status = notesStatus({ reg, candidates, notes, copies, lots });
  const of = (unite: string) => status.find((s) => s.unite === unite)!;

  it('an épreuve by numéro: expected (not dispensed, no bénéfice), in, missing, codes', () => {
    expect(of('U4')).toMatchObject({ epreuve: 'E4', anonyme: false, attendus: 3, notes: 2, manquantes: 1, sansCopie: ['5'], codes: { NV: 1 }, lots: [] });
  });

  it('an optional unit is expected of the candidates who chose it', () => {
    expect(of('UF1')).toMatchObject({ attendus: 1, notes: 1, manquantes: 0, sansCopie: [] });
  });

  it('an anonymous épreuve: per lot in lot order, missing copies by anonymity number, never the numéro of a copy', () => {
    expect(of('U5')).toEqual({
      epreuve: 'E5', unite: 'U5', anonyme: true, attendus: 5, notes: 2, manquantes: 3, codes: { ABS: 1 },
      // Candidate 2 (absent: no copy) has its ABS; 3, 4 and 5 have copies without notes — named in their lots only.
      sansCopie: [],
      lots: [
        { lot: 'E5-01', correcteur: 'a@x.fr', copies: 2, notes: 1, manquantes: ['A3'] },
        { lot: 'E5-02', correcteur: 'b@x.fr', copies: 1, notes: 0, manquantes: ['A4'] },
      ],
      copiesSansLot: 1,
    });
  });

  it('--epreuve: that unit only', () => {
    expect(notesStatus({ reg, candidates, notes, copies, lots, unite: 'U5' }).map((s) => s.unite)).toEqual(['U5']);
  });
});
