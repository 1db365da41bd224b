// Épreuves de contrôle in the workspace: choices, scheduled orals, contrôle notes (migration 005-controle).
// Async signatures, like every new store module, so that moving the store to Kysely stays local (BRIEF).
import type { SqliteDb as Db } from './workspace.js';
import { uninterruptible } from '../io/interrupt.js';

export interface ChoiceRow {
  numero: string;
  unite: string;
  source: string;
  note: string | null;
}

export interface ControleSlotRow {
  numero: string;
  unite: string;
  centre_uai: string;
  date: string;
  start: string;
  passage: string;
  end: string;
  commission: number;
}

/** numero → chosen units (regulation order is the caller's business), with the contrôle note once entered. */
export async function readChoices(db: Db): Promise<ChoiceRow[]> {
  return db.prepare('SELECT numero, unite, source, note FROM controle_choices ORDER BY numero, unite').all() as ChoiceRow[];
}

/** Replaces the choices of the candidates named (a new file for a candidate replaces their earlier choice). */
export async function replaceChoices(db: Db, at: Date, source: string, choices: Map<string, string[]>): Promise<{ replaced: number }> {
  const del = db.prepare('DELETE FROM controle_choices WHERE numero = ?');
  const delSlots = db.prepare('DELETE FROM controle_slots WHERE numero = ? AND unite NOT IN (SELECT unite FROM controle_choices WHERE numero = ?)');
  const ins = db.prepare('INSERT INTO controle_choices (numero, unite, source, chosen_at) VALUES (?, ?, ?, ?)');
  let replaced = 0;
  for (const [numero, units] of choices) {
    replaced += del.run(numero).changes > 0 ? 1 : 0;
    for (const u of units) ins.run(numero, u, source, at.toISOString());
    // A slot for a unit no longer chosen goes with the choice.
    delSlots.run(numero, numero);
  }
  return { replaced };
}

export async function readControleSlots(db: Db): Promise<ControleSlotRow[]> {
  return db
    .prepare('SELECT numero, unite, centre_uai, date, start, passage, end, commission FROM controle_slots ORDER BY date, centre_uai, unite, commission, passage, numero')
    .all() as ControleSlotRow[];
}

/** The whole timetable is replaced: scheduling is recomputed from the choices each time. */
export async function replaceControleSlots(db: Db, slots: ControleSlotRow[]): Promise<void> {
  db.prepare('DELETE FROM controle_slots').run();
  const ins = db.prepare(
    'INSERT INTO controle_slots (numero, unite, centre_uai, date, start, passage, end, commission) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const s of slots) ins.run(s.numero, s.unite, s.centre_uai, s.date, s.start, s.passage, s.end, s.commission);
}

/** Stores the contrôle notes (canonical text: "12,5" or "ABS") against the choices. */
export async function writeControleNotes(db: Db, source: string, notes: { numero: string; unite: string; note: string }[]): Promise<void> {
  const upd = db.prepare('UPDATE controle_choices SET note = ?, note_source = ? WHERE numero = ? AND unite = ?');
  for (const n of notes) {
    if (upd.run(n.note, source, n.numero, n.unite).changes !== 1) throw new Error(`choix de contrôle absent : ${n.numero} ${n.unite}`);
  }
}

/**
 * Runs an async body in one transaction and appends the audit row (as `mutate` does for sync bodies: a
 * better-sqlite3 transaction function cannot return a promise). Nothing else may use the connection meanwhile:
 * commands are single-threaded over their workspace.
 */
export async function mutateAsync<T>(db: Db, command: string, at: Date, fn: (db: Db) => Promise<{ result: T; detail: object }>): Promise<T> {
  // A signal during the transaction waits for its end (interrupt.ts): no hot journal left for the next command.
  return uninterruptible(async () => {
    db.exec('BEGIN IMMEDIATE');
    try {
      const { result, detail } = await fn(db);
      db.prepare('INSERT INTO audit_log (at, command, detail) VALUES (?, ?, ?)').run(at.toISOString(), command, JSON.stringify(detail));
      db.exec('COMMIT');
      return result;
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw e;
    }
  });
}
