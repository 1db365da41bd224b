// Clock and date arithmetic for convocations and grids, on "HH:MM" strings and ISO dates: pure, exact integer
// minutes (no Date objects, so no time-zone surprises: every time is the local time of the centre's zone).

/** "14:30" → 870 minutes after midnight. */
export function clockMinutes(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`heure invalide: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** 870 → "14:30"; minutes past midnight are kept as 24:10 etc. rather than wrapped (an exam never crosses midnight). */
export function minutesClock(total: number): string {
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** "14:00" → "14h00" (French written form of the annexe 2 calendar). */
export function frenchClock(hhmm: string): string {
  return hhmm.replace(':', 'h');
}

/** 120 → "2 h", 90 → "1 h 30" (mise en loge, durations). */
export function frenchDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

const DAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** "2024-05-14" → "mardi 14 mai 2024" (the calendar date is a civil date: computed in UTC to stay stable). */
export function frenchDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`date invalide: ${iso}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const day = d.getUTCDate() === 1 ? '1er' : String(d.getUTCDate());
  return `${DAYS[d.getUTCDay()]} ${day} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "2024-05-14" → "14/05/2024". */
export function shortDate(iso: string): string {
  const [y, mo, d] = iso.split('-');
  return `${d}/${mo}/${y}`;
}

/** An extra-time fraction: numerator / denominator of the normal duration. */
export interface ExtraTime {
  numerator: number;
  denominator: number;
}

/**
 * temps_majore as written in candidate files: "1/3", "1 / 4", "tiers-temps", "tiers temps". Code de l'éducation
 * D351-28: the extra time granted as an aménagement may not exceed one third of the normal duration (the recteur
 * may grant more only exceptionally, on a medical opinion — then write the fraction explicitly, e.g. "1/2").
 * Returns undefined for an empty value; throws nothing: an unreadable value is reported by the caller.
 */
export function parseExtraTime(raw: string | undefined): ExtraTime | undefined | 'invalid' {
  const s = (raw ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
  if (s === '' || s === 'non' || s === '0') return undefined;
  if (/^(un )?tiers[\s-]?temps$/.test(s) || s === 'tiers') return { numerator: 1, denominator: 3 };
  const m = /^(\d+)\s*\/\s*(\d+)(\s*temps)?$/.exec(s);
  if (!m) return 'invalid';
  const numerator = Number(m[1]);
  const denominator = Number(m[2]);
  if (numerator <= 0 || denominator <= 0 || numerator > denominator) return 'invalid';
  return { numerator, denominator };
}

/** Extra minutes for a duration, rounded UP to the whole minute (never less than granted). */
export function extraMinutes(durationMinutes: number, extra: ExtraTime): number {
  return Math.ceil((durationMinutes * extra.numerator) / extra.denominator);
}
