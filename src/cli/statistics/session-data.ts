// The workspace's deliberation as the statistics domain's inputs: the inscrits and their results counted by the
// store (GROUP BY: a few thousand rows for a national session, never one per candidate) and one frequency table per
// unit (notes counted by the store).
import type { Db } from '../../store/workspace.js';
import { candidateCounts, centreNames, noteCountsByUnit, resultCounts, type CandidateCountRow } from '../../store/statistics.js';
import type { Regulation } from '../../domain/regulation/schema.js';
import { DECISIONS, type DecisionKind } from '../../domain/deliberation/decide.js';
import { SessionTally, type Breakdown, type CandidateFacts } from '../../domain/statistics/session.js';
import { frequencyTable } from '../../domain/statistics/distribution.js';
import type { UnitNotes } from '../../domain/statistics/unit-notes.js';
import { parseNoteText } from '../../domain/deliberation/note-cell.js';

export const NO_ETABLISSEMENT = '(sans établissement)';
export const NO_CENTRE = '(sans centre d’écrit)';

/** The session's figures by the breakdowns asked. */
export async function sessionTally(db: Db, reg: Regulation, by: readonly Breakdown[]): Promise<SessionTally> {
  const centres = await centreNames(db);
  const voieLabel = new Map(reg.voies.map((v) => [v.code, v.label]));
  const decisions = new Set<string>(DECISIONS);
  const decision = (d: string | null) => {
    if (d !== null && !decisions.has(d)) throw new Error(`décision inconnue en base: ${d}`);
    return d as DecisionKind | null;
  };
  const tally = new SessionTally(by);
  for (const r of await candidateCounts(db)) tally.addCandidates(facts(r), r.n);
  for (const r of await resultCounts(db)) {
    tally.addResults({ decision: decision(r.decision), moyenneH: r.moyenneH, firstDecision: r.firstDecision as DecisionKind | null, controleRaised: r.controleRaised }, r.n);
  }
  return tally;

  function facts(r: CandidateCountRow): CandidateFacts {
    const etab = r.etablissement ? (r.etablissementUai ? `${r.etablissement} [${r.etablissementUai}]` : r.etablissement) : (r.etablissementUai ?? NO_ETABLISSEMENT);
    return {
      keys: {
        etablissement: etab,
        voie: voieLabel.get(r.voie) ?? r.voie,
        academie: r.academie,
        centre: r.centreUai ? `${centres.get(r.centreUai) ?? r.centreUai} [${r.centreUai}]` : NO_CENTRE,
      },
      present: r.present === 1,
      decision: decision(r.decision),
    };
  }
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
