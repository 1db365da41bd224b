// Anonymous written copies and their lots (issue #13 §3), written once for both engines. `copies` holds every
// anonymity number issued (numéro × épreuve → number, never deleted: a number once issued stays); `lots` and
// `lot_copies` hold the lots of one épreuve, replaced whole by each `ccst copies lots` inside its transaction (the
// domain, lots-stable.ts, already kept what had to be kept). The session secret of the numbers is a `meta` row,
// drawn once and never printed.
import { randomBytes } from 'node:crypto';
import type { IssuedNumber } from '../domain/examiners/anonymity.js';
import type { Copy } from '../domain/examiners/lots.js';
import type { PlannedLot, StoredLot } from '../domain/examiners/lots-stable.js';
import { sql } from 'kysely';
import type { PresenceGroup } from '../domain/examiners/written-copies.js';
import type { Benefice } from '../domain/candidate.js';
import { dispensesOfRow } from './candidates.js';
import { insertRows } from './row-insert.js';
import { joinedTexts, splitJoined } from './joined-texts.js';
import { engineOf, getMeta, type Db } from './workspace.js';

const SECRET_KEY = 'anonymat_secret';

/** The session's anonymity secret, if drawn already. */
export async function readAnonymitySecret(db: Db): Promise<Uint8Array | undefined> {
  const hex = await getMeta(db, SECRET_KEY);
  return hex ? Buffer.from(hex, 'hex') : undefined;
}

/**
 * Draws the secret (32 random bytes) and stores it; call inside the transaction that issues the first numbers. A plain
 * INSERT: two first runs at once cannot both store a secret (the second fails on the key and changes nothing).
 */
export async function createAnonymitySecret(db: Db): Promise<Uint8Array> {
  const secret = randomBytes(32);
  await db.insertInto('meta').values({ key: SECRET_KEY, value: secret.toString('hex') }).execute();
  return secret;
}

/** Every number issued in the session, all épreuves. */
export async function issuedNumbers(db: Db): Promise<IssuedNumber[]> {
  const rows = await db.selectFrom('copies').select(['numero', 'epreuve', 'anonymat']).execute();
  return rows.map((r) => ({ numero: r.numero, epreuve: r.epreuve, anonymat: r.anonymat }));
}

/**
 * Stores new numbers, in numéro order whatever the caller's order: SQLite keeps the rows in that order, which is the
 * order copiesForLots then reads the candidates and assignments in (by key, their pages read once each; in anonymity
 * order the same join took 3–5× longer on 250,000 copies). Call inside a transaction (one statement per row on SQLite).
 */
export async function insertIssued(db: Db, now: Date, numbers: readonly IssuedNumber[]): Promise<void> {
  const at = now.toISOString();
  const byNumero = [...numbers].sort((a, b) => (a.numero < b.numero ? -1 : a.numero > b.numero ? 1 : a.epreuve < b.epreuve ? -1 : a.epreuve > b.epreuve ? 1 : 0));
  await insertRows(db, COPY_ROWS, byNumero.length, (i, into) => {
    const n = byNumero[i]!;
    into[0] = n.numero;
    into[1] = n.epreuve;
    into[2] = n.anonymat;
    into[3] = at;
  });
}

const COPY_ROWS = {
  table: 'copies',
  columns: [{ name: 'numero', type: 'text' }, { name: 'epreuve', type: 'text' }, { name: 'anonymat', type: 'text' }, { name: 'issued_at', type: 'text' }],
} as const;

