// Late arrival at a written épreuve: an académie's rule, not a national one (issue #11 finding 2).
// Circulaire Toulouse 2023 §1.1 « Retards aux épreuves » : « l'accès aux salles de composition lors des épreuves
// écrites peut être autorisé dans la limite de la première heure, à condition de ne pas laisser sortir les
// candidats présents pendant ce laps de temps. Les candidats ne pourront bénéficier d'un temps de composition
// supplémentaire. » The circulaire nationale 2024 says nothing of late arrivals (its annexe 2 only forbids leaving
// before the end of the 2nd hour, in Métropole and La Réunion). So the rule is stored in the workspace with its
// source (`ccst init` / `ccst calendar import --retard-max 60 --retard-source "…"`) and printed only when set.
import { z } from 'zod';
import { frenchDuration } from './time.js';

export const latenessSchema = z.object({
  /** Latest arrival after the start of a written épreuve, in minutes. */
  minutes: z.number().int().positive().max(240),
  /** The académie text that states it, printed as the heading of the rule. */
  source: z.string().trim().min(1),
});
export type LatenessRule = z.infer<typeof latenessSchema>;

/** The rule as printed on a convocation, under the heading of its source. */
export function latenessText(rule: LatenessRule): string {
  const limit = rule.minutes === 60 ? 'la première heure' : `${frenchDuration(rule.minutes)} après le début`;
  return `Retards : l'accès aux salles de composition des épreuves écrites peut être autorisé dans la limite de ${limit} de l'épreuve, jamais au-delà ; aucun temps de composition supplémentaire n'est accordé.`;
}
