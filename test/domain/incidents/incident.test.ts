// Fraud cases and their effect on the PV and the relevé (issue #14 §4; circulaire nationale 2024 §G;
// templates/discipline/bts-fraude.json, whose sources are quoted there).
import { describe, expect, it } from 'vitest';
import { loadDiscipline } from '../../../src/io/discipline-file.js';
import { pvObservation, withholdingReason, type Incident } from '../../../src/domain/incidents/incident.js';

const d = loadDiscipline();
const base: Incident = { id: 3, numero: '1', epreuve: 'E5', heure: '15:10', faits: 'téléphone', fraude: true, createdAt: '2023-05-17T13:10:00Z' };
const closed = (effet: string): Incident => ({ ...base, decision: 'commission du 03/07', effet, closedAt: '2023-07-03T10:00:00Z' });

describe('fraud case → PV and relevé', () => {
  it.each([
    ['open fraud case: PV marked, relevé withheld (SIEC: « n’a pas accès à ses résultats définitifs tant que la commission … ne s’est pas prononcée »)', [base], true, true],
    ['incident that is not a fraud: nothing', [{ ...base, fraude: false }], false, false],
    ['closed without sanction: the deliberated result stands', [closed('aucune_sanction')], false, false],
    ['closed with a nullité (changes the result, not applied by ccst): still withheld', [closed('nullite_epreuve')], false, true],
    ['closed with a blâme (a sanction: nullité de l’épreuve): still withheld', [closed('blame')], false, true],
    ['one case closed, another open: withheld', [closed('aucune_sanction'), { ...base, id: 4 }], true, true],
  ] as const)('%s', (_case, list, marked, withheld) => {
    expect(pvObservation(list) !== undefined).toBe(marked);
    expect(withholdingReason(list, d) !== undefined).toBe(withheld);
  });
  it('the PV says « procédure de fraude en cours » with the incident and épreuve', () => {
    expect(pvObservation([base])).toBe('procédure de fraude en cours (incident n° 3, E5)');
  });
  it('the effects file quotes §G and marks every sanction as to be confirmed (articles D643-32-x not in the references)', () => {
    expect(d.procedure.text).toContain('D643-1 à D 643-32-11');
    for (const e of d.effects) expect(e.changesResult ? e.aConfirmer : true).toBe(true);
    expect(d.effects.filter((e) => !e.changesResult).map((e) => e.code)).toEqual(['aucune_sanction']);
  });
});
