// Assignments (candidate × épreuve → centre, with manual pins) and oral slots. Each run of assign-centres or
// schedule-orals replaces its table whole inside one transaction: the domain already kept what had to be kept.
import type { Placement } from '../domain/assignment/pool.js';
import type { OralSlot } from '../domain/scheduling/oral-timetable.js';
import { insertBatches } from './batch.js';
import type { Db } from './workspace.js';

export async function listAssignments(db: Db): Promise<Placement[]> {
  const rows = await db.selectFrom('assignments').select(['numero', 'epreuve', 'centre_uai', 'pinned']).orderBy('numero').orderBy('epreuve').execute();
  return rows.map((r) => ({ numero: r.numero, epreuve: r.epreuve, centreUai: r.centre_uai, pinned: r.pinned === 1 }));
}

export async function replaceAssignments(db: Db, placements: Placement[]): Promise<void> {
  await db.deleteFrom('assignments').execute();
  await insertBatches(db, 'assignments', placements.map((p) => ({ numero: p.numero, epreuve: p.epreuve, centre_uai: p.centreUai, pinned: p.pinned ? 1 : 0 })));
}

export async function oralSlotCount(db: Db): Promise<number> {
  const r = await db.selectFrom('oral_slots').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listOralSlots(db: Db): Promise<OralSlot[]> {
  const rows = await db
    .selectFrom('oral_slots')
    .select(['numero', 'epreuve', 'centre_uai', 'date', 'start', 'passage', 'end', 'commission'])
    .orderBy('centre_uai').orderBy('date').orderBy('start').orderBy('commission').orderBy('numero')
    .execute();
  return rows.map((r) => ({
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

export async function replaceOralSlots(db: Db, slots: OralSlot[]): Promise<void> {
  await db.deleteFrom('oral_slots').execute();
  await insertBatches(db, 'oral_slots', slots.map((s) => ({
    numero: s.numero, epreuve: s.epreuve, centre_uai: s.centreUai, date: s.date, start: s.start, passage: s.passage, end: s.end, commission: s.commission,
  })));
}
