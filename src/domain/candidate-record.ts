// One row of a candidate list → a Candidate, or the list of its bad cells. Every cell is checked (all issues of
// a row are reported at once, not just the first) and cross-field rules are applied last.
import type { Regulation } from './regulation/schema.js';
import type { Candidate } from './candidate.js';
import { normaliseAcademie } from './academie.js';
import { parseUai } from './uai.js';
import {
  cellString,
  frenchDate,
  optionalText,
  parseCodePostal,
  parseDateNaissance,
  parseEf1,
  parseEmail,
  parseLangue,
  parseNumero,
  parseTempsMajore,
  parseYesNo,
  requiredText,
  type RawCell,
} from './candidate-fields.js';
import { parseBenefices, parseDispenseCell, parseVoie, voieNeedsEtablissement, type Dispenses } from './candidate-units.js';
import { fail, ok, type FieldResult } from './validation.js';

export interface RecordContext {
  regulation: Regulation;
  session: number;
  /** The workspace's académie, used when the file has no académie column or leaves the cell empty. */
  defaultAcademie?: string;
  /** ISO date limite d'inscription à l'examen (`ccst import --date-limite-inscription`), for the EF3 request. */
  dateLimiteInscription?: string;
}

/** An issue on a canonical field; the caller turns the field into the header label and adds the row. */
export interface FieldIssue {
  field: string;
  kind: string;
  message: string;
}

export type RecordResult = { ok: true; candidate: Candidate } | { ok: false; issues: FieldIssue[] };

/** Canonical field → cell (absent columns give undefined). A Map will do; the import loop reuses one object. */
export interface CandidateRecord {
  get(field: string): RawCell;
}

/**
 * Spreadsheet columns such as académie, voie, langue or dispenses hold a handful of distinct values repeated on
 * thousands of rows: their parse results are cached by cell text (results are frozen, so sharing is safe).
 */
function memo<T>(fn: (v: RawCell) => FieldResult<T>, limit = 4096): (v: RawCell) => FieldResult<T> {
  const cache = new Map<string, FieldResult<T>>();
  let empty: FieldResult<T> | undefined; // most optional cells are empty: no map lookup for them
  return (v) => {
    if (v === null || v === undefined || v === '') return (empty ??= Object.freeze(fn(v)));
    if (v instanceof Date) return fn(v);
    const key = typeof v === 'string' ? v : `\u0000${typeof v}:${String(v)}`;
    let r = cache.get(key);
    if (r === undefined) {
      r = fn(v);
      if (r.ok && typeof r.value === 'object' && r.value !== null) Object.freeze(r.value);
      if (cache.size < limit) cache.set(key, Object.freeze(r));
    }
    return r;
  };
}

export type CandidateValidator = (rec: CandidateRecord) => RecordResult;

export function validateCandidateRecord(rec: CandidateRecord, ctx: RecordContext): RecordResult {
  return createCandidateValidator(ctx)(rec);
}

/** A validator for many rows of one file (same regulation, session and default académie). */
export function createCandidateValidator(ctx: RecordContext): CandidateValidator {
  const reg = ctx.regulation;
  const academieOf = memo<string | undefined>((v) => ok(normaliseAcademie(reg, cellString(v))));
  const voieOf = memo((v) => parseVoie(reg, v));
  // An empty language cell is « non renseignée » (issue #10 §4): no language is ever assumed for a person.
  const langueOf = memo((v) => parseLangue(v, 'langue d’E2'));
  const ef1Of = new Map<string, (v: RawCell) => FieldResult<string | undefined>>();
  const ef2Of = memo((v) => parseYesNo(v, 'EF2'));
  const ef3Of = memo((v) => parseYesNo(v, 'EF3'));
  const dispensesOf = memo((v) => parseDispenseCell(reg, v));
  const beneficesOf = memo((v) => parseBenefices(reg, v, ctx.session));
  const tempsOf = memo(parseTempsMajore);
  // Birth dates repeat too (a few thousand distinct days for a whole session).
  const dateOf = memo((v) => parseDateNaissance(v, ctx.session), 65536);
  const uaiOf = memo((v) => {
    const t = cellString(v);
    return t === '' ? ok(undefined) : parseUai(t);
  }, 65536);
  return (rec) => validateWith(rec, ctx, { academieOf, voieOf, langueOf, ef1Of, ef2Of, ef3Of, dispensesOf, beneficesOf, tempsOf, uaiOf, dateOf });
}

