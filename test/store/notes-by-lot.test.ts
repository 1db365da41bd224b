// The reads of `ccst notes import` and `ccst notes status` (store/notes-by-lot.ts), on both engines: a copy by its
// anonymity number with its lot (or none), lots by name, the stored notes of some candidates — past one IN (…) list.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../src/store/workspace.js';
import { allCopies, candidateUnitGroups, copiesByAnonymat, inscriptionsOf, lotsByName, lotsWithNotes, noteValuesByUnit, storedNotesOf } from '../../src/store/notes-by-lot.js';
import { formatAnonymat } from '../../src/domain/examiners/anonymity.js';
import { workspaceFor } from '../helpers/engine.js';

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.close();
  ws = undefined;
});

const AT = '2024-05-01T00:00:00Z';
const A1 = formatAnonymat(31_415_926);
const A2 = formatAnonymat(27_182_818);

async function workspace(): Promise<Workspace> {
  ws = await openWorkspace(workspaceFor(fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-notes-lot-'))), { create: true });
  await ws.db.insertInto('copies').values([
    { numero: '24001', epreuve: 'E5', anonymat: A1, issued_at: AT },
    { numero: '24002', epreuve: 'E5', anonymat: A2, issued_at: AT },
  ]).execute();
  await ws.db.insertInto('lots').values({ name: 'E5-01', epreuve: 'E5', academie: 'TOULOUSE', correcteur: 'ada@ac-toulouse.fr', number: 1, pinned: 0, built_at: AT }).execute();
  await ws.db.insertInto('lot_copies').values({ anonymat: A1, lot: 'E5-01', position: 1 }).execute();
  return ws;
}

describe('notes by lot: store reads', () => {
  it('a copy with its lot, a copy in no lot, an unknown number', async () => {
    const w = await workspace();
    const copies = await copiesByAnonymat(w.db, [A1, A2, formatAnonymat(1), A1]);
    expect(copies.size).toBe(2);
    expect(copies.get(A1)).toEqual({ anonymat: A1, numero: '24001', epreuve: 'E5', lot: 'E5-01' });
    expect(copies.get(A2)).toEqual({ anonymat: A2, numero: '24002', epreuve: 'E5', lot: null });
    expect(copies.get(formatAnonymat(1))).toBeUndefined();
  });

  it('lots by name', async () => {
    const w = await workspace();
    expect([...(await lotsByName(w.db, ['E5-01', 'E5-99'])).values()]).toEqual([{ name: 'E5-01', epreuve: 'E5', academie: 'TOULOUSE', correcteur: 'ada@ac-toulouse.fr' }]);
  });

  it('the stored notes of the candidates asked, across several IN lists', async () => {
    const w = await workspace();
    const rows = Array.from({ length: 2500 }, (_, i) => ({ numero: String(100000 + i), unite: i % 2 ? 'U4' : 'U5', value: String(i % 21), source: 'ccf.csv', updated_at: AT }));
    await w.db.insertInto('notes').values(rows.slice(0, 1000)).execute();
    await w.db.insertInto('notes').values(rows.slice(1000)).execute();
    const asked = rows.filter((_, i) => i % 2 === 0).map((r) => r.numero).concat(['nobody']);
    const stored = await storedNotesOf(w.db, asked);
    expect(stored.size).toBe(1250);
    expect(stored.get('100000')).toEqual(new Map([['U5', { value: '0', source: 'ccf.csv' }]]));
    expect(stored.get('102498')?.get('U5')?.value).toBe(String(2498 % 21));
    expect(stored.has('100001')).toBe(false);
  });
});

describe('notes by lot: the reads of an import of every lot', () => {
  it('a copy found in the lots named, and a copy of another lot found by its number', async () => {
    const w = await workspace();
    await w.db.insertInto('lots').values({ name: 'E5-02', epreuve: 'E5', academie: 'TOULOUSE', correcteur: 'bob@ac-toulouse.fr', number: 2, pinned: 0, built_at: AT }).execute();
    await w.db.insertInto('lot_copies').values({ anonymat: A2, lot: 'E5-02', position: 1 }).execute();
    const copies = await copiesByAnonymat(w.db, [A1, A2], ['E5-01', 'E5-01', 'E5-99']);
    expect(copies.get(A1)?.lot).toBe('E5-01');
    expect(copies.get(A2)?.lot).toBe('E5-02');
  });

  it('the inscription of the candidates asked: the unknown ones, the rights of those with dispenses or bénéfices', async () => {
    const w = await workspace();
    const base = { nom: 'N', prenom: 'P', academie: 'TOULOUSE', voie: 'scolaire_public', langue: '', ef2: 0, ef3: 0, created_at: AT, updated_at: AT };
    await w.db.insertInto('candidates').values([
      { ...base, numero: '24001', dispenses: '', benefices: '[]' },
      { ...base, numero: '24002', dispenses: 'U4:vae U61', benefices: JSON.stringify([{ unite: 'U5', note: 1400, session: 2023 }]) },
      { ...base, numero: '24004', dispenses: '', benefices: '' },
      { ...base, numero: '24005', dispenses: 'U3', benefices: '' },
    ]).execute();
    const got = await inscriptionsOf(w.db, ['24001', '24002', '24003', '24001', '24004']);
    expect([...got.unknown]).toEqual(['24003']);
    expect([...got.rights.keys()]).toEqual(['24002']);
    expect(got.rights.get('24002')).toEqual({ numero: '24002', dispenses: ['U4', 'U61'], benefices: [{ unite: 'U5', note: 1400, session: 2023 }] });
  });

  it('copies read in one scan past 20,000 numbers asked: the same copies and lots', async () => {
    const w = await workspace();
    const many = Array.from({ length: 20_000 }, (_, i) => formatAnonymat(50_000_000 + i));
    const few = await copiesByAnonymat(w.db, [A1, A2, formatAnonymat(1)]);
    const scanned = await copiesByAnonymat(w.db, [A1, ...many]);
    expect(scanned.get(A1)).toEqual({ anonymat: A1, numero: '24001', epreuve: 'E5', lot: 'E5-01' });
    expect(scanned.get(many[0]!)).toBeUndefined();
    expect(few.get(A1)).toEqual(scanned.get(A1));
    expect(few.get(A2)).toEqual({ anonymat: A2, numero: '24002', epreuve: 'E5', lot: null });
  });
});

describe('notes by lot: lots with notes (copies lots --reset)', () => {
  it('the lots asked that have notes stored under them, sorted; other sources ignored', async () => {
    const w = await workspace();
    await w.db.insertInto('notes').values([
      { numero: '24001', unite: 'U5', value: '12', source: 'lot:E5-02:E5-02.xlsx', updated_at: AT },
      { numero: '24002', unite: 'U5', value: '13', source: 'lot:E5-01:tous.xlsx', updated_at: AT },
      { numero: '24003', unite: 'U5', value: '14', source: 'lot:E5-01:E5-01.csv', updated_at: AT },
      { numero: '24004', unite: 'U4', value: '15', source: 'ccf.csv', updated_at: AT },
      { numero: '24005', unite: 'U3', value: '9', source: 'lot:E3-01:E3-01.xlsx', updated_at: AT },
    ]).execute();
    expect(await lotsWithNotes(w.db, ['E5-01', 'E5-02', 'E5-03'])).toEqual(['E5-01', 'E5-02']);
    expect(await lotsWithNotes(w.db, ['E5-03'])).toEqual([]);
    expect(await lotsWithNotes(w.db, [])).toEqual([]);
  });
});

describe('notes by lot: the grouped reads of ccst notes status', () => {
  it('candidates grouped by what decides their units, notes by unit, every copy with its lot', async () => {
    const w = await workspace();
    const base = { nom: 'N', prenom: 'P', academie: 'TOULOUSE', voie: 'scolaire_public', langue: '', ef2: 0, ef3: 0, created_at: AT, updated_at: AT, dispenses: '', benefices: '[]' };
    await w.db.insertInto('candidates').values([
      { ...base, numero: '24001' },
      { ...base, numero: '24002' },
      { ...base, numero: '24003', dispenses: 'U4:vae' },
      { ...base, numero: '24004', ef1: 'espagnol', ef2: 1 },
    ]).execute();
    await w.db.insertInto('notes').values([
      { numero: '24001', unite: 'U5', value: '12,5', source: 'lot:E5-01:a.csv', updated_at: AT },
      { numero: '24002', unite: 'U5', value: 'ABS', source: 'lot:E5-01:a.csv', updated_at: AT },
      { numero: '24001', unite: 'U4', value: '9', source: 'ccf.csv', updated_at: AT },
    ]).execute();
    const groups = (await candidateUnitGroups(w.db)).map((g) => ({ ...g, numeros: [...g.numeros].sort() })).sort((a, b) => a.numeros[0]!.localeCompare(b.numeros[0]!));
    expect(groups).toEqual([
      { facts: { voie: 'scolaire_public', dispenses: [], benefices: [], ef2: false, ef3: false }, numeros: ['24001', '24002'] },
      { facts: { voie: 'scolaire_public', dispenses: ['U4'], benefices: [], ef2: false, ef3: false }, numeros: ['24003'] },
      { facts: { voie: 'scolaire_public', dispenses: [], benefices: [], ef1: 'espagnol', ef2: true, ef3: false }, numeros: ['24004'] },
    ]);
    expect(await noteValuesByUnit(w.db)).toEqual(new Map([['U4', new Map([['24001', '9']])], ['U5', new Map([['24001', '12,5'], ['24002', 'ABS']])]]));
    expect((await allCopies(w.db)).sort((a, b) => a.numero.localeCompare(b.numero))).toEqual([
      { anonymat: A1, numero: '24001', epreuve: 'E5', lot: 'E5-01' },
      { anonymat: A2, numero: '24002', epreuve: 'E5', lot: null },
    ]);
  });
});
