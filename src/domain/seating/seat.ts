// Seating one centre for one written épreuve (issue #14 §2): every candidate gets a room and a seat. Pure.
//
// Rules, in order:
//  - Stable: a seat already given is kept (nobody moves on a re-run; a newcomer takes a free seat). A kept seat that
//    no longer exists (room removed, capacity lowered, room now restricted to other épreuves or days) is given up and
//    its candidate seated again — said, never silent. Seats of candidates no longer placed there are released.
//  - Capacity is a hard limit: the shortfall is counted exactly (a maximum matching of candidates to the seats
//    they may take, see `placeClasses`) and nothing is seated.
//  - A candidate with a temps majoré or another aménagement sits in an aménagement room, where candidates finish
//    later without being disturbed by the others leaving; a candidate with reduced mobility in an accessible room;
//    the others in the ordinary rooms. When the centre has no room of the kind needed, the candidate is seated in
//    another room and warned about (listed), since the chef de centre must then arrange it by hand.
//  - Order: by nom, prénom, numéro (STYLE.md) or by numéro; --spread-establishments seats, where the room allows,
//    no two candidates of the same établissement side by side or one behind the other (grid.ts neighbours).
import type { SeatingNeeds } from './needs.js';
import { compareNumeros } from '../candidate.js';
import { neighbours, roomGrid, type RoomGrid } from './grid.js';

export interface SeatRoom {
  salle: string;
  capacite: number;
  accessible: boolean;
  amenagements: boolean;
}

export interface SeatCandidate {
  numero: string;
  nom: string;
  prenom: string;
  etablissement?: string;
  needs: SeatingNeeds;
}

export interface ExistingSeat {
  numero: string;
  salle: string;
  place: number;
}

export type SeatOrder = 'nom' | 'numero';

export interface SeatInput {
  /** The rooms that serve this épreuve on its day at this centre (room.ts roomServes). */
  rooms: SeatRoom[];
  candidates: SeatCandidate[];
  /** Seats stored by a previous run (empty with --reset). */
  existing: ExistingSeat[];
  order: SeatOrder;
  spread: boolean;
}

export interface SeatAssignment {
  numero: string;
  salle: string;
  place: number;
  kept: boolean;
}

export type SeatWarningKind = 'sans-salle-amenagement' | 'sans-salle-accessible' | 'sans-salle-amenagement-accessible' | 'place-conservee';

export interface SeatWarning {
  numero: string;
  kind: SeatWarningKind;
  message: string;
}

export interface Shortfall {
  candidates: number;
  seats: number;
  /** Candidates left without a seat: the exact number of seats missing. */
  missing: number;
  details: string[];
}

export type SeatOutcome =
  | { ok: true; seats: SeatAssignment[]; warnings: SeatWarning[]; moved: { numero: string; reason: string }[]; released: string[] }
  | { ok: false; shortfall: Shortfall };

const byText = new Intl.Collator('fr', { sensitivity: 'base' });
const roomOrder = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

/** compareCandidates (domain/candidate.ts) with one collator instead of a localeCompare per call. */
export function candidateComparator(order: SeatOrder): (a: SeatCandidate, b: SeatCandidate) => number {
  if (order === 'numero') return (a, b) => compareNumeros(a.numero, b.numero);
  return (a, b) => (a.nom === b.nom ? 0 : byText.compare(a.nom, b.nom)) || (a.prenom === b.prenom ? 0 : byText.compare(a.prenom, b.prenom)) || compareNumeros(a.numero, b.numero);
}

interface RoomState {
  room: SeatRoom;
  grid: RoomGrid;
  /** Per place (1-based): the occupant's établissement key ('' when unknown), undefined when free. */
  etab: (string | undefined)[];
  numero: (string | undefined)[];
  kind: number;
}

/** Room kinds and candidate classes: bit 2 = aménagement, bit 1 = accessible. */
const A = 2;
const P = 1;
/** Which room kinds each class may take, in order of preference (see placeClasses for why this order is optimal). */
const PLAN: [cls: number, kinds: number[]][] = [[A | P, [A | P]], [A, [A, A | P]], [0, [0, P]], [P, [P, A | P]]];
const CLASS_LABEL = ['sans aménagement', 'PMR', 'avec aménagement', 'PMR avec aménagement'];
const KIND_LABEL = ['ordinaire', 'accessible', 'd’aménagement', 'd’aménagement accessible'];

