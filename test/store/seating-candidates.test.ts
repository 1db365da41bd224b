// The narrow read of `ccst seat` (store/seating-candidates.ts, cli/seating/sittings.ts loadSeatingSittings) against
// the general path it replaces for seating (loadSittings: every candidate, every column, grouped by groupRosters), on
// both engines: the same sittings, times and candidates in the same order — names the database sorts otherwise than
// French (accents, case), a unit stored under two spellings, an oral slot, another épreuve, a centre missing from
// the centres table, --centre. And listSeats' ranked sort against the plain comparator it replaces.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../src/store/workspace.js';
import { insertBatches } from '../../src/store/batch.js';
import { listSeats, replaceSeats, type StoredSeat } from '../../src/store/rooms.js';
import { compareRooms } from '../../src/domain/seating/room.js';
import { loadBundledRegulation } from '../../src/io/regulation-file.js';
import { findUnit } from '../../src/domain/regulation/units.js';
import { loadSeatingSittings, loadSittings } from '../../src/cli/seating/sittings.js';
import { seatingPlacements } from '../../src/store/seating-candidates.js';
import { workspaceFor } from '../helpers/engine.js';

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.close();
  ws = undefined;
});

async function workspace(): Promise<Workspace> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-seating-read-'));
  ws = await openWorkspace(workspaceFor(dir), { create: true });
  return ws;
}

const DEODAT = '0310044E';
const MYRIAM = '0311201M';
const ABSENT_FROM_TABLE = '0312345X';
const at = '2024-01-01T00:00:00.000Z';

const candidate = (numero: string, nom: string, prenom: string, more: { etablissement_uai?: string; etablissement?: string; amenagements?: string; temps_majore?: string } = {}) => ({
  numero, nom, prenom, date_naissance: '2004-03-15', academie: 'TOULOUSE', voie: 'candidat_individuel', etablissement_uai: more.etablissement_uai ?? null,
  etablissement: more.etablissement ?? null, langue: 'anglais', ef1: null, ef2: 0, ef3: 0, dispenses: '', benefices: '', amenagements: more.amenagements ?? null,
  temps_majore: more.temps_majore ?? null, email: null, adresse: null, code_postal: null, commune: null, created_at: at, updated_at: at, demande_ef3: null,
});
const centre = (uai: string, nom: string) => ({
  uai, type: 'ecrit' as const, nom, adresse: null, code_postal: '31000', commune: 'Toulouse', academie: 'TOULOUSE', epreuves: 'E5', capacite: 100, dates: '', langues: '', origines: '', zone: 'metropole',
});

async function fixture(w: Workspace): Promise<void> {
  await insertBatches(w.db, 'centres', [centre(DEODAT, 'LPO Déodat de Séverac'), centre(MYRIAM, 'Lycée Myriam')]);
  await insertBatches(w.db, 'candidates', [
    // Code point order (SQLite) puts « Zoé », « durand » and « ÉLIE » elsewhere than the French order.
    candidate('0001', 'ÉLIE', 'Anne', { etablissement_uai: '0310001A', etablissement: 'Lycée A', temps_majore: '1/3' }),
    candidate('0002', 'EMERY', 'Zoé', { etablissement: 'Lycée B', amenagements: 'PMR' }),
    candidate('0003', 'durand', 'Paul'),
    candidate('0004', 'DURAND', 'paul'),
    candidate('0005', 'ZOLA', 'Émile', { amenagements: 'secrétaire' }),
    candidate('0006', 'ABADIE', 'Léa'),
    candidate('0007', 'MARTIN', 'Jean'),
    candidate('0008', 'BÉNAZET', 'Marc'),
    candidate('0009', 'NGUYỄN', 'An'),
    candidate('0010', 'CAZES', 'Lou'),
  ]);
  await insertBatches(w.db, 'assignments', [
    { numero: '0001', epreuve: 'E5', centre_uai: DEODAT, pinned: 0 },
    { numero: '0002', epreuve: 'E5', centre_uai: DEODAT, pinned: 1 },
    { numero: '0003', epreuve: 'E5', centre_uai: DEODAT, pinned: 0 },
    { numero: '0004', epreuve: 'E5', centre_uai: DEODAT, pinned: 0 },
    { numero: '0005', epreuve: 'E5', centre_uai: MYRIAM, pinned: 0 },
    // The same unit under its code (U5): the general path keeps the (epreuve, numero)-last one, U5 at Myriam.
    { numero: '0006', epreuve: 'E5', centre_uai: DEODAT, pinned: 0 },
    { numero: '0006', epreuve: 'U5', centre_uai: MYRIAM, pinned: 0 },
    { numero: '0007', epreuve: 'U5', centre_uai: DEODAT, pinned: 0 },
    // Heard at an oral slot for the unit: on an oral list, not in a room.
    { numero: '0008', epreuve: 'E5', centre_uai: DEODAT, pinned: 0 },
    // Another épreuve only.
    { numero: '0009', epreuve: 'E4', centre_uai: DEODAT, pinned: 0 },
    { numero: '0010', epreuve: 'E5', centre_uai: ABSENT_FROM_TABLE, pinned: 0 },
    // An assignment of a numéro with no candidate row is on no list.
    { numero: '9999', epreuve: 'E5', centre_uai: DEODAT, pinned: 0 },
  ]);
  await insertBatches(w.db, 'oral_slots', [{ numero: '0008', epreuve: 'E5', centre_uai: MYRIAM, date: '2024-05-16', start: '08:00', end: '09:00', commission: 1, passage: null }]);
}

