// What a candidate needs from a room (issue #14 §2), read from the candidate's aménagements as imported
// (domain/amenagements.ts): a temps majoré (code de l'éducation D351-28) or any other aménagement granted
// (secrétaire, sujet agrandi, salle à part…) → an aménagement room, where the candidates finish later without being
// disturbed by the others leaving; a reduced mobility (PMR) → an accessible room. The candidate file has no PMR
// column: the decision is written in the aménagements text, so it is recognised there. Pure.
import type { Candidate } from '../candidate.js';
import { plainKey } from '../candidate-fields.js';

export interface SeatingNeeds {
  amenagement: boolean;
  tiersTemps: boolean;
  pmr: boolean;
}

/** « PMR », « mobilité réduite », « fauteuil roulant », « salle accessible », « rez-de-chaussée », « ascenseur ». */
const PMR = /\bpmr\b|mobilit[eé]\s+r[eé]duite|fauteuil|accessib|rez[\s-]+de[\s-]+chauss[eé]e|ascenseur|b[eé]quilles?/i;
/** « pas de PMR », « sans fauteuil »: a negation is not a need. */
const NEGATED = /\b(pas\s+de|sans|aucun[e]?|non)\s+(pmr|fauteuil|accessib|besoin)/i;

/** The needs of a candidate without any aménagement: one shared answer (most of 250,000 candidates, bench:seating). */
const NONE: Readonly<SeatingNeeds> = Object.freeze({ tiersTemps: false, amenagement: false, pmr: false });

export function seatingNeeds(c: Pick<Candidate, 'amenagements' | 'tempsMajore'>): SeatingNeeds {
  if (!c.tempsMajore && !c.amenagements) return NONE;
  const text = c.amenagements?.trim() ?? '';
  const none = text === '' || ['non', 'aucun', 'aucune', 'neant', 'sans'].includes(plainKey(text));
  const tiersTemps = Boolean(c.tempsMajore);
  return { tiersTemps, amenagement: tiersTemps || !none, pmr: !none && PMR.test(text) && !NEGATED.test(text) };
}
