// In-memory builders for assignment and scheduling tests: candidates, centres and valid UAIs.
import type { Candidate } from '../../src/domain/candidate.js';
import type { Centre } from '../../src/domain/assignment/centre.js';
import { uaiCheckLetter } from '../../src/domain/uai.js';
import { loadBundledRegulation } from '../../src/io/regulation-file.js';

export const REG = loadBundledRegulation();

/** A valid UAI (check letter computed) from a département and a number: uai('031', 28) → 0310028M. */
export function uai(dept: string, n: number): string {
  const seven = `${dept}${String(n).padStart(7 - dept.length, '0')}`;
  return seven + uaiCheckLetter(seven);
}

export function cand(numero: string, over: Partial<Candidate> = {}): Candidate {
  return {
    numero, nom: `NOM${numero}`, prenom: 'Prénom', academie: 'TOULOUSE', voie: 'scolaire_public', langue: 'anglais',
    ef2: false, ef3: false, dispenses: [], benefices: [], etablissementUai: uai('031', 1), ...over,
  };
}

export function centre(uaiCode: string, type: 'ecrit' | 'oral', over: Partial<Centre> = {}): Centre {
  return {
    uai: uaiCode, type, nom: `Centre ${uaiCode}`, academie: 'TOULOUSE',
    epreuves: type === 'ecrit' ? ['E1', 'E21', 'E3', 'E5'] : ['E22', 'E4', 'E61', 'E62', 'EF1', 'EF2', 'EF3'],
    capacite: 100, dates: type === 'oral' ? ['2024-06-20'] : [], langues: type === 'oral' ? { '*': ['anglais', 'espagnol', 'allemand'] } : {},
    origines: [], zone: 'metropole', ...over,
  };
}
