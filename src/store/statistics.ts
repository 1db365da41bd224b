// Queries behind `ccst stats` and `ccst harmonisation`, with Kysely so that both engines run them (issue 12). Notes
// are AGGREGATED here (GROUP BY note value): the domain gets frequency tables of at most ~2,000 rows per unit, never
// 250,000 raw notes. COUNT(*) is a bigint on PostgreSQL (text through pg): every count goes through Number().
import { sql, type ExpressionBuilder } from 'kysely';
import type { DB } from './schema.js';
import type { Db } from './workspace.js';

/** Stored note texts that are not a note taken this session (domain/deliberation/note-cell: codes). */
function notTaken(eb: ExpressionBuilder<DB & { n: DB['notes'] }, 'n'>) {
  return eb.or([eb('n.value', 'in', ['ABS', 'ABJ', 'NV', 'DIS', 'NUL']), eb('n.value', 'like', 'BEN%'), eb('n.value', 'like', 'REP%')]);
}

/** Inscrits who share every fact `ccst stats` counts them by: `n` of them. */
export interface CandidateCountRow {
  academie: string;
  voie: string;
  etablissementUai: string | null;
  etablissement: string | null;
  /** UAI of the candidate's written centre (the first in UAI order when written épreuves are split). */
  centreUai: string | null;
  /** 1 when at least one note taken this session is stored. */
  present: number;
  decision: string | null;
  n: number;
}

/**
 * The inscrits counted by académie, voie, établissement, written centre, presence and final decision (GROUP BY over
 * one row per candidate): a few thousand rows for 250,000 candidates. One row per candidate, with its 1.3 KB result
 * detail parsed, cost 15.8–17 s of CPU at that scale (×22 a raw csv-parse of the notes file); counts are exact on
 * both engines (COUNT(*): a bigint on PostgreSQL, text through pg, hence Number()). Two queries: the deliberated from
 * the results side — SQLite then reads `results` by its covering index results_summary (migration 013) instead of
 * fetching each result's row, details included, by the key (half the time on 250,000) —, then the others.
 */
export async function candidateCounts(db: Db): Promise<CandidateCountRow[]> {
  const facts = ['x.academie', 'x.voie', 'x.etablissementUai', 'x.etablissement', 'x.centreUai', 'x.present', 'x.decision'] as const;
  const grouped = async (deliberated: boolean) => {
    const perCandidate = db
      .selectFrom('candidates as c')
      .select((eb) => [
        'c.academie as academie', 'c.voie as voie', 'c.etablissement_uai as etablissementUai', 'c.etablissement as etablissement',
        eb
          .selectFrom('assignments as a')
          .innerJoin('centres as ce', (j) => j.onRef('ce.uai', '=', 'a.centre_uai').on('ce.type', '=', 'ecrit'))
          .whereRef('a.numero', '=', 'c.numero')
          .select((e) => e.fn.min('a.centre_uai').as('m'))
          .as('centreUai'),
        eb
          .case()
          .when(eb.exists(eb.selectFrom('notes as n').select(sql.lit(1).as('one')).whereRef('n.numero', '=', 'c.numero').where((e) => e.not(notTaken(e)))))
          .then(1)
          .else(0)
          .end()
          .as('present'),
      ]);
    const withDecision = deliberated
      ? perCandidate.innerJoin('results as r', 'r.numero', 'c.numero').select('r.decision as decision')
      : perCandidate.where((eb) => eb.not(eb.exists(eb.selectFrom('results as r').select(sql.lit(1).as('one')).whereRef('r.numero', '=', 'c.numero')))).select(sql<string | null>`CAST(NULL AS text)`.as('decision'));
    return db
      .selectFrom(withDecision.as('x'))
      .select(facts)
      .select((eb) => eb.fn.countAll().as('n'))
      .groupBy([...facts])
      .execute();
  };
  const rows = [...(await grouped(true)), ...(await grouped(false))];
  return rows.map((r) => ({ ...r, centreUai: r.centreUai ?? null, present: Number(r.present), n: Number(r.n) }));
}

/** Deliberated inscrits who share the same result facts (results' columns since migration 013): `n` of them. */
export interface ResultCountRow {
  decision: string;
  /** Moyenne générale truncated to hundredths (as on the PV), or null. */
  moyenneH: number | null;
  firstDecision: string | null;
  /** Each one's units raised by the contrôle. */
  controleRaised: number;
  n: number;
}

/** Results of inscrits counted by decision, moyenne, first decision and units raised (index results_summary). */
export async function resultCounts(db: Db): Promise<ResultCountRow[]> {
  const rows = await db
    .selectFrom('results as r')
    .innerJoin('candidates as c', 'c.numero', 'r.numero')
    .select((eb) => ['r.decision as decision', 'r.moyenne_h as moyenneH', 'r.first_decision as firstDecision', 'r.controle_raised as controleRaised', eb.fn.countAll().as('n')])
    .groupBy(['r.decision', 'r.moyenne_h', 'r.first_decision', 'r.controle_raised'])
    .execute();
  return rows.map((r) => ({ ...r, moyenneH: r.moyenneH === null ? null : Number(r.moyenneH), controleRaised: Number(r.controleRaised), n: Number(r.n) }));
}

export async function resultCount(db: Db): Promise<number> {
  const row = await db.selectFrom('results').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function centreNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('centres').select(['uai', 'nom']).where('type', '=', 'ecrit').execute();
  return new Map(rows.map((r) => [r.uai, r.nom]));
}

export interface NoteCountRow {
  unite: string;
  value: string;
  n: number;
}

/** Stored notes counted per unit and value (text as stored: "12,5", "ABS"…). */
export async function noteCountsByUnit(db: Db): Promise<NoteCountRow[]> {
  const rows = await db.selectFrom('notes').select((eb) => ['unite', 'value', eb.fn.countAll().as('n')]).groupBy(['unite', 'value']).execute();
  return rows.map((r) => ({ unite: r.unite, value: r.value, n: Number(r.n) }));
}
