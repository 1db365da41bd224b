// Étiquettes de table (issue #14 §3): one label per seated candidate, stuck on the table — salle and place, numéro,
// nom, prénom, épreuve. Two columns of seven labels per A4 page, in place order. A long name is cut within its
// label (PdfWriter.fit notes it), never failing the batch.
import { FONT, PAGE, type PdfWriter, type TextStyle } from '../render/index.js';
import { footerOf, frDate, type RoomSheet } from './view.js';

const COLUMNS = 2;
const ROWS = 7;
const GAP = 8;

export function drawTableLabels(w: PdfWriter, s: RoomSheet): void {
  w.beginDocument(footerOf('Étiquettes de table', s));
  const width = (w.contentWidth - GAP * (COLUMNS - 1)) / COLUMNS;
  const top = PAGE.top;
  const height = (w.bottom - top - GAP * (ROWS - 1)) / ROWS;
  s.seats.forEach((l, i) => {
    const slot = i % (COLUMNS * ROWS);
    if (i > 0 && slot === 0) w.newPage();
    const x = w.left + (slot % COLUMNS) * (width + GAP);
    const y = top + Math.floor(slot / COLUMNS) * (height + GAP);
    const inner = width - 16;
    w.setLine(0.8);
    w.doc.roundedRect(x, y, width, height, 6).stroke();
    w.textAt(`Salle ${s.salle} — place ${l.place}`, x + 8, y + 7, inner, { font: FONT.bold, size: 10 });
    oneLine(w, l.numero, x + 8, y + 22, inner, 22, { font: FONT.bold, size: 18 });
    oneLine(w, `${l.nom} ${l.prenom}`, x + 8, y + 46, inner, 14, { size: 11 });
    const ep = w.fit(`${s.epreuveLine}${s.date ? ` — ${frDate(s.date)}` : ''}`, inner, 20, { size: 7.5 });
    w.drawMeasured(ep.text, x + 8, y + 63, inner, ep.height, { size: 7.5 });
    if (l.amenagement) {
      const a = w.fit(`Aménagement : ${l.amenagement}`, inner, 10, { size: 7.5, font: FONT.italic });
      w.drawMeasured(a.text, x + 8, y + height - 16, inner, a.height, { size: 7.5, font: FONT.italic });
    }
  });
  w.space(w.bottom - w.y);
}

/**
 * A text that fits on one line is drawn with the height of one line, measured once per style: laying out every
 * name (all different) cost a third of the labels' time. Longer ones are cut within the box (PdfWriter.fit).
 */
export function oneLine(w: PdfWriter, text: string, x: number, y: number, width: number, maxHeight: number, style: TextStyle): void {
  if (w.textWidth(text, style) <= width) {
    w.drawMeasured(text, x, y, width, w.measure('Ag', width, style), style);
    return;
  }
  const cut = w.fit(text, width, maxHeight, style);
  w.drawMeasured(cut.text, x, y, width, cut.height, style);
}
