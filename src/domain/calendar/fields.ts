// Parsing the cells of a calendar file: dates and times as French offices write them
// ("Lundi 15 mai 2023", "15/05/2023", "14h00 – 18h00", "Mise en loge 2 heures").
import { fail, ok, type FieldResult } from '../validation.js';
import type { Zone } from '../regulation/schema.js';

const MONTHS = ['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre'];

/** getUTCDay() order. */
const DAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const frenchDay = (iso: string) => `${+iso.slice(8, 10)} ${MONTHS[+iso.slice(5, 7) - 1]} ${iso.slice(0, 4)}`.replace(/^1 /, '1er ');

/** The longest mise en loge accepted: a working day (the longest written épreuve lasts 4 h; issue #9 item 9). */
export const MAX_LOCK_IN_MINUTES = 12 * 60;

const strip = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();

function isoDate(y: number, m: number, d: number): string | undefined {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** JJ/MM/AAAA, AAAA-MM-JJ, an Excel date cell, or "lundi 15 mai 2023" → AAAA-MM-JJ. */
export function parseCalendarDate(v: string | Date): FieldResult<string> {
  if (v instanceof Date) {
    // Excel date cells arrive as UTC midnight.
    return ok(isoDate(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate())!);
  }
  const s = strip(v);
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  let iso = m ? isoDate(+m[3]!, +m[2]!, +m[1]!) : undefined;
  if (!m) {
    m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    iso = m ? isoDate(+m[1]!, +m[2]!, +m[3]!) : undefined;
  }
  if (!m) {
    m = /^(?:([a-z]+)\s+)?(\d{1,2})(?:er)?\s+([a-z]+)\s+(\d{4})$/.exec(s);
    const month = m ? MONTHS.indexOf(m[3]!) + 1 : 0;
    iso = m && month > 0 ? isoDate(+m[4]!, month, +m[2]!) : undefined;
    // « mardi 15 mai 2023 » when the 15th is a Monday: one of the two is a typo, and ccst cannot tell which
    // (issue #9 item 9).
    if (iso && m![1] !== undefined) {
      const day = DAYS.indexOf(m![1]);
      const actual = new Date(`${iso}T00:00:00Z`).getUTCDay();
      if (day < 0) return fail('date', `date invalide « ${v} » : « ${m![1]} » n’est pas un jour de la semaine`);
      if (day !== actual) return fail('date', `date incohérente « ${v} » : le ${frenchDay(iso)} est un ${DAYS[actual]}`);
    }
  }
  return iso ? ok(iso) : fail('date', `date invalide « ${v} » (attendu JJ/MM/AAAA ou AAAA-MM-JJ)`);
}

/** "14h00", "14h", "14:00", "9h30" → "14:00". */
export function parseClock(v: string): FieldResult<string> {
  const m = /^(\d{1,2})\s*[h:]\s*(\d{2})?$/i.exec(v.trim());
  if (!m) return fail('heure', `heure invalide « ${v} » (attendu 14h00 ou 14:00)`);
  const h = +m[1]!;
  const min = m[2] ? +m[2] : 0;
  if (h > 23 || min > 59) return fail('heure', `heure invalide « ${v} »`);
  return ok(`${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`);
}

/** "14h00 – 18h00" (any dash) → start and end; end must follow start. */
export function parseTimeRange(v: string): FieldResult<{ start: string; end: string }> {
  // Exactly two non-empty parts: « -1h00 – 2h00 » (a negative hour) used to lose its sign and pass as 01:00.
  const parts = v.trim().split(/\s*[-–—à]\s*/);
  if (parts.length !== 2 || parts.some((p) => p === '')) return fail('heure', `horaire invalide « ${v} » (attendu 14h00 – 18h00)`);
  const a = parseClock(parts[0]!);
  const b = parseClock(parts[1]!);
  if (!a.ok) return a;
  if (!b.ok) return b;
  if (b.value <= a.value) return fail('heure', `horaire « ${v} » : la fin doit suivre le début`);
  return ok({ start: a.value, end: b.value });
}

/** Mise en loge: "2 h", "2 heures", "1h30", "120" (minutes), empty → none. */
export function parseLockIn(v: string): FieldResult<number | undefined> {
  const s = strip(v).replace(/^mise en loge\s*:?\s*/, '');
  if (s === '' || s === 'non' || s === '0') return ok(undefined);
  let minutes: number | undefined;
  let m = /^(\d+)$/.exec(s) ?? /^(\d+)\s*min(?:utes?)?$/.exec(s);
  if (m) minutes = +m[1]!;
  else if ((m = /^(\d+)\s*(?:h|heures?)\s*(\d{2})?$/.exec(s))) {
    if (m[2] && +m[2] > 59) return fail('loge', `durée de mise en loge invalide « ${v} » (minutes de 00 à 59)`);
    minutes = +m[1]! * 60 + (m[2] ? +m[2] : 0);
  }
  if (minutes === undefined) return fail('loge', `durée de mise en loge invalide « ${v} » (attendu 2 h, 1h30 ou 120)`);
  if (minutes > MAX_LOCK_IN_MINUTES) return fail('loge', `durée de mise en loge invalide « ${v} » : ${MAX_LOCK_IN_MINUTES / 60} h au plus`);
  return ok(minutes);
}

/** Zone names of annexe 2 → code; empty means Métropole. */
export function parseZone(v: string): FieldResult<Zone> {
  const s = strip(v).replace(/[^a-z]+/g, ' ').trim();
  if (s === '' || s === 'metropole' || s === 'france metropolitaine') return ok('metropole');
  if (/reunion|mayotte/.test(s)) return ok('reunion');
  if (/antilles|guyane|guadeloupe|martinique/.test(s)) return ok('antilles_guyane');
  return fail('zone', `zone inconnue « ${v} » (Métropole, Antilles-Guyane ou Réunion)`);
}
