// Which dates belong to a session: a date typed in the wrong year (a 2023 calendar in a 2024 workspace, an oral on
// 25/12/2024) must be refused where it enters, never printed on a convocation.
// The regulation may give the window of its exam days as month-day bounds (calendar.window); without one the
// session's civil year is the window.
import type { Regulation } from '../regulation/schema.js';
import { fail, ok, type FieldResult } from '../validation.js';

export interface SessionWindow {
  session: number;
  /** ISO dates, inclusive. */
  from: string;
  to: string;
}

export function sessionWindow(reg: Regulation, session: number): SessionWindow {
  const w = reg.calendar.window;
  return w ? { session, from: `${session}-${w.from}`, to: `${session}-${w.to}` } : { session, from: `${session}-01-01`, to: `${session}-12-31` };
}

const fr = (iso: string) => iso.split('-').reverse().join('/');

/** The date (AAAA-MM-JJ) if it falls inside the window, else an issue naming the session and its bounds. */
export function checkSessionDate(iso: string, w: SessionWindow): FieldResult<string> {
  if (iso >= w.from && iso <= w.to) return ok(iso);
  return fail('session', `date ${fr(iso)} hors de la session ${w.session} (du ${fr(w.from)} au ${fr(w.to)})`);
}

/**
 * The written calendar a workspace may print: the imported one, else the regulation's when it was written for the
 * workspace's session; none otherwise (init --session 2025 over the 2024 regulation has no written dates yet).
 */
export function calendarSource(reg: Regulation, session: number, imported: boolean): 'imported' | 'regulation' | 'none' {
  if (imported) return 'imported';
  return reg.session === session ? 'regulation' : 'none';
}
