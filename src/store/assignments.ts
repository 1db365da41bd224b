// Assignments (candidate × épreuve → centre, with manual pins) and oral slots. Each run of assign-centres or
// schedule-orals replaces its table whole inside one transaction: the domain already kept what had to be kept.
import type { Placement } from '../domain/assignment/pool.js';
import type { OralSlot } from '../domain/scheduling/oral-timetable.js';
import type { Db } from './workspace.js';

export function listAssignments(db: Db): Placement[] {
  return (
    db.prepare('SELECT numero, epreuve, centre_uai, pinned FROM assignments ORDER BY numero, epreuve').all() as {
      numero: string;
      epreuve: string;
      centre_uai: string;
      pinned: number;
    }[]
  ).map((r) => ({ numero: r.numero, epreuve: r.epreuve, centreUai: r.centre_uai, pinned: r.pinned === 1 }));
}

export function replaceAssignments(db: Db, placements: Placement[]): void {
  db.prepare('DELETE FROM assignments').run();
  const stmt = db.prepare('INSERT INTO assignments (numero, epreuve, centre_uai, pinned) VALUES (?, ?, ?, ?)');
  for (const p of placements) stmt.run(p.numero, p.epreuve, p.centreUai, p.pinned ? 1 : 0);
}

export function listOralSlots(db: Db): OralSlot[] {
  return (
    db.prepare('SELECT numero, epreuve, centre_uai, date, start, passage, end, commission FROM oral_slots ORDER BY centre_uai, date, start, commission, numero').all() as {
      numero: string;
      epreuve: string;
      centre_uai: string;
      date: string;
      start: string;
      passage: string | null;
      end: string;
      commission: number;
    }[]
  ).map((r) => ({
    numero: r.numero,
    epreuve: r.epreuve,
    centreUai: r.centre_uai,
    date: r.date,
    start: r.start,
    passage: r.passage ?? r.start,
    end: r.end,
    commission: r.commission,
  }));
}

export function replaceOralSlots(db: Db, slots: OralSlot[]): void {
  db.prepare('DELETE FROM oral_slots').run();
  const stmt = db.prepare(
    'INSERT INTO oral_slots (numero, epreuve, centre_uai, date, start, passage, end, commission) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const s of slots) stmt.run(s.numero, s.epreuve, s.centreUai, s.date, s.start, s.passage, s.end, s.commission);
}
