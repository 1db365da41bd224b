// The people who produce the notes (issue #13): examiners of oral commissions and correcteurs of written copies.
// One row of `examinateurs.csv|xlsx` → an Examiner, or every bad cell of the row as a row/column-precise French
// CellIssue (the candidate import's standard: all issues of a row at once, cross-field rules last). Pure.
import type { Regulation } from '../regulation/schema.js';
import type { CellIssue, FieldResult } from '../validation.js';
import { fail, ok } from '../validation.js';
import { parseUai } from '../uai.js';
import { normaliseAcademie } from '../academie.js';
import { cellString, parseEmail, plainKey, requiredText, type RawCell } from '../candidate-fields.js';
import { findUnit } from '../regulation/units.js';
import { compositionFor, holds, seatsFor } from '../regulation/commissions.js';

export interface Examiner {
  /** Identity: the import upserts by it. Lower case (addresses are compared without case in practice). */
  email: string;
  nom: string;
  prenom: string;
  /** Codes of the regulation's `commissions.profiles` (economie-gestion, sti, lv-anglais, professionnel…). */
  profils: string[];
  /** Undefined only for someone who teaches nowhere (a professional): the own-establishment rule needs it. */
  etablissementUai?: string;
  /** Regulation académie code: lots are balanced within the académie that corrects. */
  academie: string;
  /** Épreuve codes (E4, E61…) this person may evaluate or correct. */
  epreuves: string[];
  /** ISO days available, sorted. */
  dates: string[];
  /** Upper bounds the person or the office set; absent = no bound stated (the office's choice, not a default). */
  maxCandidats?: number;
  maxCopies?: number;
}

/** The profile that needs no établissement: « un professionnel » of the circular's commissions. */
export const PROFESSIONAL = 'professionnel';

export const EXAMINER_FIELDS = ['nom', 'prenom', 'email', 'profil', 'etablissement_uai', 'academie', 'epreuves', 'dates', 'max_candidats', 'max_copies'] as const;

/** One data row as read: its 1-based row in the file and its cells by canonical field. */
export interface ExaminerRow {
  row: number;
  get(field: string): RawCell;
}

export interface ExaminerContext {
  regulation: Regulation;
  /** Session year: an availability date outside it is a typo. */
  session: number;
  /** Header label of a canonical field as the user wrote it (default: the field itself). */
  columnOf?: (field: string) => string;
}

/** Cells holding several values: « E4; E61 », « economie-gestion, professionnel », « 20/05/2024 21/05/2024 ». */
function listCell(v: RawCell): string[] {
  if (v instanceof Date || typeof v === 'number') return [cellString(v)];
  return cellString(v).split(/[;,\s]+/).filter((s) => s !== '');
}

export function parseProfils(reg: Regulation, v: RawCell): FieldResult<string[]> {
  const known = reg.commissions?.profiles ?? [];
  const items = listCell(v);
  if (!items.length) return fail('obligatoire', 'profil manquant');
  const out: string[] = [];
  for (const item of items) {
    const p = known.find((k) => plainKey(k.code) === plainKey(item));
    if (!p) return fail('profil', `profil inconnu « ${item} » (profils du règlement : ${known.map((k) => k.code).join(', ')})`);
    if (!out.includes(p.code)) out.push(p.code);
  }
  return ok(out);
}

