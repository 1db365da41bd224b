// What `ccst notes import` and `ccst notes status` read about the anonymous copies and their lots (issue #13 item 5):
// a copy by its anonymity number (its candidate, épreuve and lot), lots by name, the stored notes of some candidates.
// Read inside the command's transaction: the import checks and writes against one state of the workspace. The
// tables are filled by `ccst copies anonymise|lots` (migration 010-copies-lots).
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { engineOf, type Db } from './workspace.js';
import { aggregatedText, joinedTexts, ROW_SEP, SEP, splitJoined } from './joined-texts.js';
import type { StoredNotes } from './deliberation.js';
import type { Benefice } from '../domain/candidate.js';
import { dispensesOfRow } from './candidates.js';
import { anonymatKey } from '../domain/examiners/anonymity.js';

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


/** From this many anonymity numbers asked, every copy is read in one scan rather than looked up one by one. */
const SCAN_FROM = 20_000;

/** Copies by anonymity number, held as arrays (no object per copy): made by copiesByAnonymat. */
export class CopyLookup {
  /** The 8 digits of a number as formatAnonymat writes it → the copy (any other stored text: `byText`). */
  private readonly byKey = new Map<number, number>();
  private readonly byText = new Map<string, number>();
  private readonly numeros: string[] = [];
  private readonly epreuves: string[] = [];
  private readonly lots: (string | null)[] = [];

  get size(): number {
    return this.numeros.length;
  }

  add(anonymat: string, numero: string, epreuve: string): number {
    const i = this.numeros.length;
    const key = anonymatKey(anonymat);
    if (key >= 0) this.byKey.set(key, i);
    else this.byText.set(anonymat, i);
    this.numeros.push(numero);
    this.epreuves.push(epreuve);
    this.lots.push(null);
    return i;
  }

  indexOf(anonymat: string): number {
    const key = anonymatKey(anonymat);
    return (key >= 0 ? this.byKey.get(key) : this.byText.get(anonymat)) ?? -1;
  }

  setLot(i: number, lot: string): void {
    this.lots[i] = lot;
  }

  numero(i: number): string {
    return this.numeros[i]!;
  }

  epreuve(i: number): string {
    return this.epreuves[i]!;
  }

  lot(i: number): string | null {
    return this.lots[i]!;
  }

  /**
   * The copy stored with exactly this number, or undefined. (Two texts with the same key are the same text: the key
   * is taken only from a number written as formatAnonymat writes it, digits and their letter.)
   */
  get(anonymat: string): StoredCopy | undefined {
    const i = this.indexOf(anonymat);
    return i < 0 ? undefined : { anonymat, numero: this.numeros[i]!, epreuve: this.epreuves[i]!, lot: this.lots[i]! };
  }
}

/**
 * Calls `row` with each row of the text made by group_concat (fields joined by SEP, rows by ROW_SEP) and the start of each
 * field, without splitting it into arrays; the same short texts (épreuves, lots) come back as one string each.
 */
function eachRow(text: string, width: number, shared: readonly number[], row: (fields: string[]) => void): number {
  const fields = new Array<string>(width);
  const intern = new Map<string, string>();
  let n = 0;
  let at = 0;
  while (at <= text.length) {
    let end = text.indexOf(ROW_SEP, at);
    if (end < 0) end = text.length;
    let f = at;
    for (let k = 0; k < width; k++) {
      let stop = k === width - 1 ? end : text.indexOf(SEP, f);
      if (stop < 0 || stop > end) stop = end;
      const v = text.slice(f, stop);
      // Repeated texts (épreuve, lot, unit, source) shared; anonymity numbers and numéros kept as sliced.
      fields[k] = shared.includes(k) ? (intern.get(v) ?? (intern.set(v, v), v)) : v;
      f = stop + 1;
    }
    row(fields);
    n++;
    at = end + 1;
  }
  return n;
}

/**
 * The rows of a query as ONE text (group_concat / string_agg of the fields joined by SEP, rows by ROW_SEP), each given to
 * `row`. Measured on 250,000 copies (bench:notes): better-sqlite3 makes a JavaScript object and a string per cell of
 * each row, ≈ 0.5 s of CPU per 250,000 rows of three columns; the same rows as one text, 0.1 s. `fields` must not be
 * null. The row count is read beside the text and compared: a field holding a separator cannot go unnoticed.
 */
