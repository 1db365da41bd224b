// Issue #9 item 3: a text too long for its box (a 20 kB name, a 100 kB note) is cut with an ellipsis and named in a
// warning; the batch goes on (it used to fail with « une ligne ne tient pas sur une page » or run out of memory).
import { describe, expect, it } from 'vitest';
import { renderPdfBuffer, table, fields } from '../../../src/documents/render/index.js';
import { takeTruncations } from '../../../src/documents/render/truncations.js';
import { pdfText } from '../../helpers/pdf-text.js';

const meta = { title: 'Essai', creationDate: new Date('2024-05-01T08:00:00Z') };

describe('#9 item 3: long text in PDF layouts', () => {
  it('a table cell: cut within a third of a page, with « … » and a warning naming the document; other rows intact', async () => {
    takeTruncations();
    const started = Date.now();
    const { buffer, pages } = await renderPdfBuffer(meta, (w) => {
      w.beginDocument('Liste d’appel — E4 — N° 24001');
      table(w, { columns: [1, 3, 2], header: [['N°', 'Nom', 'Prénom']], rows: [['24001', 'X'.repeat(20_000), 'Y '.repeat(3000)], ['24002', 'MARTIN', 'Léa']] });
    });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(pages).toBe(1);
    const { flat } = await pdfText(buffer);
    expect(flat).toContain('MARTIN Léa');
    expect(flat).toMatch(/X…/);
    expect(flat.length).toBeLessThan(12_000);
    const cut = takeTruncations();
    expect(cut).toHaveLength(2);
    expect(cut[0]).toBe(`Liste d’appel — E4 — N° 24001 : « ${'X'.repeat(40)}… » (20000 caractères) coupé pour tenir dans sa case`);
  });

  it('a label + value cell (convocation fields) keeps its label', async () => {
    takeTruncations();
    const { buffer } = await renderPdfBuffer(meta, (w) => {
      w.beginDocument('convocation — N° 24001');
      fields(w, [{ label: 'Nom', value: 'Z'.repeat(50_000) }, { label: 'Prénom', value: 'Léa' }]);
    });
    const { flat } = await pdfText(buffer);
    expect(flat).toMatch(/Nom.*Z+…/);
    expect(flat).toContain('Léa');
    expect(takeTruncations()).toHaveLength(1);
  });

  it('a first row too tall for the rest of the page moves to the next one under a single header', async () => {
    takeTruncations();
    const { buffer } = await renderPdfBuffer(meta, (w) => {
      w.beginDocument('liste');
      w.space(w.bottom - w.y - 60); // 60 pt left on the page
      table(w, { columns: [1, 1], header: [['EN-TÊTE A', 'EN-TÊTE B']], rows: [['W'.repeat(20_000), 'x'], ['suivant', 'y']] });
    });
    const { pages } = await pdfText(buffer);
    expect(pages.at(-1)!.match(/EN-TÊTE A/g)).toHaveLength(1);
    expect(pages.at(-1)).toContain('suivant');
  });

  it('a text that fits is not touched and warns nothing', async () => {
    takeTruncations();
    await renderPdfBuffer(meta, (w) => {
      w.beginDocument('liste');
      table(w, { columns: [1, 1], rows: [['court', 'Nguyễn Đức '.repeat(20)]] });
    });
    expect(takeTruncations()).toEqual([]);
  });
});
