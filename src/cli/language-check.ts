// One refusal for every document that needs the language of a language épreuve (issue #10 §4): the count, the
// first candidates by name, and how to fix it — never a default language.
import type { Regulation } from '../domain/regulation/schema.js';
import type { Candidate } from '../domain/candidate.js';
import { LANGUAGE_MISSING, missingLanguages, type MissingLanguage } from '../domain/language.js';
import type { RosterGroup } from '../domain/rosters/groups.js';
import { ruleConflict } from './errors.js';

const SHOWN = 20;

export function refuseMissingLanguages(reg: Regulation, candidates: Iterable<Candidate>, what: string, opts: { ponctuelOnly?: boolean; epreuve?: string } = {}): void {
  refuse(missingLanguages(reg, candidates, opts), what);
}

/** Lists and bordereaux: a group of a language épreuve whose language is not known cannot be printed. */
export function refuseGroupsWithoutLanguage(groups: RosterGroup[], what: string): void {
  const missing: MissingLanguage[] = [];
  const seen = new Set<string>();
  for (const g of groups) {
    if (g.langue !== LANGUAGE_MISSING) continue;
    for (const l of g.lines) {
      const k = `${l.candidate.numero}:${g.unit.code}`;
      if (!seen.has(k)) missing.push({ candidate: l.candidate, epreuve: g.unit.epreuve });
      seen.add(k);
    }
  }
  refuse(missing, what);
}

function refuse(missing: MissingLanguage[], what: string): void {
  if (missing.length === 0) return;
  const lines = missing.slice(0, SHOWN).map((m) => `${m.candidate.numero} ${m.candidate.nom} ${m.candidate.prenom} : ${m.epreuve}, langue non renseignée`);
  if (missing.length > SHOWN) lines.push(`… et ${missing.length - SHOWN} autre(s)`);
  lines.push('Renseignez la langue (colonne « Langue vivante A » / « Langue E2 », ou EF1) puis réimportez : ccst import candidats.xlsx');
  throw ruleConflict(`${what} : ${missing.length} candidat(s) sans langue pour une épreuve de langue`, lines, {
    missing: missing.map((m) => ({ numero: m.candidate.numero, nom: m.candidate.nom, prenom: m.candidate.prenom, epreuve: m.epreuve })),
  });
}