export function seatCentre(input: SeatInput): SeatOutcome {
  const rooms = [...input.rooms].sort((a, b) => roomOrder.compare(a.salle, b.salle));
  const anyA = rooms.some((r) => r.amenagements);
  const anyP = rooms.some((r) => r.accessible);
  // A distinction every room shares (all aménagement rooms, or all accessible) constrains nobody.
  const activeA = anyA && rooms.some((r) => !r.amenagements);
  const activeP = anyP && rooms.some((r) => !r.accessible);
  const kindOf = (r: SeatRoom) => (activeA && r.amenagements ? A : 0) | (activeP && r.accessible ? P : 0);
  const states = new Map<string, RoomState>(
    rooms.map((room) => [room.salle, { room, grid: roomGrid(room.capacite), etab: new Array(room.capacite + 1), numero: new Array(room.capacite + 1), kind: kindOf(room) }]),
  );
  const hasKind = new Set([...states.values()].map((s) => s.kind));
  const byNumero = new Map(input.candidates.map((c) => [c.numero, c]));
  const etabKey = (c: SeatCandidate) => c.etablissement ?? '';

  const seats: SeatAssignment[] = [];
  const warnings: SeatWarning[] = [];
  const moved: { numero: string; reason: string }[] = [];
  const released: string[] = [];
  const seated = new Set<string>();
  for (const e of input.existing) {
    const c = byNumero.get(e.numero);
    if (!c) {
      released.push(e.numero);
      continue;
    }
    const st = states.get(e.salle);
    const reason = !st
      ? `salle ${e.salle} absente ou réservée à d’autres épreuves ou jours`
      : e.place < 1 || e.place > st.room.capacite
        ? `place ${e.place} au-delà de la capacité de la salle ${e.salle} (${st.room.capacite})`
        : st.numero[e.place] !== undefined || seated.has(e.numero)
          ? `place ${e.salle}-${e.place} donnée deux fois`
          : undefined;
    if (reason) {
      moved.push({ numero: e.numero, reason });
      continue;
    }
    st!.etab[e.place] = etabKey(c);
    st!.numero[e.place] = c.numero;
    seated.add(c.numero);
    seats.push({ numero: c.numero, salle: e.salle, place: e.place, kept: true });
    const wantA = activeA && c.needs.amenagement && !(st!.kind & A);
    const wantP = activeP && c.needs.pmr && !(st!.kind & P);
    if (wantA || wantP) {
      warnings.push({
        numero: c.numero, kind: 'place-conservee',
        message: `garde sa place en salle ${e.salle} (${KIND_LABEL[st!.kind]}) alors qu’il lui faut une salle ${wantA && wantP ? 'd’aménagement accessible' : wantA ? 'd’aménagement' : 'accessible'} : ccst seat --reset pour le replacer`,
      });
    }
  }

  const newcomers = input.candidates.filter((c) => !seated.has(c.numero)).sort(candidateComparator(input.order));
  const classes: SeatCandidate[][] = [[], [], [], []];
  for (const c of newcomers) {
    let cls = (activeA && c.needs.amenagement ? A : 0) | (activeP && c.needs.pmr ? P : 0);
    if (c.needs.amenagement && !anyA) warnings.push({ numero: c.numero, kind: 'sans-salle-amenagement', message: 'aucune salle d’aménagement dans ce centre pour cette épreuve : placé(e) en salle ordinaire' });
    if (c.needs.pmr && !anyP) warnings.push({ numero: c.numero, kind: 'sans-salle-accessible', message: 'aucune salle accessible (PMR) dans ce centre pour cette épreuve' });
    if (cls === (A | P) && !hasKind.has(A | P)) {
      // Access comes first: a candidate who cannot reach the room cannot sit the épreuve at all.
      cls = P;
      warnings.push({ numero: c.numero, kind: 'sans-salle-amenagement-accessible', message: 'aucune salle d’aménagement accessible : placé(e) dans une salle accessible ordinaire' });
    }
    classes[cls]!.push(c);
  }

  // The free seats of each room kind, in room then place order: two parallel lists (no object per seat — 330,000
  // seats in the 250k bench).
  const free: FreeSeats[] = [0, 1, 2, 3].map(() => ({ states: [], places: [] }));
  for (const st of states.values()) {
    const f = free[st.kind]!;
    for (let p = 1; p <= st.room.capacite; p++) {
      if (st.numero[p] === undefined) {
        f.states.push(st);
        f.places.push(p);
      }
    }
  }
  const freeCount = free.map((f) => f.places.length);
  const unplaced = placeClasses(classes, free, input.spread, etabKey, (c, st, place) => {
    st.etab[place] = etabKey(c);
    st.numero[place] = c.numero;
    seats.push({ numero: c.numero, salle: st.room.salle, place, kept: false });
  });
  const missing = unplaced.reduce((n, k) => n + k, 0);
  if (missing > 0) {
    const capacity = rooms.reduce((n, r) => n + r.capacite, 0);
    const details = [`${input.candidates.length} candidat(s) pour ${capacity} place(s) dans ${rooms.length} salle(s) : ${missing} place(s) manquante(s)`];
    for (const [cls, kinds] of PLAN) {
      if (!unplaced[cls]) continue;
      const offered = kinds.filter((k) => hasKind.has(k));
      details.push(
        `  ${unplaced[cls]} candidat(s) ${CLASS_LABEL[cls]} sans place : ${classes[cls]!.length} à placer, ${offered.reduce((n, k) => n + freeCount[k]!, 0)} place(s) libre(s) en salle ${offered.map((k) => KIND_LABEL[k]).join(' ou ') || 'adaptée (aucune)'}`,
      );
    }
    return { ok: false, shortfall: { candidates: input.candidates.length, seats: capacity, missing, details } };
  }
  const index = new Map(rooms.map((r, i) => [r.salle, i]));
  seats.sort((a, b) => index.get(a.salle)! - index.get(b.salle)! || a.place - b.place);
  return { ok: true, seats, warnings, moved, released };
}

