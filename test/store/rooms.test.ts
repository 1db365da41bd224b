// Rooms and seats in the store (issue #14 §1-2), on both engines: rooms upserted by (centre, salle), listed in natural
// order; a seating run replaces one épreuve's seats at its centres and leaves the rest; a place is given once per
// épreuve (unique index), while the same room serves another épreuve.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mutate, openWorkspace, type Workspace } from '../../src/store/workspace.js';
import { listRooms, listSeats, replaceSeats, roomKeys, upsertRooms, type StoredSeat } from '../../src/store/rooms.js';
import type { Room } from '../../src/domain/seating/room.js';
import { workspaceFor } from '../helpers/engine.js';

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.close();
  ws = undefined;
});

async function workspace(): Promise<Workspace> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-rooms-store-'));
  ws = await openWorkspace(workspaceFor(dir), { create: true });
  return ws;
}

const room = (salle: string, capacite: number, more: Partial<Room> = {}): Room => ({
  centreUai: '0310044E', salle, capacite, accessible: false, amenagements: false, epreuves: [], dates: [], ...more,
});
const seat = (numero: string, epreuve: string, salle: string, place: number, centreUai = '0310044E'): StoredSeat => ({
  numero, epreuve, centreUai, salle, place, amenagement: '', seatedAt: '2023-05-01T00:00:00.000Z',
});

describe('rooms store', () => {
  it('upserts by centre and name, lists in natural order with booleans and restrictions read back', async () => {
    const w = await workspace();
    await upsertRooms(w.db, [room('B10', 20), room('B2', 6, { accessible: true, amenagements: true, epreuves: ['E5'], dates: ['2023-05-17'] })]);
    await upsertRooms(w.db, [room('B10', 24)]);
    expect(await listRooms(w.db)).toEqual([
      room('B2', 6, { accessible: true, amenagements: true, epreuves: ['E5'], dates: ['2023-05-17'] }),
      room('B10', 24),
    ]);
    expect([...(await roomKeys(w.db))].sort()).toEqual(['0310044E\tB10', '0310044E\tB2']);
  });

  it('replaceSeats: one épreuve at the given centres; other épreuves and centres untouched; a seat elsewhere leaves', async () => {
    const w = await workspace();
    await replaceSeats(w.db, 'E5', ['0310044E', '0311201M'], [seat('1', 'E5', 'A', 1), seat('2', 'E5', 'S1', 1, '0311201M')]);
    await replaceSeats(w.db, 'E1', ['0310044E'], [seat('1', 'E1', 'A', 1)]);
    // Candidate 2 moved to Déodat by assign-centres: seating Déodat takes their old seat at Myriam away.
    await replaceSeats(w.db, 'E5', ['0310044E'], [seat('1', 'E5', 'A', 1), seat('2', 'E5', 'A', 2)]);
    expect((await listSeats(w.db, { epreuve: 'E5' })).map((s) => `${s.numero}@${s.centreUai}/${s.salle}-${s.place}`)).toEqual(['1@0310044E/A-1', '2@0310044E/A-2']);
    expect((await listSeats(w.db, { epreuve: 'E1' })).map((s) => s.numero)).toEqual(['1']);
  });

  it('a place is given once per épreuve: a second candidate on it aborts the transaction, nothing stored', async () => {
    const w = await workspace();
    await expect(
      mutate(w, 'seat', new Date(), async (db) => {
        await replaceSeats(db, 'E5', ['0310044E'], [seat('1', 'E5', 'A', 1), seat('2', 'E5', 'A', 1)]);
        return { result: undefined, detail: {} };
      }),
    ).rejects.toThrow();
    expect(await listSeats(w.db)).toEqual([]);
  });
});
