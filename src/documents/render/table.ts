// Tables that wrap cell text, span columns, draw tick boxes, and REPEAT THEIR HEADER ROWS after a page break
// (pdfkit's own tables do not repeat headers: NOTES-LIBRARIES.md).
import { FONT } from './fonts.js';
import { PAGE, DEFAULT_SIZE, type PdfWriter, type TextStyle } from './pdf-writer.js';

export interface CellSpec {
  text?: string;
  /** Bold prefix drawn before `text` on the same line ("Académie : " + value). */
  label?: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  align?: 'left' | 'center' | 'right';
  valign?: 'top' | 'middle';
  /** Background colour, e.g. '#e6e6e6'. */
  fill?: string;
  colSpan?: number;
  /** An empty tick box (true) or a ticked one ('checked'), centred in the cell. */
  box?: boolean | 'checked';
}
export type Cell = string | CellSpec;

export interface RowSpec {
  cells: Cell[];
  /** Minimum height in points (room to write by hand). */
  minHeight?: number;
}
export type Row = Cell[] | RowSpec;

export interface TableSpec {
  /** Relative column widths (normalised to the content width), e.g. [6, 1, 1, 1, 1]. */
  columns: number[];
  /** Header rows, drawn at the top and again at the top of every page the table continues on. */
  header?: Row[];
  rows: Iterable<Row>;
  fontSize?: number;
  padding?: number;
  /** Do not break the page before this many body rows fit under the header (avoids a lonely header). */
  keepWithHeader?: number;
  /** Start on a new page rather than split the table, when the whole table fits on one page (grids, notes). */
  keepTogether?: boolean;
}

export const HEADER_FILL = '#e6e6e6';
/** The tallest text a table cell shows (a third of a page); longer texts are cut (PdfWriter.fit). */
const MAX_CELL_TEXT_HEIGHT = (PAGE.height - PAGE.top - PAGE.bottom) / 3;
const BOX = 8;

const spec = (c: Cell): CellSpec => (typeof c === 'string' ? { text: c } : c);
const rowSpec = (r: Row): RowSpec => (Array.isArray(r) ? { cells: r } : r);

function styleOf(c: CellSpec, fontSize: number): TextStyle {
  return { font: c.bold ? FONT.bold : c.italic ? FONT.italic : FONT.regular, size: c.size ?? fontSize, align: c.align };
}

interface Laid {
  /** th: measured text height, reused when drawing (text layout is pdfkit's main cost). */
  cells: { c: CellSpec; x: number; w: number; th: number }[];
  height: number;
}

function layoutRow(w: PdfWriter, row: RowSpec, widths: number[], fontSize: number, pad: number): Laid {
  const cells: Laid['cells'] = [];
  let col = 0;
  let x = w.left;
  let height = row.minHeight ?? 0;
  for (const raw of row.cells) {
    let c = spec(raw);
    const span = Math.max(1, c.colSpan ?? 1);
    const cw = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
    if (col + span > widths.length) throw new Error(`tableau : ligne de ${col + span} colonnes pour ${widths.length}`);
    const textW = cw - 2 * pad;
    // A label + value is measured in bold as a whole: a little taller at worst, never clipped.
    const full = (c.label ?? '') + (c.text ?? '');
    const style = c.label ? { ...styleOf(c, fontSize), font: FONT.bold } : styleOf(c, fontSize);
    // A long text is measured through fit, which bounds it first (pdfkit wraps an unbroken word letter by letter).
    let th = full.length > 300 ? Infinity : w.measure(full, textW, style);
    if (th > MAX_CELL_TEXT_HEIGHT && c.text) {
      // A cell taller than a third of a page is a hostile or mistaken text (a 20 kB name): cut with an ellipsis and
      // a warning naming the document, rather than failing the whole batch (issue #9 item 3).
      const label = c.label ?? '';
      const fitted = w.fit(full, textW, MAX_CELL_TEXT_HEIGHT, style);
      if (fitted.text !== full) c = { ...c, text: fitted.text.slice(label.length) || '…' };
      th = fitted.height;
    }
    height = Math.max(height, th + 2 * pad, c.box ? BOX + 2 * pad : 0);
    cells.push({ c, x, w: cw, th });
    x += cw;
    col += span;
  }
  if (col !== widths.length) throw new Error(`tableau : ligne de ${col} colonnes pour ${widths.length}`);
  return { cells, height };
}

