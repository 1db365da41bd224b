import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/domain/deliberation/decide.js';
import { applyControle } from '../../../src/domain/deliberation/controle.js';
import { deliberateCandidate, LIVRET_ALERT } from '../../../src/domain/deliberation/candidate-result.js';
import { formatTruncated } from '../../../src/domain/deliberation/exact.js';
import { cells, RULES } from './helpers.js';

// CONTROLE candidate: general units 6, professional U4 11, others 10 → MG 220/25 = 8,80, MP 166/16 = 10,375.
const controleCells = () => cells({ U1: '6', U21: '6', U22: '6', U3: '6', U4: '11' }, '10');

describe('épreuves de contrôle (D643-15; circulaire Toulouse 2023 §V; issue 5 item 4)', () => {
  const first = decide(RULES, controleCells());
  it('the fixture candidate is CONTROLE', () => expect(first.decision).toBe('CONTROLE'));

  const cases: { rule: string; notes: { unite: string; value: number | 'ABS' }[]; decision?: string; mg?: string; error?: RegExp }[] = [
    { rule: 'better contrôle notes → MG recomputed ≥ 10 → ADMIS', notes: [{ unite: 'U1', value: 14 * 100 }, { unite: 'U3', value: 13 * 100 }], decision: 'ADMIS', mg: '10,60' },
    { rule: 'one contrôle note not enough → AJOURNE (never CONTROLE again)', notes: [{ unite: 'U1', value: 12 * 100 }], decision: 'AJOURNE', mg: '9,52' },
    { rule: 'each unit keeps the better note (a worse contrôle note is ignored)', notes: [{ unite: 'U1', value: 2 * 100 }], decision: 'AJOURNE', mg: '8,80' },
    { rule: 'ABS at a contrôle keeps the first note', notes: [{ unite: 'U21', value: 'ABS' }], decision: 'AJOURNE', mg: '8,80' },
    { rule: `at most controleMaxUnits (${RULES.controleMaxUnits}) units`, notes: [{ unite: 'U1', value: 1000 }, { unite: 'U21', value: 1000 }, { unite: 'U3', value: 1000 }], error: /au plus 2/ },
    { rule: 'only the controleUnits of the data (general domain)', notes: [{ unite: 'U4', value: 2000 }], error: /n’est pas une unité des épreuves de contrôle/ },
    { rule: 'one note per unit', notes: [{ unite: 'U1', value: 1200 }, { unite: 'U1', value: 1300 }], error: /deux notes/ },
  ];
  for (const c of cases) {
    it(c.rule, () => {
      const r = applyControle(RULES, controleCells(), first, c.notes);
      if (c.error) {
        expect(r.ok).toBe(false);
        expect(!r.ok && r.message).toMatch(c.error);
        return;
      }
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.deliberation.decision).toBe(c.decision);
      expect(formatTruncated(r.value.deliberation.averages!.mg!)).toBe(c.mg);
      expect(r.value.deliberation.motif).toMatch(/^après contrôle \(/);
    });
  }

  it('refuses contrôle notes for a candidate who is not CONTROLE', () => {
    const admis = decide(RULES, cells({}, '12'));
    const r = applyControle(RULES, cells({}, '12'), admis, [{ unite: 'U1', value: 1500 }]);
    expect(r.ok).toBe(false);
  });

  it('refuses a contrôle on a dispensed unit', () => {
    const c = cells({ U1: 'DIS', U21: '6', U22: '6', U3: '6', U4: '11' }, '10');
    const d = decide(RULES, c);
    expect(d.decision).toBe('CONTROLE');
    expect(applyControle(RULES, c, d, [{ unite: 'U1', value: 1500 }]).ok).toBe(false);
  });
});

describe('livret scolaire (D643-26, circulaire Toulouse 2023 §IV)', () => {
  const base = { numero: '1', nom: 'A', prenom: 'B', etablissement: 'L' };
  it.each([
    ['AJOURNE, livret fourni non examiné → alerte', cells({}, '7'), { supplied: true, examined: false }, true],
    ['CONTROLE, livret fourni non examiné → alerte', controleCells(), { supplied: true, examined: false }, true],
    ['AJOURNE, livret examiné → pas d’alerte', cells({}, '7'), { supplied: true, examined: true }, false],
    ['AJOURNE, pas de livret → pas d’alerte', cells({}, '7'), { supplied: false, examined: false }, false],
    ['ADMIS, livret non examiné → pas d’alerte (pas ajourné)', cells({}, '12'), { supplied: true, examined: false }, false],
  ])('%s', (_name, c, livret, alert) => {
    const r = deliberateCandidate(RULES, { ...base, cells: c, livret });
    expect(r.ok && r.value.alerts.includes(LIVRET_ALERT)).toBe(alert);
  });

  it('checks the livret against the decision after contrôle', () => {
    const r = deliberateCandidate(RULES, { ...base, cells: controleCells(), livret: { supplied: true, examined: false }, controle: [{ unite: 'U1', value: 1400 }, { unite: 'U3', value: 1300 }] });
    expect(r.ok && r.value.deliberation.decision).toBe('ADMIS');
    expect(r.ok && r.value.alerts).toEqual([]);
    expect(r.ok && r.value.first?.decision).toBe('CONTROLE');
  });
});
