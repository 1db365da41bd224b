// Fraud cases and the effect of the disciplinary decision on the PV, the notes and the relevé (issue #14 §4;
// circulaire nationale 2024 §G; templates/discipline/bts-fraude.json, which quotes its sources word for word).
import { describe, expect, it } from 'vitest';
import { loadDiscipline } from '../../../src/io/discipline-file.js';
import { pvObservation, withholdingReason, type Incident } from '../../../src/domain/incidents/incident.js';
import { changesResult, decisionObservation, effectByCode, effetLabel, formatEffet, parseEffet, voidPlan } from '../../../src/domain/incidents/effects.js';

const d = loadDiscipline();
const base: Incident = { id: 3, numero: '1', epreuve: 'E5', heure: '15:10', faits: 'téléphone', fraude: true, createdAt: '2023-05-17T13:10:00Z' };
const CLOSED_AT = '2023-07-03T10:00:00.000Z';
const closed = (effet: string): Incident => ({ ...base, decision: 'commission du 03/07', effet, closedAt: CLOSED_AT });
const BEFORE = '2023-07-01T09:00:00.000Z';
const AFTER = '2023-07-04T09:00:00.000Z';

describe('fraud case → PV and relevé', () => {
  it.each([
    ['open fraud case: PV marked, relevé withheld (SIEC: « n’a pas accès à ses résultats définitifs tant que la commission … ne s’est pas prononcée »)', [base], undefined, true, true],
    ['incident that is not a fraud: nothing', [{ ...base, fraude: false }], undefined, false, false],
    ['closed without sanction: the deliberated result stands (SIEC)', [closed('aucune_sanction')], BEFORE, false, false],
    ['closed with a nullité, deliberated before the closing: withheld (« nouvelle délibération »)', [closed('nullite_epreuve')], BEFORE, false, true],
    ['closed with a nullité, never deliberated: withheld', [closed('nullite_epreuve')], undefined, false, true],
    ['closed with a nullité, deliberated again after the closing: issued', [closed('nullite_epreuve')], AFTER, false, false],
    ['closed with a blâme (« toute sanction » voids the épreuve), not re-deliberated: withheld', [closed('blame')], BEFORE, false, true],
    ['closed with an interdiction of 2 years, re-deliberated: issued', [closed('interdiction:2')], AFTER, false, false],
    ['one case closed, another open: withheld', [closed('aucune_sanction'), { ...base, id: 4 }], AFTER, true, true],
  ] as const)('%s', (_case, list, deliberatedAt, marked, withheld) => {
    expect(pvObservation(list) !== undefined).toBe(marked);
    expect(withholdingReason(list, d, deliberatedAt) !== undefined).toBe(withheld);
  });
  it.each([
    ['nullité de l’épreuve', 'nullite_epreuve', ['U5'], "Sanction : nullité de l'épreuve U5 (décision enregistrée le 03/07/2023)"],
    ['blâme (« toute sanction » voids the épreuve)', 'blame', ['U5'], 'Sanction : blâme, épreuve annulée U5 (décision enregistrée le 03/07/2023)'],
    ['nullité d’un groupe', 'nullite_groupe', ['U1', 'U5'], "Sanction : nullité d'un groupe d'épreuves, épreuves annulées U1, U5 (décision enregistrée le 03/07/2023)"],
    ['interdiction with sursis', 'interdiction:1:sursis', ['U5'], 'Sanction : interdiction de subir tout examen conduisant au diplôme — 1 an avec sursis, épreuve annulée U5 (décision enregistrée le 03/07/2023)'],
    ['no sanction', 'aucune_sanction', [], 'Fraude : aucune sanction (décision enregistrée le 03/07/2023)'],
  ] as const)('after the closing the PV shows the decision: %s', (_case, effet, units, text) => {
    expect(decisionObservation(d, effet, units, CLOSED_AT)).toBe(text);
    expect(pvObservation([closed(effet)], { discipline: d, voided: new Map([[3, units]]) })).toBe(text);
    // Without the closed cases' data (an older caller), nothing is said of a closed case.
    expect(pvObservation([closed(effet)])).toBeUndefined();
  });
  it('an open case and a closed one: both on the PV', () => {
    expect(pvObservation([closed('nullite_epreuve'), { ...base, id: 4, epreuve: 'E4' }], { discipline: d, voided: new Map([[3, ['U5']]]) }))
      .toBe("procédure de fraude en cours (incident n° 4, E4) ; Sanction : nullité de l'épreuve U5 (décision enregistrée le 03/07/2023)");
  });
  it('the PV says « procédure de fraude en cours » with the incident and épreuve', () => {
    expect(pvObservation([base])).toBe('procédure de fraude en cours (incident n° 3, E5)');
  });
  it('the reason names the new deliberation awaited', () => {
    expect(withholdingReason([closed('nullite_epreuve')], d, BEFORE)).toBe("incident n° 3 (E5) clos le 2023-07-03 avec l’effet « nullité de l'épreuve » : nouvelle délibération attendue (ccst deliberate)");
  });
});

