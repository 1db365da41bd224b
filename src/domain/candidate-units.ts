// What a candidate takes, unit by unit: voie de formation, dispenses, bénéfices, and the derived form of each
// unit (CCF / ponctuel / dispensé / bénéfice). Pure functions over the regulation data.
import type { Regulation, UnitDef, VoieDef } from './regulation/schema.js';
import { findUnit, formFor } from './regulation/units.js';
import { checkCodeScope, codeScope } from './regulation/code-scope.js';
import { formatHundredths, type Benefice, type Candidate } from './candidate.js';
import { cellString, plainKey, type RawCell } from './candidate-fields.js';
import { fail, ok, type FieldResult } from './validation.js';

/** Voie from its code, its label or an alias of the regulation, ignoring case, accents and punctuation. */
export function parseVoie(reg: Regulation, v: RawCell): FieldResult<VoieDef> {
  const s = cellString(v);
  if (s === '') return fail('obligatoire', 'voie de formation manquante');
  const k = plainKey(s);
  const voie = reg.voies.find((x) => plainKey(x.code) === k || plainKey(x.label) === k || x.aliases.some((a) => plainKey(a) === k));
  return voie ? ok(voie) : fail('voie', `voie de formation inconnue : « ${s} »`);
}

/** Voies whose units are (partly) in CCF are assessed by their établissement, which must be named. */
export function voieNeedsEtablissement(voie: VoieDef): boolean {
  // Référentiel annexe IV c: columns A and B hold the CCF situations organised by the établissement.
  return !voie.individual && (voie.column === 'A' || voie.column === 'B');
}

const unitOrder = (reg: Regulation) => (a: string, b: string) =>
  reg.units.findIndex((u) => u.code === a) - reg.units.findIndex((u) => u.code === b);

/**
 * "U1 U21 U22", "E1, E2-1", "U2" (= U21 and U22). Référentiel annexe IV b: holders of another BTS or a
 * level-5 diploma may be dispensed of U1, U2 (U21 + U22) and U3 — the units of the general domain — only.
 */
export function parseDispenses(reg: Regulation, v: RawCell): FieldResult<string[]> {
  const s = cellString(v);
  const codes = new Set<string>();
  for (const token of s.split(/[\s,;+]+/).filter((t) => t !== '')) {
    const key = token.toUpperCase().replace(/[\s._-]+/g, '');
    if (key === 'U2' || key === 'E2') {
      codes.add('U21');
      codes.add('U22');
      continue;
    }
    const unit = findUnit(reg, token);
    if (!unit) return fail('dispense', `dispense : unité inconnue « ${token} »`);
    // The same scope as DIS in a notes file (code-scope.ts): a unit some dispense ground of the regulation covers.
    const inScope = checkCodeScope(codeScope(reg), unit.code, { kind: 'DIS' });
    if (!inScope.ok) return fail('dispense', inScope.message);
    codes.add(unit.code);
  }
  return ok([...codes].sort(unitOrder(reg)));
}

/** "12,5" / "12.5" / "12" → 1250 hundredths, by string arithmetic (never a float). */
export function parseNoteHundredths(s: string): number | undefined {
  const m = /^(\d{1,2})(?:[.,](\d{1,2}))?$/.exec(s.trim());
  if (!m) return undefined;
  const n = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return n <= 2000 ? n : undefined;
}

/**
 * "U4=12,5@2023; U61=11@2022". Code de l'éducation D643-23 (référentiel and regulation data): a failed candidate
 * keeps, on request, the notes ≥ beneficeMinimum of the diploma's units for beneficeValidityYears sessions. Notes
 * of optional units are not kept. The bénéfice must come from an earlier session.
 */
export function parseBenefices(reg: Regulation, v: RawCell, session: number): FieldResult<Benefice[]> {
  const s = cellString(v);
  const minimum = Math.round(reg.deliberation.beneficeMinimum * 100);
  const years = reg.deliberation.beneficeValidityYears;
  const out: Benefice[] = [];
  for (const item of s.split(/[;\n]+/).map((x) => x.trim()).filter((x) => x !== '')) {
    const m = /^(.+?)\s*[=:]\s*([0-9.,]+)\s*@\s*(\d{4})$/.exec(item);
    if (!m) return fail('benefice', `bénéfice illisible : « ${item} » (attendu UNITÉ=NOTE@SESSION, ex. U4=12,5@2023)`);
    const unit = findUnit(reg, m[1]!);
    if (!unit) return fail('benefice', `bénéfice : unité inconnue « ${m[1]} »`);
    if (unit.optional) return fail('benefice', `bénéfice impossible pour ${unit.code} : les notes des unités facultatives ne sont pas conservées`);
    const note = parseNoteHundredths(m[2]!);
    if (note === undefined) return fail('benefice', `bénéfice ${unit.code} : note invalide « ${m[2]} » (0 à 20, 2 décimales au plus)`);
    if (note < minimum) {
      return fail('benefice', `bénéfice ${unit.code} : ${formatHundredths(note)} < ${formatHundredths(minimum)}, seules les notes ≥ ${formatHundredths(minimum)} sont conservées (D643-23)`);
    }
    const year = Number(m[3]);
    if (year >= session || session - year > years) {
      return fail('benefice', `bénéfice ${unit.code} : session ${year} hors des ${years} sessions précédant ${session}`);
    }
    if (out.some((b) => b.unite === unit.code)) return fail('benefice', `bénéfice ${unit.code} indiqué deux fois`);
    out.push({ unite: unit.code, note, session: year });
  }
  const order = unitOrder(reg);
  return ok(out.sort((a, b) => order(a.unite, b.unite)));
}

/** Optional units are taken only when chosen: EF1 by its language, EF2 and EF3 by oui. */
export function takesOptionalUnit(c: Candidate, unit: UnitDef): boolean {
  if (unit.epreuve === 'EF1') return c.ef1 !== undefined;
  if (unit.epreuve === 'EF2') return c.ef2;
  if (unit.epreuve === 'EF3') return c.ef3;
  return false;
}

/**
 * The form in which the candidate takes each unit, as shown in exports: "CCF", "ponctuel", "dispensé",
 * "bénéfice 12,5 (2023)", or "" for an optional unit not chosen. Référentiel annexe IV c decides CCF/ponctuel
 * by the voie's column.
 */
export function derivedForms(reg: Regulation, c: Candidate): { unit: string; form: string }[] {
  return reg.units.map((unit) => {
    if (c.dispenses.includes(unit.code)) return { unit: unit.code, form: 'dispensé' };
    const b = c.benefices.find((x) => x.unite === unit.code);
    if (b) return { unit: unit.code, form: `bénéfice ${formatHundredths(b.note)} (${b.session})` };
    if (unit.optional && !takesOptionalUnit(c, unit)) return { unit: unit.code, form: '' };
    return { unit: unit.code, form: formFor(reg, unit, c.voie).form === 'ccf' ? 'CCF' : 'ponctuel' };
  });
}