/**
 * Gives each class its seats in PLAN order and returns how many of each class were left without one. The most
 * constrained go first (PMR with aménagement: one kind of room), then each class's overflow goes to the only
 * other kind it may take (aménagement → accessible aménagement rooms, ordinary → accessible ordinary rooms) before
 * the PMR class, the only one that may take both of those kinds, takes what is left: no other order seats more
 * candidates, so the count left over is the exact shortfall (test/domain/seating checks it against Hall's bound).
 */
interface FreeSeats {
  states: RoomState[];
  places: number[];
}

function placeClasses(
  classes: SeatCandidate[][],
  free: FreeSeats[],
  spread: boolean,
  etabKey: (c: SeatCandidate) => string,
  put: (c: SeatCandidate, st: RoomState, place: number) => void,
): number[] {
  const next = [0, 0, 0, 0];
  const left = [0, 0, 0, 0];
  for (const [cls, kinds] of PLAN) {
    const pick = spread ? spreadPicker(classes[cls]!, etabKey) : plainPicker(classes[cls]!);
    let remaining = classes[cls]!.length;
    for (const k of kinds) {
      const seats = free[k]!;
      while (remaining > 0 && next[k]! < seats.places.length) {
        const at = next[k]!++;
        const state = seats.states[at]!;
        const place = seats.places[at]!;
        put(pick(state, place), state, place);
        remaining--;
      }
    }
    left[cls] = remaining;
  }
  return left;
}

type Picker = (st: RoomState, place: number) => SeatCandidate;

function plainPicker(list: SeatCandidate[]): Picker {
  let i = 0;
  return () => list[i++]!;
}

/**
 * One queue per établissement, each in the requested order. For a seat, the largest queue whose établissement sits
 * on no neighbouring seat (largest first keeps the big établissements from ending up side by side at the end);
 * ties go to the queue whose next candidate comes first in the order. When every queue conflicts, the largest.
 */
function spreadPicker(list: SeatCandidate[], etabKey: (c: SeatCandidate) => string): Picker {
  const queues = new Map<string, { items: SeatCandidate[]; at: number; rank: number[] }>();
  list.forEach((c, rank) => {
    const k = etabKey(c);
    let q = queues.get(k);
    if (!q) queues.set(k, (q = { items: [], at: 0, rank: [] }));
    q.items.push(c);
    q.rank.push(rank);
  });
  const all = [...queues.entries()];
  return (st, place) => {
    const near = new Set<string>();
    for (const n of neighbours(st.grid, st.room.capacite, place)) {
      const e = st.etab[n];
      if (e) near.add(e); // '' (établissement unknown) never conflicts
    }
    let best: (typeof all)[number] | undefined;
    let bestConflicts = true;
    for (const entry of all) {
      const [key, q] = entry;
      const size = q.items.length - q.at;
      if (size === 0) continue;
      const conflicts = key !== '' && near.has(key);
      if (!best) {
        best = entry;
        bestConflicts = conflicts;
        continue;
      }
      const [, b] = best;
      const bSize = b.items.length - b.at;
      const better = bestConflicts !== conflicts ? !conflicts : size !== bSize ? size > bSize : q.rank[q.at]! < b.rank[b.at]!;
      if (better) {
        best = entry;
        bestConflicts = conflicts;
      }
    }
    const q = best![1];
    return q.items[q.at++]!;
  };
}
