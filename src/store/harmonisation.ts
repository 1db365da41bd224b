// Queries behind `ccst harmonisation apply` (issue 15 item 2): the notes of one harmonisation group, which of their
// candidates were already deliberated, and the adjusted notes written in ONE transaction with their audit.
// Every query of the adjustment lives here, async and in portable SQL, so that the move to Kysely (issue 12) is a
// change of this file only. The report's read queries are in statistics.ts (noteCountsByCommission…).
import type { Db } from './workspace.js';

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
