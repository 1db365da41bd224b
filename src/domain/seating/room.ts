// A room of a written centre (`ccst rooms import`, issue #14 §1): its capacity, whether it is accessible to a
// candidate with reduced mobility (PMR), whether it is set aside for candidates with aménagements (temps majoré,
// secrétaire…: they end later and must not be disturbed by the others leaving), and the épreuves or dates it is
// restricted to. One row of the rooms file is checked here, every cell, nothing guessed. Pure.
import type { Regulation } from '../regulation/schema.js';
import { parseDates, parseEpreuves } from '../assignment/centre-row.js';
import { parseYesNo, type RawCell } from '../candidate-fields.js';
import { parseUai } from '../uai.js';

/**
 * More seats than any exam room (a gymnasium set out for the written épreuves holds a few hundred): a larger figure
 * is a typing error, as for centres (issue #9 item 9). The plan de salle keeps such a room on one page.
 */
export const MAX_ROOM_CAPACITY = 400;

export interface Room {
  centreUai: string;
  salle: string;
  capacite: number;
  accessible: boolean;
  amenagements: boolean;
  /** Épreuve codes the room may host; empty = any written épreuve. */
  epreuves: string[];
  /** ISO dates the room is available; empty = every day of the session. */
  dates: string[];
}

export type RoomField = 'centre_uai' | 'salle' | 'capacite' | 'accessible' | 'amenagements' | 'epreuves' | 'dates';
export type RoomCells = Partial<Record<RoomField, RawCell>>;

export interface RoomIssue {
  field: RoomField;
  kind: string;
  message: string;
}

const text = (v: RawCell) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? '' : String(v).replace(/\s+/g, ' ').trim());

/** The room's name as written, at most this long (it is printed on the door and on every list). */
export const MAX_ROOM_NAME = 40;

export function parseRoomRow(reg: Regulation, cells: RoomCells, knownCentres: ReadonlySet<string>): { room?: Room; issues: RoomIssue[] } {
  const issues: RoomIssue[] = [];
  const add = (field: RoomField, kind: string, message: string) => issues.push({ field, kind, message });
  let centreUai: string | undefined;
  const uaiText = text(cells.centre_uai).toUpperCase();
  if (!uaiText) add('centre_uai', 'requis', 'code UAI du centre manquant');
  else {
    const u = parseUai(uaiText);
    if (!u.ok) add('centre_uai', u.kind, u.message);
    else if (!knownCentres.has(u.value)) add('centre_uai', 'centre-inconnu', `centre ${u.value} absent du workspace (importez-le d’abord : ccst centres import)`);
    else centreUai = u.value;
  }
  const salle = text(cells.salle);
  if (!salle) add('salle', 'requis', 'nom de la salle manquant');
  else if (salle.length > MAX_ROOM_NAME) add('salle', 'salle', `nom de salle trop long (${salle.length} caractères, ${MAX_ROOM_NAME} au plus)`);
  let capacite: number | undefined;
  const cap = text(cells.capacite).replace(/\s/g, '');
  if (!cap) add('capacite', 'requis', 'capacité manquante');
  else if (/^\d{1,6}$/.test(cap) && Number(cap) >= 1 && Number(cap) <= MAX_ROOM_CAPACITY) capacite = Number(cap);
  else add('capacite', 'capacite', `capacité invalide « ${cap} » (nombre entier de places, de 1 à ${MAX_ROOM_CAPACITY})`);
  const yesNo = (field: 'accessible' | 'amenagements', what: string) => {
    const r = parseYesNo(cells[field], what);
    if (r.ok) return r.value;
    add(field, r.kind, r.message);
    return undefined;
  };
  const accessible = yesNo('accessible', 'accessible (PMR)');
  const amenagements = yesNo('amenagements', 'salle d’aménagements');
  let epreuves: string[] = [];
  if (text(cells.epreuves)) {
    // Rooms are for the written épreuves (orals have their commissions): an oral-only épreuve is a mistake.
    const r = parseEpreuves(reg, text(cells.epreuves), 'ecrit');
    if (r.ok) epreuves = r.value;
    else add('epreuves', r.kind, r.message);
  }
  let dates: string[] = [];
  const d = cells.dates;
  if (d instanceof Date || text(d)) {
    const r = parseDates(d instanceof Date ? d : text(d));
    if (r.ok) dates = r.value;
    else add('dates', r.kind, r.message);
  }
  if (issues.length || !centreUai || !capacite || accessible === undefined || amenagements === undefined) return { issues };
  return { issues, room: { centreUai, salle, capacite, accessible, amenagements, epreuves, dates } };
}

/** Stable room order: by centre, then the room's name in natural order (« B2 » before « B10 »). */
export function compareRooms(a: Pick<Room, 'centreUai' | 'salle'>, b: Pick<Room, 'centreUai' | 'salle'>): number {
  // UAIs are ASCII: code point order, as the store sorts them; one collator for the names (not one per call).
  return (a.centreUai < b.centreUai ? -1 : a.centreUai > b.centreUai ? 1 : 0) || ROOM_NAMES.compare(a.salle, b.salle);
}
const ROOM_NAMES = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

/** A room is used for an épreuve on a date unless restricted to other épreuves or other days. */
export function roomServes(room: Pick<Room, 'epreuves' | 'dates'>, epreuve: string, date: string | undefined): boolean {
  if (room.epreuves.length && !room.epreuves.includes(epreuve)) return false;
  // A room available only on some days cannot be used when the épreuve's day is not known (no calendar).
  if (room.dates.length && (date === undefined || !room.dates.includes(date))) return false;
  return true;
}
