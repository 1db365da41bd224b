// The narrow read of `ccst seat` (issue #14 « Done when »: 250,000 candidates seated in under 3 s). The general path
// (cli/roster-data.ts loadGroups) reads every candidate with every column, sorted by name, then every assignment,
// and groups them in JS: on 250k candidates that read alone took ≈ 60 % of the command's 22 s CPU (bench:seating),
// most of it SQLite sorting and handing over 23 columns × 250k rows that seating never looks at, and the GC of them.
// Here one join returns only the candidates placed for the épreuve, with the seven columns seating uses, packed per
// centre; the caller groups them by centre and sorts each centre (cli/seating/sittings.ts). Both engines (Kysely). test/store/seating-candidates.test.ts compares it with the general
// path on a fixture.
import type { Candidate } from '../domain/candidate.js';
import { sql } from 'kysely';
import { engineOf, type Db } from './workspace.js';

/** What seating needs of a candidate: the order (nom, prénom, numéro), the établissement, the aménagements. */
export type SeatingCandidate = Pick<Candidate, 'numero' | 'nom' | 'prenom' | 'etablissementUai' | 'etablissement' | 'amenagements' | 'tempsMajore'>;

/** A candidate with the centre they are assigned to for the épreuve. */
export type SeatingPlacement = SeatingCandidate & { centreUai: string };

/** The distinct épreuve codes stored in `table` (the caller maps each alias to its unit: findUnit). */
export async function storedEpreuves(db: Db, table: 'assignments' | 'oral_slots'): Promise<string[]> {
  return (await db.selectFrom(table).select('epreuve').distinct().execute()).map((r) => r.epreuve);
}

/** The selected columns, in this order (the plain path; the grouped path packs the candidate's seven of them). */
const COLUMNS = ['a.centre_uai', 'a.epreuve', 'c.numero', 'c.nom', 'c.prenom', 'c.etablissement_uai', 'c.etablissement', 'c.amenagements', 'c.temps_majore'] as const;
/** A candidate's cells: numero, nom, prénom, etablissement_uai, etablissement, amenagements, temps_majore. */
type Cells = [string, string, string, string | null, string | null, string | null, string | null];

/**
 * Candidates assigned to a centre for one of `epreuves` (the stored spellings of one unit), optionally at one
 * centre, in no particular order (the caller groups and sorts them). A candidate assigned under two spellings of the
 * unit is returned once, for the spelling that comes last in code point order: the general path keeps the last
 * assignment in its (epreuve, numero) order (groupRosters' placeOf).
 * `path`: 'auto' has the database pack each centre's candidates into one JSON array (json_group_array on SQLite,
 * json_agg on PostgreSQL): 2,000 rows of one string each, parsed by JSON.parse, instead of 250,000 rows of nine
 * cells — each cell a string the driver makes on its own (250k candidates: ≈ 0.6 s CPU against 1.2–1.8 s,
 * bench:seating); 'plain' is the row-per-candidate Kysely read, which the tests compare it with.
 */
export async function seatingPlacements(db: Db, epreuves: readonly string[], centre?: string, path: 'auto' | 'plain' = 'auto'): Promise<SeatingPlacement[]> {
  if (!epreuves.length) return [];
  const twoSpellings = epreuves.length > 1;
  if (path === 'plain') {
    let q = db.selectFrom('assignments as a').innerJoin('candidates as c', 'c.numero', 'a.numero').select(COLUMNS).where('a.epreuve', 'in', [...epreuves]);
    if (centre) q = q.where('a.centre_uai', '=', centre);
    const rows = await q.execute();
    return placements(rows.map((r) => ({ centre: r.centre_uai, epreuve: r.epreuve, cells: [[r.numero, r.nom, r.prenom, r.etablissement_uai, r.etablissement, r.amenagements, r.temps_majore]] })), twoSpellings);
  }
  // The same columns as COLUMNS, a candidate per array; text travels through JSON unchanged on both engines.
  const packed = engineOf(db) === 'postgres'
    ? sql<unknown>`json_agg(json_build_array(c.numero, c.nom, c.prenom, c.etablissement_uai, c.etablissement, c.amenagements, c.temps_majore))`
    : sql<unknown>`json_group_array(json_array(c.numero, c.nom, c.prenom, c.etablissement_uai, c.etablissement, c.amenagements, c.temps_majore))`;
  let q = db.selectFrom('assignments as a').innerJoin('candidates as c', 'c.numero', 'a.numero')
    .select(['a.centre_uai', 'a.epreuve', packed.as('cells')]).where('a.epreuve', 'in', [...epreuves]);
  if (centre) q = q.where('a.centre_uai', '=', centre);
  // No ORDER BY: the caller groups by centre and sorts each centre in the French order (compareCandidates), which the
  // database cannot give (SQLite sorts by code point).
  const groups = await q.groupBy(['a.centre_uai', 'a.epreuve']).execute();
  // SQLite hands the JSON over as text; pg parses a json column itself.
  return placements(groups.map((g) => ({ centre: g.centre_uai, epreuve: g.epreuve, cells: (typeof g.cells === 'string' ? JSON.parse(g.cells) : g.cells) as Cells[] })), twoSpellings);
}

function placements(groups: { centre: string; epreuve: string; cells: Cells[] }[], twoSpellings: boolean): SeatingPlacement[] {
  const out: SeatingPlacement[] = [];
  // Only when the unit has several stored spellings can a numero come twice (assignments are keyed by numero, epreuve).
  const seen = twoSpellings ? new Map<string, { at: number; epreuve: string }>() : undefined;
  for (const g of groups) {
    for (const r of g.cells) {
      if (seen) {
        const before = seen.get(r[0]);
        if (before) {
          if (g.epreuve > before.epreuve) {
            out[before.at] = placement(g.centre, r);
            before.epreuve = g.epreuve;
          }
          continue;
        }
        seen.set(r[0], { at: out.length, epreuve: g.epreuve });
      }
      out.push(placement(g.centre, r));
    }
  }
  return out;
}

// The same values as candidates.ts fromRow gives for these columns (NULL → undefined).
function placement(centreUai: string, r: Cells): SeatingPlacement {
  return {
    centreUai, numero: r[0], nom: r[1], prenom: r[2], etablissementUai: r[3] ?? undefined, etablissement: r[4] ?? undefined,
    amenagements: r[5] ?? undefined, tempsMajore: r[6] ?? undefined,
  };
}

/** numero of the oral slots of one of `epreuves`, optionally at one centre (such a candidate is heard, not seated). */
export async function slottedNumeros(db: Db, epreuves: readonly string[], centre?: string): Promise<Set<string>> {
  if (!epreuves.length) return new Set();
  let q = db.selectFrom('oral_slots').select('numero').where('epreuve', 'in', [...epreuves]);
  if (centre) q = q.where('centre_uai', '=', centre);
  return new Set((await q.execute()).map((r) => r.numero));
}
