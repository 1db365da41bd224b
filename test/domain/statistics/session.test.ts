// Session statistics from hand-made candidates: counts, délibérés (INCOMPLET is not a decision on the candidate),
// truncated rates, moyenne bins at the thresholds, contrôle figures (issue 15 item 3).
import { describe, expect, it } from 'vitest';
import { hundredthsOf, resultFacts, resultFactsOf, sessionStatistics, SessionTally, type SessionCandidate } from '../../../src/domain/statistics/session.js';
import type { DecisionKind } from '../../../src/domain/deliberation/decide.js';

const c = (etab: string, decision: DecisionKind | null, moyenneH: number | null, extra: Partial<SessionCandidate> = {}): SessionCandidate => ({
  keys: { etablissement: etab, voie: 'v', academie: 'TOULOUSE', centre: 'X' },
  present: decision !== null,
  decision,
  moyenneH,
  firstDecision: null,
  controleRaised: 0,
  ...extra,
});

describe('sessionStatistics', () => {
  const s = sessionStatistics([
    c('A', 'ADMIS', 1000),
    c('A', 'ADMIS', 1234),
    c('A', 'AJOURNE', 999), // 9,99 stays in bin 9
    c('B', 'INCOMPLET', null),
    c('B', null, null), // inscrit, never deliberated
    c('B', 'ADMIS', 1050, { firstDecision: 'CONTROLE', controleRaised: 1 }),
    c('B', 'CONTROLE', 850),
    c('B', 'AJOURNE', 2000, { firstDecision: 'CONTROLE', controleRaised: 2 }),
  ]);
  it('counts inscrits, présents, délibérés, admis and the truncated rate', () => {
    expect(s.total).toMatchObject({ inscrits: 8, presents: 7, deliberes: 6, admis: 3, taux: 50 });
    const [a, b] = s.breakdowns.etablissement!;
    expect(a).toMatchObject({ key: 'A', inscrits: 3, deliberes: 3, admis: 2, taux: 66.6 }); // 2/3, not 66,7
    expect(b).toMatchObject({ key: 'B', inscrits: 5, presents: 4, deliberes: 3, admis: 1, taux: 33.3 });
    expect(b!.decisions).toEqual({ ADMIS: 1, CONTROLE: 1, AJOURNE: 1, ELIMINE: 0, INCOMPLET: 1 });
  });
  it('bins the moyennes by whole point, 10 and 20 where they belong', () => {
    expect(s.moyennes).toBe(6);
    expect([s.moyenneBins[8], s.moyenneBins[9], s.moyenneBins[10], s.moyenneBins[12], s.moyenneBins[19]]).toEqual([1, 1, 2, 1, 1]);
  });
  it('reports the contrôle: sent, pending, outcome, units raised', () => {
    expect(s.controle).toMatchObject({ total: 3, pending: 1, unitsRaised: 3 });
    expect(s.controle.after).toMatchObject({ ADMIS: 1, AJOURNE: 1 });
  });
  it('one breakdown only when asked', () => {
    expect(Object.keys(sessionStatistics([c('A', 'ADMIS', 1000)], ['voie']).breakdowns)).toEqual(['voie']);
  });
});

describe('SessionTally by counts', () => {
  it('n candidates with the same facts count as n candidates one by one', () => {
    const one = [
      c('A', 'ADMIS', 1234), c('A', 'ADMIS', 1234), c('A', 'ADMIS', 1234),
      c('B', 'AJOURNE', 2000, { firstDecision: 'CONTROLE', controleRaised: 2 }), c('B', 'AJOURNE', 2000, { firstDecision: 'CONTROLE', controleRaised: 2 }),
      c('B', 'CONTROLE', 850), c('B', null, null),
    ];
    const tally = new SessionTally();
    // Grouped as the store groups them: candidates by keys/presence/decision, results by their own facts.
    tally.addCandidates(one[0]!, 3);
    tally.addCandidates(one[3]!, 2);
    tally.addCandidates(one[5]!, 1);
    tally.addCandidates(one[6]!, 1);
    tally.addResults(one[0]!, 3);
    tally.addResults(one[3]!, 2);
    tally.addResults(one[5]!, 1);
    expect(tally.statistics()).toEqual(sessionStatistics(one));
    expect(tally.statistics().controle).toMatchObject({ total: 3, pending: 1, unitsRaised: 4 });
  });
});

describe('facts read from results.detail', () => {
  it('moyenne, first decision and units the contrôle raised', () => {
    const detail = JSON.stringify({
      moyenne: '10,05',
      premiereDecision: { decision: 'CONTROLE', motif: '' },
      controle: [{ unite: 'U1', premiere: '7', controle: '12', retenue: '12' }, { unite: 'U3', premiere: '9,5', controle: '8', retenue: '9,5' }],
    });
    expect(resultFacts(detail)).toEqual({ moyenneH: 1005, firstDecision: 'CONTROLE', controleRaised: 1 });
    expect(resultFactsOf(JSON.parse(detail))).toEqual(resultFacts(detail));
    // A contrôle note kept over a code (ABS at the first session) raised the unit.
    expect(resultFactsOf({ moyenne: '8,00', premiereDecision: { decision: 'CONTROLE' }, controle: [{ premiere: 'ABS', retenue: '6' }] }).controleRaised).toBe(1);
    expect(resultFacts(JSON.stringify({ moyenne: null, premiereDecision: null, controle: [] }))).toEqual({ moyenneH: null, firstDecision: null, controleRaised: 0 });
  });
  it.each([['12', 1200], ['9,99', 999], ['9,9', 990], ['ABS', null]])('%s → %s', (t, h) => expect(hundredthsOf(t)).toBe(h));
});
