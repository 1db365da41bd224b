// --retard-max <minutes> --retard-source "<texte>" (ccst init, ccst calendar import): the académie's late-arrival
// rule (issue #11 finding 2). A limit without the text that states it is refused: the convocation prints the source
// as the heading of the rule. --retard-max 0 removes the rule.
import { z } from 'zod';
import { usageError } from './errors.js';
import type { LatenessRule } from '../domain/convocation/lateness.js';

export const latenessFlags = {
  retardMax: z.string().regex(/^\d{1,3}$/, '--retard-max attend un nombre de minutes, ex. 60 (0 retire la règle)').optional(),
  retardSource: z.string().optional(),
};

/** undefined: flags absent (nothing changes); null: remove the rule; else the rule to store. */
export function latenessFromFlags(opts: { retardMax?: string; retardSource?: string }): LatenessRule | null | undefined {
  if (opts.retardMax === undefined) {
    if (opts.retardSource !== undefined) throw usageError('--retard-source sans --retard-max : indiquez aussi la limite, ex. --retard-max 60');
    return undefined;
  }
  const minutes = Number(opts.retardMax);
  if (minutes === 0) return null;
  if (minutes > 240) throw usageError('--retard-max : au plus 240 minutes');
  const source = opts.retardSource?.trim();
  if (!source) {
    throw usageError('--retard-max sans --retard-source : indiquez le texte de l’académie qui fixe cette règle', [
      'Exemple : --retard-max 60 --retard-source "circulaire Toulouse 2023 §1.1"',
      'La circulaire nationale ne fixe pas de limite d’accès en retard ; sans règle de l’académie, la convocation n’en imprime pas.',
    ]);
  }
  return { minutes, source };
}

/** What the command says once the rule is stored. */
export function latenessSummary(rule: LatenessRule | null): string {
  return rule ? `Règle de retard de l’académie : accès dans la limite de ${rule.minutes} min (${rule.source}).` : 'Règle de retard de l’académie retirée.';
}
