// Anonymity numbers of written copies (issue #13 §3): every candidate present at a written épreuve gets a number
// that a correcteur sees instead of the name — the correspondence is lifted only after the notes are in.
//
// Scheme: 8 digits = PRF(secret, épreuve ∖0 numéro ∖0 attempt) reduced mod 10^8, then one check letter. The PRF is
// AES-256 CBC-MAC over a fixed-length message (anonymity-prf.ts: why, and the measurement that chose it over HMAC).
//  - Not derivable from the numéro nor from the list order: without the per-session secret (random, kept in the
//    workspace, never printed) a PRF is indistinguishable from random, so neither the numéro nor the place in the
//    list tells anything about the number — and knowing a few pairs (a correcteur who recognises a copy) reveals
//    nothing about the others. A keyed permutation of the numéro (format-preserving encryption) would avoid
//    collisions by construction, but needs numéros as a dense integer range, which they are not (free text, up to
//    30 characters); with 10^8 values the PRF's collisions are rare and resolved by the attempt counter.
//  - The épreuve is in the input: the same candidate has unrelated numbers at E3 and E5, so copies cannot be
//    linked across épreuves, and a number identifies its épreuve (a copy of another épreuve is refused on import).
//  - Unique within the session: a number already issued — at any épreuve — is never given again (next attempt).
//  - Stable: numbers already issued are kept whatever the secret or the list; only new candidates get new ones.
//  - Check letter: "ABCDEFGHJKLMNPRSTUVWXYZ"[n mod 23], the UAI's rule (src/domain/uai.ts). 23 is prime and prime to
//    9, 10 and 99, so any one wrong digit, any swap of two adjacent digits and of digits two apart change the letter:
//    a mistyped number on a returned bordereau is refused instead of crediting another copy.
// Pure (node:crypto's AES is a computation, nothing is read or written).
import { prfKey, prfValuePlain, prfValuesBatch } from './anonymity-prf.js';
import { fail, ok, type FieldResult } from '../validation.js';

const CHECK_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const DIGITS = 8;

export interface IssuedNumber {
  numero: string;
  epreuve: string;
  /** 8 digits and the check letter: « 04813927E ». */
  anonymat: string;
}

export function anonymatCheckLetter(digits: string): string {
  // 10^8 < 2^53: the digits are an exact double.
  return CHECK_LETTERS[Number(digits) % 23]!;
}

/**
 * The 8 digits of a number as written by formatAnonymat (digits, then their check letter) as an integer, else -1: a
 * key without a string per copy for the import's index of 250,000 copies (store/notes-by-lot.ts).
 */