const reg = loadBundledRegulation('bts-ccst-2024');
const E5 = findUnit(reg, 'E5')!;
type Projected = { uai: string; nom: string; date?: string; start?: string; end?: string; candidates: unknown[] };
const project = (sittings: { centre: { uai: string; nom: string }; date?: string; start?: string; end?: string; candidates: { numero: string; nom: string; prenom: string; etablissementUai?: string; etablissement?: string; amenagements?: string; tempsMajore?: string }[] }[]): Projected[] =>
  sittings.map((s) => ({
    uai: s.centre.uai, nom: s.centre.nom, date: s.date, start: s.start, end: s.end,
    candidates: s.candidates.map((c) => ({ numero: c.numero, nom: c.nom, prenom: c.prenom, etablissementUai: c.etablissementUai, etablissement: c.etablissement, amenagements: c.amenagements, tempsMajore: c.tempsMajore })),
  }));

describe('seating read', () => {
  it('gives the sittings of the general path: centres, times, candidates and their order', async () => {
    const w = await workspace();
    await fixture(w);
    const general = project(await loadSittings(w.db, reg, E5));
    const narrow = project(await loadSeatingSittings(w.db, reg, E5));
    expect(narrow).toEqual(general);
    // The fixture exercises what it says (so that the comparison can fail).
    expect(narrow.map((s) => [s.uai, s.candidates.map((c) => (c as { numero: string }).numero)])).toEqual([
      [DEODAT, ['0003', '0004', '0001', '0002', '0007']],
      [MYRIAM, ['0006', '0005']],
      [ABSENT_FROM_TABLE, ['0010']],
    ]);
    expect(narrow[0]).toMatchObject({ date: '2024-05-16', start: expect.any(String), end: expect.any(String) });
    expect(narrow[2]!.nom).toBe(ABSENT_FROM_TABLE);
  });

  it('--centre: one centre, an oral slot elsewhere not counted (as the general path)', async () => {
    const w = await workspace();
    await fixture(w);
    for (const uai of [DEODAT, MYRIAM]) {
      expect(project(await loadSeatingSittings(w.db, reg, E5, uai))).toEqual(project(await loadSittings(w.db, reg, E5, uai)));
    }
    // At Déodat, 0008's slot (at Myriam) is not read: 0008 sits in a room there.
    expect(project(await loadSeatingSittings(w.db, reg, E5, DEODAT))[0]!.candidates.map((c) => (c as { numero: string }).numero)).toContain('0008');
  });

  it('the SQLite raw-row read gives what the plain Kysely read gives (PostgreSQL: both are the plain read)', async () => {
    const w = await workspace();
    await fixture(w);
    const byNumero = (a: { numero: string }, b: { numero: string }) => (a.numero < b.numero ? -1 : a.numero > b.numero ? 1 : 0);
    for (const [epreuves, centre] of [[['E5', 'U5'], undefined], [['E5'], DEODAT], [['E4'], undefined]] as const) {
      const plain = (await seatingPlacements(w.db, epreuves, centre, 'plain')).sort(byNumero);
      expect((await seatingPlacements(w.db, epreuves, centre)).sort(byNumero)).toEqual(plain);
      expect(plain.length).toBeGreaterThan(0);
    }
    // Two spellings: 0006 once, at the U5 centre; NULL columns read as undefined.
    const both = await seatingPlacements(w.db, ['E5', 'U5']);
    expect(both.filter((p) => p.numero === '0006')).toEqual([{ centreUai: MYRIAM, numero: '0006', nom: 'ABADIE', prenom: 'Léa', etablissementUai: undefined, etablissement: undefined, amenagements: undefined, tempsMajore: undefined }]);
  });

  it('an empty workspace has no sitting', async () => {
    const w = await workspace();
    expect(await loadSeatingSittings(w.db, reg, E5)).toEqual([]);
  });

  it('listSeats: the order of the plain comparator (épreuve, centre, natural room name, place), rooms equal to the collator together', async () => {
    const w = await workspace();
    const seat = (numero: string, epreuve: string, centreUai: string, salle: string, place: number): StoredSeat => ({ numero, epreuve, centreUai, salle, place, amenagement: '', seatedAt: at });
    const seats = [
      seat('1', 'E5', MYRIAM, 'B10', 1), seat('2', 'E5', DEODAT, 'B10', 2), seat('3', 'E5', DEODAT, 'B2', 3), seat('4', 'E5', DEODAT, 'b2', 1),
      seat('5', 'E5', DEODAT, 'B2', 2), seat('6', 'E4', MYRIAM, 'A', 1), seat('7', 'E5', DEODAT, 'Salle 9', 1), seat('8', 'E5', DEODAT, 'salle 10', 1),
    ];
    await replaceSeats(w.db, 'E5', [DEODAT, MYRIAM], seats.filter((s) => s.epreuve === 'E5'));
    await replaceSeats(w.db, 'E4', [MYRIAM], seats.filter((s) => s.epreuve === 'E4'));
    const plain = [...seats].sort((a, b) => (a.epreuve < b.epreuve ? -1 : a.epreuve > b.epreuve ? 1 : 0) || compareRooms(a, b) || a.place - b.place);
    const got = await listSeats(w.db);
    expect(got.map((s) => s.numero)).toEqual(plain.map((s) => s.numero));
    expect(got.map((s) => s.numero)).toEqual(['6', '4', '5', '3', '2', '7', '8', '1']);
    expect(await listSeats(w.db, { epreuve: 'E5', centre: DEODAT })).toEqual(plain.filter((s) => s.epreuve === 'E5' && s.centreUai === DEODAT));
  });
});

