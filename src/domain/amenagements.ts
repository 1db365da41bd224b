// What a candidate's aménagements d'épreuves say on the documents that reach the candidate and the centre
// (convocation, liste d'appel, liste d'émargement): the temps majoré (code de l'éducation D351-28) and the other
// aménagements granted (secrétaire, salle à part, sujet agrandi…), as imported. Pure.
import type { Candidate } from './candidate.js';

/** « temps majoré 1/3 ; secrétaire, salle isolée », or '' when nothing was granted. */
export function amenagementText(c: Pick<Candidate, 'amenagements' | 'tempsMajore'>): string {
  if (!c.tempsMajore && !c.amenagements) return ''; // most candidates: no list to build (250k seats, bench:seating)
  const parts: string[] = [];
  if (c.tempsMajore) parts.push(`temps majoré ${c.tempsMajore}`);
  const other = c.amenagements?.trim();
  if (other) parts.push(other);
  return parts.join(' ; ');
}
