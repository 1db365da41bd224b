// The oral commissions schedule-orals planned, read from the workspace for `commissions build` and `list`: each
// slot's candidate with the établissement (own-établissement rule) and the language of a language oral (E22: the
// LVE, EF1: the optional language — domain/language.ts languageFor).
import type { Regulation } from '../../domain/regulation/schema.js';
import type { Candidate } from '../../domain/candidate.js';
import type { OralSlot } from '../../domain/scheduling/oral-timetable.js';
import { plannedCommissions, type PlannedCommission } from '../../domain/examiners/planned.js';
import { findUnit } from '../../domain/regulation/units.js';
import { languageFor } from '../../domain/language.js';
import { languageKey } from '../../domain/assignment/centre.js';
import { listOralSlots } from '../../store/assignments.js';
import { candidatesByNumero } from '../../store/candidates.js';
import type { Db } from '../../store/workspace.js';
import { inputError } from '../errors.js';

export interface PlannedInput {
  planned: PlannedCommission[];
  slots: OralSlot[];
  candidates: Map<string, Candidate>;
}

export async function readPlanned(db: Db, reg: Regulation): Promise<PlannedInput> {
  const slots = await listOralSlots(db);
  if (!slots.length) throw inputError('aucun oral planifié : lancez d’abord ccst schedule-orals');
  return plannedOf(db, reg, slots);
}

/** The commissions a timetable plans (the stored one, or one schedule-orals is about to store). */
export async function plannedOf(db: Db, reg: Regulation, slots: OralSlot[]): Promise<PlannedInput> {
  const candidates = await candidatesByNumero(db, [...new Set(slots.map((s) => s.numero))]);
  const planned = plannedCommissions(reg, slots, (numero, epreuve) => {
    const c = candidates.get(numero);
    const unit = findUnit(reg, epreuve);
    const language = c && unit ? languageFor(unit, c) : undefined;
    return { ...(c?.etablissementUai ? { etablissementUai: c.etablissementUai } : {}), ...(language ? { language: languageKey(language) } : {}) };
  });
  return { planned, slots, candidates };
}