interface Parsers {
  academieOf: (v: RawCell) => FieldResult<string | undefined>;
  voieOf: (v: RawCell) => ReturnType<typeof parseVoie>;
  langueOf: (v: RawCell) => FieldResult<string | undefined>;
  ef1Of: Map<string, (v: RawCell) => FieldResult<string | undefined>>;
  ef2Of: (v: RawCell) => FieldResult<boolean>;
  ef3Of: (v: RawCell) => FieldResult<boolean>;
  dispensesOf: (v: RawCell) => FieldResult<Dispenses>;
  beneficesOf: (v: RawCell) => ReturnType<typeof parseBenefices>;
  tempsOf: (v: RawCell) => FieldResult<string | undefined>;
  uaiOf: (v: RawCell) => FieldResult<string | undefined>;
  dateOf: (v: RawCell) => FieldResult<string | undefined>;
}

function validateWith(rec: CandidateRecord, ctx: RecordContext, p: Parsers): RecordResult {
  const issues: FieldIssue[] = [];
  function take<T>(field: string, r: FieldResult<T>): T | undefined {
    if (r.ok) return r.value;
    issues.push({ field, kind: r.kind, message: r.message });
    return undefined;
  }
  const cell = (f: string) => rec.get(f);

  const numero = take('numero', parseNumero(cell('numero')));
  const nom = take('nom', requiredText(cell('nom'), 'nom'));
  const prenom = take('prenom', optionalText(cell('prenom')));
  const dateNaissance = take('date_naissance', p.dateOf(cell('date_naissance')));

  let academie: string | undefined;
  const academieText = cellString(cell('academie'));
  if (academieText === '') {
    academie = ctx.defaultAcademie;
    if (!academie) issues.push({ field: 'academie', kind: 'obligatoire', message: 'académie manquante (le workspace n’a pas d’académie par défaut)' });
  } else {
    const found = p.academieOf(cell('academie'));
    academie = found.ok ? found.value : undefined;
    if (!academie) issues.push({ field: 'academie', kind: 'academie', message: `académie inconnue : « ${academieText} »` });
  }

  const voie = take('voie', p.voieOf(cell('voie')));
  const uaiResult = p.uaiOf(cell('etablissement_uai'));
  const etablissementUai = take('etablissement_uai', uaiResult);
  if (uaiResult.ok && uaiResult.value === undefined && voie && voieNeedsEtablissement(voie)) {
    issues.push({
      field: 'etablissement_uai',
      kind: 'obligatoire',
      message: `code UAI de l’établissement manquant : la voie « ${voie.label} » passe des unités en CCF organisées par l’établissement`,
    });
  }
  const etablissement = take('etablissement', optionalText(cell('etablissement')));
  const langue = take('langue', p.langueOf(cell('langue')));
  const ef1 = take('ef1', ef1Parser(p, langue)(cell('ef1')));
  const ef2 = take('ef2', p.ef2Of(cell('ef2')));
  const ef3 = take('ef3', p.ef3Of(cell('ef3')));
  const demandeEf3 = take('demande_ef3', parseDemandeEf3(cell('demande_ef3'), ef3, ctx.dateLimiteInscription));
  const dispensed = take('dispenses', p.dispensesOf(cell('dispenses')));
  const dispenses = dispensed?.codes;
  const benefices = take('benefices', p.beneficesOf(cell('benefices')));
  if (dispenses && benefices) {
    const both = benefices.filter((b) => dispenses.includes(b.unite)).map((b) => b.unite);
    if (both.length > 0) {
      issues.push({ field: 'benefices', kind: 'benefice', message: `${both.join(', ')} à la fois dispensée(s) et en bénéfice : choisissez l’un ou l’autre` });
    }
  }
  const amenagements = take('amenagements', optionalText(cell('amenagements')));
  const tempsMajore = take('temps_majore', p.tempsOf(cell('temps_majore')));
  if (amenagements && tempsMajore === undefined && issues.every((i) => i.field !== 'temps_majore') && mentionsExtraTime(amenagements)) {
    // Only `temps_majore` lengthens convocation times (D351-28): extra time written in the free text alone would be
    // silently lost on every document.
    issues.push({
      field: 'temps_majore',
      kind: 'temps-majore',
      message: `l’aménagement « ${amenagements} » accorde du temps en plus : indiquez-le dans la colonne Temps majoré (ex. 1/3), sinon les horaires resteraient normaux`,
    });
  }
  const email = take('email', parseEmail(cell('email')));
  const adresse = take('adresse', optionalText(cell('adresse')));
  const codePostal = take('code_postal', parseCodePostal(cell('code_postal')));
  const commune = take('commune', optionalText(cell('commune')));

  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    candidate: {
      numero: numero!,
      nom: nom!,
      prenom: prenom ?? '',
      dateNaissance,
      academie: academie!,
      voie: voie!.code,
      etablissementUai,
      etablissement,
      langue,
      ef1,
      ef2: ef2!,
      ef3: ef3!,
      ...(demandeEf3 ? { demandeEf3 } : {}),
      dispenses: dispenses!,
      ...(dispenses!.length ? { dispenseGrounds: dispensed!.grounds } : {}),
      benefices: benefices!,
      amenagements,
      tempsMajore,
      email,
      adresse,
      codePostal,
      commune,
    },
  };
}

