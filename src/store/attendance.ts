// Attendance (rooms' PV back from the centres) and the ABS / ABJ notes it sets (issue #14 §4), written once for both
// engines. The notes go through the same rows and audit as every note writer (note-specs.ts): each change is logged
// in note_audit with its source (the PV file, or the justification) and motif.
import type { Db } from './workspace.js';
import { bulkWrite, type BulkSpec } from './bulk-write.js';
import { NOTE_AUDIT, NOTES } from './note-specs.js';
import type { AttendanceTable } from './schema.js';
import { ATTENDANCE_SOURCE, type AbsencePlan, type Stored } from '../domain/attendance/absence-notes.js';

export type AttendanceRow = AttendanceTable;

const ATTENDANCE: BulkSpec<'attendance'> = {
  table: 'attendance',
  columns: [
    { name: 'numero', type: 'text' }, { name: 'epreuve', type: 'text' }, { name: 'statut', type: 'text' }, { name: 'heure', type: 'text' },
    { name: 'late', type: 'integer' }, { name: 'observation', type: 'text' }, { name: 'source', type: 'text' }, { name: 'recorded_at', type: 'text' },
  ],
  // Upsert: a corrected PV replaces the line; the justification (not in these columns) is kept.
  key: ['numero', 'epreuve'],
};

export async function listAttendance(db: Db, epreuve?: string): Promise<AttendanceRow[]> {
  let q = db.selectFrom('attendance').selectAll().orderBy('epreuve').orderBy('numero');
  if (epreuve) q = q.where('epreuve', '=', epreuve);
  return q.execute();
}

export async function attendanceOf(db: Db, numero: string, epreuve: string): Promise<AttendanceRow | undefined> {
  return db.selectFrom('attendance').selectAll().where('numero', '=', numero).where('epreuve', '=', epreuve).executeTakeFirst();
}

/** The stored notes of these candidates, "numero\0unite" → note (read in the caller's transaction). */
export async function notesOfCandidates(db: Db, numeros: readonly string[]): Promise<Map<string, Stored>> {
  const out = new Map<string, Stored>();
  const list = [...new Set(numeros)];
  for (let i = 0; i < list.length; i += 1000) {
    const rows = await db.selectFrom('notes').select(['numero', 'unite', 'value', 'source']).where('numero', 'in', list.slice(i, i + 1000)).execute();
    for (const r of rows) out.set(`${r.numero}\u0000${r.unite}`, { value: r.value, source: r.source });
  }
  return out;
}

export interface AttendanceWrite {
  numero: string;
  epreuve: string;
  statut: string;
  heure?: string;
  late: boolean;
  observation?: string;
}

/** Stores the PV lines (source: the file's name) and applies the plan's notes (source « presence:<file> ») (call inside mutate, with the plan made from that transaction's notes). */
export async function recordAttendance(db: Db, at: Date, file: string, lines: readonly AttendanceWrite[], plan: AbsencePlan): Promise<void> {
  const when = at.toISOString();
  await bulkWrite(db, ATTENDANCE, lines.map((l) => [l.numero, l.epreuve, l.statut, l.heure ?? null, l.late ? 1 : 0, l.observation ?? null, file, when]));
  await applyAbsencePlan(db, at, `${ATTENDANCE_SOURCE}:${file}`, plan);
}

/** Notes and their audit for a plan (note_audit.new_value is NOT NULL: '' means « no note any more », as conformity does). */
export async function applyAbsencePlan(db: Db, at: Date, source: string, plan: Pick<AbsencePlan, 'writes' | 'withdrawals'>): Promise<void> {
  const when = at.toISOString();
  for (const w of plan.withdrawals) await db.deleteFrom('notes').where('numero', '=', w.numero).where('unite', '=', w.unite).execute();
  await bulkWrite(db, NOTES, plan.writes.map((w) => [w.numero, w.unite, w.value, source, when]));
  await bulkWrite(db, NOTE_AUDIT, [
    ...plan.writes.map((w) => [w.numero, w.unite, w.old ?? null, w.value, when, source, w.motif]),
    ...plan.withdrawals.map((w) => [w.numero, w.unite, w.old, '', when, source, 'présent selon le PV de salle : code retiré']),
  ]);
}

export async function recordJustification(db: Db, at: Date, numero: string, epreuve: string, motif: string): Promise<void> {
  await db.updateTable('attendance').set({ justification: motif, justified_at: at.toISOString() }).where('numero', '=', numero).where('epreuve', '=', epreuve).execute();
}

/** numero → épreuve → justification motif, for every justified absence. */
export async function justifications(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('attendance').select(['numero', 'epreuve', 'justification']).where('justification', 'is not', null).execute();
  return new Map(rows.map((r) => [`${r.numero}\u0000${r.epreuve}`, r.justification!]));
}
