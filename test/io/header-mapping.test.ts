import { describe, expect, it } from 'vitest';
import { detectHeader, normalizeHeader, type ColumnSpec } from '../../src/io/header-mapping.js';

const specs: ColumnSpec[] = [
  { name: 'numero', aliases: ['N° candidat', 'numéro', 'n inscription'], required: true },
  { name: 'nom', aliases: ['nom de famille'] },
  { name: 'prenom', aliases: ['prénom'] },
];

describe('header mapping', () => {
  it.each([
    ['N° Candidat', 'n candidat'],
    ['Prénom', 'prenom'],
    ['DATE_DE_NAISSANCE', 'date de naissance'],
  ])('normalizeHeader(%j) = %j', (raw, norm) => expect(normalizeHeader(raw)).toBe(norm));

  it('skips title and blank rows, maps aliases, reports unknown columns', () => {
    const h = detectHeader(
      [
        { row: 1, cells: ['Rectorat de Toulouse — BTS CCST session 2024'] },
        { row: 2, cells: [] },
        { row: 3, cells: ['N°_Candidat', 'NOM', 'Prénom', 'Classe'] },
      ],
      specs,
    )!;
    expect(h.headerRow).toBe(3);
    expect([...h.columns.values()]).toEqual(['numero', 'nom', 'prenom']);
    expect(h.unknown).toEqual([{ index: 3, label: 'Classe' }]);
    expect(h.missing).toEqual([]);
  });

  it('reports a missing required column', () => {
    const h = detectHeader([{ row: 1, cells: ['nom', 'prenom'] }], specs)!;
    expect(h.missing).toEqual(['numero']);
  });
});

describe('two columns for one field', () => {
  it('are refused rather than one silently dropped (a U1 and an E1 column may disagree)', async () => {
    const { readHeader } = await import('../../src/io/header-mapping.js');
    async function* rows() {
      yield { row: 1, cells: ['numero', 'U1', 'E1'] };
    }
    const specs: ColumnSpec[] = [{ name: 'numero', aliases: [], required: true }, { name: 'U1', aliases: ['E1'] }];
    await expect(readHeader(rows(), specs)).rejects.toMatchObject({
      exitCode: 3,
      details: ['« U1 » et « E1 » désignent le même champ (U1) : gardez-en une seule.'],
    });
  });
});
