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

export interface CandidateStatsRow {
  numero: string;
  academie: string;
  voie: string;
  etablissementUai: string | null;
  etablissement: string | null;
  /** UAI of the candidate's written centre (the first in UAI order when written épreuves are split). */
  centreUai: string | null;
  /** 1 when at least one note taken this session is stored. */
  present: number;
  decision: string | null;
  detail: string | null;
}

/** Candidates per page: each result's detail is 1.3 KB of JSON, a page's rows are converted before the next is read. */
const PAGE = 5_000;

/**
 * Every candidate with its result, by keyset pages in numero order: the caller converts a page (and drops its details)
 * before the next one is read. Read all at once, 250,000 rows held 330 MB of detail text: 40 % of `ccst stats`'s
 * time went to the garbage collector (22.6 s of CPU against 0.75 s for a raw csv-parse of the notes file).
 */
export async function* candidateStatsPages(db: Db, page = PAGE): AsyncGenerator<CandidateStatsRow[]> {
  let after: string | undefined;
  for (;;) {
    const rows = await candidateStatsPage(db, after, page);
    if (rows.length) yield rows;
    if (rows.length < page) return;
    after = rows[rows.length - 1]!.numero;
  }
}

async function candidateStatsPage(db: Db, after: string | undefined, page: number): Promise<CandidateStatsRow[]> {
  const rows = await db
    .selectFrom('candidates as c')
    .leftJoin('results as r', 'r.numero', 'c.numero')
    .select((eb) => [
      'c.numero as numero', 'c.academie as academie', 'c.voie as voie', 'c.etablissement_uai as etablissementUai', 'c.etablissement as etablissement',
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
      'r.decision as decision', 'r.detail as detail',
    ])
    .$if(after !== undefined, (q) => q.where('c.numero', '>', after!))
    .orderBy('c.numero')
    .limit(page)
    .execute();
  return rows.map((r) => ({ ...r, centreUai: r.centreUai ?? null, present: Number(r.present) }));
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
