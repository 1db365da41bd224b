// PdfWriter: one pdfkit A4 document holding many "documents" (page groups: one per candidate, per room…),
// with our own layout cursor, page breaks with hooks (tables repeat their header) and a per-group footer.
import { FONT, registerFonts, type FontName } from './fonts.js';
import { TextReplay } from './text-replay.js';
import { noteTruncation } from './truncations.js';

export interface PdfMeta {
  title: string;
  subject?: string;
  author?: string;
  /** Fixed in tests so that the same input gives the same bytes (the PDF file ID is derived from it). */
  creationDate?: Date;
}

export interface TextStyle {
  font?: FontName;
  size?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  color?: string;
}

/** A4 in points; margins leave room for the footer and for punched holes on the left. */
export const PAGE = { width: 595.28, height: 841.89, top: 34, bottom: 40, left: 40, right: 36 } as const;
export const DEFAULT_SIZE = 9;
const FOOTER_SIZE = 7;

const HEIGHTS = new Map<string, number>();

type PDFDocumentCtor = new (opts: PDFKit.PDFDocumentOptions) => PDFKit.PDFDocument;
let pdfkitCtor: PDFDocumentCtor | undefined;

/** pdfkit costs ≈340 ms to import: loaded only when a PDF is actually written (NOTES-LIBRARIES.md). */
export async function loadPdfKit(): Promise<PDFDocumentCtor> {
  pdfkitCtor ??= ((await import('pdfkit')) as unknown as { default: PDFDocumentCtor }).default;
  return pdfkitCtor;
}

/** A paragraph longer than this is cut (issue #9 item 3: pdfkit lays out a 100 kB unbroken text for minutes). */
export const MAX_PARAGRAPH_CHARS = 3000;

export class PdfWriter {
  /** The layout cursor (top of the free space on the current page). */
  y = PAGE.top;
  /** Pages written so far, all groups included. */
  pageCount = 0;
  private groupLabel: string | undefined;
  private groupFirstPage = 0;
  private pageHooks: (() => void)[] = [];
  /** Graphic state already set on the current page: colour and line-width operators are written only on change. */
  private gs = { fill: '', stroke: '', lineWidth: -1 };
  /** Texts already laid out in this file: reused, not laid out again (text-replay.ts). */
  private readonly replay: TextReplay;

  private constructor(readonly doc: PDFKit.PDFDocument) {
    this.replay = new TextReplay(doc);
  }

  static async create(meta: PdfMeta): Promise<PdfWriter> {
    const PDFDocument = await loadPdfKit();
    const doc = new PDFDocument({
      size: 'A4',
      autoFirstPage: false,
      bufferPages: true,
      margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
      info: {
        Title: meta.title,
        Subject: meta.subject ?? meta.title,
        Author: meta.author ?? 'ccst',
        Creator: 'ccst',
        Producer: 'ccst (pdfkit)',
        CreationDate: meta.creationDate ?? new Date(),
        ModDate: meta.creationDate ?? new Date(),
      },
      lang: 'fr-FR',
    });
    registerFonts(doc);
    return new PdfWriter(doc);
  }

  get left(): number {
    return PAGE.left;
  }
  get contentWidth(): number {
    return PAGE.width - PAGE.left - PAGE.right;
  }
  /** Lowest y content may reach on a page. */
  get bottom(): number {
    return PAGE.height - PAGE.bottom;
  }
  get remaining(): number {
    return this.bottom - this.y;
  }

  /**
   * Starts a new document (page group) on a new page; the previous one is closed. `footer` is printed at the
   * bottom of each of its pages with "page x/y" counted inside the group.
   */
  beginDocument(footer: string): void {
    if (this.groupLabel !== undefined) this.endDocument();
    this.groupLabel = footer;
    this.groupFirstPage = this.pageCount;
    this.addPage();
  }

  /** Closes the current group: writes its footers and releases its pages from memory. */
  endDocument(): void {
    if (this.groupLabel === undefined) return;
    const label = this.groupLabel;
    const total = this.pageCount - this.groupFirstPage;
    for (let i = 0; i < total; i++) {
      this.doc.switchToPage(this.groupFirstPage + i);
      this.resetGraphicState();
      this.writeFooter(label, `page ${i + 1}/${total}`);
    }
    this.resetGraphicState();
    this.doc.flushPages();
    this.groupLabel = undefined;
    this.pageHooks = [];
  }

