// Candidates table: upsert by numero (idempotent re-import) and reads in stable order.
import type { Benefice, Candidate } from '../domain/candidate.js';
import { sql } from 'kysely';
import { rowsPerBatch } from './batch.js';
import type { Db } from './workspace.js';
import type { CandidatesTable } from './schema.js';

/** One row of the `candidates` table as read and written here (its timestamps are set by the import writer). */
export type CandidateRow = Omit<CandidatesTable, 'created_at' | 'updated_at'>;

const nul = (s: string | undefined) => (s === undefined || s === '' ? null : s);
const und = (s: string | null) => (s === null ? undefined : s);

export function toRow(c: Candidate): CandidateRow {
  return {
    numero: c.numero,
    nom: c.nom,
    prenom: c.prenom,
    date_naissance: nul(c.dateNaissance),
    academie: c.academie,
    voie: c.voie,
    etablissement_uai: nul(c.etablissementUai),
    etablissement: nul(c.etablissement),
    // Not given is « non renseignée » (an empty text in the NOT NULL column), never a default language.
    langue: c.langue ?? '',
    ef1: nul(c.ef1),
    ef2: c.ef2 ? 1 : 0,
    ef3: c.ef3 ? 1 : 0,
    demande_ef3: nul(c.demandeEf3),
    // « U4:vae U61:vae »: each code with its ground (a code alone: stored before grounds existed).
    dispenses: c.dispenses.map((u) => (c.dispenseGrounds?.[u] ? `${u}:${c.dispenseGrounds[u]}` : u)).join(' '),
    benefices: JSON.stringify(c.benefices),
    amenagements: nul(c.amenagements),
    temps_majore: nul(c.tempsMajore),
    email: nul(c.email),
    adresse: nul(c.adresse),
    code_postal: nul(c.codePostal),
    commune: nul(c.commune),
  };
}

export function fromRow(r: CandidateRow): Candidate {
  return {
    numero: r.numero,
    nom: r.nom,
    prenom: r.prenom,
    dateNaissance: und(r.date_naissance),
    academie: r.academie,
    voie: r.voie,
    etablissementUai: und(r.etablissement_uai),
    etablissement: und(r.etablissement),
    langue: r.langue || undefined,
    ef1: und(r.ef1),
    ef2: r.ef2 === 1,
    ef3: r.ef3 === 1,
    demandeEf3: und(r.demande_ef3 ?? null),
    ...dispensesOfRow(r.dispenses),
    benefices: JSON.parse(r.benefices || '[]') as Benefice[],
    amenagements: und(r.amenagements),
    tempsMajore: und(r.temps_majore),
    email: und(r.email),
    adresse: und(r.adresse),
    codePostal: und(r.code_postal),
    commune: und(r.commune),
  };
}

function dispensesOfRow(text: string): Pick<Candidate, 'dispenses' | 'dispenseGrounds'> {
  const items = text ? text.split(' ').map((x) => x.split(':')) : [];
  const grounds = Object.fromEntries(items.filter((x) => x[1]).map(([u, g]) => [u!, g!]));
  return { dispenses: items.map((x) => x[0]!), ...(Object.keys(grounds).length ? { dispenseGrounds: grounds } : {}) };
}

export async function candidateCount(db: Db): Promise<number> {
  const r = await db.selectFrom('candidates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** All candidates ordered by nom, prénom, numéro (French collation is applied by callers when it matters). */
export async function listCandidates(db: Db): Promise<Candidate[]> {
  return (await db.selectFrom('candidates').selectAll().orderBy('nom').orderBy('prenom').orderBy('numero').execute()).map(fromRow);
}

export async function getCandidate(db: Db, numero: string): Promise<Candidate | undefined> {
  const r = await db.selectFrom('candidates').selectAll().where('numero', '=', numero).executeTakeFirst();
  return r && fromRow(r);
}

/** Rows per IN (…) list: far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const IN_CHUNK = 1000;

/** Map numero → candidate, for diffing a re-import against what is stored. */
export async function candidatesByNumero(db: Db, numeros?: string[]): Promise<Map<string, Candidate>> {
  const out = new Map<string, Candidate>();
  if (numeros) {
    for (let i = 0; i < numeros.length; i += IN_CHUNK) {
      const chunk = numeros.slice(i, i + IN_CHUNK);
      if (chunk.length === 0) continue;
      for (const r of await db.selectFrom('candidates').selectAll().where('numero', 'in', chunk).execute()) out.set(r.numero, fromRow(r));
    }
    // The order of the numéros asked (as the one-by-one lookup gave).
    return new Map(numeros.filter((n) => out.has(n)).map((n) => [n, out.get(n)!]));
  }
  // Every candidate (a deliberation: 200,000), by pages in numéro order: each page is one query, so a Ctrl-C is
  // handled between two pages (sqlite-dialect.ts) rather than after the whole table.
  let after: string | undefined;
  for (;;) {
    let q = db.selectFrom('candidates').selectAll().orderBy('numero').limit(ALL_PAGE);
    if (after !== undefined) q = q.where('numero', '>', after);
    const rows = await q.execute();
    for (const r of rows) out.set(r.numero, fromRow(r));
    if (rows.length < ALL_PAGE) return out;
    after = rows[rows.length - 1]!.numero;
  }
}

/** Candidates read per query when all of them are asked for. */
const ALL_PAGE = 20_000;

/** Inserts or updates candidates by numero, in multi-row statements; call inside a transaction (mutate). */
export async function upsertCandidates(db: Db, now: Date, candidates: Candidate[]): Promise<void> {
  const at = now.toISOString();
  const rows = candidates.map((c) => ({ ...toRow(c), created_at: at, updated_at: at }));
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!) as (keyof (typeof rows)[number])[];
  const size = rowsPerBatch(columns.length);
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto('candidates')
      .values(rows.slice(i, i + size))
      .onConflict((oc) =>
        oc.column('numero').doUpdateSet(
          Object.fromEntries(columns.filter((c) => c !== 'numero' && c !== 'created_at').map((c) => [c, sql.ref(`excluded.${c}`)])),
        ),
      )
      .execute();
  }
}
