import { describe, expect, it } from 'vitest';
import { decide, computeAverages } from '../../../src/domain/deliberation/decide.js';
import { formatTruncated, fractionText } from '../../../src/domain/deliberation/exact.js';
import { cells, RULES } from './helpers.js';

// Coefficients of the bundled 2024 data (référentiel annexe IV c): U1 3, U21 1,5, U22 1,5, U3 3, U4 6, U5 4,
// U61 3, U62 3 — Σ 25. Each case names the rule it checks and where the rule comes from.
const cases: { rule: string; source: string; spec: Record<string, string>; rest?: string; decision: string; motif: string; mg?: string; mp?: string; acquired?: string[] }[] = [
  { rule: 'MG ≥ 10 → ADMIS', source: 'D643-13', spec: {}, rest: '12', decision: 'ADMIS', motif: 'MG 12,00 ≥ 10', mg: '12,00', mp: '12,00' },
  { rule: 'MG exactly 10 → ADMIS', source: 'D643-13', spec: {}, rest: '10', decision: 'ADMIS', motif: 'MG 10,00 ≥ 10', mg: '10,00' },
  { rule: 'coefficients weigh the notes (U4 coef 6)', source: 'référentiel annexe IV c', spec: { U4: '20' }, rest: '8', decision: 'ADMIS', motif: 'MG 10,88 ≥ 10', mg: '10,88' },
  { rule: 'MG 9,996 displayed 9,99 and not admitted', source: 'issue 5 (troncature, jamais 10,00)', spec: { U1: '9,98', U5: '9,99' }, rest: '10', decision: 'AJOURNE', motif: 'MG 9,99 < 10, MP 9,99 < 10', mg: '9,99' },
  { rule: '8 ≤ MG < 10 and MP ≥ 10 → CONTROLE', source: 'D643-15; circulaire Toulouse 2023 §V', spec: { U1: '6', U21: '6', U22: '6', U3: '6', U4: '11' }, rest: '10', decision: 'CONTROLE', motif: 'MG 8,80 < 10, MP 10,37 ≥ 10', mg: '8,80', mp: '10,37', acquired: ['U4', 'U5', 'U61', 'U62'] },
  { rule: 'MG exactly 8 with MP ≥ 10 → CONTROLE', source: 'circulaire Toulouse 2023 §V (« supérieure ou égale à 8/20 »)', spec: { U1: '6', U21: '4', U22: '4', U3: '2', U4: '10', U5: '11', U61: '10', U62: '10' }, decision: 'CONTROLE', motif: 'MG 8,00 < 10, MP 10,25 ≥ 10', mg: '8,00', mp: '10,25' },
  { rule: '8 ≤ MG < 10 and MP < 10 → AJOURNE', source: 'D643-15', spec: {}, rest: '9', decision: 'AJOURNE', motif: 'MG 9,00 < 10, MP 9,00 < 10' },
  { rule: 'MG < 8 → AJOURNE even with MP ≥ 10', source: 'circulaire Toulouse 2023 §V', spec: { U1: '0', U21: '0', U22: '0', U3: '0', U4: '12', U5: '12', U61: '12', U62: '12' }, decision: 'AJOURNE', motif: 'MG 7,68 < 8', acquired: ['U4', 'U5', 'U61', 'U62'] },
  { rule: 'ABS at a compulsory unit → ELIMINE', source: 'circulaire Toulouse 2023 §1.1', spec: { U5: 'ABS' }, rest: '15', decision: 'ELIMINE', motif: 'ABS en U5' },
  { rule: 'NV → ELIMINE, even with a high MG', source: 'circulaire Toulouse 2023 §1.2.2; référentiel E4', spec: { U4: 'NV' }, rest: '18', decision: 'ELIMINE', motif: 'NV en U4' },
  { rule: 'NV and ABS both named', source: 'circulaire Toulouse 2023 §1.1 and §1.2.2', spec: { U61: 'nv', U3: 'abs' }, rest: '12', decision: 'ELIMINE', motif: 'NV en U61, ABS en U3' },
  { rule: 'ELIMINE wins over a missing note', source: 'circulaire Toulouse 2023 §1.1', spec: { U1: 'ABS', U3: '' }, rest: '12', decision: 'ELIMINE', motif: 'ABS en U1' },
  { rule: 'ABJ counts 0, computed normally', source: 'issue 5 (force majeure)', spec: { U21: 'ABJ' }, rest: '10,5', decision: 'CONTROLE', motif: 'MG 9,87 < 10, MP 10,50 ≥ 10', mg: '9,87' },
  { rule: 'NUL (épreuve annulée, sanction disciplinaire) counts 0 with its coefficient, no elimination', source: 'templates/discipline/bts-fraude.json « réputé avoir été présent sans l\'avoir subie »; D643-24', spec: { U5: 'NUL' }, rest: '12', decision: 'ADMIS', motif: 'MG 10,08 ≥ 10', mg: '10,08', mp: '9,00' },
  { rule: 'missing compulsory note → INCOMPLET, no MG', source: 'issue 5', spec: { U1: '12', U21: '12', U22: '12', U4: '12', U5: '12', U61: '12', U62: '12' }, decision: 'INCOMPLET', motif: 'note manquante en U3' },
  { rule: 'dispensed unit out of both sums', source: 'référentiel annexe IV b', spec: { U1: 'DIS', U21: 'DIS', U22: 'DIS' }, rest: '10', decision: 'ADMIS', motif: 'MG 10,00 ≥ 10', mg: '10,00' },
  { rule: 'dispense changes the weights', source: 'référentiel annexe IV b', spec: { U1: 'DIS', U4: '4' }, rest: '12', decision: 'AJOURNE', motif: 'MG 9,81 < 10, MP 9,00 < 10', mg: '9,81', acquired: ['U21', 'U22', 'U3', 'U5', 'U61', 'U62'] },
  { rule: 'bénéfice stands in for the unit', source: 'D643-20', spec: { U4: 'BEN 14@2021' }, rest: '9', decision: 'ADMIS', motif: 'MG 10,20 ≥ 10', mg: '10,20' },
  { rule: 'report stands in for the unit', source: 'issue 5 (forme progressive)', spec: { U3: 'REP 12' }, rest: '10', decision: 'ADMIS', motif: 'MG 10,24 ≥ 10', mg: '10,24' },
  { rule: 'optional unit: only points above 10 in the numerator', source: 'D643-15-1', spec: { UF1: '15' }, rest: '9,8', decision: 'ADMIS', motif: 'MG 10,00 ≥ 10', mg: '10,00', mp: '9,80' },
  { rule: 'optional unit below 10 brings nothing (never lowers)', source: 'D643-15-1', spec: { UF2: '4' }, rest: '11', decision: 'ADMIS', motif: 'MG 11,00 ≥ 10', mg: '11,00' },
  { rule: 'optional ABS brings no points and does not eliminate', source: 'issue 5', spec: { UF1: 'ABS' }, rest: '11', decision: 'ADMIS', motif: 'MG 11,00 ≥ 10' },
  { rule: 'NV at an optional épreuve: no points, not an elimination', source: 'circulaire nationale 2024, engagement étudiant « En l’absence de cette fiche, l’épreuve ne peut pas se dérouler » (no text eliminates; issue 11 finding 4)', spec: { UF3: 'NV' }, rest: '11', decision: 'ADMIS', motif: 'MG 11,00 ≥ 10', mg: '11,00' },
  { rule: 'NV at EF2 without its support: no points either', source: 'circulaire nationale 2024, EF2 « En l’absence de support, l’épreuve ne peut pas se dérouler »', spec: { UF2: 'NV' }, rest: '9,9', decision: 'AJOURNE', motif: 'MG 9,90 < 10, MP 9,90 < 10', mg: '9,90' },
  { rule: 'optional points do not count in MP', source: 'issue 5 (MP = U4 U5 U61 U62)', spec: { UF1: '20', UF2: '20' }, rest: '9', decision: 'AJOURNE', motif: 'MG 9,80 < 10, MP 9,00 < 10', mp: '9,00' },
  { rule: 'failing candidate keeps units ≥ 10 (bénéfice rights)', source: 'D643-20', spec: { U1: '10', U3: '14', U4: '9,99' }, rest: '7', decision: 'AJOURNE', motif: 'MG 8,91 < 10, MP 8,12 < 10', acquired: ['U1', 'U3'] },
  { rule: 'every compulsory unit dispensed → INCOMPLET', source: 'issue 5 (no MG without units)', spec: {}, rest: 'DIS', decision: 'INCOMPLET', motif: 'toutes les unités obligatoires sont dispensées' },
];