async function forEachConcatRow(db: Db, from: string, fields: readonly string[], shared: readonly number[], where: RawBuilder<SqlBool> | undefined, row: (f: string[]) => void): Promise<void> {
  const joined = sql.join(fields.map((f) => sql.ref(f)), sql`|| ${SEP} ||`);
  const agg = aggregatedText<string | null>(db, joined, ROW_SEP);
  const r = await sql<{ n: number | string; t: string | null }>`select count(*) as n, ${agg} as t from ${sql.table(from)}${where ? sql` where ${where}` : sql``}`.execute(db);
  const expected = Number(r.rows[0]!.n);
  if (!expected) return;
  let bad = false;
  const got = eachRow(r.rows[0]!.t!, fields.length, shared, (f) => {
    if (f.some((x) => x.includes(SEP))) bad = true;
    else row(f);
  });
  if (bad || got !== expected) throw new Error(`lecture de ${from} : ${got} lignes pour ${expected} (séparateur dans une valeur ?)`);
}

/**
 * These copies with their lot. `lots`: the lots the caller expects them in (a bordereau's). Few numbers: the copies
 * are looked up by number, their members by the lot index, then the lot of any copy not found there by its number.
 * Many (every lot of a national session at once): the copies and the lots' members are each read in one scan, as one
 * text each, and joined here — looked up one by one with a row object per copy, 250,000 numbers were 2.0 s of CPU
 * and 100 MB of heap (bench:notes).
 */
