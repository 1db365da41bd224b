// The generic renderer: Unicode names survive, table headers repeat on page breaks, page groups number their
// pages, fixed metadata gives identical bytes.
import { describe, expect, it } from 'vitest';
import { renderPdfBuffer, table, titleBlock, fields, criteriaScale, noteBoxes, observation, signatures, checklist, LEVEL_LEGEND } from '../../../src/documents/render/index.js';
import { pdfText } from '../../helpers/pdf-text.js';

const meta = { title: 'Essai', creationDate: new Date('2024-05-01T08:00:00Z') };

describe('renderer', () => {
  it('embeds a Unicode font: "Nguyễn Đức" and "Ødegård" extract back exactly', async () => {
    const { buffer } = await renderPdfBuffer(meta, (w) => {
      w.beginDocument('pied');
      titleBlock(w, ['GRILLE']);
      fields(w, [{ label: 'Nom et prénom du candidat', value: 'NGUYỄN Đức' }, { label: 'Autre', value: 'ØDEGÅRD Ødegård' }]);
    });
    const { flat } = await pdfText(buffer);
    expect(flat).toContain('NGUYỄN Đức');
    expect(flat).toContain('Ødegård');
    expect(flat).toContain('ØDEGÅRD');
  });

  it('repeats the header row of a table on every page it spans', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [`ligne ${i + 1}`, `valeur ${i + 1}`]);
    const { buffer, pages } = await renderPdfBuffer(meta, (w) => {
      w.beginDocument('liste');
      table(w, { columns: [1, 1], header: [['EN-TÊTE A', 'EN-TÊTE B']], rows });
    });
    expect(pages).toBeGreaterThanOrEqual(3);
    const text = await pdfText(buffer);
    expect(text.pages).toHaveLength(pages);
    for (const page of text.pages) expect(page).toContain('EN-TÊTE A');
    for (let i = 1; i <= 120; i++) expect(text.flat).toContain(`ligne ${i} valeur ${i}`);
  });

  it('numbers pages inside each group and starts each group on a new page', async () => {
    const { buffer, pages } = await renderPdfBuffer(meta, (w) => {
      w.beginDocument('Candidat A');
      table(w, { columns: [1], rows: Array.from({ length: 80 }, (_, i) => [`a${i}`]) });
      w.beginDocument('Candidat B');
      w.paragraph('court');
    });
    const text = await pdfText(buffer);
    expect(pages).toBe(3);
    expect(text.pages[0]).toContain('Candidat A');
    expect(text.pages[0]).toContain('page 1/2');
    expect(text.pages[1]).toContain('page 2/2');
    expect(text.pages[2]).toContain('Candidat B');
    expect(text.pages[2]).toContain('page 1/1');
  });

  it('draws every block of the national models', async () => {
    const { buffer } = await renderPdfBuffer(meta, (w) => {
      w.beginDocument('blocs');
      criteriaScale(w, { criteria: ['Critère un', 'Critère deux'], note: 'Note sur 10 points', legend: LEVEL_LEGEND, ticked: { 0: 'S' } });
      noteBoxes(w, [{ label: 'TOTAL SUR 20 POINTS', value: '15' }]);
      observation(w, 'Observations au regard des compétences évaluées');
      signatures(w, { title: 'Émargement des membres de la commission', columns: ['Nom et prénom Qualité', 'Nom et Prénom Qualité'] });
      checklist(w, [{ text: 'absence d’attestation(s) de stage', checked: true }, { text: 'autres (à préciser) :' }]);
    });
    const { flat } = await pdfText(buffer);
    for (const s of ['Critères d\'évaluation TI I S TS', 'Critère un', 'Note sur 10 points', LEVEL_LEGEND, 'TOTAL SUR 20 POINTS 15', 'Observations au regard des compétences évaluées', 'Émargement des membres de la commission', 'absence d’attestation(s) de stage']) {
      expect(flat).toContain(s);
    }
  });

  it('gives identical bytes for identical input and fixed metadata', async () => {
    const draw = (w: Parameters<Parameters<typeof renderPdfBuffer>[1]>[0]) => {
      w.beginDocument('x');
      w.paragraph('Nguyễn Đức');
    };
    const a = await renderPdfBuffer(meta, draw);
    const b = await renderPdfBuffer(meta, draw);
    expect(a.buffer.equals(b.buffer)).toBe(true);
  });

  it('writes one explicit page when there is nothing to print', async () => {
    const { buffer, pages } = await renderPdfBuffer(meta, () => {});
    expect(pages).toBe(1);
    expect((await pdfText(buffer)).flat).toContain('Aucun document à produire.');
  });
});

describe('renderer — long text', () => {
  it('flows a paragraph longer than a page over several pages without losing words', async () => {
    const words = Array.from({ length: 4000 }, (_, i) => `mot${i}`);
    const { buffer, pages } = await renderPdfBuffer(meta, (w) => {
      w.beginDocument('long');
      w.paragraph(words.join(' '));
    });
    expect(pages).toBeGreaterThan(1);
    const { flat } = await pdfText(buffer);
    for (const i of [0, 1999, 2000, 3999]) expect(flat).toContain(`mot${i}`);
    expect(flat.match(/mot\d+/g)).toHaveLength(4000);
  });
});
