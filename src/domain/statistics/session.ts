// Session statistics after a deliberation (issue 15 item 3): inscrits, présents, délibérés, admis, pass rate and
// counts per decision — overall and per établissement, voie, académie and centre —, the distribution of the
// moyenne générale, and the CONTROLE candidates with what the contrôle changed. One pass over the candidates;
// every figure is a count, every rate an exact ratio of counts shown truncated (rate.ts).
import { DECISIONS, type DecisionKind } from '../deliberation/decide.js';
import { ratePercent } from './rate.js';

export const BREAKDOWNS = ['etablissement', 'voie', 'academie', 'centre'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export interface SessionCandidate {
  keys: Record<Breakdown, string>;
  present: boolean;
  /** Final decision, or null when never deliberated. */
  decision: DecisionKind | null;
  /** Moyenne générale truncated to hundredths (as on the PV), when there is one. */
  moyenneH: number | null;
  /** Decision before the épreuves de contrôle, when they were applied. */
  firstDecision: DecisionKind | null;
  /** Units whose note the contrôle raised (the better note is kept). */
  controleRaised: number;
}

export interface GroupCounts {
  key: string;
  inscrits: number;
  presents: number;
  deliberes: number;
  admis: number;
  decisions: Record<DecisionKind, number>;
  /** admis / délibérés in percent, one decimal, truncated; null when nobody was deliberated. */
  taux: number | null;
}

export interface ControleFigures {
  /** Candidates sent to the épreuves de contrôle (first decision CONTROLE, or CONTROLE still pending). */
  total: number;
  /** Still CONTROLE: the contrôle has not been recorded yet. */
  pending: number;
  /** Final decision of those whose contrôle was recorded. */
  after: Record<DecisionKind, number>;
  /** Units whose note the contrôle raised. */
  unitsRaised: number;
}

export interface SessionStatistics {
  total: GroupCounts;
  breakdowns: Partial<Record<Breakdown, GroupCounts[]>>;
  /** Moyennes générales per whole point: bin k = [k, k+1[, 20 in the last bin. */
  moyenneBins: number[];
  moyennes: number;
  controle: ControleFigures;
}

const zeroDecisions = () => Object.fromEntries(DECISIONS.map((d) => [d, 0])) as Record<DecisionKind, number>;
const emptyGroup = (key: string): GroupCounts => ({ key, inscrits: 0, presents: 0, deliberes: 0, admis: 0, decisions: zeroDecisions(), taux: null });

/** What the counts per group need of a candidate. */
export type CandidateFacts = Pick<SessionCandidate, 'keys' | 'present' | 'decision'>;
/** What the moyenne and contrôle figures need of a candidate. */
export type ResultFacts = Pick<SessionCandidate, 'decision' | 'moyenneH' | 'firstDecision' | 'controleRaised'>;

function count(g: GroupCounts, c: CandidateFacts, n: number): void {
  g.inscrits += n;
  if (c.present) g.presents += n;
  if (c.decision) {
    g.decisions[c.decision] += n;
    // Délibéré: a decision was taken on a complete record (INCOMPLET is not a decision on the candidate).
    if (c.decision !== 'INCOMPLET') g.deliberes += n;
    if (c.decision === 'ADMIS') g.admis += n;
  }
}

/**
 * The session's figures, fed either candidate by candidate or by counts: `n` candidates that share the same facts
 * (the store counts them with GROUP BY, so that `ccst stats` reads a few thousand rows, not one per inscrit). Every
 * figure is a sum of counts: the same whichever way the candidates come.
 */
export class SessionTally {
  private readonly total = emptyGroup('total');
  private readonly groups: Map<Breakdown, Map<string, GroupCounts>>;
  private readonly moyenneBins = new Array<number>(20).fill(0);
  private moyennes = 0;
  private readonly controle: ControleFigures = { total: 0, pending: 0, after: zeroDecisions(), unitsRaised: 0 };

  constructor(by: readonly Breakdown[] = BREAKDOWNS) {
    this.groups = new Map(by.map((b) => [b, new Map()]));
  }

  /** `n` candidates with these keys, presence and final decision. */
  addCandidates(c: CandidateFacts, n = 1): void {
    count(this.total, c, n);
    for (const [b, m] of this.groups) {
      const key = c.keys[b];
      let g = m.get(key);
      if (!g) m.set(key, (g = emptyGroup(key)));
      count(g, c, n);
    }
  }

  /** `n` candidates with this result (moyenne, first decision, contrôle); `controleRaised` is each one's. */
  addResults(c: ResultFacts, n = 1): void {
    if (c.moyenneH !== null) {
      this.moyennes += n;
      this.moyenneBins[Math.min(19, Math.floor(c.moyenneH / 100))]! += n;
    }
    if (c.firstDecision === 'CONTROLE') {
      this.controle.total += n;
      this.controle.after[c.decision ?? 'INCOMPLET'] += n;
      this.controle.unitsRaised += c.controleRaised * n;
    } else if (c.decision === 'CONTROLE') {
      this.controle.total += n;
      this.controle.pending += n;
    }
  }

  statistics(): SessionStatistics {
    const withRate = (g: GroupCounts) => ({ ...g, taux: ratePercent(g.admis, g.deliberes) });
    const breakdowns: Partial<Record<Breakdown, GroupCounts[]>> = {};
    for (const [b, m] of this.groups) breakdowns[b] = [...m.values()].map(withRate).sort((x, y) => x.key.localeCompare(y.key, 'fr'));
    return { total: withRate(this.total), breakdowns, moyenneBins: [...this.moyenneBins], moyennes: this.moyennes, controle: this.controle };
  }
}

export function sessionStatistics(candidates: Iterable<SessionCandidate>, by: readonly Breakdown[] = BREAKDOWNS): SessionStatistics {
  const tally = new SessionTally(by);
  for (const c of candidates) {
    tally.addCandidates(c);
    tally.addResults(c);
  }
  return tally.statistics();
}

/** The part of a stored result's detail (deliberation/candidate-result.ts, resultDetail) that `ccst stats` counts. */
export interface DetailFacts {
  moyenne: string | null;
  premiereDecision: { decision: DecisionKind } | null;
  controle: { premiere: string; retenue: string }[];
}

/**
 * The facts `ccst stats` needs from a result's detail: kept in columns of `results` when it is written
 * (store/deliberation.ts writeResults; migration 013 for results stored before), so that stats reads no JSON.
 */
export function resultFactsOf(d: DetailFacts): Pick<SessionCandidate, 'moyenneH' | 'firstDecision' | 'controleRaised'> {
  let controleRaised = 0;
  for (const l of d.controle ?? []) if (hundredthsOf(l.retenue) !== hundredthsOf(l.premiere)) controleRaised++;
  return { moyenneH: d.moyenne ? hundredthsOf(d.moyenne) : null, firstDecision: d.premiereDecision?.decision ?? null, controleRaised };
}

/** The same facts from a stored results.detail (JSON text). */
export function resultFacts(detailJson: string): Pick<SessionCandidate, 'moyenneH' | 'firstDecision' | 'controleRaised'> {
  return resultFactsOf(JSON.parse(detailJson) as DetailFacts);
}

/** "12,5" / "9,99" / "12" → hundredths; anything else (a code) → null. */
export function hundredthsOf(text: string): number | null {
  const m = /^(\d{1,2})(?:,(\d{1,2}))?$/.exec(text);
  return m ? Number(m[1]) * 100 + (m[2] ? Number(m[2].padEnd(2, '0')) : 0) : null;
}
