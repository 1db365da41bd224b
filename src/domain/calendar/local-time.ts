// Local clock times of a written épreuve in each académie (issue #11 finding 1): pure, from IANA time zones with
// the platform's own time-zone database (Intl.DateTimeFormat with timeZone: summer time included, no offset
// written by hand).
//
// Source: circulaire nationale 2024, annexe 2 « Calendrier des épreuves »: written épreuves are national, the same
// instant everywhere (Métropole 14h00–18h00 is La Réunion 16h00–20h00, Guadeloupe/Martinique 08h00–12h00); its
// columns name territories, not time zones: « Guadeloupe Martinique Guyane » gives the clock of Guadeloupe and
// Martinique (UTC−4), Guyane is UTC−3; « La Réunion » (UTC+4) says nothing of Mayotte (UTC+3); no column names
// Nouvelle-Calédonie or Polynésie française. Which time is printed:
//  1. an académie calendar imported for that académie (`ccst calendar import`, zone = the académie) wins;
//  2. else the instant of the column naming the académie's territory, read on the column's own clock
//     (regulation `columnTimeZones`), shown on the académie's clock. When that column's instant is the Métropole
//     instant (E3 in 2024) this is the Métropole instant; when the annexe deliberately sets another instant for the
//     column (2024: E21, E1, E5 in Antilles-Guyane are 2 h later than the Métropole instant), the annexe's time
//     prevails — « Cet horaire doit être impérativement respecté » — and the difference is reported;
//  3. else (no column for the territory) the Métropole instant on the académie's clock;
//  4. a time outside the local hours of the regulation (calendar.localHours; the texts are silent: a choice,
//     see the JSON) or on another day than the calendar's is refused: the convocation waits for an académie
//     calendar for that zone (Pacific: the Métropole instant is in the middle of the night).
import type { Regulation, WrittenCalendarEntry, WrittenSlot, Zone } from '../regulation/schema.js';

