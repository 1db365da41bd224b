// Drawing a text block already laid out in the same document again, without laying it out again. Batches draw
// the same texts on every page (rules, criteria, headings, column titles, centre names) and pdfkit would redo
// line breaking, glyph layout and encoding each time: most of the cost of a page. The operators pdfkit writes for
// a text depend only on the text, font, size, box and alignment (glyph ids and font names are fixed for the whole
// document). So the first time a text is drawn as usual and its operators are kept; the second time they become
// a form XObject (a piece of content defined once per file), and every later use is one "Do" moved by a
// translation. Pages then hold little more than their own data: much less to compress, much smaller files.
//
// Relies on pdfkit internals (0.20), checked by the renderer tests (text extraction, positions): every operator
// of doc.text() goes through doc.addContent(), and a page lists its fonts and XObjects in page.fonts / xobjects.

/** The pdfkit internals used here (not in @types/pdfkit). */
interface PdfKitInternals {
  _font: { id: string; ref(): unknown };
  page: { width: number; height: number; fonts: Record<string, unknown>; xobjects: Record<string, unknown> };
  addContent(data: string | Uint8Array): unknown;
  ref(data: object): { end(chunk: Uint8Array): void };
}

interface Recorded {
  ops: Uint8Array;
  x: number;
  y: number;
  font: PdfKitInternals['_font'];
  /** The form XObject made at the second use. */
  form?: { name: string; ref: unknown };
}

/** Enough for every repeated text of a batch; unique texts (names, numbers) seen after that are not kept. */
const MAX_KEPT = 4_000;

const num = (n: number) => String(Math.round(n * 1000) / 1000);

export class TextReplay {
  private readonly kept = new Map<string, Recorded>();
  private forms = 0;

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  /** Draws with `draw` (one doc.text call at x, y), or reuses what an earlier call with the same key drew. */
  text(key: string, x: number, y: number, draw: () => void): void {
    const doc = this.doc as unknown as PdfKitInternals;
    const known = this.kept.get(key);
    if (known) {
      known.form ??= this.makeForm(known);
      doc.page.xobjects[known.form.name] = known.form.ref;
      const dx = x - known.x;
      const dy = y - known.y;
      // Do saves and restores the graphics state itself; the translation (in pdfkit's top-down page space) needs q … Q.
      doc.addContent(dx === 0 && dy === 0 ? `/${known.form.name} Do` : `q\n1 0 0 1 ${num(dx)} ${num(dy)} cm\n/${known.form.name} Do\nQ`);
      return;
    }
    if (this.kept.size >= MAX_KEPT) {
      draw();
      return;
    }
    const chunks: string[] = [];
    // Shadows the prototype's method for this one call: the operators are collected, then written once as bytes.
    doc.addContent = (data: string | Uint8Array) => {
      chunks.push(typeof data === 'string' ? data : Buffer.from(data).toString('latin1'));
      return doc;
    };
    try {
      draw();
    } finally {
      delete (doc as Partial<PdfKitInternals>).addContent;
    }
    const ops = Buffer.from(chunks.length > 0 ? chunks.join('\n') + '\n' : '', 'latin1');
    if (ops.length > 0) doc.addContent(ops);
    this.kept.set(key, { ops, x, y, font: doc._font });
  }

  /** The kept operators as a form XObject, written to the file now (compressed like page content). */
  private makeForm(r: Recorded): { name: string; ref: unknown } {
    const doc = this.doc as unknown as PdfKitInternals;
    const { width: w, height: h } = doc.page;
    // The form's space is the page's at the "Do": the text sits where it was first drawn, well inside this box.
    const ref = doc.ref({ Type: 'XObject', Subtype: 'Form', BBox: [-w, -h, 2 * w, 2 * h], Resources: { Font: { [r.font.id]: r.font.ref() } } });
    ref.end(r.ops);
    return { name: `Tx${++this.forms}`, ref };
  }
}