describe('decide (table: one rule per line, with its source)', () => {
  for (const c of cases) {
    it(`${c.rule} — ${c.source}`, () => {
      const d = decide(RULES, cells(c.spec, c.rest));
      expect(d.decision).toBe(c.decision);
      expect(d.motif).toBe(c.motif);
      if (c.mg) expect(formatTruncated(d.averages!.mg!)).toBe(c.mg);
      if (c.mp) expect(formatTruncated(d.averages!.mp!)).toBe(c.mp);
      if (c.acquired) expect(d.acquired).toEqual(c.acquired);
      if (d.decision === 'ADMIS' || d.decision === 'INCOMPLET') expect(d.acquired).toEqual([]);
      if (d.decision === 'INCOMPLET' || d.decision === 'ELIMINE') expect(d.averages).toBeUndefined();
    });
  }

  it('keeps the exact value behind the truncated display (249,9 / 25)', () => {
    const a = computeAverages(RULES, cells({ U1: '9,98', U5: '9,99' }, '10'));
    expect(fractionText(a.mg!)).toBe('2499/250');
    expect(a.pointsScaled).toBe(2_499_000);
    expect(a.coefH).toBe(2500);
  });

  it('takes thresholds from the regulation data, not from code', () => {
    const strict = { ...RULES, admissionH: 1100 };
    expect(decide(strict, cells({}, '10,5')).decision).toBe('CONTROLE');
    expect(decide(strict, cells({}, '10,5')).motif).toBe('MG 10,50 < 11, MP 10,50 ≥ 10');
  });
});
