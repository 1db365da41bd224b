// The attendance and incidents tables (migration 012) on the engine of the run (SQLite; PostgreSQL in the « postgres »
// project): a PV line upserted keeps its justification, the ABS/ABJ notes carry their audit, incidents get ids and close.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../src/store/workspace.js';
import { applyAbsencePlan, attendanceOf, justifications, notesOfCandidates, recordAttendance, recordJustification } from '../../src/store/attendance.js';
import { addIncident, applyVoidPlan, closeIncident, getIncident, listIncidents } from '../../src/store/incidents.js';
import { planAbsenceNotes } from '../../src/domain/attendance/absence-notes.js';
import { noteAudit, writeNotes } from '../../src/store/deliberation.js';
import { workspaceFor } from '../helpers/engine.js';

let dir: string;
let ws: Workspace;
const at = new Date('2023-05-17T16:00:00Z');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-attend-'));
  ws = await openWorkspace(workspaceFor(dir), { create: true });
});
afterAll(async () => {
  await ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('attendance store', () => {
  it('records the PV lines and the ABS notes with their audit; a justification survives a re-import', async () => {
    const line = { numero: '0231000002', epreuve: 'E5', statut: 'absent', late: false, observation: 'Élodie « absente »' };
    const plan = planAbsenceNotes([{ numero: line.numero, epreuve: 'E5', unite: 'U5', statut: 'absent' }], () => undefined);
    await ws.db.transaction().execute((trx) => recordAttendance(trx, at, 'pv-salle.csv', [line, { numero: '0231000003', epreuve: 'E5', statut: 'retard', heure: '15:45', late: true }], plan));
    expect(await attendanceOf(ws.db, '0231000003', 'E5')).toMatchObject({ statut: 'retard', heure: '15:45', late: 1, source: 'pv-salle.csv' });
    const notes = await notesOfCandidates(ws.db, ['0231000002']);
    expect(notes.get('0231000002\u0000U5')).toEqual({ value: 'ABS', source: 'presence:pv-salle.csv' });

    await recordJustification(ws.db, at, '0231000002', 'E5', 'certificat médical');
    const justified = await justifications(ws.db);
    expect(justified.get('0231000002\u0000E5')).toBe('certificat médical');
    const abj = planAbsenceNotes([{ numero: '0231000002', epreuve: 'E5', unite: 'U5', statut: 'absent', justification: 'certificat médical' }], (n, u) => notes.get(`${n}\u0000${u}`));
    await applyAbsencePlan(ws.db, at, 'presence:justification', abj);
    // The same PV imported again: the line is replaced, the justification kept.
    await ws.db.transaction().execute((trx) => recordAttendance(trx, at, 'pv-salle.csv', [line], { writes: [], withdrawals: [], unchanged: 1, conflicts: [] }));
    expect((await attendanceOf(ws.db, '0231000002', 'E5'))?.justification).toBe('certificat médical');
    expect((await noteAudit(ws.db, '0231000002')).map((a) => `${a.old_value ?? ''}→${a.new_value} ${a.source} ${a.motif}`)).toEqual([
      '→ABS presence:pv-salle.csv absent à E5 (PV de salle)',
      'ABS→ABJ presence:justification absence justifiée : certificat médical',
    ]);
  });
  it('withdraws a code when a corrected PV says present (audited, note removed)', async () => {
    const stored = await notesOfCandidates(ws.db, ['0231000002']);
    const plan = planAbsenceNotes([{ numero: '0231000002', epreuve: 'E5', unite: 'U5', statut: 'present' }], (n, u) => stored.get(`${n}\u0000${u}`));
    await applyAbsencePlan(ws.db, at, 'presence:pv-corrige.csv', plan);
    expect((await notesOfCandidates(ws.db, ['0231000002'])).size).toBe(0);
    expect((await noteAudit(ws.db, '0231000002')).at(-1)).toMatchObject({ old_value: 'ABJ', new_value: '' });
  });
});

describe('incidents store', () => {
  it('numbers incidents, keeps their text exactly and closes them', async () => {
    const a = await addIncident(ws.db, at, { numero: '1', epreuve: 'E5', heure: '15:10', faits: 'téléphone « allumé » ; l’écran photographié', pieces: 'téléphone', fraude: true, salle: 'B12', centreUai: '0310044E' });
    const b = await addIncident(ws.db, at, { numero: '2', epreuve: 'E1', heure: '14:40', faits: 'malaise', fraude: false });
    expect(b).toBe(a + 1);
    await closeIncident(ws.db, at, a, 'fraude non établie', 'aucune_sanction');
    expect(await getIncident(ws.db, a)).toMatchObject({ fraude: true, faits: 'téléphone « allumé » ; l’écran photographié', salle: 'B12', effet: 'aucune_sanction', closedAt: at.toISOString() });
    expect((await listIncidents(ws.db)).map((i) => [i.id, i.fraude, i.closedAt === undefined])).toEqual([[a, true, false], [b, false, true]]);
  });
  it('a decision that voids notes writes NUL with its source and audits the old value (both engines)', async () => {
    await writeNotes(ws.db, at, [{ numero: '7', unite: 'U5', value: '12,75', source: 'notes.csv' }], new Set(), new Map());
    const closedAt = new Date('2023-07-03T10:00:00Z');
    await applyVoidPlan(ws.db, closedAt, 'discipline:incident-9', '7', { writes: [{ unite: 'U5', old: '12,75', value: 'NUL' }, { unite: 'U62', value: 'NUL' }], refused: [] }, 'sanction disciplinaire (incident n° 9)');
    const notes = await notesOfCandidates(ws.db, ['7']);
    expect(notes.get('7\u0000U5')).toEqual({ value: 'NUL', source: 'discipline:incident-9' });
    expect(notes.get('7\u0000U62')).toEqual({ value: 'NUL', source: 'discipline:incident-9' });
    expect((await noteAudit(ws.db, '7')).filter((a) => a.source === 'discipline:incident-9').map((a) => [a.unite, a.old_value, a.new_value, a.motif])).toEqual([
      ['U5', '12,75', 'NUL', 'sanction disciplinaire (incident n° 9)'],
      ['U62', null, 'NUL', 'sanction disciplinaire (incident n° 9)'],
    ]);
  });
});
