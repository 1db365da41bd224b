import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { auditLog, mutate, openWorkspace, osAgent, resolveWorkspacePath, schemaVersion, WorkspaceMissingError } from '../../src/store/workspace.js';
import { getCandidate, listCandidates, upsertCandidates } from '../../src/store/candidates.js';
import type { Candidate } from '../../src/domain/candidate.js';
import { workspaceFor } from '../helpers/engine.js';

const tmp = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-ws-')), 'ccst.db');
/** The run's engine: a SQLite file, or a fresh PostgreSQL database in the « postgres » project. */
const target = () => workspaceFor(fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-ws-')));
const cand = (numero: string, nom: string): Candidate => ({
  numero, nom, prenom: 'Léa', academie: 'TOULOUSE', voie: 'scolaire_public', langue: 'anglais', ef2: false, ef3: false,
  dispenses: ['U1'], benefices: [{ unite: 'U4', note: 1250, session: 2023 }], etablissementUai: '0310028M',
});

describe('workspace', () => {
  it('resolves --workspace over CCST_WORKSPACE over ./ccst.db; a PostgreSQL URL is kept as it is', () => {
    expect(resolveWorkspacePath('/w', 'x.db', '/e.db')).toBe('/w/x.db');
    expect(resolveWorkspacePath('/w', undefined, '/e.db')).toBe('/e.db');
    expect(resolveWorkspacePath('/w')).toBe('/w/ccst.db');
    expect(resolveWorkspacePath('/w', undefined, 'postgres://agent@db.local:5432/ccst_2025')).toBe('postgres://agent@db.local:5432/ccst_2025');
    expect(resolveWorkspacePath('/w', 'postgresql://db.local/ccst')).toBe('postgresql://db.local/ccst');
  });

  it('creates with mode 0600 and applies every migration; refuses to open a missing file', async () => {
    const file = tmp();
    await expect(openWorkspace(file, { create: false })).rejects.toThrow(WorkspaceMissingError);
    const ws = await openWorkspace(file, { create: true });
    expect(ws.engine).toBe('sqlite');
    expect(await schemaVersion(ws.db)).toBe(MIGRATIONS.length);
    await ws.close();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = await openWorkspace(file, { create: false });
    expect(await schemaVersion(again.db)).toBe(MIGRATIONS.length);
    await again.close();
  });

  it('mutate is all or nothing: a failure inside rolls back the data and the audit row; the audit names the agent', async () => {
    const ws = await openWorkspace(target(), { create: true });
    const now = new Date('2024-03-01T00:00:00Z');
    await mutate(ws, 'import', now, async (db) => {
      await upsertCandidates(db, now, [cand('1', 'Martin')]);
      return { result: 1, detail: { created: 1 } };
    });
    await expect(
      mutate(ws, 'import', now, async (db) => {
        await upsertCandidates(db, now, [cand('2', 'Durand')]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await listCandidates(ws.db)).map((c) => c.numero)).toEqual(['1']);
    expect((await auditLog(ws.db)).map((a) => [a.command, JSON.parse(a.detail), a.agent])).toEqual([['import', { created: 1 }, ws.engine === 'postgres' ? new URL(process.env.CCST_TEST_PG_URL!).username : osAgent()]]);
    await ws.close();
  });

  it('a candidate round-trips through the table, and upsert updates in place', async () => {
    const ws = await openWorkspace(target(), { create: true });
    const now = new Date();
    await upsertCandidates(ws.db, now, [cand('7', 'Ødegård')]);
    await upsertCandidates(ws.db, now, [{ ...cand('7', 'Nguyễn'), ef1: 'espagnol', tempsMajore: '1/3' }]);
    expect(await getCandidate(ws.db, '7')).toEqual({ ...cand('7', 'Nguyễn'), ef1: 'espagnol', tempsMajore: '1/3' });
    await ws.close();
  });

  it('a read-only workspace opens for reading; a write through it is refused by SQLite', async () => {
    const file = tmp();
    await (await openWorkspace(file, { create: true })).close();
    const ro = await openWorkspace(file, { create: false, readonly: true });
    expect(await listCandidates(ro.db)).toEqual([]);
    await expect(mutate(ro, 'import', new Date(), async (db) => {
      await upsertCandidates(db, new Date(), [cand('1', 'Martin')]);
      return { result: undefined, detail: {} };
    })).rejects.toThrow(/readonly|read-only/i);
    await ro.close();
  });
});
