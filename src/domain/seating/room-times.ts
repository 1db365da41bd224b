// The times printed on a room's procès-verbal de déroulement (issue #14 §3): start and end of the épreuve on the
// centre's clock (the local times of domain/calendar/local-time.ts, as on the convocations), the end of each temps
// majoré granted to a candidate of the room, the latest late arrival when the académie sets one, and the earliest
// exit. Pure; the arithmetic is the convocations' (domain/convocation/time.ts), so the PV and the convocation agree.
//  - Temps majoré: code de l'éducation D351-28 — extra time of at most one third of the normal duration, more only
//    exceptionally; rounded up to the whole minute (extraMinutes).
//  - Late arrival: an académie's rule (circulaire Toulouse 2023 §1.1 « dans la limite de la première heure »), printed
//    only when the workspace has one (domain/convocation/lateness.ts).
//  - Exit: circulaire nationale 2024 annexe 2 — no exit before the end of the 2nd hour for the épreuves and zones of
//    the regulation's `calendar.noExitBeforeMinutes`.
import type { Regulation, Zone } from '../regulation/schema.js';
import type { LatenessRule } from '../convocation/lateness.js';
import { clockMinutes, extraMinutes, minutesClock, parseExtraTime } from '../convocation/time.js';

export interface ExtendedEnd {
  /** « 1/3 » as granted. */
  fraction: string;
  end: string;
  /** How many candidates of the room have it. */
  candidates: number;
}

export interface RoomTimes {
  start: string;
  end: string;
  extended: ExtendedEnd[];
  noEntryAfter?: string;
  noExitBefore?: string;
  /** temps_majore values that could not be read (« 2 heures »): listed, never turned into a normal end. */
  unreadable: string[];
}

export function roomTimes(
  reg: Regulation,
  sitting: { epreuve: string; zone: Zone; start: string; end: string },
  tempsMajores: (string | undefined)[],
  lateness: LatenessRule | undefined,
): RoomTimes {
  const start = clockMinutes(sitting.start);
  const end = clockMinutes(sitting.end);
  const byEnd = new Map<string, ExtendedEnd>();
  const unreadable: string[] = [];
  for (const raw of tempsMajores) {
    const x = parseExtraTime(raw);
    if (x === undefined) continue;
    if (x === 'invalid') {
      unreadable.push(raw ?? '');
      continue;
    }
    const fraction = `${x.numerator}/${x.denominator}`;
    const e = byEnd.get(fraction);
    if (e) e.candidates++;
    else byEnd.set(fraction, { fraction, end: minutesClock(end + extraMinutes(end - start, x)), candidates: 1 });
  }
  const out: RoomTimes = { start: sitting.start, end: sitting.end, extended: [...byEnd.values()].sort((a, b) => a.end.localeCompare(b.end)), unreadable };
  if (lateness) out.noEntryAfter = minutesClock(start + lateness.minutes);
  const noExit = reg.calendar.noExitBeforeMinutes;
  if (noExit && noExit.epreuves.includes(sitting.epreuve) && noExit.zones.includes(sitting.zone)) out.noExitBefore = minutesClock(start + noExit.minutes);
  return out;
}
