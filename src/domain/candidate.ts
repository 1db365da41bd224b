// A candidate as kept in the workspace (one row of `candidates`), after validation.
export interface Benefice {
  /** Unit code, e.g. "U4". */
  unite: string;
  /** Note in integer hundredths (12,5 → 1250): notes are never floats. */
  note: number;
  /** Session year the note was obtained. */
  session: number;
  /** The unit under the earlier règlement (regulation `correspondence`), when the bénéfice was earned under it. */
  from?: string;
}

export interface Candidate {
  numero: string;
  nom: string;
  prenom: string;
  /** ISO date AAAA-MM-JJ. */
  dateNaissance?: string;
  /** Académie code from the regulation (TOULOUSE, AIX-MARSEILLE, REUNION…). */
  academie: string;
  /** Voie code from the regulation (scolaire_public, candidat_individuel…). */
  voie: string;
  etablissementUai?: string;
  etablissement?: string;
  /** LVE of E2 (lower-case French name: anglais, espagnol…); undefined = « non renseignée », never a default. */
  langue?: string;
  /** Optional language of EF1, if chosen. */
  ef1?: string;
  ef2: boolean;
  ef3: boolean;
  /** ISO date the candidate asked for the engagement étudiant (EF3) validation (D643-15-1), when the file gives it. */
  demandeEf3?: string;
  /** Dispensed unit codes. */
  dispenses: string[];
  /** Unit code → ground of its dispense (regulation `dispenses.grounds`); absent for dispenses stored before grounds. */
  dispenseGrounds?: Record<string, string>;
  benefices: Benefice[];
  amenagements?: string;
  /** Extra time as a fraction of the duration, e.g. "1/3" (tiers-temps). */
  tempsMajore?: string;
  email?: string;
  adresse?: string;
  codePostal?: string;
  commune?: string;
}

/** Canonical text of bénéfices, as stored and exported: "U4=12,5@2023; U61=11@2022". */
export function formatBenefices(list: Benefice[]): string {
  // A bénéfice earned under the earlier règlement is written in its own code (« U4=14@2024 »), as parseBenefices reads it.
  return list.map((b) => `${b.from ?? b.unite}=${formatHundredths(b.note)}@${b.session}`).join('; ');
}

/** 1250 → "12,5"; 1200 → "12"; 1205 → "12,05" (French decimal comma, no trailing zeros). */
export function formatHundredths(n: number): string {
  const sign = n < 0 ? '-' : '';
  const a = Math.abs(n);
  const int = Math.floor(a / 100);
  const frac = a % 100;
  if (frac === 0) return `${sign}${int}`;
  return `${sign}${int},${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}

/** Stable order for every list and document: nom, prénom, numéro (STYLE.md). */
export function compareCandidates(a: Pick<Candidate, 'nom' | 'prenom' | 'numero'>, b: Pick<Candidate, 'nom' | 'prenom' | 'numero'>): number {
  return (a.nom === b.nom ? 0 : BY_NAME.compare(a.nom, b.nom)) || (a.prenom === b.prenom ? 0 : BY_NAME.compare(a.prenom, b.prenom)) || compareNumeros(a.numero, b.numero);
}

/**
 * The numéro order (French collator, numeric): the collator's result, but two numéros of the same length made of
 * ASCII digits only (every BTS numéro) are compared by code point, which is the same order — same length, so the
 * numeric values rank as the digit strings do — without a call into the collator, the most of the time sorting
 * 250,000 candidates whose nom and prénom are often shared (bench:seating). test/domain/candidate-order.test.ts
 * checks it against the collator.
 */
export function compareNumeros(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === b.length && DIGITS.test(a) && DIGITS.test(b)) return a < b ? -1 : 1;
  return BY_NUMBER.compare(a, b);
}
const DIGITS = /^[0-9]+$/;
// The same order as localeCompare(…, 'fr', options), which builds a collator at every call: sorting 250,000
// candidates spent ≈2 s there (bench:seating); one collator each gives identical results. Equal strings compare
// equal under any collator: the identity test skips it for the many shared noms and prénoms (−25 % on that sort).
const BY_NAME = new Intl.Collator('fr', { sensitivity: 'base' });
const BY_NUMBER = new Intl.Collator('fr', { numeric: true });
