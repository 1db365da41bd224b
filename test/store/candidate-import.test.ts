// The import writer (store/candidate-import-writer.ts) on the engine of the run (SQLite, or PostgreSQL in the
// « postgres » project): rows put synchronously, written by flush() in batches through the engine's hot path
// (candidate-import-sql.ts), which must store exactly what the query builder's plain version stores.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { beginImport } from '../../src/store/candidate-import-writer.js';
import { insertCandidateRows, plainInsertCandidateRows } from '../../src/store/candidate-import-sql.js';
import { toRow, listCandidates } from '../../src/store/candidates.js';
import { auditLog, mutate, openWorkspace, type Workspace } from '../../src/store/workspace.js';
import type { Candidate } from '../../src/domain/candidate.js';
import { workspaceFor } from '../helpers/engine.js';

const AT = '2024-03-01T00:00:00.000Z';
const cand = (i: number, over: Partial<Candidate> = {}): Candidate => ({
  numero: String(240000000 + i).padStart(10, '0'), nom: i % 3 ? 'NGUYỄN' : 'ØDEGÅRD', prenom: i % 2 ? 'Đức' : 'Élodie', academie: 'TOULOUSE',
  voie: 'scolaire_public', langue: i % 5 ? 'anglais' : '', ef2: i % 7 === 0, ef3: false, dispenses: i % 4 ? [] : ['U1'],
  benefices: i % 6 ? [] : [{ unite: 'U4', note: 1250, session: 2023 }], etablissementUai: i % 9 ? '0310028M' : undefined,
  etablissement: i % 9 ? 'Lycée Déodat de Séverac' : undefined, email: i % 2 ? `c${i}@exemple.fr` : undefined, ...over,
});

async function fresh(): Promise<Workspace> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-imp-'));
  return openWorkspace(workspaceFor(dir), { create: true });
}

async function stored(ws: Workspace) {
  return ws.db.selectFrom('candidates').selectAll().orderBy('numero').execute();
}

async function importAll(ws: Workspace, list: Candidate[], opts: { presentFields?: string[]; batch?: number } = {}) {
  const w = await beginImport(ws.db, { at: AT, agent: 'test', presentFields: opts.presentFields });
  for (const [i, c] of list.entries()) {
    w.put(i + 2, c);
    if ((i + 1) % (opts.batch ?? 500) === 0) await w.flush();
  }
  const outcome = await w.outcome();
  await w.commit('import', AT, { n: list.length });
  return outcome;
}

describe('import writer (issue #12 §1)', () => {
  it('the engine hot path stores exactly what the plain query builder stores (2,500 rows, several batches)', async () => {
    // Odd text every 11th row: what the driver's array literal escaped and the binary arrays carry as they are.
    const odd = (i: number): Partial<Candidate> => ({
      nom: `D'ARTAGNAN "le" \\ {${i}}, NULL`, prenom: '😀 e\u0301 مرحبا', adresse: i % 2 ? 'é'.repeat(50_000) : '', commune: "L'Isle-Jourdain",
    });
    const list = Array.from({ length: 2500 }, (_, i) => cand(i, i % 11 === 0 ? odd(i) : {}));
    const fields = Object.keys(toRow(list[0]!)) as (keyof ReturnType<typeof toRow>)[];
    const [a, b] = [await fresh(), await fresh()];
    try {
      for (const [ws, insert] of [[a, insertCandidateRows], [b, plainInsertCandidateRows]] as const) {
        await mutate(ws, 'test', new Date(AT), async (trx) => {
          await insert(trx, fields, list.map(toRow), AT);
          return { result: undefined, detail: {} };
        });
      }
      const [sa, sb] = [await stored(a), await stored(b)];
      expect(sa.length).toBe(2500);
      expect(sa).toEqual(sb);
      expect((await listCandidates(a.db)).find((c) => c.numero === list[6]!.numero)).toEqual(list[6]);
      expect((await listCandidates(a.db)).find((c) => c.numero === list[11]!.numero)).toEqual(list[11]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('counts created / unchanged / updated across batches; a re-import without a column keeps it', async () => {
    const ws = await fresh();
    try {
      const list = Array.from({ length: 1200 }, (_, i) => cand(i));
      expect((await importAll(ws, list, { batch: 500 })).created).toBe(1200);
      const changed = list.map((c, i) => (i % 100 === 0 ? { ...c, nom: 'MARTIN', dispenses: [] } : c));
      const present = ['numero', 'nom', 'prenom', 'academie', 'voie', 'langue', 'etablissement_uai', 'etablissement', 'email', 'ef1', 'ef2', 'ef3', 'benefices'];
      const out = await importAll(ws, changed, { presentFields: present, batch: 300 });
      expect([out.created, out.updated.length, out.unchanged]).toEqual([0, 12, 1188]);
      const c0 = (await listCandidates(ws.db)).find((c) => c.numero === list[0]!.numero)!;
      expect([c0.nom, c0.dispenses]).toEqual(['MARTIN', ['U1']]); // no dispenses column: the stored ones stay
      expect((await auditLog(ws.db)).map((a) => [a.command, a.agent])).toEqual([['import', 'test'], ['import', 'test']]);
    } finally {
      await ws.close();
    }
  });

  it('a retracted put is undone whether still buffered or already written, and an update is restored exactly', async () => {
    const ws = await fresh();
    try {
      await importAll(ws, [cand(1)]);
      const before = await stored(ws);
      const w = await beginImport(ws.db, { at: '2024-04-01T00:00:00.000Z', agent: 'test' });
      w.put(2, { ...cand(1), nom: 'CHANGÉ' });
      w.put(3, cand(2));
      await w.flush(); // both written
      w.put(4, cand(3));
      w.retract(cand(1).numero); // written update: restored with its old updated_at
      w.retract(cand(3).numero); // still buffered: written then removed
      const out = await w.outcome();
      await w.commit('import', AT, {});
      expect([out.created, out.updated.length, out.unchanged]).toEqual([1, 0, 0]);
      const after = await stored(ws);
      expect(after.map((r) => r.numero)).toEqual([cand(1).numero, cand(2).numero]);
      expect(after[0]).toEqual(before[0]);
    } finally {
      await ws.close();
    }
  });

  it('a rollback leaves the workspace as it was, audit included', async () => {
    const ws = await fresh();
    try {
      const w = await beginImport(ws.db, { at: AT, agent: 'test' });
      for (let i = 0; i < 700; i++) w.put(i + 2, cand(i));
      await w.flush();
      await w.rollback();
      expect(await stored(ws)).toEqual([]);
      expect(await auditLog(ws.db)).toEqual([]);
    } finally {
      await ws.close();
    }
  });

  it('a numéro that lost its leading zeros is its stored twin only when the zero-less one is not stored', async () => {
    const ws = await fresh();
    try {
      await importAll(ws, [cand(1, { numero: '0231000001' }), cand(2, { numero: '0231000002' }), cand(3, { numero: '231000002' })]);
      const w = await beginImport(ws.db, { at: AT, agent: 'test' });
      expect(w.zeroPaddedTwin('231000001')).toBe('0231000001');
      expect(w.zeroPaddedTwin('231000002')).toBeUndefined();
      expect(w.zeroPaddedTwin('0231000001')).toBeUndefined();
      await w.rollback();
    } finally {
      await ws.close();
    }
  });
});
