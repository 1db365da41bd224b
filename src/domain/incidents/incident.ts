// An incident or a fraud suspicion reported from a room (issue #14 §4), and what an open or closed case means for
// the PV de délibération and the documents issued to the candidate. Circulaire nationale 2024 §G: the chef de centre
// « Prend toutes mesures pour faire cesser la fraude ou la tentative de fraude, sans interrompre la participation à
// l'épreuve du ou des candidats » — so the jury deliberates on the candidate as on any other; the PV says that a
// procedure is pending, and no final result (relevé de notes) is issued until the commission has decided
// (templates/discipline/bts-fraude.json « withholding »).
import { changesResult, decisionObservation, effectByCode, effetLabel, parseEffet, type Discipline } from './effects.js';

export interface Incident {
  id: number;
  numero: string;
  epreuve: string;
  centreUai?: string;
  salle?: string;
  /** HH:MM, the centre's local time. */
  heure: string;
  faits: string;
  /** Evidence seized (pièces ou matériels, §G). */
  pieces?: string;
  fraude: boolean;
  createdAt: string;
  decision?: string;
  effet?: string;
  closedAt?: string;
}

export const isOpen = (i: Incident): boolean => i.closedAt === undefined;

/**
 * The PV's observation for a candidate with a fraud case, or undefined: « procédure de fraude en cours » while it is
 * open, then the decision with its date once closed (`closed` given: the template and, per incident id, the units
 * its decision voided).
 */
export function pvObservation(incidents: readonly Incident[], closed?: { discipline: Discipline; voided: ReadonlyMap<number, readonly string[]> }): string | undefined {
  const fraud = incidents.filter((i) => i.fraude);
  const open = fraud.filter(isOpen);
  const parts: string[] = [];
  if (open.length) parts.push(`procédure de fraude en cours (${open.map((i) => `incident n° ${i.id}, ${i.epreuve}`).join(' ; ')})`);
  if (closed) {
    for (const i of fraud) {
      if (isOpen(i) || !i.effet) continue;
      parts.push(decisionObservation(closed.discipline, i.effet, closed.voided.get(i.id) ?? [], i.closedAt!));
    }
  }
  return parts.length ? parts.join(' ; ') : undefined;
}

/**
 * Why the candidate's relevé (or any attestation) is withheld, or undefined when it may be issued: an open fraud case
 * (no final result before the decision, SIEC « BTS — fraudes »), or a closed one whose effect voided notes and that
 * no deliberation has followed since — « la commission d'examen est saisie pour une nouvelle délibération sur les
 * résultats obtenus par l'intéressé » (LEGIARTI000028321703, templates/discipline/bts-fraude.json). `deliberatedAt`
 * is the candidate's stored result's time (results.deliberated_at).
 */
export function withholdingReason(incidents: readonly Incident[], d: Discipline, deliberatedAt?: string): string | undefined {
  const reasons: string[] = [];
  for (const i of incidents) {
    if (!i.fraude) continue;
    if (isOpen(i)) {
      reasons.push(`procédure de fraude en cours (incident n° ${i.id}, ${i.epreuve}) : décision de la commission de discipline attendue (ccst incidents close ${i.id})`);
      continue;
    }
    const effect = i.effet ? effectByCode(d, parseEffet(i.effet).code) : undefined;
    if (!effect) {
      reasons.push(`incident n° ${i.id} (${i.epreuve}) clos avec un effet inconnu « ${i.effet ?? '?'} » (templates/discipline/bts-fraude.json)`);
    } else if (changesResult(effect) && !(deliberatedAt !== undefined && deliberatedAt > i.closedAt!)) {
      reasons.push(`incident n° ${i.id} (${i.epreuve}) clos le ${i.closedAt!.slice(0, 10)} avec l’effet « ${effetLabel(d, i.effet!)} » : nouvelle délibération attendue (ccst deliberate)`);
    }
  }
  return reasons.length ? reasons.join(' ; ') : undefined;
}

export function groupByNumero(list: readonly Incident[]): Map<string, Incident[]> {
  const out = new Map<string, Incident[]>();
  for (const i of list) out.set(i.numero, [...(out.get(i.numero) ?? []), i]);
  return out;
}
