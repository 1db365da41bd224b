// Rooms and seats (issue #14 §1-2), written once for both engines (issue #12). Rooms are upserted by (centre, salle);
// a seating run replaces the seats of the centres it seated for its épreuve, inside the caller's transaction — the
// domain already kept the seats that stay (domain/seating/seat.ts).
import type { Room } from '../domain/seating/room.js';
import { compareRooms } from '../domain/seating/room.js';
import { rowsPerBatch } from './batch.js';
import { bulkWrite, type BulkSpec } from './bulk-write.js';
import type { Db } from './workspace.js';
import type { RoomsTable, SeatsTable } from './schema.js';

const words = (s: string) => s.split(/\s+/).filter(Boolean);

function roomRow(r: Room): RoomsTable {
  return {
    centre_uai: r.centreUai, salle: r.salle, capacite: r.capacite, accessible: r.accessible ? 1 : 0, amenagements: r.amenagements ? 1 : 0,
    epreuves: r.epreuves.join(' '), dates: r.dates.join(' '),
  };
}

function fromRow(r: RoomsTable): Room {
  return {
    centreUai: r.centre_uai, salle: r.salle, capacite: Number(r.capacite), accessible: Number(r.accessible) === 1,
    amenagements: Number(r.amenagements) === 1, epreuves: words(r.epreuves), dates: words(r.dates),
  };
}

/** Rooms by centre then natural name order (« B2 » before « B10 »), optionally of one centre. */
export async function listRooms(db: Db, filter: { centre?: string } = {}): Promise<Room[]> {
  let q = db.selectFrom('rooms').selectAll();
  if (filter.centre) q = q.where('centre_uai', '=', filter.centre);
  return (await q.execute()).map(fromRow).sort(compareRooms);
}

/** "UAI\tsalle" of every stored room (to count created and updated rows of an import). */
export async function roomKeys(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('rooms').select(['centre_uai', 'salle']).execute()).map((r) => `${r.centre_uai}\t${r.salle}`));
}

/** Inserts or replaces rooms by (centre, salle), in multi-row statements; call inside a transaction. */
export async function upsertRooms(db: Db, rooms: readonly Room[]): Promise<void> {
  const rows = rooms.map(roomRow);
  const size = rowsPerBatch(7);
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto('rooms')
      .values(rows.slice(i, i + size))
      .onConflict((oc) =>
        oc.columns(['centre_uai', 'salle']).doUpdateSet((eb) => ({
          capacite: eb.ref('excluded.capacite'), accessible: eb.ref('excluded.accessible'), amenagements: eb.ref('excluded.amenagements'),
          epreuves: eb.ref('excluded.epreuves'), dates: eb.ref('excluded.dates'),
        })),
      )
      .execute();
  }
}

export interface StoredSeat {
  numero: string;
  epreuve: string;
  centreUai: string;
  salle: string;
  place: number;
  amenagement: string;
  seatedAt: string;
}

const seatOf = (r: SeatsTable): StoredSeat => ({
  numero: r.numero, epreuve: r.epreuve, centreUai: r.centre_uai, salle: r.salle, place: Number(r.place), amenagement: r.amenagement, seatedAt: r.seated_at,
});

/** Seats of an épreuve (or all), by épreuve, centre, salle (natural order), place. */
export async function listSeats(db: Db, filter: { epreuve?: string; centre?: string } = {}): Promise<StoredSeat[]> {
  let q = db.selectFrom('seats').selectAll();
  if (filter.epreuve) q = q.where('epreuve', '=', filter.epreuve);
  if (filter.centre) q = q.where('centre_uai', '=', filter.centre);
  const rows = (await q.execute()).map(seatOf);
  // compareRooms once per distinct room (30,000), not once per comparison of 250,000 seats (≈ 4.5M collator calls,
  // most of listSeats' 2 s CPU: bench:seating), then integers. Rooms that compare equal share a rank: the same order.
  const rankOf = new Map<string, Map<string, number>>();
  for (const r of rows) {
    let m = rankOf.get(r.centreUai);
    if (!m) rankOf.set(r.centreUai, (m = new Map()));
    m.set(r.salle, 0);
  }
  const rooms = [...rankOf].flatMap(([centreUai, m]) => [...m.keys()].map((salle) => ({ centreUai, salle }))).sort(compareRooms);
  rooms.forEach((r, i) => {
    const prev = rooms[i - 1];
    rankOf.get(r.centreUai)!.set(r.salle, prev && compareRooms(prev, r) === 0 ? rankOf.get(prev.centreUai)!.get(prev.salle)! : i);
  });
  const rank = rows.map((r) => rankOf.get(r.centreUai)!.get(r.salle)!);
  const order = rows.map((_, i) => i);
  order.sort((a, b) => {
    const x = rows[a]!;
    const y = rows[b]!;
    return (x.epreuve < y.epreuve ? -1 : x.epreuve > y.epreuve ? 1 : 0) || rank[a]! - rank[b]! || x.place - y.place || a - b;
  });
  return order.map((i) => rows[i]!);
}

/** The seats' columns for bulkWrite (keyed by numero, épreuve: a candidate has one seat per épreuve). */
const SEATS: BulkSpec<'seats'> = {
  table: 'seats',
  columns: [
    { name: 'numero', type: 'text' }, { name: 'epreuve', type: 'text' }, { name: 'centre_uai', type: 'text' }, { name: 'salle', type: 'text' },
    { name: 'place', type: 'integer' }, { name: 'amenagement', type: 'text' }, { name: 'seated_at', type: 'text' },
  ],
  key: ['numero', 'epreuve'],
};

/**
 * Replaces the seats of `epreuve` at the given centres by `seats` (the kept and the new ones together): one delete per
 * batch of centres, then the seats upserted by (numero, épreuve) in multi-row statements (bulk-write.ts); call inside
 * a transaction. A candidate seated at another centre for this épreuve (moved by assign-centres) leaves that seat: the
 * upsert replaces it. (It was a delete per 1,000 numéros before the inserts: 250 statements on 250k seats, and
 * Kysely building each 7,000-parameter insert again — bench:seating.)
 */
export async function replaceSeats(db: Db, epreuve: string, centres: readonly string[], seats: readonly StoredSeat[]): Promise<void> {
  const size = rowsPerBatch(1);
  for (let i = 0; i < centres.length; i += size) {
    await db.deleteFrom('seats').where('epreuve', '=', epreuve).where('centre_uai', 'in', centres.slice(i, i + size)).execute();
  }
  await bulkWrite(db, SEATS, seats.map((s) => [s.numero, s.epreuve, s.centreUai, s.salle, s.place, s.amenagement, s.seatedAt]));
}