function drawRow(w: PdfWriter, laid: Laid, fontSize: number, pad: number): void {
  const doc = w.doc;
  const y = w.y;
  for (const { c, x, w: cw } of laid.cells) if (c.fill) w.fillRect(x, y, cw, laid.height, c.fill);
  // All borders and tick boxes of the row as one path, stroked once (fewer operators, smaller pages).
  w.setLine(0.6);
  for (const { c, x, w: cw } of laid.cells) {
    doc.rect(x, y, cw, laid.height);
    if (c.box) doc.rect(x + (cw - BOX) / 2, y + (laid.height - BOX) / 2, BOX, BOX);
  }
  doc.stroke();
  for (const { c, x, w: cw } of laid.cells) {
    if (c.box !== 'checked') continue;
    const bx = x + (cw - BOX) / 2;
    const by = y + (laid.height - BOX) / 2;
    w.setLine(1);
    doc.moveTo(bx + 1.5, by + 1.5).lineTo(bx + BOX - 1.5, by + BOX - 1.5).moveTo(bx + BOX - 1.5, by + 1.5).lineTo(bx + 1.5, by + BOX - 1.5).stroke();
  }
  for (const { c, x, w: cw, th } of laid.cells) {
    const text = c.text ?? '';
    if (!c.label && text === '') continue;
    const style = styleOf(c, fontSize);
    const textW = cw - 2 * pad;
    const ty = c.valign === 'top' ? y + pad : y + (laid.height - th) / 2;
    if (c.label) {
      w.setFill('black');
      doc.font(FONT.bold).fontSize(style.size ?? fontSize);
      doc.text(c.label, x + pad, ty, { width: textW, continued: text !== '', lineGap: 0.5, height: th + 2 });
      if (text !== '') doc.font(style.font ?? FONT.regular).text(text, { lineGap: 0.5, height: th + 2 });
    } else {
      w.drawMeasured(text, x + pad, ty, textW, th, style);
    }
  }
}

/** Draws a table at the cursor; returns nothing, leaves the cursor under it. */
export function table(w: PdfWriter, t: TableSpec): void {
  const fontSize = t.fontSize ?? DEFAULT_SIZE;
  const pad = t.padding ?? 3;
  const sum = t.columns.reduce((a, b) => a + b, 0);
  const widths = t.columns.map((c) => (c / sum) * w.contentWidth);
  const header = (t.header ?? []).map((r) => layoutRow(w, rowSpec(r), widths, fontSize, pad));
  const headerHeight = header.reduce((a, r) => a + r.height, 0);
  const drawHeader = () => {
    for (const r of header) {
      drawRow(w, r, fontSize, pad);
      w.y += r.height;
    }
  };
  let first = true;
  const layout = (r: Row) => layoutRow(w, rowSpec(r), widths, fontSize, pad);
  let rows: Iterable<Laid> = (function* () {
    for (const r of t.rows) yield layout(r);
  })();
  if (t.keepTogether) {
    const all = [...rows];
    const total = headerHeight + all.reduce((a, r) => a + r.height, 0);
    if (total <= w.bottom - PAGE.top) w.ensureSpace(total);
    rows = all;
  }
  w.withPageHook(drawHeader, () => {
    for (const laid of rows) {
      if (laid.height + headerHeight > w.bottom - PAGE.top) {
        throw new Error(`tableau : une ligne (${Math.round(laid.height)} pt) ne tient pas sur une page`);
      }
      if (first) {
        // The header and its first rows start together, on a new page if need be.
        // A page break here has already drawn the header (the page hook): drawn once, not twice.
        const page = w.pageCount;
        w.ensureSpace(headerHeight + laid.height * (t.keepWithHeader ?? 1));
        if (w.pageCount === page) drawHeader();
        first = false;
      }
      w.ensureSpace(laid.height); // a page break runs drawHeader through the hook
      drawRow(w, laid, fontSize, pad);
      w.y += laid.height;
    }
    if (first && header.length > 0) {
      const page = w.pageCount;
      w.ensureSpace(headerHeight);
      if (w.pageCount === page) drawHeader();
    }
  });
}