export function anonymatKey(s: string): number {
  if (s.length !== DIGITS + 1) return -1;
  let v = 0;
  for (let i = 0; i < DIGITS; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return s.charCodeAt(DIGITS) === CHECK_LETTERS.charCodeAt(v % 23) ? v : -1;
}

const ANONYMAT = new RegExp(`^\\d{${DIGITS}}[A-Z]$`);

/** A number as keyed back from a bordereau: spaces and case forgiven, a wrong letter or length refused. */
export function parseAnonymat(raw: string): FieldResult<string> {
  // Most numbers come back as written: no copy of the text then (250,000 rows for every lot of a session).
  const s = ANONYMAT.test(raw) ? raw : raw.replace(/[\s.-]+/g, '').toUpperCase();
  if (!ANONYMAT.test(s)) {
    return fail('anonymat', `numéro d’anonymat mal formé : « ${raw} » (attendu ${DIGITS} chiffres et une lettre, ex. 04813927E)`);
  }
  if (anonymatKey(s) < 0) {
    return fail('anonymat-cle', `numéro d’anonymat erroné : « ${raw} » (la lettre de contrôle ne correspond pas : chiffre mal recopié ?)`);
  }
  return ok(s);
}

export interface AnonymiseInput {
  /** The session's secret, at least 16 bytes (the command draws 32 random bytes once and stores them). */
  secret: Uint8Array;
  epreuve: string;
  /** Numéros of the candidates present at the épreuve. */
  present: readonly string[];
  /** Every number issued in the session so far, all épreuves. */
  issued: readonly IssuedNumber[];
}

export interface AnonymiseOutcome {
  /** The épreuve's numbers for the candidates present, sorted by anonymity number (never by name or numéro). */
  numbers: IssuedNumber[];
  /**
   * The numbers this run created — `numbers` less the kept ones — in the order of `present`, redrawn ones last: what
   * the caller stores (in numéro order: store/copies.ts insertIssued, cheap to sort from a list already in order).
   */
  fresh: IssuedNumber[];
  kept: number;
  created: number;
  /** The issued list contradicts itself (a number twice, a candidate with two numbers at one épreuve): data, not thrown. */
  conflicts: string[];
}

const message = (epreuve: string, numero: string, attempt: number) => `${epreuve}\u0000${numero}\u0000${attempt}`;
/** 48213 → « 00048213 » and its check letter. */
export function formatAnonymat(value: number): string {
  return String(value).padStart(DIGITS, '0') + CHECK_LETTERS[value % 23]!;
}

/** What `ccst copies anonymise` stores: anonymise without its list sorted by number (250,000 objects placed again). */
export type IssueOutcome = Omit<AnonymiseOutcome, 'numbers'>;

export function issueNumbers(input: AnonymiseInput): IssueOutcome {
  const { fresh, kept, created, conflicts } = issue(input);
  return { fresh, kept, created, conflicts };
}

export function anonymise(input: AnonymiseInput): AnonymiseOutcome {
  const { numbers, values, fresh, kept, created, conflicts } = issue(input);
  // By number: value × 2^21 + index in one double (10^8 × 2^21 < 2^53), one typed sort.
  if (numbers.length >= 2_097_152) {
    const sorted = [...numbers].sort((a, b) => (a.anonymat < b.anonymat ? -1 : a.anonymat > b.anonymat ? 1 : 0));
    return { numbers: sorted, fresh, kept, created, conflicts };
  }
  const packed = new Float64Array(numbers.length);
  for (let i = 0; i < values.length; i++) packed[i] = values[i]! * 2_097_152 + i;
  packed.sort();
  const sorted = Array.from(packed, (p) => numbers[p - Math.floor(p / 2_097_152) * 2_097_152]!);
  return { numbers: sorted, fresh, kept, created, conflicts };
}

/** The numbers of the present candidates, kept ones first (in `present` order), then created ones; their values beside. */
function issue(input: AnonymiseInput): IssueOutcome & { numbers: IssuedNumber[]; values: number[] } {
  if (input.secret.length < 16) throw new Error('secret d’anonymat trop court (16 octets au moins)');
  const conflicts: string[] = [];
  const used = new Map<string, IssuedNumber>();
  const mine = new Map<string, string>();
  for (const n of input.issued) {
    const other = used.get(n.anonymat);
    if (other && (other.numero !== n.numero || other.epreuve !== n.epreuve)) {
      conflicts.push(`numéro d’anonymat ${n.anonymat} attribué deux fois (${other.epreuve} ${other.numero}, ${n.epreuve} ${n.numero})`);
    }
    used.set(n.anonymat, n);
    if (n.epreuve !== input.epreuve) continue;
    const had = mine.get(n.numero);
    if (had && had !== n.anonymat) conflicts.push(`${n.epreuve} ${n.numero} : deux numéros d’anonymat (${had}, ${n.anonymat})`);
    else mine.set(n.numero, n.anonymat);
  }
  const key = prfKey(input.secret);
  const present = distinct(input.present);
  // Each number with its 8 digits' value (< 10^8) beside it, in `values`: anonymise's sort needs no parsing back, and
  // the sets are of small integers, not strings (250,000 candidates in the bench). The letter follows from the value.
  const numbers: IssuedNumber[] = [];
  const values: number[] = [];
  const fresh: string[] = [];
  for (const numero of present) {
    const had = mine.size ? mine.get(numero) : undefined;
    if (had) {
      numbers.push({ numero, epreuve: input.epreuve, anonymat: had });
      values.push(Number(had.slice(0, DIGITS)));
    } else fresh.push(numero);
  }
  const kept = numbers.length;
  const taken = valueSet(used.size + fresh.length);
  for (const a of used.keys()) taken.add(Number(a.slice(0, DIGITS)));
  // Every newcomer's first draw at once (the batch PRF). A draw that no other newcomer drew and no one holds is
  // theirs; the rest — rare — draw again one by one in numéro order, so that the result is a function of the data
  // alone, not of the order of the list.
  const draws = prfValuesBatch(key, fresh.map((n) => message(input.epreuve, n, 0)));
  const twice = new Set<number>();
  const order = draws.slice().sort();
  for (let i = 1; i < order.length; i++) if (order[i] === order[i - 1]) twice.add(order[i]!);
  const again: string[] = [];
  for (let i = 0; i < fresh.length; i++) {
    const v = draws[i]!;
    if ((twice.size && twice.has(v)) || taken.has(v)) {
      again.push(fresh[i]!);
      continue;
    }
    numbers.push({ numero: fresh[i]!, epreuve: input.epreuve, anonymat: formatAnonymat(v) });
    values.push(v);
  }
  if (again.length) for (let i = kept; i < values.length; i++) taken.add(values[i]!);
  for (const numero of again.sort()) {
    let attempt = 0;
    let v = prfValuePlain(key, message(input.epreuve, numero, attempt));
    while (taken.has(v)) v = prfValuePlain(key, message(input.epreuve, numero, ++attempt));
    taken.add(v);
    numbers.push({ numero, epreuve: input.epreuve, anonymat: formatAnonymat(v) });
    values.push(v);
  }
  const created = numbers.slice(kept);
  return { numbers, values, fresh: created, kept, created: created.length, conflicts };
}

/**
 * The numéros once each, in their order. A list already sorted (presence gives one) is checked in one pass — a Set of
 * 250,000 new strings (each hashed) cost ≈ 0.4 s of CPU in the bench, the pass a few milliseconds.
 */
function distinct(list: readonly string[]): string[] {
  let sorted = true;
  for (let i = 1; i < list.length && sorted; i++) sorted = list[i - 1]! < list[i]!;
  return sorted ? [...list] : [...new Set(list)];
}

interface ValueSet {
  add(v: number): void;
  has(v: number): boolean;
}

/**
 * The numbers taken, as a set of values in [0, 10^8): a Set for a few, one bit per possible value (12.5 MB) beyond
 * 20,000 — 250,000 Set insertions cost ≈ 0.2 s of CPU in the bench, the bits almost nothing.
 */
function valueSet(expected: number): ValueSet {
  if (expected <= 20_000) return new Set<number>();
  const bits = new Uint8Array(100_000_000 / 8);
  return {
    // A stored number that is not 8 digits (a hand-edited workspace) has no value a draw could meet: left out.
    add: (v) => void (Number.isInteger(v) && v >= 0 && v < 100_000_000 && (bits[v >>> 3]! |= 1 << (v & 7))),
    has: (v) => ((bits[v >>> 3]! >> (v & 7)) & 1) === 1,
  };
}
