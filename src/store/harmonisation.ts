// Queries behind `ccst harmonisation` (issue 15 items 1–2): one unit's notes with the facts that group them
// (CCF or not, établissement, oral commission), the notes of one group, which of their candidates were already
// deliberated, and the adjusted notes written in ONE transaction with their audit. Every query of the
// harmonisation lives here, async and in portable SQL, so that the move to Kysely (issue 12) is a change of this
// file only.
import type { Db } from './workspace.js';

export interface UnitNoteRow {
  /** 1 when the candidate's voie takes the unit in CCF (the voies given), else 0. */
  ccf: number;
  etablissementUai: string | null;
  /** The candidate's oral commission for the épreuve, when scheduled (ccst schedule-orals). */
  centreUai: string | null;
  commission: number | null;
  /** Stored text: "12,5", "ABS", "BEN 14@2022"… */
  value: string;
}

/**
 * One unit's stored notes with the facts that group them (CCF or not, établissement, oral commission), streamed in
 * batches: the caller counts them as they come (nothing of 250,000 rows is kept). Measured on 250,000 candidates
 * (2.25 million notes, src/bench/harmonisation.ts): the scan and joins cost ≈ 0.3 s of CPU, but each column of
 * each row becomes a JavaScript value — so the voie is tested here (an integer, not a string per row) and the
 * établissement names come once per établissement (etablissementNames). Three GROUP BY queries (unit, commission,
 * établissement) were slower: they still returned 230,000 rows (one per note value per établissement).
 */
export async function* unitNotesWithGroups(db: Db, unite: string, epreuve: string, ccfVoies: string[], batch = 4096): AsyncGenerator<UnitNoteRow[]> {
  const ccf = ccfVoies.length ? `CASE WHEN c.voie IN (${ccfVoies.map(() => '?').join(', ')}) THEN 1 ELSE 0 END` : '0';
  const rows = db
    .prepare(
      `SELECT ${ccf} AS ccf, c.etablissement_uai AS "etablissementUai", o.centre_uai AS "centreUai", o.commission AS commission, n.value AS value
         FROM notes n
         JOIN candidates c ON c.numero = n.numero
         LEFT JOIN oral_slots o ON o.numero = n.numero AND o.epreuve = ?
        WHERE n.unite = ?`,
    )
    .iterate(...ccfVoies, epreuve, unite) as IterableIterator<UnitNoteRow>;
  let chunk: UnitNoteRow[] = [];
  for (const r of rows) {
    chunk.push(r);
    if (chunk.length === batch) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

/**
 * Each établissement's name by UAI — one spelling (the first the index finds) when candidates differ: one index seek
 * per établissement (0.02 s for 500 établissements of 250,000 candidates; MIN(etablissement) over all candidates
 * took 0.4 s of CPU for the same names).
 */
export async function etablissementNames(db: Db): Promise<Map<string, string>> {
  const rows = db
    .prepare(
      `SELECT u.uai AS uai,
              (SELECT c.etablissement FROM candidates c WHERE c.etablissement_uai = u.uai AND c.etablissement IS NOT NULL LIMIT 1) AS nom
         FROM (SELECT DISTINCT etablissement_uai AS uai FROM candidates WHERE etablissement_uai IS NOT NULL) u`,
    )
    .all() as { uai: string; nom: string | null }[];
  return new Map(rows.filter((r) => r.nom !== null).map((r) => [r.uai, r.nom!]));
}

/** Names of the oral centres, by UAI (labels of the commissions). */
export async function oralCentreNames(db: Db): Promise<Map<string, string>> {
  const rows = db.prepare(`SELECT uai, nom FROM centres WHERE type = 'oral'`).all() as { uai: string; nom: string }[];
  return new Map(rows.map((r) => [r.uai, r.nom]));
}

/** Which candidates form a group. A lot of copies (examiners, issue 13) will be a third kind here. */
export type GroupSelector =
  | { kind: 'commission'; epreuve: string; centreUai: string; commission: number }
  | { kind: 'etablissement'; uai: string; voies: string[] };

export interface StoredGroupNote {
  numero: string;
  value: string;
}

/** The stored notes of `unite` for the candidates of the group, in numero order. */
export async function groupNotes(db: Db, unite: string, group: GroupSelector): Promise<StoredGroupNote[]> {
  if (group.kind === 'commission') {
    return db
      .prepare(
        `SELECT n.numero AS numero, n.value AS value
           FROM notes n JOIN oral_slots o ON o.numero = n.numero AND o.epreuve = ?
          WHERE n.unite = ? AND o.centre_uai = ? AND o.commission = ?
          ORDER BY n.numero`,
      )
      .all(group.epreuve, unite, group.centreUai, group.commission) as StoredGroupNote[];
  }
  if (group.voies.length === 0) return [];
  return db
    .prepare(
      `SELECT n.numero AS numero, n.value AS value
         FROM notes n JOIN candidates c ON c.numero = n.numero
        WHERE n.unite = ? AND COALESCE(c.etablissement_uai, '') = ? AND c.voie IN (${group.voies.map(() => '?').join(', ')})
        ORDER BY n.numero`,
    )
    .all(unite, group.uai, ...group.voies) as StoredGroupNote[];
}

/** The candidates among `numeros` that already have a result (a deliberation was held for them). */
export async function deliberatedAmong(db: Db, numeros: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  const stmt = db.prepare('SELECT numero FROM results WHERE numero = ?');
  for (const n of numeros) if (stmt.get(n)) out.add(n);
  return out;
}

export interface NoteChange {
  numero: string;
  unite: string;
  old: string;
  new: string;
  motif: string;
}

/** The workspace changed between reading the notes and writing them (another ccst running): nothing was written. */
export class StaleNoteError extends Error {
  constructor(readonly change: NoteChange) {
    super(`note ${change.numero} ${change.unite} modifiée entre-temps`);
  }
}

/**
 * Writes every change, its note_audit row (old → new, source, the commission's motif) and one audit_log row, in
 * one transaction. A note that no longer holds the value it was read with aborts the whole transaction.
 */
export async function writeAdjustedNotes(db: Db, at: Date, source: string, changes: NoteChange[], detail: object): Promise<void> {
  const when = at.toISOString();
  const update = db.prepare('UPDATE notes SET value = ?, source = ?, updated_at = ? WHERE numero = ? AND unite = ? AND value = ?');
  const audit = db.prepare('INSERT INTO note_audit (numero, unite, old_value, new_value, at, source, motif) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const log = db.prepare('INSERT INTO audit_log (at, command, detail) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const c of changes) {
      if (update.run(c.new, source, when, c.numero, c.unite, c.old).changes !== 1) throw new StaleNoteError(c);
      audit.run(c.numero, c.unite, c.old, c.new, when, source, c.motif);
    }
    log.run(when, 'harmonisation apply', JSON.stringify(detail));
  })();
}
