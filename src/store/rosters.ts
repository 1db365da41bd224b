// Read-only queries for lists and bordereaux: centres, written-centre assignments, oral slots, stored notes.
// (The tables are filled by `ccst centres import`, `assign-centres` and `schedule-orals`; `ccst deliberate`.)
import type { Db } from './workspace.js';
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

const CENTRE_COLUMNS = ['uai', 'type', 'nom', 'adresse', 'code_postal', 'commune', 'academie', 'zone'] as const;

export async function centresByUai(db: Db, uai: string): Promise<CentreRow[]> {
  return db.selectFrom('centres').select(CENTRE_COLUMNS).where('uai', '=', uai).orderBy('type').execute();
}

export async function allCentres(db: Db): Promise<CentreRow[]> {
  return db.selectFrom('centres').select(CENTRE_COLUMNS).orderBy('uai').orderBy('type').execute();
}

export async function assignmentsOf(db: Db, filter: { centre?: string } = {}): Promise<AssignmentRow[]> {
  let q = db.selectFrom('assignments').select(['numero', 'epreuve', 'centre_uai']);
  if (filter.centre) q = q.where('centre_uai', '=', filter.centre);
  return q.orderBy('epreuve').orderBy('numero').execute();
}

export async function oralSlotsOf(db: Db, filter: { centre?: string } = {}): Promise<OralSlotRow[]> {
  let q = db.selectFrom('oral_slots').select(['numero', 'epreuve', 'centre_uai', 'date', 'start', 'end', 'commission', 'passage']);
  if (filter.centre) q = q.where('centre_uai', '=', filter.centre);
  return q.orderBy('epreuve').orderBy('date').orderBy('commission').orderBy('start').orderBy('numero').execute();
}

/** numero → stored note text of one unit ("12,5", "ABS", "NV", "BEN 14@2022"). */
export async function notesOfUnit(db: Db, unite: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('notes').select(['numero', 'value']).where('unite', '=', unite).execute();
  return new Map(rows.map((r) => [r.numero, r.value]));
}