export async function copiesByAnonymat(db: Db, anonymats: readonly string[], lots: readonly string[] = []): Promise<CopyLookup> {
  const scan = anonymats.length >= SCAN_FROM;
  const out = new CopyLookup();
  await forEachConcatRow(db, 'copies', ['anonymat', 'numero', 'epreuve'], [2], scan ? undefined : inValues(db, 'anonymat', anonymats), ([a, n, e]) => out.add(a!, n!, e!));
  const member = ([anonymat, lot]: string[]) => {
    const i = out.indexOf(anonymat!);
    if (i >= 0) out.setLot(i, lot!);
  };
  if (scan) {
    await forEachConcatRow(db, 'lot_copies', ['anonymat', 'lot'], [1], undefined, member);
    return out;
  }
  const found = new Set<string>();
  if (lots.length) await forEachConcatRow(db, 'lot_copies', ['anonymat', 'lot'], [1], inValues(db, 'lot', lots), (f) => (found.add(f[0]!), member(f)));
  const elsewhere = anonymats.filter((a) => !found.has(a) && out.indexOf(a) >= 0);
  if (elsewhere.length) await forEachConcatRow(db, 'lot_copies', ['anonymat', 'lot'], [1], inValues(db, 'anonymat', elsewhere), member);
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

export interface Inscriptions {
  /** The numéros asked. */
  asked: Set<string>;
  /** The numéros asked that no registered candidate has. */
  unknown: Set<string>;
  /** The candidates asked that have dispenses or bénéfices; every other one asked has none. */
  rights: Map<string, InscriptionRights>;
}

/**
 * The inscription of these candidates as the import checks it: which are unknown, and the rights of the few with
 * dispenses or bénéfices — not a row per candidate: at 250,000 copies reading each candidate's three columns by
 * numéro was 4.8 s of CPU and 200 MB of heap (bench:notes), the two reads below 0.2 s.
 */
export async function inscriptionsOf(db: Db, numeros: readonly string[]): Promise<Inscriptions> {
  const asked = new Set(numeros);
  const distinct = asked.size === numeros.length ? numeros : [...asked];
  const unknown = new Set<string>();
  if (distinct.length) {
    const missing = engineOf(db) === 'postgres'
      ? sql<{ v: string }>`select v from unnest(${distinct}::text[]) as u(v) where not exists (select 1 from candidates c where c.numero = u.v)`
      : sql<{ v: string }>`select value as v from json_each(${JSON.stringify(distinct)}) where value not in (select numero from candidates)`;
    for (const r of (await missing.execute(db)).rows) unknown.add(r.v);
  }
  const rows = await db.selectFrom('candidates').select(['numero', 'dispenses', 'benefices'])
    .where((eb) => eb.or([eb('dispenses', '<>', ''), eb.and([eb('benefices', '<>', ''), eb('benefices', '<>', '[]')])]))
    .execute();
  const rights = new Map<string, InscriptionRights>();
  for (const r of rows) {
    if (!asked.has(r.numero)) continue;
    const dispenses = r.dispenses ? dispensesOfRow(r.dispenses).dispenses : [];
    const benefices = !r.benefices || r.benefices === '[]' ? [] : (JSON.parse(r.benefices) as Benefice[]);
    if (dispenses.length || benefices.length) rights.set(r.numero, { numero: r.numero, dispenses, benefices });
  }
  return { asked, unknown, rights };
}

/** The stored notes of these candidates (all their units). */
export async function storedNotesOf(db: Db, numeros: readonly string[]): Promise<StoredNotes> {
  const out: StoredNotes = new Map();
  if (!numeros.length) return out;
  await forEachConcatRow(db, 'notes', ['numero', 'unite', 'value', 'source'], [1, 2, 3], inValues(db, 'numero', numeros), ([numero, unite, value, source]) => {
    let m = out.get(numero!);
    if (!m) out.set(numero!, (m = new Map()));
    m.set(unite!, { value: value!, source: source! });
  });
  return out;
}

/**
 * Every copy with its lot (null: in no lot), for `ccst notes status`, in no particular order: the copies and the lots'
 * members each read in one scan as one text (a join probed lot_copies once per copy at random: 1.2 s of CPU at
 * 250,000 copies, and a row object each).
 */
export async function allCopies(db: Db): Promise<StoredCopy[]> {
  const index = new CopyLookup();
  const anonymats: string[] = [];
  await forEachConcatRow(db, 'copies', ['anonymat', 'numero', 'epreuve'], [2], undefined, ([a, n, e]) => {
    index.add(a!, n!, e!);
    anonymats.push(a!);
  });
  await forEachConcatRow(db, 'lot_copies', ['anonymat', 'lot'], [1], undefined, ([a, lot]) => {
    const i = index.indexOf(a!);
    if (i >= 0) index.setLot(i, lot!);
  });
  return anonymats.map((anonymat, i) => ({ anonymat, numero: index.numero(i), epreuve: index.epreuve(i), lot: index.lot(i) }));
}

/** What `ccst notes status` needs of a candidate to know the units they take (candidate-units.ts derivedForms). */
export interface CandidateUnitsFacts {
  voie: string;
  dispenses: string[];
  benefices: Benefice[];
  ef1?: string;
  ef2: boolean;
  ef3: boolean;
}

/**
 * The candidates grouped by what decides the units they take (voie, dispenses, bénéfices, optional units), with the
 * numéros of each group: a few hundred groups for 250,000 candidates, instead of 250,000 whole candidates (22
 * columns each, ordered by name) — what made `ccst notes status` cost as much as the import (bench:notes).
 */
export async function candidateUnitGroups(db: Db): Promise<{ facts: CandidateUnitsFacts; numeros: string[] }[]> {
    const rows = await db.selectFrom('candidates')
    .select(['voie', 'dispenses', 'benefices', 'ef1', 'ef2', 'ef3'])
    .select((eb) => [eb.fn.countAll().as('n'), joinedTexts(db, 'numero').as('numeros')])
    .groupBy(['voie', 'dispenses', 'benefices', 'ef1', 'ef2', 'ef3'])
    .execute();
  return rows.map((r) => {
    const numeros = splitJoined(r.numeros, r.n as number | string, 'candidateUnitGroups');
    const facts: CandidateUnitsFacts = { voie: r.voie, dispenses: dispensesOfRow(r.dispenses).dispenses, benefices: JSON.parse(r.benefices || '[]') as Benefice[], ef2: r.ef2 === 1, ef3: r.ef3 === 1 };
    if (r.ef1 !== null) facts.ef1 = r.ef1;
    return { facts, numeros };
  });
}

/** The stored text of every note, by unit then numéro, read as one text per unit (no row object per note). */
export async function noteValuesByUnit(db: Db): Promise<Map<string, Map<string, string>>> {
  const joined = sql`${sql.ref('numero')} || ${SEP} || ${sql.ref('value')}`;
  const agg = aggregatedText(db, joined, ROW_SEP);
  const rows = await db.selectFrom('notes').select((eb) => ['unite', eb.fn.countAll().as('n'), agg.as('t')]).groupBy('unite').execute();
  const out = new Map<string, Map<string, string>>();
  for (const r of rows) {
    const m = new Map<string, string>();
    const got = eachRow(r.t, 2, [1], ([numero, value]) => void m.set(numero!, value!));
    if (got !== Number(r.n) || m.size !== got) throw new Error(`noteValuesByUnit ${r.unite} : ${got} notes lues pour ${r.n}`);
    out.set(r.unite, m);
  }
  return out;
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