export function parseEpreuves(reg: Regulation, v: RawCell): FieldResult<string[]> {
  const items = listCell(v);
  if (!items.length) return fail('obligatoire', 'épreuves manquantes (ex. E4; E61)');
  const out: string[] = [];
  for (const item of items) {
    const u = findUnit(reg, item);
    if (!u) return fail('epreuve', `épreuve inconnue « ${item} » (épreuves du règlement : ${reg.units.map((x) => x.epreuve).join(', ')})`);
    if (!out.includes(u.epreuve)) out.push(u.epreuve);
  }
  return ok(out);
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function parseDay(item: string | Date | number, session: number): FieldResult<string> {
  let y: number, m: number, d: number;
  if (item instanceof Date) [y, m, d] = [item.getUTCFullYear(), item.getUTCMonth() + 1, item.getUTCDate()];
  else if (typeof item === 'number') {
    const t = new Date(EXCEL_EPOCH_MS + Math.trunc(item) * 86_400_000);
    [y, m, d] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
  } else {
    const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(item);
    const is = /^(\d{4})-(\d{2})-(\d{2})$/.exec(item);
    if (fr) [d, m, y] = [Number(fr[1]), Number(fr[2]), Number(fr[3])];
    else if (is) [y, m, d] = [Number(is[1]), Number(is[2]), Number(is[3])];
    else return fail('date', `date illisible « ${item} » (attendu JJ/MM/AAAA ou AAAA-MM-JJ, séparées par ;)`);
  }
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return fail('date', `date impossible « ${String(item)} »`);
  if (y !== session) return fail('date', `date ${iso(y, m, d)} hors de la session ${session}`);
  return ok(iso(y, m, d));
}

/** Days available: one or several dates; none is not « available every day » (no silent default for a person). */
export function parseDates(v: RawCell, session: number): FieldResult<string[]> {
  const items: (string | Date | number)[] = v instanceof Date || typeof v === 'number' ? [v] : listCell(v);
  if (!items.length) return fail('obligatoire', 'dates de disponibilité manquantes');
  const out = new Set<string>();
  for (const item of items) {
    const r = parseDay(item, session);
    if (!r.ok) return r;
    out.add(r.value);
  }
  return ok([...out].sort());
}

export function parseMax(v: RawCell, what: string): FieldResult<number | undefined> {
  const s = cellString(v);
  if (s === '') return ok(undefined);
  if (!/^\d{1,6}$/.test(s)) return fail('nombre', `${what} : « ${s} » n’est pas un nombre entier positif`);
  return ok(Number(s));
}

export type ExaminerResult = { ok: true; examiner: Examiner } | { ok: false; issues: CellIssue[] };

export function validateExaminerRow(rec: ExaminerRow, ctx: ExaminerContext): ExaminerResult {
  const reg = ctx.regulation;
  const issues: CellIssue[] = [];
  const column = ctx.columnOf ?? ((f: string) => f);
  function take<T>(field: string, r: FieldResult<T>): T | undefined {
    if (r.ok) return r.value;
    issues.push({ row: rec.row, column: column(field), kind: r.kind, message: r.message });
    return undefined;
  }
  const issue = (field: string, kind: string, message: string) => issues.push({ row: rec.row, column: column(field), kind, message });

  const nom = take('nom', requiredText(rec.get('nom'), 'nom'));
  const prenom = take('prenom', requiredText(rec.get('prenom'), 'prénom'));
  const emailRaw = take('email', parseEmail(rec.get('email')));
  if (emailRaw === undefined && cellString(rec.get('email')) === '') issue('email', 'obligatoire', 'adresse électronique manquante (elle identifie l’examinateur)');
  const profils = take('profil', parseProfils(reg, rec.get('profil')));
  const uaiText = cellString(rec.get('etablissement_uai'));
  const etablissementUai = uaiText === '' ? undefined : take('etablissement_uai', parseUai(uaiText));
  let academie: string | undefined;
  const academieText = cellString(rec.get('academie'));
  if (academieText === '') issue('academie', 'obligatoire', 'académie manquante');
  else {
    academie = normaliseAcademie(reg, academieText);
    if (!academie) issue('academie', 'academie', `académie inconnue : « ${academieText} »`);
  }
  const epreuves = take('epreuves', parseEpreuves(reg, rec.get('epreuves')));
  const dates = take('dates', parseDates(rec.get('dates'), ctx.session));
  const maxCandidats = take('max_candidats', parseMax(rec.get('max_candidats'), 'max_candidats'));
  const maxCopies = take('max_copies', parseMax(rec.get('max_copies'), 'max_copies'));

  // Cross-field rules. A teacher is « de l'établissement » of some candidates: without a UAI the own-establishment
  // rule of issue #13 could not be applied to them. Only a professional may leave it empty.
  if (profils && uaiText === '' && profils.some((p) => p !== PROFESSIONAL)) {
    issue('etablissement_uai', 'obligatoire', `code UAI de l’établissement manquant (seul un ${PROFESSIONAL} peut le laisser vide)`);
  }
  // An épreuve the person could never sit for: none of their profiles holds a seat of its commission (circulaire
  // nationale 2024, « Composition de la commission » of the épreuve, as the regulation data encodes it).
  if (profils && epreuves) {
    for (const e of epreuves) {
      const seatProfiles = seatProfilesOf(reg, e);
      if (!seatProfiles) issue('epreuves', 'epreuve-commission', `${e} : le règlement ne donne pas la composition de sa commission`);
      else if (!profils.some((p) => seatProfiles.has(p))) {
        issue('epreuves', 'epreuve-profil', `${e} : aucun siège de sa commission pour le profil ${profils.join(', ')} (profils admis : ${[...seatProfiles].join(', ')})`);
      }
    }
  }
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    examiner: {
      email: emailRaw!.toLowerCase(), nom: nom!, prenom: prenom!, profils: profils!, ...(etablissementUai ? { etablissementUai } : {}),
      academie: academie!, epreuves: epreuves!, dates: dates!,
      ...(maxCandidats !== undefined ? { maxCandidats } : {}), ...(maxCopies !== undefined ? { maxCopies } : {}),
    },
  };
}