  /** Breaks the page (inside the current group); registered hooks (e.g. a table header) run on the new page. */
  newPage(): void {
    this.addPage();
    for (const hook of [...this.pageHooks]) hook();
  }

  /** Moves to a new page when less than `height` points are left. */
  ensureSpace(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  /** Runs `fn` with `hook` called after each page break it causes (used to repeat table headers). */
  withPageHook<T>(hook: () => void, fn: () => T): T {
    this.pageHooks.push(hook);
    try {
      return fn();
    } finally {
      this.pageHooks.splice(this.pageHooks.indexOf(hook), 1);
    }
  }

  space(points: number): void {
    this.y += points;
  }

  /**
   * Height of `text` wrapped in `width` with the given style. Memoised per thread (the height depends only on the
   * font file, size, width and text): batches repeat the same texts (rules, criteria, headers) on every page and
   * across the files of a split, and text layout is most of pdfkit's cost.
   */
  measure(text: string, width: number, style: TextStyle = {}): number {
    if (text === '') return 0;
    const key = `${style.font ?? FONT.regular}\u0000${style.size ?? DEFAULT_SIZE}\u0000${width}\u0000${text}`;
    const known = HEIGHTS.get(key);
    if (known !== undefined) return known;
    this.applyStyle(style);
    const height = this.doc.heightOfString(text, { width, lineGap: 0.5 });
    if (HEIGHTS.size >= 20_000) HEIGHTS.clear(); // bounded: names and numbers never repeat
    HEIGHTS.set(key, height);
    return height;
  }

  /**
   * `text` as it fits in `width` × `maxHeight`: whole when it fits, else cut at the longest prefix that fits with an
   * ellipsis, and noted (truncations.ts) with the document it belongs to (its footer names the candidate or list).
   */
  fit(text: string, width: number, maxHeight: number, style: TextStyle = {}, maxChars = Infinity): { text: string; height: number } {
    // No more characters than the box could hold at the narrowest glyph (a quarter of the size) and one line per
    // size: a 20 kB name is cut before pdfkit lays it out (an unbroken word is wrapped character by character).
    const size = style.size ?? DEFAULT_SIZE;
    const bound = Math.min(maxChars, Math.ceil((width / (0.25 * size)) * (maxHeight / size)) + 1);
    const whole = text.length <= bound ? this.measure(text, width, style) : Infinity;
    if (whole <= maxHeight) return { text, height: whole };
    let lo = 0;
    let hi = Math.min(text.length, bound);
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.measure(text.slice(0, mid) + '…', width, style) <= maxHeight) lo = mid;
      else hi = mid - 1;
    }
    const cut = text.slice(0, lo).trimEnd() + '…';
    const excerpt = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    const doc = this.groupLabel && this.groupLabel.length > 120 ? `${this.groupLabel.slice(0, 60)}…${this.groupLabel.slice(-50)}` : this.groupLabel;
    noteTruncation(`${doc ? `${doc} : ` : ''}« ${excerpt} » (${text.length} caractères) coupé pour tenir dans sa case`);
    return { text: cut, height: this.measure(cut, width, style) };
  }

  setFill(color: string): void {
    if (this.gs.fill === color) return;
    this.doc.fillColor(color);
    this.gs.fill = color;
  }

  setLine(width: number, color = 'black'): void {
    if (this.gs.lineWidth !== width) this.doc.lineWidth(width);
    if (this.gs.stroke !== color) this.doc.strokeColor(color);
    this.gs.lineWidth = width;
    this.gs.stroke = color;
  }

  /** Fills a rectangle (pdfkit's fill(colour) changes the fill colour: remembered). */
  fillRect(x: number, y: number, width: number, height: number, color: string): void {
    this.doc.rect(x, y, width, height).fill(color);
    this.gs.fill = color;
  }

  /** Draws wrapped text at (x, y) without moving the cursor; never lets pdfkit add a page on its own. */
  textAt(text: string, x: number, y: number, width: number, style: TextStyle = {}): number {
    const height = this.measure(text, width, style);
    this.drawMeasured(text, x, y, width, height, style);
    return height;
  }

  /**
   * Like textAt when the height is already known (measuring is the costly part of pdfkit text). A text already
   * drawn in this file with the same style and box is reused rather than laid out again (text-replay.ts).
   */
  drawMeasured(text: string, x: number, y: number, width: number, height: number, style: TextStyle = {}): void {
    if (text === '') return;
    this.setFill(style.color ?? 'black');
    const font = style.font ?? FONT.regular;
    const size = style.size ?? DEFAULT_SIZE;
    const align = style.align ?? 'left';
    this.replay.text(`${font}\u0000${size}\u0000${width}\u0000${height}\u0000${align}\u0000${text}`, x, y, () => {
      this.applyStyle(style);
      // An explicit height stops pdfkit's own page breaking: our layout has already made room.
      this.doc.text(text, x, y, { width, height: height + 2, align, lineGap: 0.5 });
    });
  }

  /** Flowing text at the cursor across the full width, breaking the page between lines when needed. */
  paragraph(text: string, style: TextStyle = {}, gapAfter = 4): void {
    if (text.length > MAX_PARAGRAPH_CHARS) text = this.fit(text, this.contentWidth, Infinity, style, MAX_PARAGRAPH_CHARS).text;
    const height = this.measure(text, this.contentWidth, style);
    if (height > this.bottom - PAGE.top) {
      // Longer than a page: lay it out in pieces (lines, else halves at a space) so nothing falls off the page.
      const lines = text.split('\n');
      let pieces = lines;
      if (lines.length === 1) {
        const mid = text.lastIndexOf(' ', text.length >> 1);
        const cut = mid > 0 ? mid : text.length >> 1;
        pieces = [text.slice(0, cut), text.slice(cut).trimStart()];
      }
      for (const piece of pieces) this.paragraph(piece, style, 0);
      this.space(gapAfter);
      return;
    }
    this.ensureSpace(height);
    this.drawMeasured(text, this.left, this.y, this.contentWidth, height, style);
    this.y += height + gapAfter;
  }

  /** Signals the stream to drain: call between groups in long loops so memory stays flat. */
  async yieldToStream(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Ends the PDF (closing the last group). The caller awaits its output stream. */
  finish(): void {
    if (this.groupLabel !== undefined) this.endDocument();
    if (this.pageCount === 0) {
      // A PDF needs at least one page: say plainly that there is nothing, rather than writing a broken file.
      this.beginDocument('');
      this.paragraph('Aucun document à produire.');
      this.endDocument();
    }
    this.doc.end();
  }

  /** Forgets the remembered colours and line width: call after drawing into `doc` by other means (charts). */
  resetGraphicState(): void {
    this.gs = { fill: '', stroke: '', lineWidth: -1 };
  }

  private addPage(): void {
    this.doc.addPage();
    this.resetGraphicState();
    this.pageCount++;
    this.y = PAGE.top;
  }

  private applyStyle(style: TextStyle): void {
    this.doc.font(style.font ?? FONT.regular).fontSize(style.size ?? DEFAULT_SIZE);
  }

  private writeFooter(label: string, pageText: string): void {
    const y = PAGE.height - PAGE.bottom + 14;
    const saved = this.doc.page.margins.bottom;
    this.doc.page.margins.bottom = 0; // writing inside the bottom margin must not trigger a page break
    const style: TextStyle = { size: FOOTER_SIZE, color: '#444444' };
    const pageWidth = 60;
    // A footer naming a candidate whose name is absurdly long is cut (its text cell has said so already).
    const line = label.length > 150 ? `${label.slice(0, 90)}…${label.slice(-50)}` : label;
    this.textAt(line, this.left, y, this.contentWidth - pageWidth - 6, style);
    this.textAt(pageText, this.left + this.contentWidth - pageWidth, y, pageWidth, { ...style, align: 'right' });
    this.doc.page.margins.bottom = saved;
  }
}