export async function copyCount(db: Db, epreuve: string): Promise<number> {
  const r = await db.selectFrom('copies').select((eb) => eb.fn.countAll<number>().as('n')).where('epreuve', '=', epreuve).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The candidates grouped by the facts that decide their exam-day units (voie, facultative units, dispenses, bénéfices)
 * and by whether assign-centres placed them in a centre d'écrit for the épreuve: one row per group — a handful for a
 * national session — with its numéros joined (joined-texts.ts). Replaces requirementFacts + placedInWrittenCentre
 * for `ccst copies anonymise` (the narrow read of every candidate, then the placements): 250,000 candidates, one object per candidate and per placement, 2.6 s of SQLite and
 * JavaScript CPU before, ≈ 0.4 s grouped (bench:notes, loaded machine).
 */
export async function presenceGroups(db: Db, epreuve: string): Promise<PresenceGroup[]> {
  const placed = sql<number>`CASE WHEN ${sql.ref('ce.uai')} IS NULL THEN 0 ELSE 1 END`;
  const rows = await db
    .selectFrom('candidates as c')
    .leftJoin('assignments as a', (j) => j.onRef('a.numero', '=', 'c.numero').on('a.epreuve', '=', epreuve))
    .leftJoin('centres as ce', (j) => j.onRef('ce.uai', '=', 'a.centre_uai').on('ce.type', '=', 'ecrit'))
    .select((eb) => ['c.voie', 'c.ef1', 'c.ef2', 'c.ef3', 'c.dispenses', 'c.benefices', placed.as('placed'), eb.fn.countAll().as('n'), joinedTexts(db, 'c.numero').as('numeros')])
    .groupBy(['c.voie', 'c.ef1', 'c.ef2', 'c.ef3', 'c.dispenses', 'c.benefices', placed])
    .execute();
  return rows.map((r) => ({
    facts: {
      voie: r.voie, ef1: r.ef1 ?? undefined, ef2: r.ef2 === 1, ef3: r.ef3 === 1, dispenses: dispensesOfRow(r.dispenses).dispenses,
      benefices: r.benefices && r.benefices !== '[]' ? (JSON.parse(r.benefices) as Benefice[]) : [],
    },
    placed: Number(r.placed) === 1,
    numeros: splitJoined(r.numeros, r.n as number | string, 'presenceGroups'),
  }));
}

/**
 * The joins below read the copies in numéro order, then sort by number here: the candidates and assignments are then
 * looked up in their own key order (SQLite's page cache stays warm). 150,000 copies, SQLite: 0.8–1.3 s CPU against
 * 2.4–3.4 s when the query itself orders by anonymity number (random order of numéros), measured on this machine.
 */
const byAnonymat = (a: { anonymat: string }, b: { anonymat: string }) => (a.anonymat < b.anonymat ? -1 : a.anonymat > b.anonymat ? 1 : 0);

export interface CopyFacts extends Copy {
  /** The candidate is no longer in the workspace: the copy cannot be placed (no établissement, no académie). */
  orphan: boolean;
}

/**
 * The épreuve's copies as the lots need them, by établissement (none first), académie, then anonymity number: the
 * candidate's établissement (kept away from its own teachers) and the académie that corrects the copy — the académie of the centre d'écrit where it was written (circulaire nationale
 * §1-B: the rector of each académie designates its written centres), else the candidate's own.
 */
export async function copiesForLots(db: Db, epreuve: string): Promise<CopyFacts[]> {
  // One row per (candidate found, établissement, correcting académie) with its anonymity numbers joined
  // (joined-texts.ts): ≈ 4,800 rows for 250,000 copies in the bench instead of an object per copy. On SQLite the
  // copies are walked in numéro order (the subquery's ORDER BY: the candidates and assignments are then looked up in
  // their key order, each page read once — in anonymity order the join took 3–5× longer); PostgreSQL hashes them.
  const inner = db
    .selectFrom('copies')
    .leftJoin('candidates', 'candidates.numero', 'copies.numero')
    .leftJoin('assignments', (j) => j.onRef('assignments.numero', '=', 'copies.numero').onRef('assignments.epreuve', '=', 'copies.epreuve'))
    .leftJoin('centres', (j) => j.onRef('centres.uai', '=', 'assignments.centre_uai').on('centres.type', '=', 'ecrit'))
    .select([
      'copies.anonymat', sql<number>`CASE WHEN ${sql.ref('candidates.numero')} IS NULL THEN 1 ELSE 0 END`.as('orphan'), 'candidates.etablissement_uai as etab',
      sql<string>`COALESCE(${sql.ref('centres.academie')}, ${sql.ref('candidates.academie')}, '')`.as('academie'),
    ])
    .where('copies.epreuve', '=', epreuve)
    .$if(engineOf(db) === 'sqlite', (qb) => qb.orderBy('copies.numero'));
  const rows = await db
    .selectFrom(inner.as('x'))
    .select((eb) => ['x.orphan', 'x.etab', 'x.academie', eb.fn.countAll().as('n'), joinedTexts(db, 'x.anonymat').as('anonymats')])
    .groupBy(['x.orphan', 'x.etab', 'x.academie'])
    .execute();
  // Groups by établissement, académie, orphan; numbers sorted within each: the order makeLots cuts lots in, which
  // then costs its sort one pass. Sorting 250,000 copies by number alone cost ≈ 0.3 s more (and makeLots' sort a full one).
  const groups = rows.map((r) => ({ etab: r.etab ?? '', academie: r.academie, orphan: Number(r.orphan) === 1, anonymats: splitJoined(r.anonymats, r.n as number | string, 'copiesForLots').sort() }));
  groups.sort((a, b) => cmpText(a.etab, b.etab) || cmpText(a.academie, b.academie) || Number(a.orphan) - Number(b.orphan));
  const out: CopyFacts[] = [];
  for (const { etab, academie, orphan, anonymats } of groups) {
    for (const anonymat of anonymats) out.push(etab ? { anonymat, etablissementUai: etab, academie, orphan } : { anonymat, academie, orphan });
  }
  return out;
}

const cmpText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function storedLots(db: Db, epreuve: string): Promise<StoredLot[]> {
  const lots = await db.selectFrom('lots').selectAll().where('epreuve', '=', epreuve).orderBy('number').execute();
  // Each lot's numbers joined in their order (joined-texts.ts): 7,000 rows for 250,000 copies, not an object per copy.
  const members = await db
    .selectFrom('lot_copies')
    .innerJoin('lots', 'lots.name', 'lot_copies.lot')
    .select((eb) => ['lot_copies.lot', eb.fn.countAll().as('n'), joinedTexts(db, 'lot_copies.anonymat', 'lot_copies.position').as('anonymats')])
    .where('lots.epreuve', '=', epreuve)
    .groupBy('lot_copies.lot')
    .execute();
  const byLot = new Map(members.map((m) => [m.lot, splitJoined(m.anonymats, m.n as number | string, 'storedLots')]));
  return lots.map((l) => ({
    name: l.name, epreuve: l.epreuve, academie: l.academie, correcteur: l.correcteur, number: Number(l.number),
    pinned: Number(l.pinned) === 1, anonymats: byLot.get(l.name) ?? [], builtAt: l.built_at,
  }));
}

/** Replaces the épreuve's lots by `lots` (kept ones keep their built_at). Call inside a transaction. */
export async function replaceLots(db: Db, now: Date, epreuve: string, lots: readonly PlannedLot[]): Promise<void> {
  await db.deleteFrom('lot_copies').where('lot', 'in', db.selectFrom('lots').select('name').where('epreuve', '=', epreuve)).execute();
  await db.deleteFrom('lots').where('epreuve', '=', epreuve).execute();
  const at = now.toISOString();
  await insertRows(db, LOT_ROWS, lots.length, (i, into) => {
    const l = lots[i]!;
    [into[0], into[1], into[2], into[3], into[4], into[5], into[6]] = [l.name, l.epreuve, l.academie, l.correcteur, l.number, l.pinned ? 1 : 0, l.builtAt ?? at];
  });
  // The copies lot after lot, a cursor walking them (insertRows asks for the rows in order): no object per copy.
  let [l, k] = [0, 0];
  await insertRows(db, LOT_COPY_ROWS, lots.reduce((n, x) => n + x.anonymats.length, 0), (_, into) => {
    while (k === lots[l]!.anonymats.length) [l, k] = [l + 1, 0];
    into[0] = lots[l]!.anonymats[k];
    into[1] = lots[l]!.name;
    into[2] = ++k;
  });
}

export const LOT_ROWS = {
  table: 'lots',
  columns: [
    { name: 'name', type: 'text' }, { name: 'epreuve', type: 'text' }, { name: 'academie', type: 'text' }, { name: 'correcteur', type: 'text' },
    { name: 'number', type: 'integer' }, { name: 'pinned', type: 'integer' }, { name: 'built_at', type: 'text' },
  ],
} as const;
const LOT_COPY_ROWS = {
  table: 'lot_copies',
  columns: [{ name: 'anonymat', type: 'text' }, { name: 'lot', type: 'text' }, { name: 'position', type: 'integer' }],
} as const;

export interface CorrespondenceRow {
  anonymat: string;
  numero: string;
  nom: string | null;
  prenom: string | null;
  etablissementUai: string | null;
  lot: string | null;
}

/** The anonymity ↔ candidate table of one épreuve (lifting the anonymity: audited by the caller), by number. */
export async function correspondence(db: Db, epreuve: string): Promise<CorrespondenceRow[]> {
  const rows = await db
    .selectFrom('copies')
    .leftJoin('candidates', 'candidates.numero', 'copies.numero')
    .leftJoin('lot_copies', 'lot_copies.anonymat', 'copies.anonymat')
    .select(['copies.anonymat', 'copies.numero', 'candidates.nom', 'candidates.prenom', 'candidates.etablissement_uai', 'lot_copies.lot'])
    .where('copies.epreuve', '=', epreuve)
    .orderBy('copies.numero')
    .execute();
  return rows.sort(byAnonymat).map((r) => ({ anonymat: r.anonymat, numero: r.numero, nom: r.nom, prenom: r.prenom, etablissementUai: r.etablissement_uai, lot: r.lot }));
}
