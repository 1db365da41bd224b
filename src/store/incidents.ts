// Incidents and fraud cases (issue #14 §4), written once for both engines. Every add and close goes through mutate()
// (one transaction and an audit_log row); a closing that voids notes writes them in that same transaction.
import type { Db } from './workspace.js';
import type { IncidentsTable } from './schema.js';
import type { Incident } from '../domain/incidents/incident.js';
import type { VoidPlan } from '../domain/incidents/effects.js';
import { bulkWrite } from './bulk-write.js';
import { NOTE_AUDIT, NOTES } from './note-specs.js';

type Row = Omit<IncidentsTable, 'id'> & { id: number };

function fromRow(r: Row): Incident {
  return {
    id: Number(r.id), numero: r.numero, epreuve: r.epreuve, heure: r.heure, faits: r.faits, fraude: Number(r.fraude) === 1, createdAt: r.created_at,
    ...(r.centre_uai ? { centreUai: r.centre_uai } : {}), ...(r.salle ? { salle: r.salle } : {}), ...(r.pieces ? { pieces: r.pieces } : {}),
    ...(r.decision ? { decision: r.decision } : {}), ...(r.effet ? { effet: r.effet } : {}), ...(r.closed_at ? { closedAt: r.closed_at } : {}),
  };
}

export async function listIncidents(db: Db): Promise<Incident[]> {
  return (await db.selectFrom('incidents').selectAll().orderBy('id').execute()).map((r) => fromRow(r as Row));
}

export async function getIncident(db: Db, id: number): Promise<Incident | undefined> {
  const r = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r as Row) : undefined;
}

export type NewIncident = Omit<Incident, 'id' | 'createdAt' | 'decision' | 'effet' | 'closedAt'>;

export async function addIncident(db: Db, at: Date, i: NewIncident): Promise<number> {
  const r = await db
    .insertInto('incidents')
    .values({
      numero: i.numero, epreuve: i.epreuve, centre_uai: i.centreUai ?? null, salle: i.salle ?? null, heure: i.heure, faits: i.faits,
      pieces: i.pieces ?? null, fraude: i.fraude ? 1 : 0, created_at: at.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function closeIncident(db: Db, at: Date, id: number, decision: string, effet: string): Promise<void> {
  await db.updateTable('incidents').set({ decision, effet, closed_at: at.toISOString() }).where('id', '=', id).execute();
}

/**
 * The notes a disciplinary decision voids (domain/incidents/effects.ts voidPlan), written like every note change:
 * notes row with its source, note_audit row with the old value and the motif (call inside mutate, with the plan made
 * from that transaction's notes, in the transaction that closes the incident).
 */
export async function applyVoidPlan(db: Db, at: Date, source: string, numero: string, plan: VoidPlan, motif: string): Promise<void> {
  const when = at.toISOString();
  await bulkWrite(db, NOTES, plan.writes.map((w) => [numero, w.unite, w.value, source, when]));
  await bulkWrite(db, NOTE_AUDIT, plan.writes.map((w) => [numero, w.unite, w.old ?? null, w.value, when, source, motif]));
}
