// Rooms and seats (issue #14 §1-2), written once for both engines (issue #12). Rooms are upserted by (centre, salle);
// a seating run replaces the seats of the centres it seated for its épreuve, inside the caller's transaction — the
// domain already kept the seats that stay (domain/seating/seat.ts).
import type { Room } from '../domain/seating/room.js';
import { compareRooms } from '../domain/seating/room.js';
import { insertBatches, rowsPerBatch } from './batch.js';
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
  return rows.sort(
    (a, b) => (a.epreuve < b.epreuve ? -1 : a.epreuve > b.epreuve ? 1 : 0) || compareRooms({ centreUai: a.centreUai, salle: a.salle }, { centreUai: b.centreUai, salle: b.salle }) || a.place - b.place,
  );
}

/**
 * Replaces the seats of `epreuve` at the given centres by `seats` (the kept and the new ones together): one delete per
 * batch of centres, multi-row inserts; call inside a transaction.
 */
export async function replaceSeats(db: Db, epreuve: string, centres: readonly string[], seats: readonly StoredSeat[]): Promise<void> {
  const size = rowsPerBatch(1);
  for (let i = 0; i < centres.length; i += size) {
    await db.deleteFrom('seats').where('epreuve', '=', epreuve).where('centre_uai', 'in', centres.slice(i, i + size)).execute();
  }
  // A candidate seated at another centre for this épreuve (moved by assign-centres) leaves that seat.
  const numeros = seats.map((s) => s.numero);
  for (let i = 0; i < numeros.length; i += size) {
    await db.deleteFrom('seats').where('epreuve', '=', epreuve).where('numero', 'in', numeros.slice(i, i + size)).execute();
  }
  await insertBatches(
    db,
    'seats',
    seats.map((s) => ({ numero: s.numero, epreuve: s.epreuve, centre_uai: s.centreUai, salle: s.salle, place: s.place, amenagement: s.amenagement, seated_at: s.seatedAt })),
  );
}
