// The store of anonymous copies and lots (issue #13 §3), on both engines: the session secret drawn once, numbers kept,
// the copies' établissement and correcting académie, lots replaced per épreuve with their order, the correspondence.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mutate, openWorkspace, type Workspace } from '../../src/store/workspace.js';
import {
  copiesForLots, copyCount, correspondence, createAnonymitySecret, insertIssued, issuedNumbers, presenceGroups, readAnonymitySecret,
  replaceLots, storedLots,
} from '../../src/store/copies.js';
import { listCandidates, upsertCandidates } from '../../src/store/candidates.js';
import { cand, REG } from '../helpers/assignment-builders.js';
import type { PlannedLot } from '../../src/domain/examiners/lots-stable.js';
import { presence, presenceByGroups } from '../../src/domain/examiners/written-copies.js';
import { findUnit } from '../../src/domain/regulation/units.js';
import { onPostgres, workspaceFor } from '../helpers/engine.js';

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.close();
  ws = undefined;
});

const AT = '2024-01-01T00:00:00Z';
async function workspace(): Promise<Workspace> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-copies-store-'));
  ws = await openWorkspace(workspaceFor(dir), { create: true });
  for (const [numero, uai, academie] of [['1', '0310028M', 'TOULOUSE'], ['2', null, 'TOULOUSE'], ['3', '0311177L', 'MONTPELLIER']] as const) {
    await ws.db.insertInto('candidates').values({ numero, nom: `NOM${numero}`, prenom: 'P', academie, voie: 'scolaire_public', etablissement_uai: uai, etablissement: 'LYC', created_at: AT, updated_at: AT } as never).execute();
  }
  for (const [uai, type, academie] of [['0310044E', 'ecrit', 'TOULOUSE'], ['0310044E', 'oral', 'LIMOGES'], ['0340001A', 'ecrit', 'LIMOGES']] as const) {
    await ws.db.insertInto('centres').values({ uai, type, nom: uai, academie, epreuves: 'E5', capacite: 10, dates: '', langues: '', origines: '', zone: 'metropole' } as never).execute();
  }
  await ws.db.insertInto('assignments').values([
    { numero: '1', epreuve: 'E5', centre_uai: '0310044E', pinned: 0 },
    { numero: '3', epreuve: 'E5', centre_uai: '0340001A', pinned: 0 },
    { numero: '2', epreuve: 'E4', centre_uai: '0310044E', pinned: 0 },
  ]).execute();
  return ws;
}

const lot = (name: string, number: number, anonymats: string[], o: Partial<PlannedLot> = {}): PlannedLot => ({
  name, epreuve: 'E5', academie: 'TOULOUSE', correcteur: 'a@x.fr', number, pinned: false, kept: false, anonymats, ...o,
});

describe('anonymity secret', () => {
  it('drawn once (32 bytes), read back; a second draw fails and changes nothing', async () => {
    const w = await workspace();
    expect(await readAnonymitySecret(w.db)).toBeUndefined();
    const s = await mutate(w, 'test', new Date(AT), async (trx) => ({ result: await createAnonymitySecret(trx), detail: {} }));
    expect(s.length).toBe(32);
    expect(Buffer.from(await readAnonymitySecret(w.db) as Uint8Array).equals(Buffer.from(s))).toBe(true);
    await expect(mutate(w, 'test', new Date(AT), async (trx) => ({ result: await createAnonymitySecret(trx), detail: {} }))).rejects.toThrow();
    expect(Buffer.from(await readAnonymitySecret(w.db) as Uint8Array).equals(Buffer.from(s))).toBe(true);
  });
});

