// Splitting a written épreuve's candidates into the centre's rooms (`ccst lists --salles "A101:30,B204:24"`):
// the workspace does not model rooms, the centre gives them when printing its lists. Candidates are taken in
// list order (nom, prénom, numéro) and fill each room up to its capacity; too few seats is a rule conflict,
// never a silently shortened list.
import { fail, ok, type FieldResult } from '../validation.js';
import type { RosterGroup } from './groups.js';

export interface Room {
  name: string;
  capacity: number;
}

/** "A101:30, B204:24" (or "A101=30") → rooms in the given order; names unique, capacities ≥ 1. */
export function parseRooms(spec: string): FieldResult<Room[]> {
  const rooms: Room[] = [];
  for (const part of spec.split(/[,;]/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(.+?)\s*[:=]\s*(\d+)$/.exec(part);
    if (!m) return fail('salles', `salle « ${part} » : attendu NOM:CAPACITÉ, ex. A101:30`);
    const capacity = Number(m[2]);
    if (capacity < 1) return fail('salles', `salle « ${m[1]} » : capacité nulle`);
    if (rooms.some((r) => r.name.toLowerCase() === m[1]!.toLowerCase())) return fail('salles', `salle « ${m[1]} » donnée deux fois`);
    rooms.push({ name: m[1]!, capacity });
  }
  if (rooms.length === 0) return fail('salles', 'aucune salle (attendu par ex. --salles "A101:30,B204:24")');
  return ok(rooms);
}

export type RoomSplit = { ok: true; groups: RosterGroup[] } | { ok: false; seats: number; candidates: number };

/** One group per room actually used, in room order; rooms left empty are not printed. */
export function splitIntoRooms(group: RosterGroup, rooms: Room[]): RoomSplit {
  const seats = rooms.reduce((n, r) => n + r.capacity, 0);
  if (seats < group.lines.length) return { ok: false, seats, candidates: group.lines.length };
  const out: RosterGroup[] = [];
  let next = 0;
  for (const r of rooms) {
    if (next >= group.lines.length) break;
    out.push({ ...group, room: r.name, lines: group.lines.slice(next, next + r.capacity) });
    next += r.capacity;
  }
  return { ok: true, groups: out };
}
