// What a candidate takes, unit by unit: voie de formation, dispenses, bénéfices, and the derived form of each
// unit (CCF / ponctuel / dispensé / bénéfice). Pure functions over the regulation data.
import type { DispenseGround, Regulation, UnitDef, VoieDef } from './regulation/schema.js';
import { compactCode, findUnit, formFor } from './regulation/units.js';
import { checkCodeScope, codeScope, dispenseGrounds } from './regulation/code-scope.js';
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

/** Dispensed units with the ground of each (regulation `dispenses.grounds`: référentiel annexe IV b, annexe V b C). */
export interface Dispenses {
  codes: string[];
  /** Unit code → ground id. */
  grounds: Record<string, string>;
}

/** A ground named by its id, label or an alias, ignoring case, accents and punctuation. */
export function findDispenseGround(reg: Regulation, raw: string): DispenseGround | undefined {
  const k = plainKey(raw);
  return dispenseGrounds(reg).find((g) => plainKey(g.id) === k || plainKey(g.label) === k || g.aliases.some((a) => plainKey(a) === k));
}

/** "Référentiel annexe IV b : « … »" → "Référentiel annexe IV b" (the reference, for a message). */
const reference = (g: DispenseGround) => g.source.split(/\s:\s|\s«/)[0]!.trim();

/**
 * The dispenses cell of an inscription, with the ground of each unit: "U1 U2" (the only ground covering them is
 * inferred), "VAE : U4 U6", "diplôme : U1 U2 ; VAE : U4". "U2" is U21 + U22 and "U6" U61 + U62. The scope is the
 * regulation's dispense grounds (code-scope.ts): U5 is covered by none. A ground dispenses whole blocks: annexe IV b
 * dispenses « l'unité U2 », so U21 alone or U22 alone on that ground is refused.
 */
export function parseDispenseCell(reg: Regulation, v: RawCell): FieldResult<Dispenses> {
  const s = cellString(v);
  const scope = codeScope(reg);
  const grounds: Record<string, string> = {};
  for (const segment of s.split(/[;\n]+/).map((x) => x.trim()).filter((x) => x !== '')) {
    const m = /^([^:]+?)\s*:\s*(.*)$/.exec(segment);
    let named: DispenseGround | undefined;
    let list = segment;
    if (m) {
      named = findDispenseGround(reg, m[1]!);
      if (!named) {
        const known = dispenseGrounds(reg).map((g) => g.aliases[0] ?? g.id).join(', ');
        return fail('dispense', `dispense : motif inconnu « ${m[1]} » (motifs du règlement : ${known})`);
      }
      list = m[2]!;
    }
    for (const token of list.split(/[\s,+]+/).filter((t) => t !== '')) {
      const key = compactCode(token);
      const units = key === 'U2' || key === 'E2' ? ['U21', 'U22'] : key === 'U6' || key === 'E6' ? ['U61', 'U62'] : undefined;
      const codes = units ?? [findUnit(reg, token)?.code];
      for (const code of codes) {
        if (!code || !reg.units.some((u) => u.code === code)) return fail('dispense', `dispense : unité inconnue « ${token} »`);
        const inScope = checkCodeScope(scope, code, { kind: 'DIS' });
        if (!inScope.ok) return fail('dispense', inScope.message);
        const covering = scope.dispensable.get(code)!;
        let ground = named;
        if (ground && !covering.includes(ground)) {
          return fail('dispense', `dispense de ${code} au motif « ${ground.label} » : ce motif ne couvre pas ${code} (motif possible : ${covering.map((g) => g.label).join(' ; ')})`);
        }
        if (!ground) {
          if (covering.length > 1) return fail('dispense', `dispense de ${code} : précisez le motif (${covering.map((g) => g.aliases[0] ?? g.id).join(' ou ')} : ${code})`);
          ground = covering[0]!;
        }
        if (grounds[code] && grounds[code] !== ground.id) return fail('dispense', `dispense de ${code} indiquée avec deux motifs`);
        grounds[code] = ground.id;
      }
    }
  }
  // Each ground dispenses whole blocks (annexe IV b: « l'unité U2 », not one of its sub-épreuves).
  for (const g of dispenseGrounds(reg)) {
    for (const block of g.blocks) {
      const taken = block.filter((c) => grounds[c] === g.id);
      if (taken.length > 0 && taken.length < block.length) {
        const missing = block.filter((c) => grounds[c] !== g.id);
        return fail('dispense', `dispense de ${taken.join(', ')} seule impossible au motif « ${g.label} » : ${block.join(' et ')} sont dispensées ensemble (il manque ${missing.join(', ')} ; ${reference(g)})`);
      }
    }
  }
  const codes = Object.keys(grounds).sort(unitOrder(reg));
  // Frozen: the import caches one parse per distinct cell text and shares it between rows (candidate-record.ts).
  return ok({ codes: Object.freeze(codes) as string[], grounds: Object.freeze(Object.fromEntries(codes.map((c) => [c, grounds[c]!]))) });
}

