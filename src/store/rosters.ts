// Read-only queries for lists and bordereaux: centres, written-centre assignments, oral slots, stored notes.
// (The tables are filled by `ccst centres import`, `assign-centres` and `schedule-orals`; `ccst deliberate`.)
import type { SqliteDb as Db } from './workspace.js';
import type { CentreRow as StoredCentreRow } from './centres.js';

/** The columns of a centre that lists and bordereaux print. */
export type CentreRow = Pick<StoredCentreRow, 'uai' | 'type' | 'nom' | 'adresse' | 'code_postal' | 'commune' | 'academie' | 'zone'>;

export interface AssignmentRow {
  numero: string;
  epreuve: string;
  centre_uai: string;
}

export interface OralSlotRow extends AssignmentRow {
  date: string;
  start: string;
  end: string;
  commission: number;
  passage: string | null;
}

export function centresByUai(db: Db, uai: string): CentreRow[] {
  return db
    .prepare('SELECT uai, type, nom, adresse, code_postal, commune, academie, zone FROM centres WHERE uai = ? ORDER BY type')
    .all(uai) as CentreRow[];
}

export function allCentres(db: Db): CentreRow[] {
  return db.prepare('SELECT uai, type, nom, adresse, code_postal, commune, academie, zone FROM centres ORDER BY uai, type').all() as CentreRow[];
}

export function assignmentsOf(db: Db, filter: { centre?: string } = {}): AssignmentRow[] {
  const sql = 'SELECT numero, epreuve, centre_uai FROM assignments';
  return (filter.centre
    ? db.prepare(`${sql} WHERE centre_uai = ? ORDER BY epreuve, numero`).all(filter.centre)
    : db.prepare(`${sql} ORDER BY epreuve, numero`).all()) as AssignmentRow[];
}

function hasPassageColumn(db: Db): boolean {
  return (db.prepare('PRAGMA table_info(oral_slots)').all() as { name: string }[]).some((c) => c.name === 'passage');
}

export function oralSlotsOf(db: Db, filter: { centre?: string } = {}): OralSlotRow[] {
  const passage = hasPassageColumn(db) ? 'passage' : 'NULL AS passage';
  const sql = `SELECT numero, epreuve, centre_uai, date, start, end, commission, ${passage} FROM oral_slots`;
  return (filter.centre
    ? db.prepare(`${sql} WHERE centre_uai = ? ORDER BY epreuve, date, commission, start, numero`).all(filter.centre)
    : db.prepare(`${sql} ORDER BY epreuve, date, commission, start, numero`).all()) as OralSlotRow[];
}

/** numero → stored note text of one unit ("12,5", "ABS", "NV", "BEN 14@2022"). */
export function notesOfUnit(db: Db, unite: string): Map<string, string> {
  const rows = db.prepare('SELECT numero, value FROM notes WHERE unite = ?').all(unite) as { numero: string; value: string }[];
  return new Map(rows.map((r) => [r.numero, r.value]));
}
