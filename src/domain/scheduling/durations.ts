// How long a candidate's oral lasts: interrogation and preparation from the règlement d'examen (référentiel
// annexe IV c, circulaire nationale §2: E4 1 h + 1 h de préparation, E61/E62 30 min, E22/EF1 20 min + 20 min,
// EF2 20 min, EF3 engagement étudiant 20 min sans préparation), lengthened by the temps majoré granted as an
// aménagement (Code de l'éducation D351-28: up to one third of the normal time).
import type { Regulation } from '../regulation/schema.js';
import { formFor, unitByCode } from '../regulation/units.js';
import { fail, ok, type FieldResult } from '../validation.js';

export interface Fraction {
  num: number;
  den: number;
}

/** "1/3", "1 / 4", "tiers temps", "tiers-temps" → fraction; empty → none. */
export function parseTempsMajore(raw: string | undefined): FieldResult<Fraction | undefined> {
  const s = (raw ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
  if (s === '' || s === 'non' || s === '0') return ok(undefined);
  if (/^tiers[\s-]*temps$/.test(s)) return ok({ num: 1, den: 3 });
  const m = /^(\d+)\s*\/\s*(\d+)$/.exec(s);
  if (m && +m[2]! > 0 && +m[1]! > 0 && +m[1]! <= +m[2]!) return ok({ num: +m[1]!, den: +m[2]! });
  return fail('temps-majore', `temps majoré illisible « ${raw} » (attendu 1/3, 1/4…)`);
}

/** Minutes lengthened by a fraction, rounded up: a candidate is never given less than the granted time. */
export function lengthen(minutes: number, extra: Fraction | undefined): number {
  if (!extra || minutes === 0) return minutes;
  return Math.ceil((minutes * (extra.den + extra.num)) / extra.den);
}

export interface OralDuration {
  preparation: number;
  interrogation: number;
}

/** Durations of a unit's ponctuel oral for a voie; the temps majoré lengthens both preparation and interrogation. */
export function oralDuration(reg: Regulation, unitCode: string, voie: string, extra: Fraction | undefined): OralDuration {
  const form = formFor(reg, unitByCode(reg, unitCode), voie);
  if (form.form !== 'ponctuel' || form.nature !== 'oral') throw new Error(`${unitCode} n’est pas un oral ponctuel pour ${voie}`);
  return { preparation: lengthen(form.preparationMinutes ?? 0, extra), interrogation: lengthen(form.minutes, extra) };
}

export const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const CLOCKS = Array.from({ length: 24 * 60 }, (_, m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
/** Minutes since midnight → "HH:MM" (one shared string per minute of the day). */
export const toClock = (m: number): string => CLOCKS[m] ?? `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
