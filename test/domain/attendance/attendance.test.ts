// Attendance rules, one line per case, each naming its source (issue #14 §4).
import { describe, expect, it } from 'vitest';
import { judgeLateness } from '../../../src/domain/attendance/lateness.js';
import { fileCellAgainstAttendance, planAbsenceNotes, type Stored } from '../../../src/domain/attendance/absence-notes.js';
import { parseHeure, validateAttendanceRows, type AttendanceRow } from '../../../src/domain/attendance/rows.js';

const toulouse = { minutes: 60, source: 'circulaire Toulouse 2023 §1.1' };

describe('lateness — circulaire Toulouse 2023 §1.1 « dans la limite de la première heure »', () => {
  it.each([
    ['14:30', '14:30', 'early', 0],
    ['14:20', '14:30', 'early', -10],
    ['15:30', '14:30', 'within', 60], // the limit itself is still « dans la limite »
    ['15:31', '14:30', 'past', 61],
    ['16:00', '14:30', 'past', 90],
  ] as const)('arrival %s for a start at %s → %s (%i min)', (arrival, start, kind, minutes) => {
    const v = judgeLateness(arrival, start, toulouse);
    expect(v.kind).toBe(kind);
    expect('minutes' in v ? v.minutes : undefined).toBe(minutes);
  });
  it('no rule stored (the circulaire nationale sets none): late but not judged', () => {
    expect(judgeLateness('16:00', '14:30', undefined)).toMatchObject({ kind: 'unchecked', reason: expect.stringContaining('--retard-max') });
  });
  it('no written time (an oral): not judged', () => {
    expect(judgeLateness('16:00', undefined, toulouse).kind).toBe('unchecked');
  });
});

describe('ABS / ABJ — D643-24 and circulaire Toulouse 2023 §1.1', () => {
  const at = (m: Record<string, Stored>) => (numero: string, unite: string) => m[`${numero}:${unite}`];
  const absent = { numero: '1', epreuve: 'E5', unite: 'U5', statut: 'absent' as const };
  it.each([
    // [case, stored, justification, expected]
    ['absent, no note → ABS (« absence non justifiée … éliminé »)', undefined, undefined, { write: 'ABS' }],
    ['absent, justification recorded → ABJ (« force majeure … note zéro »)', undefined, 'certificat', { write: 'ABJ' }],
    ['absent, ABS already from the PV → unchanged (idempotent)', { value: 'ABS', source: 'presence:pv.csv' }, undefined, { unchanged: 1 }],
    ['absent, ABS from the PV, now justified → ABJ', { value: 'ABS', source: 'presence:pv.csv' }, 'motif', { write: 'ABJ' }],
    ['absent, ABS typed in a notes file, justified → ABJ', { value: 'ABS', source: 'notes.csv' }, 'motif', { write: 'ABJ' }],
    ['absent, a numeric note → conflict (never replaced silently)', { value: '12,5', source: 'notes.csv' }, undefined, { conflict: '12,5' }],
    ['absent, NV of the conformity → conflict', { value: 'NV', source: 'conformite:d.csv' }, undefined, { conflict: 'NV' }],
    ['absent, ABJ typed by hand without a recorded justification → conflict', { value: 'ABJ', source: 'notes.csv' }, undefined, { conflict: 'ABJ' }],
  ] as const)('%s', (_case, stored, justification, expected) => {
    const plan = planAbsenceNotes([{ ...absent, ...(justification ? { justification } : {}) }], at(stored ? { '1:U5': stored } : {}));
    if ('write' in expected) expect(plan.writes.map((w) => w.value)).toEqual([expected.write]);
    if ('unchanged' in expected) expect([plan.writes.length, plan.unchanged]).toEqual([0, 1]);
    if ('conflict' in expected) expect([plan.writes.length, plan.conflicts[0]?.stored.value]).toEqual([0, expected.conflict]);
  });
  it('present: no code; a code from an earlier PV is withdrawn; a note stays', () => {
    const present = { ...absent, statut: 'present' as const };
    expect(planAbsenceNotes([present], at({}))).toMatchObject({ writes: [], withdrawals: [], unchanged: 1 });
    expect(planAbsenceNotes([present], at({ '1:U5': { value: 'ABS', source: 'presence:pv.csv' } })).withdrawals).toEqual([{ numero: '1', unite: 'U5', old: 'ABS' }]);
    expect(planAbsenceNotes([{ ...present, statut: 'retard' }], at({ '1:U5': { value: '14', source: 'notes.csv' } }))).toMatchObject({ writes: [], withdrawals: [], unchanged: 1 });
  });
  it.each([
    ['ABS', 'ABS', 'same'], ['ABJ', 'ABJ', 'same'], ['ABJ', 'ABS', 'stored'], ['ABS', 'ABJ', 'conflict'], ['ABS', 'note', 'conflict'],
  ] as const)('notes file cell against the PV: stored %s, file %s → %s', (code, kind, verdict) => {
    expect(fileCellAgainstAttendance(code, { kind })).toBe(verdict);
  });
});

describe('PV lines', () => {
  const ctx = {
    epreuves: new Set(['E1', 'E5']),
    candidates: new Map([['1', { exempt: new Set<string>() }], ['2', { exempt: new Set(['U5']) }]]),
    unitOf: (e: string) => e.replace('E', 'U'),
    columnOf: (f: string) => f,
  };
  const row = (n: number, cells: Record<string, string | number | Date>): AttendanceRow => ({ row: n, get: (f) => cells[f] ?? null });
  it.each([
    ['9:05', '09:05'], ['14h30', '14:30'], ['15 h 10', '15:10'], ['15h', '15:00'], [0.625, '15:00'], [new Date(Date.UTC(1899, 11, 30, 14, 45)), '14:45'], ['25:00', undefined], ['midi', undefined],
  ] as const)('heure %s → %s', (raw, expected) => expect(parseHeure(raw)).toBe(expected));
  it('reports every bad line at its row and column, and keeps the good ones', () => {
    const { records, issues } = validateAttendanceRows([
      row(2, { numero: '1', epreuve: 'e5', statut: 'Présent' }),
      row(3, { numero: '9', epreuve: 'E5', statut: 'absent' }),
      row(4, { numero: '1', epreuve: 'E9', statut: 'peut-être' }),
      row(5, { numero: '1', epreuve: 'E1', statut: 'retard' }),
      row(6, { numero: '2', epreuve: 'E5', statut: 'ABS' }),
      row(7, { numero: '1', epreuve: 'E5', statut: 'absent' }),
    ], ctx);
    expect(records).toEqual([{ row: 2, numero: '1', epreuve: 'E5', statut: 'present' }]);
    expect(issues.map((i) => `${i.row}:${i.column}:${i.kind}`)).toEqual(['3:numero:inconnu', '4:epreuve:epreuve', '4:statut:statut', '5:heure:heure', '6:statut:dispense', '7:numero:doublon']);
  });
  it('--epreuve fills a file without the column and is checked against one that has it', () => {
    const r = validateAttendanceRows([row(2, { numero: '1', statut: 'a' }), row(3, { numero: '1', epreuve: 'E1', statut: 'p' })], { ...ctx, epreuve: 'E5' });
    expect(r.records.map((x) => `${x.epreuve}:${x.statut}`)).toEqual(['E5:absent']);
    expect(r.issues[0]).toMatchObject({ row: 3, kind: 'epreuve' });
  });
});