export interface LocalClock {
  date: string;
  time: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the platform knows this IANA time zone. */
export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock of an instant (ms since the epoch) in a time zone. */
export function clockAt(instant: number, timeZone: string): LocalClock {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

const wallMs = (date: string, time: string) => {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return Date.UTC(y!, mo! - 1, d!, h!, mi!);
};

/** Offset of the zone at an instant, in minutes (e.g. +120 for Europe/Paris in May), read from Intl. */
export function offsetMinutes(instant: number, timeZone: string): number {
  const c = clockAt(instant, timeZone);
  return Math.round((wallMs(c.date, c.time) - Math.floor(instant / 60000) * 60000) / 60000);
}

/** The instant of a wall-clock time in a time zone (the first one when summer time repeats an hour). */
export function instantOf(date: string, time: string, timeZone: string): number {
  const wall = wallMs(date, time);
  let instant = wall - offsetMinutes(wall, timeZone) * 60000;
  // A second pass settles the instants near a change of offset.
  instant = wall - offsetMinutes(instant, timeZone) * 60000;
  return instant;
}

/** "UTC+3", "UTC−3", "UTC+5:30" for a zone at an instant (labels of the notices). */
export function utcLabel(instant: number, timeZone: string): string {
  const m = offsetMinutes(instant, timeZone);
  const abs = Math.abs(m);
  const hm = abs % 60 ? `${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}` : String(abs / 60);
  return `UTC${m < 0 ? '−' : '+'}${hm}`;
}

export interface LocalSlot extends WrittenSlot {
  date: string;
}

export type LocalTime =
  | {
      kind: 'time';
      slot: LocalSlot;
      /** Where the time comes from: an académie calendar, the column of annexe 2, or the Métropole instant. */
      source: 'academie' | 'column' | 'instant';
      timeZone: string;
      utc: string;
      /** Differences between the printed time and annexe 2's columns, said in French (reported by commands). */
      checks: string[];
    }
  | { kind: 'refused'; timeZone: string; utc: string; reason: string };

/** Where a centre (or a candidate without one) is: its académie, and the annexe 2 column it is filed under if known. */
export interface Whereabouts {
  academie?: string;
  zone?: Zone;
}

/**
 * The clock of a place: its académie's IANA time zone; without one in the data, the clock of its annexe 2 column.
 * The column is the centre's own (centres file) when given, else its académie's.
 */
export function academieTimeZone(reg: Regulation, where: Whereabouts): { timeZone: string; zone: Zone; label: string } {
  const a = reg.academies.find((x) => x.code === where.academie);
  const zone = where.zone ?? a?.zone ?? 'metropole';
  return { timeZone: a?.timeZone ?? reg.columnTimeZones[zone], zone, label: a?.label ?? reg.zones[zone] };
}

const fr = (t: string) => t.replace(':', 'h');

/** Local times of a written épreuve for a centre (or candidate) of this académie. */
export function localWrittenTime(reg: Regulation, entry: WrittenCalendarEntry, where: Whereabouts): LocalTime {
  const { timeZone, zone, label } = academieTimeZone(reg, where);
  const academie = where.academie;
  const own = academie ? entry.local?.[academie] : undefined;
  const met = entry.times.metropole;
  const metTz = reg.columnTimeZones.metropole;
  const metStart = instantOf(entry.date, met.start, metTz);
  const utc = utcLabel(metStart, timeZone);
  if (own) return { kind: 'time', slot: own, source: 'academie', timeZone, utc, checks: [] };
  const column = zone === 'metropole' ? undefined : entry.times[zone];
  const colTz = reg.columnTimeZones[zone];
  const base = column ?? met;
  const baseTz = column ? colTz : metTz;
  const start = instantOf(entry.date, base.start, baseTz);
  const end = instantOf(entry.date, base.end, baseTz);
  const s = clockAt(start, timeZone);
  const e = clockAt(end, timeZone);
  const checks: string[] = [];
  const colName = reg.zones[zone];
  if (column) {
    const metLocal = clockAt(metStart, timeZone);
    if (start !== metStart) {
      checks.push(
        `${entry.epreuve}, ${label} : la colonne « ${colName} » de l’annexe 2 fixe ${fr(column.start)}–${fr(column.end)}, pas le même instant que Métropole ${fr(met.start)}–${fr(met.end)} (${fr(metLocal.time)} à l’heure locale) : la convocation imprime ${fr(s.time)}–${fr(e.time)}, l’horaire de l’annexe, qui « doit être impérativement respecté »`,
      );
    }
    if (s.time !== column.start) {
      checks.push(
        `${entry.epreuve}, ${label} (${timeZone}, ${utc}) : la colonne « ${colName} » indique ${fr(column.start)}–${fr(column.end)}, heure de ${colTz} (${utcLabel(start, colTz)}) ; la convocation imprime ${fr(s.time)}–${fr(e.time)}, le même instant à l’heure locale`,
      );
    }
  }
  const hours = reg.calendar.localHours;
  if (s.date !== entry.date || e.date !== entry.date || s.time < hours.earliest || e.time > hours.latest) {
    return {
      kind: 'refused',
      timeZone,
      utc,
      reason: `${entry.epreuve}, ${label} (${timeZone}, ${utc}) : Métropole ${fr(met.start)}–${fr(met.end)} le ${entry.date} tombe ${s.date === e.date ? `à ${fr(s.time)}–${fr(e.time)} le ${s.date}` : `de ${fr(s.time)} le ${s.date} à ${fr(e.time)} le ${e.date}`} à l’heure locale, hors des heures d’épreuve (${fr(hours.earliest)}–${fr(hours.latest)}) : importez le calendrier de l’académie pour cette zone (ccst calendar import, zone « ${label} »)`,
    };
  }
  const lockInMinutes = column ? column.lockInMinutes : met.lockInMinutes;
  const slot: LocalSlot = { date: s.date, start: s.time, end: e.time, ...(lockInMinutes ? { lockInMinutes } : {}) };
  return { kind: 'time', slot, source: column ? 'column' : 'instant', timeZone, utc, checks };
}
