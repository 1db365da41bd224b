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

function count(g: GroupCounts, c: SessionCandidate): void {
  g.inscrits++;
  if (c.present) g.presents++;
  if (c.decision) {
    g.decisions[c.decision]++;
    // Délibéré: a decision was taken on a complete record (INCOMPLET is not a decision on the candidate).
    if (c.decision !== 'INCOMPLET') g.deliberes++;
    if (c.decision === 'ADMIS') g.admis++;
  }
}

export function sessionStatistics(candidates: Iterable<SessionCandidate>, by: readonly Breakdown[] = BREAKDOWNS): SessionStatistics {
  const total = emptyGroup('total');
  const groups = new Map<Breakdown, Map<string, GroupCounts>>(by.map((b) => [b, new Map()]));
  const moyenneBins = new Array<number>(20).fill(0);
  let moyennes = 0;
  const controle: ControleFigures = { total: 0, pending: 0, after: zeroDecisions(), unitsRaised: 0 };
  for (const c of candidates) {
    count(total, c);
    for (const [b, m] of groups) {
      const key = c.keys[b];
      let g = m.get(key);
      if (!g) m.set(key, (g = emptyGroup(key)));
      count(g, c);
    }
    if (c.moyenneH !== null) {
      moyennes++;
      moyenneBins[Math.min(19, Math.floor(c.moyenneH / 100))]!++;
    }
    if (c.firstDecision === 'CONTROLE') {
      controle.total++;
      controle.after[c.decision ?? 'INCOMPLET']++;
      controle.unitsRaised += c.controleRaised;
    } else if (c.decision === 'CONTROLE') {
      controle.total++;
      controle.pending++;
    }
  }
  const withRate = (g: GroupCounts) => ({ ...g, taux: ratePercent(g.admis, g.deliberes) });
  const breakdowns: Partial<Record<Breakdown, GroupCounts[]>> = {};
  for (const [b, m] of groups) breakdowns[b] = [...m.values()].map(withRate).sort((x, y) => x.key.localeCompare(y.key, 'fr'));
  return { total: withRate(total), breakdowns, moyenneBins, moyennes, controle };
}

/** The facts `ccst stats` needs from a stored result (results.detail, see deliberation/candidate-result.ts). */
export function resultFacts(detailJson: string): Pick<SessionCandidate, 'moyenneH' | 'firstDecision' | 'controleRaised'> {
  const d = JSON.parse(detailJson) as {
    moyenne: string | null;
    premiereDecision: { decision: DecisionKind } | null;
    controle: { premiere: string; retenue: string }[];
  };
  let controleRaised = 0;
  for (const l of d.controle ?? []) if (hundredthsOf(l.retenue) !== hundredthsOf(l.premiere)) controleRaised++;
  return { moyenneH: d.moyenne ? hundredthsOf(d.moyenne) : null, firstDecision: d.premiereDecision?.decision ?? null, controleRaised };
}

/** "12,5" / "9,99" / "12" → hundredths; anything else (a code) → null. */
export function hundredthsOf(text: string): number | null {
  const m = /^(\d{1,2})(?:,(\d{1,2}))?$/.exec(text);
  return m ? Number(m[1]) * 100 + (m[2] ? Number(m[2].padEnd(2, '0')) : 0) : null;
}
