// Queries over a Regulation: which unit a header names, which form a unit takes for a voie.
import type { Regulation, UnitDef, UnitForm, VoieDef } from './schema.js';

/** Upper-case, no accents, no spaces/dots/dashes/underscores: "E2-1" → "E21", "U 6.1" → "U61". */
export function compactCode(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[\s._\-/]+/g, '');
}

/** Finds a unit from any of its spellings: U4, E4, E6-1, U61, EF1, UF1, "Engagement étudiant"… */
export function findUnit(reg: Regulation, raw: string): UnitDef | undefined {
  const key = compactCode(raw);
  if (!key) return undefined;
  return reg.units.find(
    (u) => u.code === key || u.epreuve === key || u.aliases.some((a) => compactCode(a) === key),
  );
}

export function unitByCode(reg: Regulation, code: string): UnitDef {
  const u = reg.units.find((x) => x.code === code);
  if (!u) throw new Error(`unité inconnue dans le règlement: ${code}`);
  return u;
}

export function voieByCode(reg: Regulation, code: string): VoieDef | undefined {
  return reg.voies.find((v) => v.code === code);
}

/** Référentiel annexe IV c: the form (CCF or ponctuel) of a unit depends on the règlement column of the voie. */
export function formFor(reg: Regulation, unit: UnitDef, voieCode: string): UnitForm {
  const voie = voieByCode(reg, voieCode);
  if (!voie) throw new Error(`voie inconnue: ${voieCode}`);
  return unit.forms[voie.column];
}

export function compulsoryUnits(reg: Regulation): UnitDef[] {
  return reg.units.filter((u) => !u.optional);
}

export function optionalUnits(reg: Regulation): UnitDef[] {
  return reg.units.filter((u) => u.optional);
}
