// Candidates table: upsert by numero (idempotent re-import) and reads in stable order.
import type { Benefice, Candidate } from '../domain/candidate.js';
import type { Db } from './workspace.js';

interface CandidateRow {
  numero: string;
  nom: string;
  prenom: string;
  date_naissance: string | null;
  academie: string;
  voie: string;
  etablissement_uai: string | null;
  etablissement: string | null;
  langue: string;
  ef1: string | null;
  ef2: number;
  ef3: number;
  demande_ef3: string | null;
  dispenses: string;
  benefices: string;
  amenagements: string | null;
  temps_majore: string | null;
  email: string | null;
  adresse: string | null;
  code_postal: string | null;
  commune: string | null;
}

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

const COLUMNS = Object.keys(toRow({
  numero: '', nom: '', prenom: '', academie: '', voie: '', langue: '', ef2: false, ef3: false, dispenses: [], benefices: [],
}));

export function candidateCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM candidates').get() as { n: number }).n;
}

/** All candidates ordered by nom, prénom, numéro (French collation is applied by callers when it matters). */
export function listCandidates(db: Db): Candidate[] {
  return (db.prepare('SELECT * FROM candidates ORDER BY nom, prenom, numero').all() as CandidateRow[]).map(fromRow);
}

export function getCandidate(db: Db, numero: string): Candidate | undefined {
  const r = db.prepare('SELECT * FROM candidates WHERE numero = ?').get(numero) as CandidateRow | undefined;
  return r && fromRow(r);
}

/** Map numero → candidate, for diffing a re-import against what is stored. */
export function candidatesByNumero(db: Db, numeros?: string[]): Map<string, Candidate> {
  const out = new Map<string, Candidate>();
  if (numeros) {
    const stmt = db.prepare('SELECT * FROM candidates WHERE numero = ?');
    for (const n of numeros) {
      const r = stmt.get(n) as CandidateRow | undefined;
      if (r) out.set(n, fromRow(r));
    }
    return out;
  }
  for (const r of db.prepare('SELECT * FROM candidates').iterate() as IterableIterator<CandidateRow>) {
    out.set(r.numero, fromRow(r));
  }
  return out;
}

/** Returns a function that inserts or updates one candidate; call it inside a transaction. */
export function candidateUpserter(db: Db, now: Date): (c: Candidate) => void {
  const at = now.toISOString();
  const stmt = db.prepare(
    `INSERT INTO candidates (${COLUMNS.join(', ')}, created_at, updated_at)
     VALUES (${COLUMNS.map((c) => '@' + c).join(', ')}, @at, @at)
     ON CONFLICT(numero) DO UPDATE SET ${COLUMNS.filter((c) => c !== 'numero').map((c) => `${c} = excluded.${c}`).join(', ')},
       updated_at = excluded.updated_at`,
  );
  return (c) => {
    stmt.run({ ...toRow(c), at });
  };
}