/** The dispensed unit codes only (see parseDispenseCell). */
export function parseDispenses(reg: Regulation, v: RawCell): FieldResult<string[]> {
  const r = parseDispenseCell(reg, v);
  return r.ok ? ok(r.value.codes) : r;
}

/** "diplome : U1 U21 U22 ; vae : U4" — what parseDispenseCell reads back (exports, re-import). */
export function formatDispenses(c: { dispenses: string[]; dispenseGrounds?: Record<string, string> }): string {
  const byGround = new Map<string, string[]>();
  for (const code of c.dispenses) {
    const g = c.dispenseGrounds?.[code] ?? '';
    byGround.set(g, [...(byGround.get(g) ?? []), code]);
  }
  return [...byGround].map(([g, codes]) => (g ? `${g} : ${codes.join(' ')}` : codes.join(' '))).join(' ; ');
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
    const year = Number(m[3]);
    // A bénéfice of a session under the earlier règlement is written in that règlement's codes and counts for the
    // unit the correspondence table names (issue 11 finding 9: U4 of 2024 → the new E5).
    const corr = reg.correspondence && year <= reg.correspondence.untilSession ? reg.correspondence : undefined;
    let from: string | undefined;
    let unit: UnitDef | undefined;
    if (corr) {
      const mapped = corr.units.find((x) => x.old === compactCode(m[1]!));
      if (!mapped) return fail('benefice', `bénéfice de la session ${year} : « ${m[1]} » n’est pas une unité de ${corr.from} dans la table de correspondance (${corr.units.map((x) => x.old).join(', ')})`);
      from = mapped.old;
      unit = reg.units.find((u) => u.code === mapped.new);
    } else unit = findUnit(reg, m[1]!);
    if (!unit) return fail('benefice', `bénéfice : unité inconnue « ${m[1]} »`);
    if (unit.optional) return fail('benefice', `bénéfice impossible pour ${unit.code} : les notes des unités facultatives ne sont pas conservées`);
    const note = parseNoteHundredths(m[2]!);
    if (note === undefined) return fail('benefice', `bénéfice ${unit.code} : note invalide « ${m[2]} » (0 à 20, 2 décimales au plus)`);
    if (note < minimum) {
      return fail('benefice', `bénéfice ${unit.code} : ${formatHundredths(note)} < ${formatHundredths(minimum)}, seules les notes ≥ ${formatHundredths(minimum)} sont conservées (D643-23)`);
    }
    if (year >= session || session - year > years) {
      return fail('benefice', `bénéfice ${unit.code} : session ${year} hors des ${years} sessions précédant ${session}`);
    }
    if (out.some((b) => b.unite === unit.code)) return fail('benefice', `bénéfice ${unit.code} indiqué deux fois`);
    out.push(from ? { unite: unit.code, note, session: year, from } : { unite: unit.code, note, session: year });
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
