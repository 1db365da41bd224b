// Validation of one row of a centres file (`ccst centres import`): every cell checked, every problem reported
// with its column, nothing guessed. Pure: the command reads the file and gives the cells.
import type { Regulation } from '../regulation/schema.js';
import { normaliseAcademie, zoneOfAcademie } from '../academie.js';
import { findUnit } from '../regulation/units.js';
import { parseCalendarDate, parseZone } from '../calendar/fields.js';
import { fail, ok, type FieldResult } from '../validation.js';
import { parseUai } from '../uai.js';
import { languageKey, type Centre, type CentreType } from './centre.js';
import { KNOWN_LANGUAGES, parseLangue } from '../candidate-fields.js';

/** More places than any lycée has: a typo (issue #9 item 9). */
export const MAX_CAPACITY = 100_000;

export type CentreField =
  | 'uai' | 'nom' | 'adresse' | 'code_postal' | 'commune' | 'academie' | 'type'
  | 'epreuves' | 'capacite' | 'dates' | 'langues' | 'origines' | 'zone';

/** Cell values as text, except an Excel date cell in `dates`, kept as a Date. */
export type CentreCells = Partial<Record<CentreField, string | Date>>;

export interface FieldIssue {
  field: CentreField;
  kind: string;
  message: string;
}

export function parseCentreType(raw: string): FieldResult<CentreType> {
  const s = raw.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, ' ').trim();
  if (/^(centre d )?ecrits?$/.test(s)) return ok('ecrit');
  if (/^(centre d )?oral?(ux)?$/.test(s)) return ok('oral');
  return fail('type', `type de centre inconnu « ${raw} » (ecrit ou oral)`);
}

/** Natures an épreuve can take on exam day for some voie (référentiel annexe IV c). */
function naturesOf(reg: Regulation, epreuve: string): Set<string> {
  const u = reg.units.find((x) => x.epreuve === epreuve)!;
  return new Set(Object.values(u.forms).flatMap((f) => (f.form === 'ponctuel' ? [f.nature] : [])));
}

export function parseEpreuves(reg: Regulation, raw: string, type: CentreType | undefined): FieldResult<string[]> {
  const out: string[] = [];
  for (const tok of raw.split(/[\s,;+]+/).filter(Boolean)) {
    const u = findUnit(reg, tok);
    if (!u) return fail('epreuve', `épreuve inconnue « ${tok} »`);
    if (type && !naturesOf(reg, u.epreuve).has(type)) {
      return fail('epreuve', `${u.epreuve} n’est jamais une épreuve ${type === 'ecrit' ? 'écrite' : 'orale'} ponctuelle`);
    }
    if (!out.includes(u.epreuve)) out.push(u.epreuve);
  }
  if (!out.length) return fail('requis', 'au moins une épreuve attendue');
  return ok(out);
}

/** "anglais espagnol" (every language oral) or "E22: anglais espagnol | EF1: espagnol" (per épreuve). */
export function parseLangues(reg: Regulation, raw: string): FieldResult<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const part of raw.split('|').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([^:]+):(.*)$/.exec(part);
    let key = '*';
    let list = part;
    if (m) {
      const u = findUnit(reg, m[1]!);
      if (!u || !u.language) return fail('langue', `« ${m[1]!.trim()} » n’est pas une épreuve de langue (E22, EF1)`);
      key = u.epreuve;
      list = m[2]!;
    }
    const langs: string[] = [];
    for (const token of list.replace(/grec\s+moderne/gi, 'grec').split(/[\s,;+/]+/).filter(Boolean)) {
      // The languages a candidate can be registered in (candidate-fields.ts): « klingon » was accepted (issue #9
      // item 9), and no candidate could ever match it.
      const known = parseLangue(token, 'langue');
      if (!known.ok || known.value === undefined) return fail('langue', `langue inconnue « ${token} » (${KNOWN_LANGUAGES.join(', ')})`);
      langs.push(languageKey(known.value));
    }
    if (!langs.length) return fail('langue', `aucune langue pour ${key === '*' ? 'le centre' : key}`);
    if (out[key]) return fail('langue', `langues de ${key === '*' ? 'centre' : key} données deux fois`);
    out[key] = [...new Set(langs)].sort();
  }
  return ok(out);
}

