import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { auditLog, mutate, openWorkspace, resolveWorkspacePath, schemaVersion, WorkspaceMissingError } from '../../src/store/workspace.js';
import { candidateUpserter, getCandidate, listCandidates } from '../../src/store/candidates.js';
import type { Candidate } from '../../src/domain/candidate.js';

const tmp = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-ws-')), 'ccst.db');
const cand = (numero: string, nom: string): Candidate => ({
  numero, nom, prenom: 'Léa', academie: 'TOULOUSE', voie: 'scolaire_public', langue: 'anglais', ef2: false, ef3: false,
  dispenses: ['U1'], benefices: [{ unite: 'U4', note: 1250, session: 2023 }], etablissementUai: '0310028M',
});

describe('workspace', () => {
  it('resolves --workspace over CCST_WORKSPACE over ./ccst.db', () => {
    expect(resolveWorkspacePath('/w', 'x.db', '/e.db')).toBe('/w/x.db');
    expect(resolveWorkspacePath('/w', undefined, '/e.db')).toBe('/e.db');
    expect(resolveWorkspacePath('/w')).toBe('/w/ccst.db');
  });

  it('creates with mode 0600 and applies every migration; refuses to open a missing file', () => {
    const file = tmp();
    expect(() => openWorkspace(file, { create: false })).toThrow(WorkspaceMissingError);
    const ws = openWorkspace(file, { create: true });
    expect(schemaVersion(ws.db)).toBe(MIGRATIONS.length);
    ws.close();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = openWorkspace(file, { create: false });
    expect(schemaVersion(again.db)).toBe(MIGRATIONS.length);
    again.close();
  });

  it('mutate is all or nothing: a failure inside rolls back the data and the audit row', () => {
    const ws = openWorkspace(tmp(), { create: true });
    const now = new Date('2024-03-01T00:00:00Z');
    mutate(ws, 'import', now, (db) => {
      candidateUpserter(db, now)(cand('1', 'Martin'));
      return { result: 1, detail: { created: 1 } };
    });
    expect(() =>
      mutate(ws, 'import', now, (db) => {
        candidateUpserter(db, now)(cand('2', 'Durand'));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(listCandidates(ws.db).map((c) => c.numero)).toEqual(['1']);
    expect(auditLog(ws.db).map((a) => [a.command, JSON.parse(a.detail)])).toEqual([['import', { created: 1 }]]);
    ws.close();
  });

  it('a candidate round-trips through the table, and upsert updates in place', () => {
    const ws = openWorkspace(tmp(), { create: true });
    const now = new Date();
    const up = candidateUpserter(ws.db, now);
    up(cand('7', 'Ødegård'));
    up({ ...cand('7', 'Nguyễn'), ef1: 'espagnol', tempsMajore: '1/3' });
    expect(getCandidate(ws.db, '7')).toEqual({ ...cand('7', 'Nguyễn'), ef1: 'espagnol', tempsMajore: '1/3' });
    ws.close();
  });
});