describe('copies', () => {
  it('issued numbers are stored and read back; a number is unique in the session', async () => {
    const w = await workspace();
    await insertIssued(w.db, new Date(AT), [{ numero: '1', epreuve: 'E5', anonymat: '00000001B' }, { numero: '3', epreuve: 'E5', anonymat: '00000002C' }]);
    expect((await issuedNumbers(w.db)).sort((a, b) => a.anonymat.localeCompare(b.anonymat))).toEqual([
      { numero: '1', epreuve: 'E5', anonymat: '00000001B' }, { numero: '3', epreuve: 'E5', anonymat: '00000002C' },
    ]);
    expect(await copyCount(w.db, 'E5')).toBe(2);
    await expect(insertIssued(w.db, new Date(AT), [{ numero: '2', epreuve: 'E3', anonymat: '00000001B' }])).rejects.toThrow();
  });

  it('stored in numéro order whatever the order given (the order copiesForLots walks them in)', async () => {
    const w = await workspace();
    await insertIssued(w.db, new Date(AT), [
      { numero: '3', epreuve: 'E5', anonymat: '00000001B' }, { numero: '1', epreuve: 'E5', anonymat: '00000002C' }, { numero: '2', epreuve: 'E3', anonymat: '00000003D' },
      { numero: '2', epreuve: 'E1', anonymat: '00000004E' },
    ]);
    // Table order without ORDER BY: SQLite returns the rows as stored (PostgreSQL promises nothing: SQLite only).
    if (!onPostgres) expect((await w.db.selectFrom('copies').select(['numero', 'epreuve']).execute()).map((r) => `${r.numero} ${r.epreuve}`)).toEqual(['1 E5', '2 E1', '2 E3', '3 E5']);
    expect(await copyCount(w.db, 'E5')).toBe(2);
  });

  it('for lots: the candidate’s établissement, the académie of the written centre (else the candidate’s), orphans', async () => {
    const w = await workspace();
    await insertIssued(w.db, new Date(AT), [
      { numero: '1', epreuve: 'E5', anonymat: '00000001B' }, { numero: '2', epreuve: 'E5', anonymat: '00000003D' },
      { numero: '3', epreuve: 'E5', anonymat: '00000002C' }, { numero: '9', epreuve: 'E5', anonymat: '00000004E' },
    ]);
    // By établissement (none first), académie, then number: the order makeLots cuts lots in.
    expect(await copiesForLots(w.db, 'E5')).toEqual([
      { anonymat: '00000004E', academie: '', orphan: true },
      { anonymat: '00000003D', academie: 'TOULOUSE', orphan: false },
      { anonymat: '00000001B', etablissementUai: '0310028M', academie: 'TOULOUSE', orphan: false },
      { anonymat: '00000002C', etablissementUai: '0311177L', academie: 'LIMOGES', orphan: false },
    ]);
  });

  it('for lots: many copies of one établissement come back sorted by number, none lost', async () => {
    const w = await workspace();
    const numbers = Array.from({ length: 300 }, (_, i) => ({ numero: '1', epreuve: `X${i}`, anonymat: String((i * 7919) % 100_000_000).padStart(8, '0') + 'A' }));
    // In a transaction, as the commands write (each row of insertRows would otherwise be its own commit on SQLite).
    await w.db.transaction().execute((trx) => insertIssued(trx, new Date(AT), numbers.map((n) => ({ ...n, epreuve: 'E5', numero: `1${n.epreuve}` }))));
    const got = await copiesForLots(w.db, 'E5');
    expect(got.map((c) => c.anonymat)).toEqual(numbers.map((n) => n.anonymat).sort());
    expect(new Set(got.map((c) => c.orphan))).toEqual(new Set([true]));
  });
});

