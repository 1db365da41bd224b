// Plan de salle (issue #14 §3): the grid of the room's seats with each candidate's NUMÉRO only — it is posted on the
// door, so no name. One A4 page whatever the room (up to 400 seats: domain/seating/room.ts), laid out on the same
// grid the seating reasoned on (domain/seating/grid.ts): front of the room at the top, place 1 at the front left.
import { FONT, titleBlock, fields, type PdfWriter } from '../render/index.js';
import { roomGrid } from '../../domain/seating/grid.js';
import { oneLine } from './labels.js';
import { footerOf, frClock, frDate, roomLabel, type RoomSheet } from './view.js';

const FRONT_HEIGHT = 18;
const NOTE_HEIGHT = 34;
const EMPTY_FILL = '#f2f2f2';

export function drawRoomPlan(w: PdfWriter, s: RoomSheet): void {
  w.beginDocument(footerOf('Plan de salle', s));
  titleBlock(w, [s.heading, `PLAN DE SALLE — ${s.salle}`]);
  fields(w, [
    { label: 'Centre', value: `${s.centre.nom} (${s.centre.uai})${s.centre.commune ? ` — ${s.centre.commune}` : ''}` },
    { label: 'Épreuve', value: s.epreuveLine },
    { label: 'Date', value: `${frDate(s.date)}${s.times ? `, ${frClock(s.times.start)} – ${frClock(s.times.end)}` : ''}` },
    { label: 'Salle', value: roomLabel(s) },
  ]);
  const grid = roomGrid(s.capacite);
  const x0 = w.left;
  const width = w.contentWidth;
  // The front: where the invigilators' desk and the board are, so the plan reads as the room is entered.
  w.setLine(0.8);
  w.fillRect(x0, w.y, width, FRONT_HEIGHT, '#d9d9d9');
  w.textAt('DEVANT DE LA SALLE — bureau des surveillants', x0, w.y + 5, width, { font: FONT.bold, size: 9, align: 'center' });
  w.space(FRONT_HEIGHT + 6);
  const available = w.bottom - w.y - NOTE_HEIGHT;
  const cellW = width / grid.columns;
  const cellH = Math.min(64, available / grid.rows);
  const byPlace = new Map(s.seats.map((l) => [l.place, l]));
  // Numéros as large as the cell allows, measured on the widest one.
  const widest = Math.max(1, ...s.seats.map((l) => w.textWidth(l.numero, { font: FONT.bold, size: 10 })));
  const numSize = Math.max(4, Math.min(14, (9.2 * (cellW - 8)) / widest, cellH * 0.45));
  const placeSize = Math.max(4.5, Math.min(7, cellH * 0.22));
  for (let p = 1; p <= s.capacite; p++) {
    const row = Math.floor((p - 1) / grid.columns);
    const col = (p - 1) % grid.columns;
    const x = x0 + col * cellW;
    const y = w.y + row * cellH;
    const seat = byPlace.get(p);
    if (!seat) w.fillRect(x + 2, y + 2, cellW - 4, cellH - 4, EMPTY_FILL);
    w.setLine(0.6);
    w.doc.rect(x + 2, y + 2, cellW - 4, cellH - 4).stroke();
    w.textAt(`${p}`, x + 4, y + 3, cellW - 8, { size: placeSize, color: '#555555' });
    if (seat) oneLine(w, seat.numero, x + 3, y + (cellH - numSize) / 2 + placeSize * 0.3, cellW - 6, cellH - placeSize - 4, { font: FONT.bold, size: numSize, align: 'center' });
  }
  w.space(grid.rows * cellH + 6);
  w.paragraph(
    `${s.seats.length} candidat(s) pour ${s.capacite} place(s). Chaque candidat s’assoit à la place portant son numéro (étiquette sur la table) ; les places grisées restent libres. Document affiché : numéros seulement, aucun nom.`,
    { size: 8 },
    0,
  );
}
