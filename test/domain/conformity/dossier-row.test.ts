import { describe, expect, it } from 'vitest';
import { parseDossierRow, parseWeeks, parseYesNo, parseEpreuve } from '../../../src/domain/conformity/dossier-row.js';

describe('cells of a dossiers file', () => {
  it.each([
    ['oui', true], ['Non', false], ['X', true], ['', undefined], [true, true], ['Présente', true],
  ] as const)('parseYesNo(%j) = %j', (v, expected) => {
    expect(parseYesNo(v)).toEqual({ ok: true, value: expected });
  });
  it('rejects a non oui/non value', () => expect(parseYesNo('peut-être').ok).toBe(false));

  it.each([
    ['14', 1400], ['14,5', 1450], ['13.25', 1325], [12, 1200], [12.5, 1250], ['16 semaines', 1600], ['', undefined],
  ] as const)('parseWeeks(%j) = %j', (v, expected) => {
    expect(parseWeeks(v)).toEqual({ ok: true, value: expected });
  });
  it.each(['14,555', 'quatorze', '-3', '60'])('parseWeeks rejects %j', (v) => expect(parseWeeks(v).ok).toBe(false));

  it.each([['E4', 'E4'], ['U61', 'E61'], ['E6-2', 'E62'], ['e 6.1', 'E61']] as const)('parseEpreuve(%j)', (v, e) =>
    expect(parseEpreuve(v)).toEqual({ ok: true, value: e }),
  );
  it('E5 is not a dossier épreuve', () => expect(parseEpreuve('E5').ok).toBe(false));

  it('collects every bad cell of a row with its column label', () => {
    const r = parseDossierRow(7, { numero: '24001', epreuve: 'E4', depot: '31/02/2024', signatures: 'bof', semaines_stage: 'x' }, (n) => `«${n}»`);
    expect(r.facts).toBeUndefined();
    expect(r.issues.map((i) => [i.row, i.column, i.kind])).toEqual([
      [7, '«depot»', 'date'],
      [7, '«semaines_stage»', 'semaines'],
      [7, '«signatures»', 'oui-non'],
    ]);
  });

  it('parses a complete row (JJ/MM/AAAA date, Excel Date)', () => {
    const r = parseDossierRow(2, { numero: '24001', epreuve: 'E6-1', depot: new Date(Date.UTC(2024, 2, 1)), attestation_stage: 'oui', semaines_stage: '14', amenagement_duree: '' }, (n) => n);
    expect(r.issues).toEqual([]);
    expect(r.facts).toMatchObject({ epreuve: 'E61', depot: '2024-03-01', attestationStage: true, semainesStage: 1400, amenagementDuree: false });
  });
});
