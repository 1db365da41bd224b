// candidateCounts and resultCounts (src/store/statistics.ts), on the engine of the run: the inscrits counted by the
// facts `ccst stats` groups them by (presence from the notes, written centre, decision), the results by their
// summary columns (migration 013) — every candidate counted once, a result without inscrit not at all. And migration
// 013's fill of results stored before it, from their details.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace, engineOf, type Workspace } from '../../src/store/workspace.js';
import { candidateCounts, resultCounts } from '../../src/store/statistics.js';
import { writeResults } from '../../src/store/deliberation.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { resultFacts } from '../../src/domain/statistics/session.js';
import { workspaceFor } from '../helpers/engine.js';

let dir: string;
let ws: Workspace;

const detail = (moyenne: string | null, first: string | null, controle: [string, string][] = []) => ({
  moyenne,
  premiereDecision: first ? { decision: first as 'CONTROLE' } : null,
  controle: controle.map(([premiere, retenue]) => ({ unite: 'U1', premiere, controle: retenue, retenue })),
});

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-stats-counts-'));
  ws = await openWorkspace(workspaceFor(dir), { create: true });
  const at = '2024-01-01T00:00:00Z';
  await ws.db.insertInto('centres').values([
    { uai: '0310001A', type: 'ecrit', nom: 'Centre A' },
    { uai: '0310002B', type: 'ecrit', nom: 'Centre B' },
    { uai: '0310003C', type: 'oral', nom: 'Oral C' },
  ].map((c) => ({ ...c, academie: 'TOULOUSE', epreuves: '', capacite: 10, zone: 'A' })) as never).execute();
  for (const [numero, etab, centres] of [
    ['1001', '0310028M', ['0310002B', '0310001A']], // split over two written centres: the first in UAI order
    ['1002', '0310028M', ['0310001A']],
    ['1003', '0310028M', ['0310003C']], // an oral centre only: no written centre
    ['1004', null, []],
    ['1005', '0310028M', ['0310001A']],
  ] as const) {
    await ws.db.insertInto('candidates').values({ numero, nom: 'N', prenom: 'P', academie: 'TOULOUSE', voie: 'scolaire_public', etablissement_uai: etab, etablissement: etab ? 'LYC' : null, created_at: at, updated_at: at } as never).execute();
    for (const [i, uai] of centres.entries()) await ws.db.insertInto('assignments').values({ numero, epreuve: `E${i + 1}`, centre_uai: uai } as never).execute();
    await ws.db.insertInto('notes').values({ numero, unite: 'U1', value: numero === '1004' ? 'ABS' : '12', source: 'n.csv', updated_at: at }).execute();
  }
  await writeResults(ws.db, new Date(at), [
    { numero: '1001', decision: 'ADMIS', detail: detail('12,34', null) },
    { numero: '1002', decision: 'ADMIS', detail: detail('10,05', 'CONTROLE', [['7', '12'], ['9,5', '9,5']]) },
    { numero: '1005', decision: 'ADMIS', detail: detail('12,34', null) },
    { numero: '1004', decision: 'INCOMPLET', detail: detail(null, null) },
    { numero: '9999', decision: 'ADMIS', detail: detail('15', null) }, // no such inscrit: not counted
  ]);
});

afterAll(async () => {
  await ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const byKey = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();

describe('candidateCounts', () => {
  it('every inscrit counted once by établissement, written centre, presence and decision', async () => {
    const rows = await candidateCounts(ws.db);
    const base = { academie: 'TOULOUSE', voie: 'scolaire_public', etablissementUai: '0310028M', etablissement: 'LYC' };
    expect(byKey(rows)).toEqual(byKey([
      { ...base, centreUai: '0310001A', present: 1, decision: 'ADMIS', n: 3 },
      { ...base, centreUai: null, present: 1, decision: null, n: 1 },
      { ...base, etablissementUai: null, etablissement: null, centreUai: null, present: 0, decision: 'INCOMPLET', n: 1 },
    ]));
  });
});

describe('resultCounts', () => {
  it('results of inscrits by decision and the summary columns writeResults stored', async () => {
    expect(byKey(await resultCounts(ws.db))).toEqual(byKey([
      { decision: 'ADMIS', moyenneH: 1234, firstDecision: null, controleRaised: 0, n: 2 },
      { decision: 'ADMIS', moyenneH: 1005, firstDecision: 'CONTROLE', controleRaised: 1, n: 1 },
      { decision: 'INCOMPLET', moyenneH: null, firstDecision: null, controleRaised: 0, n: 1 },
    ]));
  });

  it('migration 013 fills results stored before it from their details, as writeResults does', async () => {
    const summary = () => ws.db.selectFrom('results').select(['numero', 'moyenne_h', 'first_decision', 'controle_raised']).orderBy('numero').execute();
    const written = await summary();
    expect(written.find((r) => r.numero === '1002')).toEqual({ numero: '1002', moyenne_h: 1005, first_decision: 'CONTROLE', controle_raised: 1 });
    // Results as an older ccst left them (no summary), then the fill of migration 013 alone.
    await ws.db.updateTable('results').set({ moyenne_h: null, first_decision: null, controle_raised: 0 }).execute();
    const migration = MIGRATIONS.find((m) => m.name === '013-results-summary')!;
    await ws.db.schema.dropIndex('results_summary').execute();
    for (const c of ['moyenne_h', 'first_decision', 'controle_raised']) await ws.db.schema.alterTable('results').dropColumn(c).execute();
    await migration.up(ws.db as never, engineOf(ws.db));
    expect(await summary()).toEqual(written);
    const details = await ws.db.selectFrom('results').select(['numero', 'detail']).orderBy('numero').execute();
    expect((await summary()).map((r) => ({ moyenneH: r.moyenne_h, firstDecision: r.first_decision, controleRaised: r.controle_raised }))).toEqual(details.map((d) => resultFacts(d.detail)));
  });
});
