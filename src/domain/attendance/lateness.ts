// A late arrival measured against the académie's rule (stored by `ccst init --retard-max`; domain/convocation/lateness.ts).
// Circulaire Toulouse 2023 §1.1 « Retards aux épreuves » : « l'accès aux salles de composition lors des épreuves
// écrites peut être autorisé dans la limite de la première heure, à condition de ne pas laisser sortir les candidats
// présents pendant ce laps de temps. » An arrival within the limit (60 min after the start included) is allowed; after
// it the candidate should not have been let in: flagged for the office, never turned into a code or a note.
import type { LatenessRule } from '../convocation/lateness.js';
import type { Regulation } from '../regulation/schema.js';
import { localWrittenTime } from '../calendar/local-time.js';

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export type LatenessVerdict =
  | { kind: 'unchecked'; reason: string }
  | { kind: 'early'; minutes: number }
  | { kind: 'within'; minutes: number; limit: number }
  | { kind: 'past'; minutes: number; limit: number; source: string };

export function judgeLateness(arrival: string, start: string | undefined, rule: LatenessRule | undefined): LatenessVerdict {
  if (!start) return { kind: 'unchecked', reason: 'horaire de l’épreuve inconnu (calendrier des écrits)' };
  const minutes = minutesOf(arrival) - minutesOf(start);
  if (minutes <= 0) return { kind: 'early', minutes };
  if (!rule) return { kind: 'unchecked', reason: 'aucune règle de retard de l’académie (ccst init --retard-max 60 --retard-source "…")' };
  return minutes > rule.minutes ? { kind: 'past', minutes, limit: rule.minutes, source: rule.source } : { kind: 'within', minutes, limit: rule.minutes };
}

/**
 * Start of a written épreuve on the clock of a centre of `academie` (the convocation's own rule: an académie
 * calendar, the annexe 2 column, or the Métropole instant — calendar/local-time.ts); undefined for an épreuve without
 * a written date (orals) or a time the convocations refuse to print.
 */
export function writtenStart(reg: Regulation, epreuve: string, academie: string | undefined): string | undefined {
  const entry = reg.calendar.written.find((e) => e.epreuve === epreuve);
  if (!entry) return undefined;
  const t = localWrittenTime(reg, entry, { academie });
  return t.kind === 'time' ? t.slot.start : undefined;
}
