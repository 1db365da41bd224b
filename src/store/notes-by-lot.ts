// What `ccst notes import` and `ccst notes status` read about the anonymous copies and their lots (issue #13 item 5):
// a copy by its anonymity number (its candidate, épreuve and lot), lots by name, the stored notes of some candidates.
// Read inside the command's transaction: the import checks and writes against one state of the workspace. The
// tables are filled by `ccst copies anonymise|lots` (migration 010-copies-lots).
import type { Db } from './workspace.js';
import type { StoredNotes } from './deliberation.js';

/** Values per IN (…) list: far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const IN_CHUNK = 1000;

async function inChunks<T>(values: readonly string[], query: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  const distinct = [...new Set(values)];
  for (let i = 0; i < distinct.length; i += IN_CHUNK) out.push(...(await query(distinct.slice(i, i + IN_CHUNK))));
  return out;
}

export interface StoredCopy {
  anonymat: string;
  numero: string;
  epreuve: string;
  /** null: the copy is in no lot yet. */
  lot: string | null;
}

export async function copiesByAnonymat(db: Db, anonymats: readonly string[]): Promise<Map<string, StoredCopy>> {
  const rows = await inChunks(anonymats, (chunk) =>
    db.selectFrom('copies')
      .leftJoin('lot_copies', 'lot_copies.anonymat', 'copies.anonymat')
      .select(['copies.anonymat', 'copies.numero', 'copies.epreuve', 'lot_copies.lot'])
      .where('copies.anonymat', 'in', chunk)
      .execute(),
  );
  return new Map(rows.map((r) => [r.anonymat, { ...r, lot: r.lot ?? null }]));
}

export interface StoredLot {
  name: string;
  epreuve: string;
  academie: string;
  correcteur: string;
}

export async function lotsByName(db: Db, names: readonly string[]): Promise<Map<string, StoredLot>> {
  const rows = await inChunks(names, (chunk) => db.selectFrom('lots').select(['name', 'epreuve', 'academie', 'correcteur']).where('name', 'in', chunk).execute());
  return new Map(rows.map((r) => [r.name, r]));
}

/** The stored notes of these candidates (all their units). */
export async function storedNotesOf(db: Db, numeros: readonly string[]): Promise<StoredNotes> {
  const rows = await inChunks(numeros, (chunk) => db.selectFrom('notes').select(['numero', 'unite', 'value', 'source']).where('numero', 'in', chunk).execute());
  const out: StoredNotes = new Map();
  for (const r of rows) {
    let m = out.get(r.numero);
    if (!m) out.set(r.numero, (m = new Map()));
    m.set(r.unite, { value: r.value, source: r.source });
  }
  return out;
}

/** Every copy with its lot (null: in no lot), for `ccst notes status`. */
export async function allCopies(db: Db): Promise<StoredCopy[]> {
  const rows = await db.selectFrom('copies')
    .leftJoin('lot_copies', 'lot_copies.anonymat', 'copies.anonymat')
    .select(['copies.anonymat', 'copies.numero', 'copies.epreuve', 'lot_copies.lot'])
    .orderBy('copies.anonymat')
    .execute();
  return rows.map((r) => ({ ...r, lot: r.lot ?? null }));
}

export async function allLots(db: Db): Promise<StoredLot[]> {
  return db.selectFrom('lots').select(['name', 'epreuve', 'academie', 'correcteur']).orderBy('name').execute();
}