export function parseDates(raw: string | Date): FieldResult<string[]> {
  if (raw instanceof Date) {
    const d = parseCalendarDate(raw);
    return d.ok ? ok([d.value]) : fail(d.kind, d.message);
  }
  const out: string[] = [];
  for (const part of raw.split(/[,;|]/).map((p) => p.trim()).filter(Boolean)) {
    const tokens = part.split(/\s+/);
    const numeric = tokens.every((t) => /^\d{4}-\d{2}-\d{2}$|^\d{1,2}[/.]\d{1,2}[/.]\d{4}$/.test(t));
    for (const t of numeric ? tokens : [part]) {
      const d = parseCalendarDate(t);
      if (!d.ok) return d;
      out.push(d.value);
    }
  }
  return ok([...new Set(out)].sort());
}

export function parseCentreRow(reg: Regulation, cells: CentreCells): { centre?: Centre; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const text = (f: CentreField) => {
    const v = cells[f];
    return v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? '').trim();
  };
  const check = <T>(field: CentreField, r: FieldResult<T>): T | undefined => {
    if (r.ok) return r.value;
    issues.push({ field, kind: r.kind, message: r.message });
    return undefined;
  };
  const required = (field: CentreField, what: string) => {
    if (text(field) === '') issues.push({ field, kind: 'requis', message: `${what} manquant(e)` });
    return text(field) !== '';
  };
  const uai = required('uai', 'code UAI') ? check('uai', parseUai(text('uai'))) : undefined;
  const nom = required('nom', 'nom du centre') ? text('nom') : undefined;
  const type = required('type', 'type (ecrit ou oral)') ? check('type', parseCentreType(text('type'))) : undefined;
  let academie: string | undefined;
  if (required('academie', 'académie')) {
    academie = normaliseAcademie(reg, text('academie'));
    if (!academie) issues.push({ field: 'academie', kind: 'academie', message: `académie inconnue « ${text('academie')} »` });
  }
  const epreuves = required('epreuves', 'liste des épreuves') ? check('epreuves', parseEpreuves(reg, text('epreuves'), type)) : undefined;
  let capacite: number | undefined;
  if (required('capacite', 'capacité')) {
    const s = text('capacite').replace(/\s/g, '');
    // At most MAX_CAPACITY places: « 99999999999999999999 » was stored as 1e20 (issue #9 item 9).
    if (/^\d{1,9}$/.test(s) && Number(s) > 0 && Number(s) <= MAX_CAPACITY) capacite = Number(s);
    else issues.push({ field: 'capacite', kind: 'capacite', message: `capacité invalide « ${text('capacite')} » (nombre entier de places, de 1 à ${MAX_CAPACITY})` });
  }
  const datesCell = cells.dates;
  const dates = datesCell === undefined || text('dates') === '' ? [] : check('dates', parseDates(datesCell));
  const langues = check('langues', parseLangues(reg, text('langues'))) ?? {};
  if (epreuves && type === 'oral') {
    for (const e of epreuves) {
      const u = reg.units.find((x) => x.epreuve === e)!;
      if (u.language && !(langues[e] ?? langues['*'])) {
        issues.push({ field: 'langues', kind: 'langue', message: `${e} est une épreuve de langue : indiquez les langues proposées` });
      }
    }
  }
  const origines: string[] = [];
  for (const tok of text('origines').split(/[\s,;]+/).filter(Boolean)) {
    const u = check('origines', parseUai(tok));
    if (u && !origines.includes(u)) origines.push(u);
  }
  let codePostal: string | undefined = text('code_postal') || undefined;
  if (codePostal && /^\d{4}$/.test(codePostal)) codePostal = '0' + codePostal; // Excel drops the leading zero
  if (codePostal && !/^\d{5}$/.test(codePostal)) {
    issues.push({ field: 'code_postal', kind: 'code-postal', message: `code postal invalide « ${codePostal} » (5 chiffres)` });
  }
  const zone = text('zone') ? check('zone', parseZone(text('zone'))) : academie ? zoneOfAcademie(reg, academie) : undefined;
  if (issues.length || !uai || !nom || !type || !academie || !epreuves || !capacite || !dates || !zone) return { issues };
  return {
    issues,
    centre: {
      uai, type, nom, academie, epreuves, capacite, dates, langues, origines, zone,
      adresse: text('adresse') || undefined, codePostal, commune: text('commune') || undefined,
    },
  };
}
