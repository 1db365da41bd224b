// Assembles calendar rows (one épreuve × zone each) into a Calendar that replaces the regulation's written one.
import type { Calendar, Regulation, WrittenCalendarEntry, WrittenSlot, Zone } from '../regulation/schema.js';
import type { CellIssue } from '../validation.js';

export interface CalendarRow {
  row: number;
  epreuve: string;
  date: string;
  zone: Zone;
  slot: WrittenSlot;
}

/**
 * One entry per épreuve; all its rows must share one date (annexe 2: same date in every zone) and name each zone
 * at most once; Métropole is required. Exam-day rules (no exit before the 2nd hour…) are kept from the regulation.
 */
export function buildCalendar(reg: Regulation, rows: CalendarRow[]): { calendar?: Calendar; issues: CellIssue[] } {
  const issues: CellIssue[] = [];
  const byEpreuve = new Map<string, CalendarRow[]>();
  for (const r of rows) byEpreuve.set(r.epreuve, [...(byEpreuve.get(r.epreuve) ?? []), r]);
  const written: WrittenCalendarEntry[] = [];
  for (const [epreuve, list] of byEpreuve) {
    const first = list[0]!;
    const times: Partial<Record<Zone, WrittenSlot>> = {};
    for (const r of list) {
      if (r.date !== first.date) {
        issues.push({ row: r.row, column: 'date', kind: 'date', message: `${epreuve} : date ${r.date} différente de la ligne ${first.row} (${first.date})` });
      }
      if (times[r.zone]) {
        issues.push({ row: r.row, column: 'zone', kind: 'doublon', message: `${epreuve} : zone ${r.zone} déjà donnée` });
      }
      times[r.zone] = r.slot;
    }
    if (!times.metropole) {
      issues.push({ row: first.row, column: 'zone', kind: 'zone', message: `${epreuve} : horaire de Métropole manquant` });
      continue;
    }
    written.push({ epreuve, date: first.date, times: { metropole: times.metropole, antilles_guyane: times.antilles_guyane, reunion: times.reunion } });
  }
  if (issues.length) return { issues };
  written.sort((a, b) => a.date.localeCompare(b.date) || a.times.metropole.start.localeCompare(b.times.metropole.start));
  return { calendar: { ...reg.calendar, written }, issues };
}
