// Rooms and seats (issue #14 §1-2), written once for both engines (issue #12). Rooms are upserted by (centre, salle);
// a seating run replaces the seats of the centres it seated for its épreuve, inside the caller's transaction — the
// domain already kept the seats that stay (domain/seating/seat.ts).
import type { Room } from '../domain/seating/room.js';
import { compareRooms } from '../domain/seating/room.js';
import { rowsPerBatch } from './batch.js';
import { sql } from 'kysely';
import { bulkWrite, type BulkSpec } from './bulk-write.js';
import { engineOf, type Db } from './workspace.js';
import type { RoomsTable } from './schema.js';

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

/**
 * Seats of an épreuve (or all), by épreuve, centre, salle (natural order), place. Read narrowly (seatGroups): at 250k
 * seats, `ccst seating export` and `ccst rooms documents` spent ≈ 1.5 s CPU here reading row objects and sorting them.
 */
export async function listSeats(db: Db, filter: { epreuve?: string; centre?: string } = {}): Promise<StoredSeat[]> {
  return (await seatGroups(db, filter)).flatMap((g) => g.seats);
}

/**
 * The seats of one épreuve by centre (optionally one centre), each centre's seats in listSeats' order: what
 * `ccst seat` keeps or releases.
 */
export async function seatsByCentre(db: Db, epreuve: string, centre?: string): Promise<Map<string, StoredSeat[]>> {
  return new Map((await seatGroups(db, { epreuve, centre })).map((g) => [g.centreUai, g.seats]));
}

/**
 * The seats by (épreuve, centre), in that order, each group in natural room order then place. The database packs each
 * group's seats into one JSON array (json_group_array on SQLite, json_agg on PostgreSQL): 2,000 rows of one string
 * instead of 250,000 rows of seven cells, each cell a string of its own made by the driver (bench:seating: ≈ 1 s
 * CPU for 250k seats before). Each centre is then sorted on its own room names, ranked once (compareRooms on 15
 * names, not on 250,000 comparisons); rooms that compare equal share a rank, then the place, then the read order.
 */
async function seatGroups(db: Db, filter: { epreuve?: string; centre?: string }): Promise<{ epreuve: string; centreUai: string; seats: StoredSeat[] }[]> {
  const packed = engineOf(db) === 'postgres'
    ? sql<unknown>`json_agg(json_build_array(numero, salle, place, amenagement, seated_at))`
    : sql<unknown>`json_group_array(json_array(numero, salle, place, amenagement, seated_at))`;
  let q = db.selectFrom('seats').select(['epreuve', 'centre_uai', packed.as('cells')]);
  if (filter.epreuve) q = q.where('epreuve', '=', filter.epreuve);
  if (filter.centre) q = q.where('centre_uai', '=', filter.centre);
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const groups = (await q.groupBy(['epreuve', 'centre_uai']).execute()).sort((a, b) => cmp(a.epreuve, b.epreuve) || cmp(a.centre_uai, b.centre_uai));
  return groups.map((g) => {
    const cells = (typeof g.cells === 'string' ? JSON.parse(g.cells) : g.cells) as [string, string, number | string, string, string][];
    const { epreuve, centre_uai: centreUai } = g;
    const seats = cells.map(([numero, salle, place, amenagement, seatedAt]): StoredSeat => ({ numero, epreuve, centreUai, salle, place: Number(place), amenagement, seatedAt }));
    const names = [...new Set(seats.map((x) => x.salle))].sort((a, b) => compareRooms({ centreUai, salle: a }, { centreUai, salle: b }));
    const rank = new Map<string, number>();
    names.forEach((n, i) => rank.set(n, i > 0 && compareRooms({ centreUai, salle: names[i - 1]! }, { centreUai, salle: n }) === 0 ? rank.get(names[i - 1]!)! : i));
    const order = seats.map((_, i) => i);
    order.sort((a, b) => rank.get(seats[a]!.salle)! - rank.get(seats[b]!.salle)! || seats[a]!.place - seats[b]!.place || a - b);
    return { epreuve, centreUai, seats: order.map((i) => seats[i]!) };
  });
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
 * Kysely building each 7,000-parameter insert again — bench:seating.) A prepared single-row upsert per seat, in
 * numéro order, was tried for 250k seats: no better in the whole command (≈ 0.5 s CPU worse in the profiles of
 * 2026-12-02, loaded machine), so the 1,000-row VALUES statements stay.
 */
export async function replaceSeats(db: Db, epreuve: string, centres: readonly string[], seats: readonly StoredSeat[]): Promise<void> {
  const size = rowsPerBatch(1);
  for (let i = 0; i < centres.length; i += size) {
    await db.deleteFrom('seats').where('epreuve', '=', epreuve).where('centre_uai', 'in', centres.slice(i, i + size)).execute();
  }
  await bulkWrite(db, SEATS, seats.map((s) => [s.numero, s.epreuve, s.centreUai, s.salle, s.place, s.amenagement, s.seatedAt]));
}
