// The narrow read of `ccst seat` (issue #14 « Done when »: 250,000 candidates seated in under 3 s). The general path
// (cli/roster-data.ts loadGroups) reads every candidate with every column, sorted by name, then every assignment,
// and groups them in JS: on 250k candidates that read alone took ≈ 60 % of the command's 22 s CPU (bench:seating),
// most of it SQLite sorting and handing over 23 columns × 250k rows that seating never looks at, and the GC of them.
// Here one join returns only the candidates placed for the épreuve, with the seven columns seating uses; the caller
// groups them by centre and sorts each centre (cli/seating/sittings.ts). Both engines (Kysely). test/store/seating-candidates.test.ts compares it with the general
// path on a fixture.
import type { Candidate } from '../domain/candidate.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from './workspace.js';
import { sqliteStatement } from './sqlite-dialect.js';

/** What seating needs of a candidate: the order (nom, prénom, numéro), the établissement, the aménagements. */
export type SeatingCandidate = Pick<Candidate, 'numero' | 'nom' | 'prenom' | 'etablissementUai' | 'etablissement' | 'amenagements' | 'tempsMajore'>;

/** A candidate with the centre they are assigned to for the épreuve. */
export type SeatingPlacement = SeatingCandidate & { centreUai: string };

/** The distinct épreuve codes stored in `table` (the caller maps each alias to its unit: findUnit). */
export async function storedEpreuves(db: Db, table: 'assignments' | 'oral_slots'): Promise<string[]> {
  return (await db.selectFrom(table).select('epreuve').distinct().execute()).map((r) => r.epreuve);
}

/** The selected columns, in this order (the SQLite path reads each row as an array of them). */
const COLUMNS = ['a.centre_uai', 'a.epreuve', 'c.numero', 'c.nom', 'c.prenom', 'c.etablissement_uai', 'c.etablissement', 'c.amenagements', 'c.temps_majore'] as const;
type Cells = [string, string, string, string, string, string | null, string | null, string | null, string | null];

/**
 * Candidates assigned to a centre for one of `epreuves` (the stored spellings of one unit), optionally at one
 * centre, in no particular order (the caller groups and sorts them). A candidate assigned under two spellings of the
 * unit is returned once, for the spelling that comes last in code point order: the general path keeps the last
 * assignment in its (epreuve, numero) order (groupRosters' placeOf).
 * `path`: 'auto' reads SQLite rows as arrays (better-sqlite3 raw mode, the statement Kysely compiled): 250k rows in
 * 1.2 s CPU instead of 1.8 s as objects, and no object per row to collect (bench:seating, 2 cores under load);
 * 'plain' is the Kysely read of both engines, which the tests compare it with.
 */
export async function seatingPlacements(db: Db, epreuves: readonly string[], centre?: string, path: 'auto' | 'plain' = 'auto'): Promise<SeatingPlacement[]> {
  if (!epreuves.length) return [];
  let q = db.selectFrom('assignments as a').innerJoin('candidates as c', 'c.numero', 'a.numero').select(COLUMNS).where('a.epreuve', 'in', [...epreuves]);
  if (centre) q = q.where('a.centre_uai', '=', centre);
  // No ORDER BY: the caller groups by centre and sorts each centre in the French order (compareCandidates), which the
  // database cannot give (SQLite sorts by code point); a sort here too cost ≈ 1.2 s CPU on 250k rows (bench:seating).
  const compiled = q.compile();
  const raw = path === 'auto' ? (sqliteStatement(db, compiled.sql) as unknown as Statement | undefined) : undefined;
  let rows: Cells[];
  if (raw) {
    // The statement is Kysely's cached one: back to objects at once for its other users.
    raw.raw(true);
    try {
      rows = raw.all(compiled.parameters as unknown[]) as Cells[];
    } finally {
      raw.raw(false);
    }
  } else {
    rows = (await q.execute()).map((r) => [r.centre_uai, r.epreuve, r.numero, r.nom, r.prenom, r.etablissement_uai, r.etablissement, r.amenagements, r.temps_majore]);
  }
  return placements(rows, epreuves.length > 1);
}

function placements(rows: Cells[], twoSpellings: boolean): SeatingPlacement[] {
  const out: SeatingPlacement[] = new Array(rows.length);
  let n = 0;
  // Only when the unit has several stored spellings can a numero come twice (assignments are keyed by numero, epreuve).
  const seen = twoSpellings ? new Map<string, { at: number; epreuve: string }>() : undefined;
  for (const r of rows) {
    if (seen) {
      const before = seen.get(r[2]);
      if (before) {
        if (r[1] > before.epreuve) {
          out[before.at] = placement(r);
          before.epreuve = r[1];
        }
        continue;
      }
      seen.set(r[2], { at: n, epreuve: r[1] });
    }
    out[n++] = placement(r);
  }
  out.length = n;
  return out;
}

// The same values as candidates.ts fromRow gives for these columns (NULL → undefined).
function placement(r: Cells): SeatingPlacement {
  return {
    centreUai: r[0], numero: r[2], nom: r[3], prenom: r[4], etablissementUai: r[5] ?? undefined, etablissement: r[6] ?? undefined,
    amenagements: r[7] ?? undefined, tempsMajore: r[8] ?? undefined,
  };
}

/** numero of the oral slots of one of `epreuves`, optionally at one centre (such a candidate is heard, not seated). */
export async function slottedNumeros(db: Db, epreuves: readonly string[], centre?: string): Promise<Set<string>> {
  if (!epreuves.length) return new Set();
  let q = db.selectFrom('oral_slots').select('numero').where('epreuve', 'in', [...epreuves]);
  if (centre) q = q.where('centre_uai', '=', centre);
  return new Set((await q.execute()).map((r) => r.numero));
}
