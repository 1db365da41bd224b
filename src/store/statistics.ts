// Queries behind `ccst stats` and `ccst harmonisation`. Async and in plain, portable SQL (no json_extract, no GLOB:
// PostgreSQL must run them too once the store moves to Kysely, issue 12). Notes are AGGREGATED here (GROUP BY
// note value): the domain gets frequency tables of at most ~2,000 rows per unit, never 250,000 raw notes.
import type { SqliteDb as Db } from './workspace.js';

/** Stored note texts that are not a note taken this session (domain/deliberation/note-cell: codes). */
const NOT_TAKEN = `n.value IN ('ABS', 'ABJ', 'NV', 'DIS') OR n.value LIKE 'BEN%' OR n.value LIKE 'REP%'`;

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

export async function candidateStatsRows(db: Db): Promise<CandidateStatsRow[]> {
  return db
    .prepare(
      `SELECT c.numero AS numero, c.academie AS academie, c.voie AS voie, c.etablissement_uai AS "etablissementUai",
              c.etablissement AS etablissement,
              (SELECT MIN(a.centre_uai) FROM assignments a JOIN centres ce ON ce.uai = a.centre_uai AND ce.type = 'ecrit'
                WHERE a.numero = c.numero) AS "centreUai",
              CASE WHEN EXISTS (SELECT 1 FROM notes n WHERE n.numero = c.numero AND NOT (${NOT_TAKEN})) THEN 1 ELSE 0 END AS present,
              r.decision AS decision, r.detail AS detail
         FROM candidates c LEFT JOIN results r ON r.numero = c.numero`,
    )
    .all() as CandidateStatsRow[];
}

export async function resultCount(db: Db): Promise<number> {
  return (db.prepare('SELECT COUNT(*) AS n FROM results').get() as { n: number }).n;
}

export async function centreNames(db: Db): Promise<Map<string, string>> {
  const rows = db.prepare(`SELECT uai, nom FROM centres WHERE type = 'ecrit'`).all() as { uai: string; nom: string }[];
  return new Map(rows.map((r) => [r.uai, r.nom]));
}

export interface NoteCountRow {
  unite: string;
  value: string;
  n: number;
}

/** Stored notes counted per unit and value (text as stored: "12,5", "ABS"…). */
export async function noteCountsByUnit(db: Db): Promise<NoteCountRow[]> {
  return db.prepare('SELECT unite, value, COUNT(*) AS n FROM notes GROUP BY unite, value').all() as NoteCountRow[];
}

export interface GroupNoteCountRow {
  groupKey: string;
  groupLabel: string;
  value: string;
  n: number;
}

/**
 * One unit's notes counted per oral commission and value. A commission is a centre's commission number for the
 * épreuve (schedule-orals numbers them per centre, day and épreuve; the same number over several days is taken
 * to be the same examiners).
 */
export async function noteCountsByCommission(db: Db, unite: string, epreuve: string): Promise<GroupNoteCountRow[]> {
  return db
    .prepare(
      `SELECT o.centre_uai || '#' || o.commission AS "groupKey",
              COALESCE(MIN(ce.nom), o.centre_uai) || ' — commission ' || o.commission AS "groupLabel",
              n.value AS value, COUNT(*) AS n
         FROM notes n
         JOIN oral_slots o ON o.numero = n.numero AND o.epreuve = ?
         LEFT JOIN centres ce ON ce.uai = o.centre_uai AND ce.type = 'oral'
        WHERE n.unite = ?
        GROUP BY o.centre_uai, o.commission, n.value`,
    )
    .all(epreuve, unite) as GroupNoteCountRow[];
}

/** One unit's notes counted per establishment and value, for the candidates of the given voies (CCF). */
export async function noteCountsByEtablissement(db: Db, unite: string, voies: string[]): Promise<GroupNoteCountRow[]> {
  if (voies.length === 0) return [];
  return db
    .prepare(
      `SELECT COALESCE(c.etablissement_uai, '') AS "groupKey",
              COALESCE(MIN(c.etablissement), c.etablissement_uai, '(sans établissement)') AS "groupLabel",
              n.value AS value, COUNT(*) AS n
         FROM notes n JOIN candidates c ON c.numero = n.numero
        WHERE n.unite = ? AND c.voie IN (${voies.map(() => '?').join(', ')})
        GROUP BY c.etablissement_uai, n.value`,
    )
    .all(unite, ...voies) as GroupNoteCountRow[];
}

/** One unit's notes counted per value (the whole épreuve, all voies). */
export async function noteCountsOfUnit(db: Db, unite: string): Promise<{ value: string; n: number }[]> {
  return db.prepare('SELECT value, COUNT(*) AS n FROM notes WHERE unite = ? GROUP BY value').all(unite) as { value: string; n: number }[];
}
