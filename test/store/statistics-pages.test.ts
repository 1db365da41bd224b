// candidateStatsPages (src/store/statistics.ts), on the engine of the run: every candidate once, in numero order,
// across keyset pages (a page size that does not divide the count), each with its result and presence.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../src/store/workspace.js';
import { candidateStatsPages } from '../../src/store/statistics.js';
import { workspaceFor } from '../helpers/engine.js';

let dir: string;
let ws: Workspace;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-stats-pages-'));
  ws = await openWorkspace(workspaceFor(dir), { create: true });
  const at = '2024-01-01T00:00:00Z';
  // Inserted out of numero order: the pages follow the key, not the insertion.
  for (const numero of ['1007', '1001', '1005', '1003', '1002', '1006', '1004']) {
    await ws.db.insertInto('candidates').values({ numero, nom: 'N', prenom: 'P', academie: 'TOULOUSE', voie: 'scolaire_public', etablissement_uai: null, etablissement: null, created_at: at, updated_at: at } as never).execute();
    await ws.db.insertInto('notes').values({ numero, unite: 'U1', value: numero === '1004' ? 'ABS' : '12', source: 'n.csv', updated_at: at }).execute();
    if (numero !== '1006') await ws.db.insertInto('results').values({ numero, decision: 'ADMIS', detail: `{"n":${numero}}`, deliberated_at: at }).execute();
  }
});

afterAll(async () => {
  await ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('candidateStatsPages', () => {
  it('every candidate once, in numero order, over pages of 3', async () => {
    const pages: { numero: string; present: number; decision: string | null; detail: string | null }[][] = [];
    for await (const p of candidateStatsPages(ws.db, 3)) pages.push(p);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    const rows = pages.flat();
    expect(rows.map((r) => r.numero)).toEqual(['1001', '1002', '1003', '1004', '1005', '1006', '1007']);
    expect(rows.find((r) => r.numero === '1004')!.present).toBe(0); // ABS only: not present
    expect(rows.find((r) => r.numero === '1006')).toMatchObject({ present: 1, decision: null, detail: null });
    expect(rows.find((r) => r.numero === '1007')).toMatchObject({ present: 1, decision: 'ADMIS', detail: '{"n":1007}' });
  });
});