/** EF1 depends on the E2 language (they must differ): one cache per E2 language. */
function ef1Parser(p: Parsers, langue: string | undefined): (v: RawCell) => FieldResult<string | undefined> {
  const key = langue ?? '';
  let f = p.ef1Of.get(key);
  if (!f) {
    f = memo((v) => parseEf1(v, langue));
    p.ef1Of.set(key, f);
  }
  return f;
}

/** "Tiers-temps", "temps majoré", "majoration de temps" — unless negated ("pas de tiers-temps", "sans temps majoré"). */
export function mentionsExtraTime(text: string): boolean {
  const t = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  if (/\b(pas de|sans|aucun)\s+(tiers|temps|majoration)/.test(t)) return false;
  return /tiers[\s-]*temps|temps\s+major|majoration\s+(de\s+|du\s+)?temps/.test(t);
}

/**
 * Code de l'éducation D643-15-1 (quoted by the circulaire nationale 2024, annexe engagement étudiant): « La demande de
 * validation est formulée par le candidat au plus tard à la date limite d'inscription à l'examen. » A date after the
 * deadline is refused; a date without EF3 = oui is inconsistent.
 */
export function parseDemandeEf3(v: RawCell, ef3: boolean | undefined, dateLimite: string | undefined): FieldResult<string | undefined> {
  if (v === null || v === undefined || cellString(v) === '') return ok(undefined);
  const d = parseIsoOrFrenchDate(v);
  if (!d.ok) return d;
  if (ef3 === false) return fail('ef3', `demande EF3 du ${frenchDate(d.value)} alors que le candidat ne présente pas EF3 (EF3 = non)`);
  if (dateLimite && d.value > dateLimite) {
    return fail('ef3-demande', `demande EF3 du ${frenchDate(d.value)} après la date limite d’inscription du ${frenchDate(dateLimite)} (D643-15-1 : « au plus tard à la date limite d’inscription à l’examen »)`);
  }
  return ok(d.value);
}

/** JJ/MM/AAAA, AAAA-MM-JJ or an Excel date cell → ISO date. */
function parseIsoOrFrenchDate(v: RawCell): FieldResult<string> {
  if (v instanceof Date) return ok(v.toISOString().slice(0, 10));
  const s = cellString(v);
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const [y, m, d] = fr ? [Number(fr[3]), Number(fr[2]), Number(fr[1])] : iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [0, 0, 0];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (!y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return fail('date', `date illisible : « ${s} » (attendu JJ/MM/AAAA ou AAAA-MM-JJ)`);
  return ok(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}
