// Pure parsers for the cells of a candidate list. Each takes one cell as read (CSV text, or an XLSX number,
// boolean or Date) and returns a FieldResult whose failure message is French and self-contained.
import { fail, ok, type FieldResult } from './validation.js';

/** A cell as read from a table (same shape as io/table-reader's CellValue; the domain does not import io). */
export type RawCell = string | number | boolean | Date | null | undefined;

/** Comparison key: lower case, no accents, letters and digits only ("Tiers-Temps" → "tierstemps"). */
export function plainKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/**
 * Cell → trimmed NFC text with runs of white space (line breaks inside a cell included) made one space.
 * A leading apostrophe before = + - @ is removed: it is how our exports neutralise formulas
 * (io/inert-text.ts neutraliseFormula), so that an export re-imports unchanged.
 */
export function cellString(v: RawCell): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return isoOfUtcDate(v);
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  let s = String(v);
  // Most cells are already clean: test first, rewrite only when needed (250k rows × 20 cells).
  if (/[^\x20-\x7e]/.test(s)) s = s.normalize('NFC');
  if (/^\s|\s$|\s\s|[^\S ]/.test(s)) s = s.replace(/\s+/g, ' ').trim();
  // The same test as neutraliseFormula's (first visible character after white space, control and format characters).
  return s.charCodeAt(0) === 39 && /^'[\s\p{Cc}\p{Cf}]*[=+\-@]/u.test(s) ? s.slice(1) : s;
}

export function optionalText(v: RawCell): FieldResult<string | undefined> {
  const s = cellString(v);
  return ok(s === '' ? undefined : s);
}

export function requiredText(v: RawCell, what: string): FieldResult<string> {
  const s = cellString(v);
  return s === '' ? fail('obligatoire', `${what} manquant`) : ok(s);
}

/** N° candidat: letters, digits and - . / _ ; a whole number from an XLSX cell is accepted. */
export function parseNumero(v: RawCell): FieldResult<string> {
  if (typeof v === 'number' && !Number.isSafeInteger(v)) return fail('numero', `numéro de candidat invalide : ${v}`);
  const s = cellString(v);
  if (s === '') return fail('obligatoire', 'numéro de candidat manquant');
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,29}$/.test(s)) {
    return fail('numero', `numéro de candidat invalide : « ${s} » (lettres, chiffres, - . / _ ; 30 caractères au plus)`);
  }
  return ok(s);
}

function isoOfUtcDate(d: Date): string {
  // exceljs returns Excel dates as Date objects at UTC midnight: read them with UTC getters, never local time.
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
}

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** Excel 1900 date system: serial 1 = 1900-01-01 and, past 1900-02-28, the epoch is 1899-12-30. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * Date of birth: JJ/MM/AAAA (also with - or .), AAAA-MM-JJ, an Excel date cell, or an Excel serial number.
 * A birth year must be 1900 or later and at least 14 years before the session (a BTS candidate holds a bac).
 */
export function parseDateNaissance(v: RawCell, sessionYear: number): FieldResult<string | undefined> {
  let y: number, m: number, d: number;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return fail('date', 'date de naissance invalide');
    [y, m, d] = [v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()];
  } else if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 61 || v > 2958465) return fail('date', `date de naissance invalide : ${v}`);
    const date = new Date(EXCEL_EPOCH_MS + v * 86_400_000);
    [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  } else {
    const s = cellString(v);
    if (s === '') return ok(undefined);
    const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
    const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00(?:\.000)?)?Z?)?$/.exec(s);
    if (fr) [d, m, y] = [Number(fr[1]), Number(fr[2]), Number(fr[3])];
    else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    else return fail('date', `date de naissance illisible : « ${s} » (attendu JJ/MM/AAAA ou AAAA-MM-JJ)`);
    if (!validYmd(y, m, d)) return fail('date', `date de naissance impossible : « ${s} »`);
  }
  const isoText = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (y < 1900 || y > sessionYear - 14) {
    return fail('date', `date de naissance improbable pour la session ${sessionYear} : ${frenchDate(isoText)}`);
  }
  return ok(isoText);
}

/** "2004-03-12" → "12/03/2004". */
export function frenchDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

const YES = new Set(['oui', 'o', 'x', '1', 'vrai', 'yes', 'y', 'true']);
const NO = new Set(['', 'non', 'n', '0', 'faux', 'no', 'false', '-']);

/** oui/non, o/n, 1/0, x/empty (a tick in a spreadsheet), vrai/faux, or an XLSX boolean. */
export function parseYesNo(v: RawCell, what: string): FieldResult<boolean> {
  if (typeof v === 'boolean') return ok(v);
  const k = plainKey(cellString(v));
  if (YES.has(k)) return ok(true);
  if (NO.has(k)) return ok(false);
  return fail('oui-non', `${what} : « ${cellString(v)} » n’est pas oui/non`);
}

