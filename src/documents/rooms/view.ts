// What the documents of one room show (issue #14 §3): plain data built by `ccst rooms documents` from the workspace
// (seats, candidates, centre, the épreuve's local times). The documents draw it and compute nothing.
import type { RoomTimes } from '../../domain/seating/room-times.js';

export interface RoomSeatLine {
  place: number;
  numero: string;
  nom: string;
  prenom: string;
  /** amenagementText of the candidate (« temps majoré 1/3 ; secrétaire »), '' when none. */
  amenagement: string;
}

export interface RoomSheet {
  /** The models' running title (modelHeading). */
  heading: string;
  academie?: string;
  session: number;
  /** « E5 », and the full line « E5 — Titre (U5, coefficient 3) ». */
  epreuve: string;
  epreuveLine: string;
  centre: { uai: string; nom: string; commune?: string };
  /** ISO date of the épreuve at the centre (local), when the calendar gives it. */
  date?: string;
  /** Local times at the centre; undefined when the calendar gives none (left blank to fill in). */
  times?: RoomTimes;
  /** « Europe/Paris »: the clock the times are read on. */
  timeZone?: string;
  salle: string;
  capacite: number;
  accessible: boolean;
  amenagements: boolean;
  /** Seated candidates by place. */
  seats: RoomSeatLine[];
}

export const frDate = (iso?: string) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
export const frClock = (t?: string) => (t ? t.replace(':', 'h') : '');

/** « Salle B01 (6 places, salle d’aménagements, accessible PMR) ». */
export function roomLabel(s: Pick<RoomSheet, 'salle' | 'capacite' | 'accessible' | 'amenagements'>): string {
  const marks = [`${s.capacite} places`, s.amenagements ? 'salle d’aménagements' : '', s.accessible ? 'accessible PMR' : ''].filter(Boolean).join(', ');
  return `Salle ${s.salle} (${marks})`;
}

export function footerOf(what: string, s: RoomSheet): string {
  return `${what} — ${s.epreuve} — ${s.centre.nom} (${s.centre.uai}) — salle ${s.salle} — session ${s.session}`;
}
