// How the seats of a room are laid out: rows of tables facing the front, seat 1 at the front left, numbered row by
// row. The same grid drives the plan de salle (documents/rooms/plan.ts) and the neighbours that
// `ccst seat --spread-establishments` keeps apart, so the plan on the door is the one the algorithm reasoned on. Pure.

/** More columns than this would make each cell of the one-page plan too narrow to print a numéro. */
const MAX_COLUMNS = 12;

export interface RoomGrid {
  columns: number;
  rows: number;
}

/**
 * Roughly 1.6 times as many columns as rows (a classroom is wider than deep): 40 seats → 8 × 5, 24 → 7 × 4,
 * 12 → 5 × 3; never more than 12 columns (400 seats → 12 × 34).
 */
export function roomGrid(capacity: number): RoomGrid {
  const columns = Math.max(1, Math.min(MAX_COLUMNS, capacity, Math.ceil(Math.sqrt(capacity * 1.6))));
  return { columns, rows: Math.ceil(capacity / columns) };
}

/** Row and column (0-based) of seat `place` (1-based). */
export function seatPosition(grid: RoomGrid, place: number): { row: number; column: number } {
  return { row: Math.floor((place - 1) / grid.columns), column: (place - 1) % grid.columns };
}

/** The seats beside (left, right) and in front of / behind `place`: the neighbours a candidate could copy from. */
export function neighbours(grid: RoomGrid, capacity: number, place: number): number[] {
  const { column } = seatPosition(grid, place);
  const out: number[] = [];
  if (column > 0) out.push(place - 1);
  if (column < grid.columns - 1 && place + 1 <= capacity) out.push(place + 1);
  if (place - grid.columns >= 1) out.push(place - grid.columns);
  if (place + grid.columns <= capacity) out.push(place + grid.columns);
  return out;
}