export function parseEmail(v: RawCell): FieldResult<string | undefined> {
  const s = cellString(v);
  if (s === '') return ok(undefined);
  return /^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(s) ? ok(s) : fail('email', `adresse électronique invalide : « ${s} »`);
}

/** Five digits; an XLSX number loses its leading zero (1000 → "01000") and gets it back. */
export function parseCodePostal(v: RawCell): FieldResult<string | undefined> {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1000 && v <= 99999) return ok(String(v).padStart(5, '0'));
  const s = cellString(v).replace(/\s+/g, '');
  if (s === '') return ok(undefined);
  return /^\d{5}$/.test(s) ? ok(s) : fail('code-postal', `code postal invalide : « ${s} » (5 chiffres)`);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Extra time as a reduced fraction: "1/3", "tiers-temps", "tiers temps", or oui/x in a "tiers temps" column.
 * Code de l'éducation D351-28: up to one third of the normal duration, exceptionally more on medical advice;
 * so any fraction in ]0, 1] is kept and the organisers read it, but text that is not a fraction is refused.
 */
export function parseTempsMajore(v: RawCell): FieldResult<string | undefined> {
  const s = cellString(v);
  const k = plainKey(s);
  if (NO.has(k)) return ok(undefined);
  if (['tierstemps', 'tiers', 'untiers', '13temps', 'oui', 'o', 'x'].includes(k)) return ok('1/3');
  const f = /^(\d{1,2})\s*\/\s*(\d{1,2})(?:\s*temps)?$/i.exec(s);
  if (f) {
    const p = Number(f[1]);
    const q = Number(f[2]);
    if (p > 0 && q > 0 && p <= q) {
      const g = gcd(p, q);
      return ok(`${p / g}/${q / g}`);
    }
  }
  return fail('temps-majore', `temps majoré illisible : « ${s} » (attendu une fraction comme 1/3, ou « tiers-temps »)`);
}

/**
 * Modern languages known to the BTS (E2 and EF1), French names as stored. The référentiel's E22 commission
 * is an English teacher, but other LVE exist (circulaire Toulouse 2023: espagnol at E2-2), so the list is open
 * to the usual ones and a typo is refused rather than guessed.
 */
const LANGUAGES: Record<string, string[]> = {
  anglais: ['en', 'ang', 'english', 'lv anglais'],
  allemand: ['de', 'all', 'deutsch'],
  espagnol: ['es', 'esp', 'espanol'],
  italien: ['it', 'ita'],
  portugais: ['pt', 'por'],
  arabe: ['ar'],
  chinois: ['zh', 'mandarin'],
  russe: ['ru'],
  'néerlandais': ['nl'],
  japonais: ['ja'],
  'hébreu': ['he'],
  polonais: ['pl'],
  turc: ['tr'],
  vietnamien: ['vi'],
  'grec moderne': ['grec', 'el'],
  'créole': ['creole'],
};

/** Known languages in a fixed order (stable numbering of per-language commissions). */
export const KNOWN_LANGUAGES: readonly string[] = Object.keys(LANGUAGES);

const LANGUAGE_INDEX = new Map<string, string>();
for (const [name, aliases] of Object.entries(LANGUAGES)) {
  for (const a of [name, ...aliases]) LANGUAGE_INDEX.set(plainKey(a), name);
}

export function parseLangue(v: RawCell, what: string, fallback?: string): FieldResult<string | undefined> {
  const s = cellString(v);
  if (s === '') return ok(fallback);
  const name = LANGUAGE_INDEX.get(plainKey(s));
  return name ? ok(name) : fail('langue', `${what} : langue inconnue « ${s} » (ex. anglais, espagnol, allemand)`);
}

/** EF1 (référentiel annexe I, « bloc facultatif LV2 »): empty or non = not chosen; otherwise another language. */
export function parseEf1(v: RawCell, langue: string | undefined): FieldResult<string | undefined> {
  const k = plainKey(cellString(v));
  if (NO.has(k)) return ok(undefined);
  if (YES.has(k)) return fail('langue', 'EF1 : indiquez la langue choisie (ex. espagnol), pas « oui »');
  const r = parseLangue(v, 'EF1');
  if (!r.ok) return r;
  if (r.value !== undefined && r.value === langue) {
    return fail('langue', `EF1 : ${r.value} est déjà la langue d’E2 ; l’épreuve facultative porte sur une autre langue (LV2)`);
  }
  return r;
}
