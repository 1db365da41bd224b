// Assembles calendar rows (one épreuve × zone each) into a Calendar that replaces the regulation's written one.
import type { Calendar, Regulation, WrittenCalendarEntry, WrittenSlot, Zone } from '../regulation/schema.js';
import type { CellIssue } from '../validation.js';

export interface CalendarRow {
  row: number;
  epreuve: string;
  date: string;
  /** An annexe 2 column… */
  zone?: Zone;
  /** …or one académie's own times (issue #11 finding 1: Pacific), on its clock, possibly another day. */
  academie?: string;
  slot: WrittenSlot;
}

/**
 * One entry per épreuve; all its rows must share one date (annexe 2: same date in every zone) and name each zone
 * at most once; Métropole is required. Exam-day rules (no exit before the 2nd hour…) are kept from the regulation.
 * Rows for an académie (its own date and clock) are kept in `local`; an épreuve given only for académies is added
 * to the épreuve already in the calendar (a Pacific calendar completes the national one).
 */
export function buildCalendar(reg: Regulation, rows: CalendarRow[]): { calendar?: Calendar; issues: CellIssue[] } {
  const issues: CellIssue[] = [];
  const byEpreuve = new Map<string, CalendarRow[]>();
  for (const r of rows) byEpreuve.set(r.epreuve, [...(byEpreuve.get(r.epreuve) ?? []), r]);
  const written: WrittenCalendarEntry[] = [];
  for (const [epreuve, list] of byEpreuve) {
    const local: Record<string, WrittenSlot & { date: string }> = {};
    for (const r of list.filter((x) => x.academie)) {
      if (local[r.academie!]) issues.push({ row: r.row, column: 'zone', kind: 'doublon', message: `${epreuve} : académie ${r.academie} déjà donnée` });
      local[r.academie!] = { date: r.date, ...r.slot };
    }
    const columns = list.filter((x) => x.zone);
    if (columns.length === 0) {
      const current = reg.calendar.written.find((w) => w.epreuve === epreuve);
      if (!current) {
        issues.push({ row: list[0]!.row, column: 'zone', kind: 'zone', message: `${epreuve} : horaire de Métropole manquant (aucune date nationale pour cette épreuve)` });
        continue;
      }
      written.push({ ...current, local: { ...current.local, ...local } });
      continue;
    }
    const first = columns[0]!;
    const times: Partial<Record<Zone, WrittenSlot>> = {};
    for (const r of columns) {
      if (r.date !== first.date) {
        issues.push({ row: r.row, column: 'date', kind: 'date', message: `${epreuve} : date ${r.date} différente de la ligne ${first.row} (${first.date})` });
      }
      if (times[r.zone!]) {
        issues.push({ row: r.row, column: 'zone', kind: 'doublon', message: `${epreuve} : zone ${r.zone} déjà donnée` });
      }
      times[r.zone!] = r.slot;
    }
    if (!times.metropole) {
      issues.push({ row: first.row, column: 'zone', kind: 'zone', message: `${epreuve} : horaire de Métropole manquant` });
      continue;
    }
    written.push({
      epreuve, date: first.date, times: { metropole: times.metropole, antilles_guyane: times.antilles_guyane, reunion: times.reunion },
      ...(Object.keys(local).length ? { local } : {}),
    });
  }
  if (issues.length) return { issues };
  written.sort((a, b) => a.date.localeCompare(b.date) || a.times.metropole.start.localeCompare(b.times.metropole.start));
  return { calendar: { ...reg.calendar, written }, issues };
}
