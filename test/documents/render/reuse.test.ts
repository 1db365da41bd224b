// What the renderer reuses between pages and documents to go faster must not change what is printed: a repeated
// text (drawn once, then reused as a form XObject) lands where each call puts it; fonts parsed once per thread
// still give every later document text that extracts.
import { describe, expect, it } from 'vitest';
import { FONT, fontFiles, loadPdfKit, renderPdfBuffer, table } from '../../../src/documents/render/index.js';
import { collapse, pdfText, pdfTextItems } from '../../helpers/pdf-text.js';

const meta = { title: 'Essai', creationDate: new Date('2024-05-01T08:00:00Z') };
const RULE = 'Toute utilisation de moyens de télécommunication est proscrite pendant la durée des épreuves.';

describe('renderer — reuse', () => {
  it('draws a repeated text at every place it is asked for, on every page', async () => {
    const { buffer } = await renderPdfBuffer(meta, (w) => {
      w.beginDocument('A');
      w.textAt(RULE, 40, 100, 400);
      w.textAt(RULE, 40, 300, 400);
      w.textAt(RULE, 100, 300, 400, { size: 9 });
      w.beginDocument('B');
      w.textAt(RULE, 70, 500, 400);
    });
    expect(buffer.toString('latin1')).toContain('/Subtype /Form');
    const runs = (await pdfTextItems(buffer)).filter((t) => t.str.startsWith('Toute utilisation'));
    expect(runs.map((t) => t.page)).toEqual([1, 1, 1, 2]);
    const [a, b, c, d] = runs as [typeof runs[number], typeof runs[number], typeof runs[number], typeof runs[number]];
    expect(a.x).toBeCloseTo(40, 1);
    expect(a.y - b.y).toBeCloseTo(200, 1); // 200 pt further down the page
    expect(c.x - b.x).toBeCloseTo(60, 1);
    expect(c.y).toBeCloseTo(b.y, 1);
    expect(d.x).toBeCloseTo(70, 1);
    expect(a.y - d.y).toBeCloseTo(400, 1);
    expect((await pdfText(buffer)).flat.match(/Toute utilisation/g)).toHaveLength(4);
  });

  it('repeats identical table rows and headers without losing any', async () => {
    const rows = Array.from({ length: 150 }, () => ['Critère répété', 'TI', 'TS']);
    const { buffer } = await renderPdfBuffer(meta, (w) => {
      w.beginDocument('tableau');
      table(w, { columns: [4, 1, 1], header: [['Critères', 'Niveau', 'Niveau']], rows });
    });
    const { flat, pages } = await pdfText(buffer);
    expect(pages.length).toBeGreaterThan(1);
    expect(flat.match(/Critère répété TI TS/g)).toHaveLength(150);
    for (const page of pages) expect(collapse(page)).toContain('Critères Niveau Niveau');
  });

  it('gives a later document of the same thread text that extracts (glyphs met first as accent components)', async () => {
    // "É" is drawn from the glyphs E + Acute: subsetting the first file meets a bare "E" glyph with no character.
    await renderPdfBuffer(meta, (w) => {
      w.beginDocument('É');
      w.paragraph('É î');
    });
    const { buffer } = await renderPdfBuffer(meta, (w) => {
      w.beginDocument('deuxième');
      w.paragraph('EUROPE ı ÉTÉ');
    });
    expect((await pdfText(buffer)).flat).toContain('EUROPE ı ÉTÉ');
  });

  it('shares word layouts between documents of a thread for its own fonts only: a font given by path keeps its own', async () => {
    // Our documents share one layout per word and parsed font (fonts.ts); pdfkit documents that load fonts by path
    // (charts, the plain benchmark) get fontkit fonts of one class: they must not share each other's layouts.
    const ours = async () => (await renderPdfBuffer(meta, (w) => {
      w.beginDocument('x');
      w.paragraph('Wagon Wagon', { font: FONT.bold });
      w.paragraph('Wagon Wagon');
    })).buffer;
    const first = await ours();
    expect(await ours()).toEqual(first); // the second document uses the shared layouts: same bytes
    const PDFDocument = await loadPdfKit();
    const files = fontFiles();
    const width = (file: string) => new PDFDocument({ autoFirstPage: false }).font(file).fontSize(10).widthOfString('Wagon');
    const [regular, bold] = [width(files[FONT.regular]), width(files[FONT.bold])];
    expect(bold).toBeGreaterThan(regular);
    expect(width(files[FONT.regular])).toBe(regular);
  });
});
