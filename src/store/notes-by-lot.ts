// What `ccst notes import` and `ccst notes status` read about the anonymous copies and their lots (issue #13 item 5):
// a copy by its anonymity number (its candidate, épreuve and lot), lots by name, the stored notes of some candidates.
// Read inside the command's transaction: the import checks and writes against one state of the workspace. The
// tables are filled by `ccst copies anonymise|lots` (migration 010-copies-lots).
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { engineOf, type Db } from './workspace.js';
import type { StoredNotes } from './deliberation.js';
import type { Benefice } from '../domain/candidate.js';
import { dispensesOfRow } from './candidates.js';

/**
 * `column IN (values)` as one bound parameter, whatever the number of values: a JSON array read by json_each on
 * SQLite, a text[] on PostgreSQL. An import of every lot of a national session asks for 250,000 anonymity numbers,
 * their 250,000 candidates and their notes: as IN lists of 1,000 bound parameters that was 750 statements, each built
 * and compiled by Kysely (a third of the import's store time, bench:notes); as one parameter, three statements.
 */
function inValues(db: Db, column: string, values: readonly string[]): RawBuilder<SqlBool> {
  const distinct = [...new Set(values)];
  return engineOf(db) === 'postgres'
    ? sql<SqlBool>`${sql.ref(column)} = any(${distinct}::text[])`
    : sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(distinct)}))`;
}

export interface StoredCopy {
  anonymat: string;
  numero: string;
  epreuve: string;
  /** null: the copy is in no lot yet. */
  lot: string | null;
}

/**
 * These copies with their lot. `lots`: the lots the caller expects them in (a bordereau's). Their members are read by
 * the lot index, then the lot of any copy not found there by its number: at 250,000 copies the join of copies and
 * lot_copies probed lot_copies once per copy in random order (1.8 s CPU against 1.1 s for the two reads, bench:notes).
 */
export async function copiesByAnonymat(db: Db, anonymats: readonly string[], lots: readonly string[] = []): Promise<Map<string, StoredCopy>> {
  const rows = await db.selectFrom('copies').select(['anonymat', 'numero', 'epreuve']).where(inValues(db, 'anonymat', anonymats)).execute();
  const lotOf = new Map<string, string>();
  if (lots.length) {
    for (const r of await db.selectFrom('lot_copies').select(['anonymat', 'lot']).where(inValues(db, 'lot', lots)).execute()) lotOf.set(r.anonymat, r.lot);
  }
  const elsewhere = rows.filter((r) => !lotOf.has(r.anonymat)).map((r) => r.anonymat);
  if (elsewhere.length) {
    for (const r of await db.selectFrom('lot_copies').select(['anonymat', 'lot']).where(inValues(db, 'anonymat', elsewhere)).execute()) lotOf.set(r.anonymat, r.lot);
  }
  const out = new Map<string, StoredCopy>();
  for (const r of rows) out.set(r.anonymat, { anonymat: r.anonymat, numero: r.numero, epreuve: r.epreuve, lot: lotOf.get(r.anonymat) ?? null });
  return out;
}

export interface StoredLot {
  name: string;
  epreuve: string;
  academie: string;
  correcteur: string;
}

export async function lotsByName(db: Db, names: readonly string[]): Promise<Map<string, StoredLot>> {
  const rows = await db.selectFrom('lots').select(['name', 'epreuve', 'academie', 'correcteur']).where(inValues(db, 'name', names)).execute();
  return new Map(rows.map((r) => [r.name, r]));
}

/** What the import checks of a candidate's inscription: that it exists, its dispenses and its bénéfices. */
export interface InscriptionRights {
  numero: string;
  dispenses: string[];
  benefices: Benefice[];
}

/**
 * The inscription rights of these candidates: three columns, not the 22 of candidatesByNumero's whole Candidate —
 * at 250,000 copies the whole rows were the import's largest read (bench:notes).
 */
export async function inscriptionRightsOf(db: Db, numeros: readonly string[]): Promise<Map<string, InscriptionRights>> {
  const rows = await db.selectFrom('candidates').select(['numero', 'dispenses', 'benefices']).where(inValues(db, 'numero', numeros)).execute();
  const out = new Map<string, InscriptionRights>();
  for (const r of rows) {
    out.set(r.numero, {
      numero: r.numero,
      dispenses: r.dispenses ? dispensesOfRow(r.dispenses).dispenses : [],
      benefices: !r.benefices || r.benefices === '[]' ? [] : (JSON.parse(r.benefices) as Benefice[]),
    });
  }
  return out;
}

/** The stored notes of these candidates (all their units). */
export async function storedNotesOf(db: Db, numeros: readonly string[]): Promise<StoredNotes> {
  const rows = await db.selectFrom('notes').select(['numero', 'unite', 'value', 'source']).where(inValues(db, 'numero', numeros)).execute();
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

/**
 * The lots, among `lots`, from which notes are stored (a note's source is `lot:<lot>:<file>`, lot-notes.ts lotSource):
 * `ccst copies lots --reset` refuses to remake them without --force.
 */
export async function lotsWithNotes(db: Db, lots: readonly string[]): Promise<string[]> {
  if (!lots.length) return [];
  const rows = await db.selectFrom('notes').select('source').distinct().where('source', 'like', 'lot:%').execute();
  const asked = new Set(lots);
  const found = new Set<string>();
  for (const r of rows) {
    const lot = /^lot:([^:]+):/.exec(r.source)?.[1];
    if (lot !== undefined && asked.has(lot)) found.add(lot);
  }
  return [...found].sort();
}