describe('presenceGroups (the grouped read behind copies anonymise)', () => {
  it('gives the presence of the per-candidate rule: every candidate read, placed only in a written centre for that épreuve', async () => {
    const w = await workspace();
    // Candidates 1 and 3 are placed for E5 (written centres); 2 only for E4 (0310044E is written and oral). 7–12 vary
    // what decides the units: dispense, bénéfice, facultative units, voie (E5 written in every column), none placed
    // but 7, 9 and 12; 9 is placed and dispensed (stale).
    await upsertCandidates(w.db, new Date(AT), [
      cand('7', { dispenses: ['U3'], dispenseGrounds: { U3: 'diplome' }, ef1: 'espagnol', ef3: true, codePostal: '31000' }),
      cand('8', { voie: 'candidat_individuel', etablissementUai: undefined, langue: undefined }),
      cand('9', { dispenses: ['U5'], benefices: [{ unite: 'U3', note: 1250, session: 2022 }] }),
      cand('10', { benefices: [{ unite: 'U5', note: 1250, session: 2022 }] }),
      cand('11', { ef2: true }),
      cand('12', { voie: 'candidat_individuel', etablissementUai: undefined }),
    ]);
    await w.db.insertInto('assignments').values(['7', '9', '12'].map((numero) => ({ numero, epreuve: 'E5', centre_uai: '0340001A', pinned: 0 }))).execute();
    const placed = new Set((await w.db.selectFrom('assignments').innerJoin('centres', (j) => j.onRef('centres.uai', '=', 'assignments.centre_uai').on('centres.type', '=', 'ecrit'))
      .select('assignments.numero').where('assignments.epreuve', '=', 'E5').execute()).map((r) => r.numero));
    expect([...placed].sort()).toEqual(['1', '12', '3', '7', '9']);
    for (const e of ['E5', 'E3', 'E1', 'E4']) {
      const unit = findUnit(REG, e)!;
      const reference = presence({ reg: REG, unit, candidates: await listCandidates(w.db), placed: e === 'E5' ? placed : new Set(e === 'E4' ? ['2'] : []) });
      const groups = await presenceGroups(w.db, e);
      expect(presenceByGroups(REG, unit, groups)).toEqual(reference);
      expect(groups.reduce((n, g) => n + g.numeros.length, 0)).toBe(9);
    }
    // 10 keeps E5 by bénéfice: neither present nor unplaced; 9, dispensed of it, is placed: stale.
    expect(presenceByGroups(REG, findUnit(REG, 'E5')!, await presenceGroups(w.db, 'E5'))).toEqual({ present: ['1', '12', '3', '7'], unplaced: ['11', '2', '8'], stale: ['9'] });
  });
});

describe('lots', () => {
  it('replaced per épreuve, copies in their order, kept built_at; another épreuve’s lots untouched', async () => {
    const w = await workspace();
    await replaceLots(w.db, new Date(AT), 'E3', [lot('E3-01', 1, ['00000009K'], { epreuve: 'E3' })]);
    await replaceLots(w.db, new Date(AT), 'E5', [lot('E5-01', 1, ['00000003D', '00000001B']), lot('E5-02', 2, ['00000002C'], { pinned: true })]);
    const later = new Date('2024-02-01T00:00:00Z');
    const first = await storedLots(w.db, 'E5');
    expect(first.map((l) => [l.name, l.anonymats, l.pinned, l.builtAt])).toEqual([
      ['E5-01', ['00000003D', '00000001B'], false, '2024-01-01T00:00:00.000Z'], ['E5-02', ['00000002C'], true, '2024-01-01T00:00:00.000Z'],
    ]);
    await replaceLots(w.db, later, 'E5', [{ ...first[1]!, kept: true }, lot('E5-03', 3, ['00000001B', '00000003D'], { correcteur: 'b@x.fr' })]);
    expect((await storedLots(w.db, 'E5')).map((l) => [l.name, l.correcteur, l.number, l.anonymats, l.builtAt])).toEqual([
      ['E5-02', 'a@x.fr', 2, ['00000002C'], '2024-01-01T00:00:00.000Z'],
      ['E5-03', 'b@x.fr', 3, ['00000001B', '00000003D'], '2024-02-01T00:00:00.000Z'],
    ]);
    expect((await storedLots(w.db, 'E3')).map((l) => [l.name, l.anonymats])).toEqual([['E3-01', ['00000009K']]]);
  });

  it('the correspondence: number, numéro, name, établissement, lot', async () => {
    const w = await workspace();
    await insertIssued(w.db, new Date(AT), [{ numero: '1', epreuve: 'E5', anonymat: '00000001B' }, { numero: '2', epreuve: 'E5', anonymat: '00000003D' }, { numero: '1', epreuve: 'E3', anonymat: '00000007H' }]);
    await replaceLots(w.db, new Date(AT), 'E5', [lot('E5-01', 1, ['00000001B'])]);
    expect(await correspondence(w.db, 'E5')).toEqual([
      { anonymat: '00000001B', numero: '1', nom: 'NOM1', prenom: 'P', etablissementUai: '0310028M', lot: 'E5-01' },
      { anonymat: '00000003D', numero: '2', nom: 'NOM2', prenom: 'P', etablissementUai: null, lot: null },
    ]);
  });
});