// The candidate's stored notes in the Toulouse shape: U5 is the épreuve of the fraud.
const stored = new Map([['U1', '12'], ['U21', '14,5'], ['U3', 'BEN 13@2022'], ['U4', 'DIS'], ['U5', '15,25'], ['U61', 'ABS'], ['U62', '9']]);

describe('effect of each decision on the notes (templates/discipline/bts-fraude.json)', () => {
  it.each([
    { code: 'aucune_sanction', source: 'SIEC « BTS — fraudes » (results withheld only until the commission has decided)', group: undefined, voided: [] as string[], again: false },
    { code: 'blame', source: 'LEGIARTI000028321703 « Toute sanction prononcée entraîne … la nullité de l’épreuve » (BTS article D643-32-x not found: aConfirmer)', group: undefined, voided: ['U5'], again: true },
    { code: 'nullite_epreuve', source: 'LEGIARTI000028321703 « réputé avoir été présent sans l’avoir subie » (aConfirmer)', group: undefined, voided: ['U5'], again: true },
    { code: 'nullite_groupe', source: 'LEGIARTI000028321703 « la nullité d’un groupe d’épreuves » — units named by the decision (aConfirmer)', group: ['U1', 'U62'], voided: ['U1', 'U5', 'U62'], again: true },
    { code: 'nullite_session', source: 'LEGIARTI000028321703 « ou de la session d’examen »: this session’s notes; bénéfice (D643-20), dispense, ABS kept (aConfirmer)', group: undefined, voided: ['U1', 'U21', 'U5', 'U62'], again: true },
    { code: 'interdiction', source: 'décret 2024-385 art. 9 « pour une durée maximum de cinq ans » + « toute sanction » voids the épreuve (aConfirmer)', group: undefined, voided: ['U5'], again: true },
  ])('$code — $source', ({ code, group, voided, again }) => {
    const effect = effectByCode(d, code)!;
    const plan = voidPlan({ effect, unit: 'U5', group, stored });
    expect(plan.writes.map((w) => w.unite)).toEqual(voided);
    for (const w of plan.writes) expect(w).toEqual({ unite: w.unite, old: stored.get(w.unite), value: 'NUL' });
    expect(plan.refused).toEqual([]);
    expect(changesResult(effect)).toBe(again);
    // Only the BTS-specific SIEC text is confirmed; every sanction quotes neighbouring texts and stays to be confirmed.
    expect(effect.aConfirmer).toBe(code !== 'aucune_sanction');
    expect(effect.found.length).toBeGreaterThan(0);
  });
  it('a unit without a stored note becomes NUL too; an already void one is left; a bénéfice named in a group is refused', () => {
    const nullite = effectByCode(d, 'nullite_epreuve')!;
    expect(voidPlan({ effect: nullite, unit: 'U5', stored: new Map() }).writes).toEqual([{ unite: 'U5', value: 'NUL' }]);
    expect(voidPlan({ effect: nullite, unit: 'U5', stored: new Map([['U5', 'NUL']]) }).writes).toEqual([]);
    expect(voidPlan({ effect: effectByCode(d, 'nullite_groupe')!, unit: 'U5', group: ['U3'], stored }).refused).toEqual([{ unite: 'U3', stored: 'BEN 13@2022' }]);
  });
  it('the interdiction keeps its duration in the stored effet; at most 5 years in the template', () => {
    expect(parseEffet(formatEffet('interdiction', 2))).toEqual({ code: 'interdiction', years: 2 });
    // Décret 2024-385 art. 9 (DCG/DSCG, quoted in the template): « peut être prononcée avec sursis si l'interdiction
    // n'excède pas deux ans » — recorded and printed, marked aConfirmer; the notes voided are the interdiction's.
    expect(formatEffet('interdiction', 2, true)).toBe('interdiction:2:sursis');
    expect(parseEffet('interdiction:2:sursis')).toEqual({ code: 'interdiction', years: 2, sursis: true });
    expect(effetLabel(d, 'interdiction:2:sursis')).toBe("interdiction de subir tout examen conduisant au diplôme (durée --duree, en années ; emporte la nullité de l'épreuve) — 2 ans avec sursis");
    expect(effectByCode(d, 'interdiction')!.duration!.sursis).toMatchObject({ maxYears: 2, aConfirmer: true });
    expect(effectByCode(d, 'interdiction')!.found.map((f) => f.text).join(' ')).toContain('Cette sanction peut être prononcée avec sursis si l\'interdiction n\'excède pas deux ans.');
    expect(parseEffet('nullite_epreuve')).toEqual({ code: 'nullite_epreuve' });
    expect(effectByCode(d, 'interdiction')!.duration!.maxYears).toBe(5);
  });
  it('the template quotes §G, the SIEC withholding sentence and the representation NUL', () => {
    expect(d.procedure.text).toContain('D643-1 à D 643-32-11');
    expect(d.withholding.text).toContain('tant que la commission de discipline ne s’est pas prononcée');
    expect(d.voidedNote.code).toBe('NUL');
  });
});
