// Anonymous written copies and their lots (issue #13 §3), written once for both engines. `copies` holds every
// anonymity number issued (numéro × épreuve → number, never deleted: a number once issued stays); `lots` and
// `lot_copies` hold the lots of one épreuve, replaced whole by each `ccst copies lots` inside its transaction (the
// domain, lots-stable.ts, already kept what had to be kept). The session secret of the numbers is a `meta` row,
// drawn once and never printed.
import { randomBytes } from 'node:crypto';
import type { IssuedNumber } from '../domain/examiners/anonymity.js';
import type { Copy } from '../domain/examiners/lots.js';
import type { PlannedLot, StoredLot } from '../domain/examiners/lots-stable.js';
import type { RequirementFacts } from '../domain/assignment/requirements.js';
import type { Benefice } from '../domain/candidate.js';
import { dispensesOfRow } from './candidates.js';
import { insertBatches } from './batch.js';
import { getMeta, type Db } from './workspace.js';

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

export async function insertIssued(db: Db, now: Date, numbers: readonly IssuedNumber[]): Promise<void> {
  const at = now.toISOString();
  await insertBatches(db, 'copies', numbers.map((n) => ({ numero: n.numero, epreuve: n.epreuve, anonymat: n.anonymat, issued_at: at })));
}

export async function copyCount(db: Db, epreuve: string): Promise<number> {
  const r = await db.selectFrom('copies').select((eb) => eb.fn.countAll<number>().as('n')).where('epreuve', '=', epreuve).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * What decides the exam-day épreuves of every candidate (examDayRequirements), read narrowly: 250,000 candidates in
 * 1.1 s against 6.4 s for listCandidates (every column, ordered by name), measured on this machine under load ≈ 20
 * (src/bench/copies.ts; only the ratio means something).
 */
export async function requirementFacts(db: Db): Promise<RequirementFacts[]> {
  const rows = await db
    .selectFrom('candidates')
    .select(['numero', 'academie', 'voie', 'etablissement_uai', 'code_postal', 'langue', 'ef1', 'ef2', 'ef3', 'dispenses', 'benefices'])
    .execute();
  return rows.map((r) => ({
    numero: r.numero, academie: r.academie, voie: r.voie, etablissementUai: r.etablissement_uai ?? undefined, codePostal: r.code_postal ?? undefined,
    langue: r.langue || undefined, ef1: r.ef1 ?? undefined, ef2: r.ef2 === 1, ef3: r.ef3 === 1, dispenses: dispensesOfRow(r.dispenses).dispenses,
    benefices: r.benefices && r.benefices !== '[]' ? (JSON.parse(r.benefices) as Benefice[]) : [],
  }));
}

/** Numéros placed in a centre d'écrit for the épreuve (assign-centres). */
export async function placedInWrittenCentre(db: Db, epreuve: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('assignments')
    .innerJoin('centres', (j) => j.onRef('centres.uai', '=', 'assignments.centre_uai').on('centres.type', '=', 'ecrit'))
    .select('assignments.numero')
    .where('assignments.epreuve', '=', epreuve)
    .execute();
  return new Set(rows.map((r) => r.numero));
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
 * The épreuve's copies as the lots need them: the candidate's établissement (kept away from its own teachers) and
 * the académie that corrects the copy — the académie of the centre d'écrit where it was written (circulaire nationale
 * §1-B: the rector of each académie designates its written centres), else the candidate's own.
 */
export async function copiesForLots(db: Db, epreuve: string): Promise<CopyFacts[]> {
  const rows = await db
    .selectFrom('copies')
    .leftJoin('candidates', 'candidates.numero', 'copies.numero')
    .leftJoin('assignments', (j) => j.onRef('assignments.numero', '=', 'copies.numero').onRef('assignments.epreuve', '=', 'copies.epreuve'))
    .leftJoin('centres', (j) => j.onRef('centres.uai', '=', 'assignments.centre_uai').on('centres.type', '=', 'ecrit'))
    .select(['copies.anonymat', 'candidates.numero as cand', 'candidates.etablissement_uai', 'candidates.academie as cand_academie', 'centres.academie as centre_academie'])
    .where('copies.epreuve', '=', epreuve)
    .orderBy('copies.numero')
    .execute();
  return rows.sort(byAnonymat).map((r) => ({
    anonymat: r.anonymat,
    ...(r.etablissement_uai ? { etablissementUai: r.etablissement_uai } : {}),
    academie: r.centre_academie ?? r.cand_academie ?? '',
    orphan: r.cand === null,
  }));
}

export async function storedLots(db: Db, epreuve: string): Promise<StoredLot[]> {
  const lots = await db.selectFrom('lots').selectAll().where('epreuve', '=', epreuve).orderBy('number').execute();
  const members = await db
    .selectFrom('lot_copies')
    .innerJoin('lots', 'lots.name', 'lot_copies.lot')
    .select(['lot_copies.lot', 'lot_copies.anonymat'])
    .where('lots.epreuve', '=', epreuve)
    .orderBy('lot_copies.lot')
    .orderBy('lot_copies.position')
    .execute();
  const byLot = new Map<string, string[]>();
  for (const m of members) (byLot.get(m.lot) ?? byLot.set(m.lot, []).get(m.lot)!).push(m.anonymat);
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
  await insertBatches(db, 'lots', lots.map((l) => ({
    name: l.name, epreuve: l.epreuve, academie: l.academie, correcteur: l.correcteur, number: l.number, pinned: l.pinned ? 1 : 0, built_at: l.builtAt ?? at,
  })));
  await insertBatches(db, 'lot_copies', lots.flatMap((l) => l.anonymats.map((anonymat, i) => ({ anonymat, lot: l.name, position: i + 1 }))));
}

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