describe('seatsByCentre', () => {
  it('the seats of listSeats for the épreuve, grouped by centre in the same order', async () => {
    const w = await workspace();
    const seat = (numero: string, epreuve: string, centreUai: string, salle: string, place: number, amenagement = ''): StoredSeat => ({ numero, epreuve, centreUai, salle, place, amenagement, seatedAt: at });
    await replaceSeats(w.db, 'E5', [DEODAT, MYRIAM], [
      seat('1', 'E5', MYRIAM, 'B10', 1), seat('2', 'E5', DEODAT, 'B10', 2, 'temps majoré 1/3'), seat('3', 'E5', DEODAT, 'B2', 3), seat('5', 'E5', DEODAT, 'B2', 2),
      seat('7', 'E5', DEODAT, 'Salle 9', 1), seat('8', 'E5', DEODAT, 'salle 10', 1),
    ]);
    await replaceSeats(w.db, 'E4', [MYRIAM], [seat('6', 'E4', MYRIAM, 'A', 1)]);
    const { seatsByCentre } = await import('../../src/store/rooms.js');
    const all = await listSeats(w.db, { epreuve: 'E5' });
    const grouped = await seatsByCentre(w.db, 'E5');
    expect([...grouped.keys()]).toEqual([DEODAT, MYRIAM]);
    expect(grouped.get(DEODAT)).toEqual(all.filter((s) => s.centreUai === DEODAT));
    expect(grouped.get(DEODAT)!.map((s) => s.numero)).toEqual(['5', '3', '2', '7', '8']);
    expect(grouped.get(DEODAT)![2]).toEqual(seat('2', 'E5', DEODAT, 'B10', 2, 'temps majoré 1/3'));
    expect([...(await seatsByCentre(w.db, 'E5', MYRIAM)).keys()]).toEqual([MYRIAM]);
    expect((await seatsByCentre(w.db, 'E3')).size).toBe(0);
  });
});
