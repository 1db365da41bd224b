// The language a candidate is examined in for a language épreuve (E22: the LVE chosen at registration; EF1: the
// optional language), and who has none. Absent is « non renseignée » and never defaults to anglais (issue #10 §4):
// a commission hears one language (circulaire nationale 2024, E22: « la commission conduit un entretien en langue
// étrangère »), so a document that needs the language cannot be produced without it.
import type { Regulation, UnitDef } from './regulation/schema.js';
import type { Candidate } from './candidate.js';
import { formFor } from './regulation/units.js';
import { takesOptionalUnit } from './candidate-units.js';

export const LANGUAGE_MISSING = 'non renseignée';

export function languageFor(unit: UnitDef, c: Candidate): string | undefined {
  if (!unit.language) return undefined;
  return (unit.optional ? c.ef1 : c.langue) || undefined;
}

export interface MissingLanguage {
  candidate: Candidate;
  epreuve: string;
}

/**
 * Candidates who take a language épreuve (not dispensed, no bénéfice, optional ones only when chosen) with no
 * language. `ponctuelOnly` keeps the épreuves sat on exam day (convocations, centres, oral timetables, lists).
 */
export function missingLanguages(reg: Regulation, candidates: Iterable<Candidate>, opts: { ponctuelOnly?: boolean; epreuve?: string } = {}): MissingLanguage[] {
  const units = reg.units.filter((u) => u.language && (!opts.epreuve || u.epreuve === opts.epreuve));
  const out: MissingLanguage[] = [];
  if (units.length === 0) return out;
  for (const c of candidates) {
    for (const u of units) {
      if (c.dispenses.includes(u.code) || c.benefices.some((b) => b.unite === u.code)) continue;
      if (u.optional && !takesOptionalUnit(c, u)) continue;
      if (opts.ponctuelOnly && formFor(reg, u, c.voie).form !== 'ponctuel') continue;
      if (!languageFor(u, c)) out.push({ candidate: c, epreuve: u.epreuve });
    }
  }
  return out;
}