/** Every profile that can hold some seat (fallback included) of the épreuve's commission, any form or variant. */
function seatProfilesOf(reg: Regulation, epreuve: string): Set<string> | undefined {
  const out = new Set<string>();
  for (const form of ['ccf', 'ponctuel'] as const) {
    for (const variant of [undefined, 'etranger'] as const) {
      const comp = compositionFor(reg, epreuve, form, variant);
      if (!comp) continue;
      for (const seat of seatsFor(reg, comp)) for (const p of [...seat.profiles, ...(seat.fallback?.profiles ?? [])]) out.add(p);
    }
  }
  return out.size ? out : undefined;
}

/** Whether the person may sit on a seat of `epreuve`'s commission for a form (used by the builder and the lots). */
export function mayEvaluate(reg: Regulation, e: Examiner, epreuve: string, form: 'ccf' | 'ponctuel'): boolean {
  if (!e.epreuves.includes(epreuve)) return false;
  const comp = compositionFor(reg, epreuve, form);
  return !!comp && seatsFor(reg, comp).some((s) => holds(s, e.profils) !== undefined);
}

/**
 * A whole file: every row validated, then one person per e-mail — a second row with the same address is an issue
 * naming the first row (the import is an upsert by e-mail: two rows would make the result depend on their order).
 */
export function validateExaminerRows(rows: Iterable<ExaminerRow>, ctx: ExaminerContext): { examiners: Examiner[]; issues: CellIssue[] } {
  const examiners: Examiner[] = [];
  const issues: CellIssue[] = [];
  const firstRow = new Map<string, number>();
  const column = ctx.columnOf ?? ((f: string) => f);
  for (const rec of rows) {
    const r = validateExaminerRow(rec, ctx);
    if (!r.ok) {
      issues.push(...r.issues);
      continue;
    }
    const first = firstRow.get(r.examiner.email);
    if (first !== undefined) {
      issues.push({ row: rec.row, column: column('email'), kind: 'doublon', message: `${r.examiner.email} figure déjà ligne ${first}` });
      continue;
    }
    firstRow.set(r.examiner.email, rec.row);
    examiners.push(r.examiner);
  }
  return { examiners, issues };
}
