// The workspace's deliberation as the statistics domain's inputs: one SessionCandidate per inscrit (store rows +
// the facts kept in results.detail) and one frequency table per unit (notes counted by the store).
import type { Db } from '../../store/workspace.js';
import { candidateStatsPages, centreNames, noteCountsByUnit, type CandidateStatsRow } from '../../store/statistics.js';
import type { Regulation } from '../../domain/regulation/schema.js';
import { DECISIONS, type DecisionKind } from '../../domain/deliberation/decide.js';
import { resultFacts, type SessionCandidate } from '../../domain/statistics/session.js';
import { frequencyTable, type FrequencyTable } from '../../domain/statistics/distribution.js';
import { parseNoteText } from '../../domain/deliberation/note-cell.js';

export const NO_ETABLISSEMENT = '(sans établissement)';
export const NO_CENTRE = '(sans centre d’écrit)';

export async function sessionCandidates(db: Db, reg: Regulation): Promise<SessionCandidate[]> {
  const centres = await centreNames(db);
  const voieLabel = new Map(reg.voies.map((v) => [v.code, v.label]));
  const decisions = new Set<string>(DECISIONS);
  const out: SessionCandidate[] = [];
  // Page by page: a page's rows (and their 1.3 KB details) are dropped once converted.
  for await (const page of candidateStatsPages(db)) for (const r of page) out.push(toSessionCandidate(r));
  return out;

  function toSessionCandidate(r: CandidateStatsRow): SessionCandidate {
    const etab = r.etablissement ? (r.etablissementUai ? `${r.etablissement} [${r.etablissementUai}]` : r.etablissement) : (r.etablissementUai ?? NO_ETABLISSEMENT);
    const facts = r.detail ? resultFacts(r.detail) : { moyenneH: null, firstDecision: null, controleRaised: 0 };
    if (r.decision !== null && !decisions.has(r.decision)) throw new Error(`décision inconnue en base: ${r.decision}`);
    return {
      keys: {
        etablissement: etab,
        voie: voieLabel.get(r.voie) ?? r.voie,
        academie: r.academie,
        centre: r.centreUai ? `${centres.get(r.centreUai) ?? r.centreUai} [${r.centreUai}]` : NO_CENTRE,
      },
      present: r.present === 1,
      decision: r.decision as DecisionKind | null,
      ...facts,
    };
  }
}

export interface UnitNotes {
  unite: string;
  epreuve: string;
  table: FrequencyTable;
  /** Stored codes (ABS, ABJ, NV, DIS, BEN…, REP…) by code: counted beside the figures, never in them. */
  codes: Record<string, number>;
}

/** Notes of this session per unit, in the regulation's unit order. BEN/REP are earlier notes: counted as codes. */
export async function unitNotes(db: Db, reg: Regulation): Promise<UnitNotes[]> {
  const rows = await noteCountsByUnit(db);
  const byUnit = new Map<string, { pairs: [number, number][]; codes: Record<string, number> }>();
  for (const r of rows) {
    let u = byUnit.get(r.unite);
    if (!u) byUnit.set(r.unite, (u = { pairs: [], codes: {} }));
    addValue(u, r.value, r.n);
  }
  return reg.units
    .filter((u) => byUnit.has(u.code))
    .map((u) => ({ unite: u.code, epreuve: u.epreuve, table: frequencyTable(byUnit.get(u.code)!.pairs), codes: byUnit.get(u.code)!.codes }));
}

/** A stored note text into a frequency pair, or into the code counts. */
export function addValue(into: { pairs: [number, number][]; codes: Record<string, number> }, value: string, n: number): void {
  const note = parseNoteText(value);
  if (note.ok) into.pairs.push([note.value, n]);
  else {
    const code = /^[A-Z]+/.exec(value)?.[0] ?? value;
    into.codes[code] = (into.codes[code] ?? 0) + n;
  }
}
