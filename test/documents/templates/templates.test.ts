// The national models as data: every bundled template is valid, transcribes its annexe word for word (checked
// against the circular's text when available), and every criterion sentence is printed in the grid PDF.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocumentTemplates, gridSetFor, parseDocumentTemplate } from '../../../src/documents/templates/load.js';
import { criteriaOf } from '../../../src/documents/templates/schema.js';
import { drawGridBatch } from '../../../src/documents/grids.js';
import { renderPdfBuffer } from '../../../src/documents/render/index.js';
import { collapse, pdfText } from '../../helpers/pdf-text.js';

const CIRCULAR = '/work/shared/reference/circulaire-nationale-2024.md';
const templates = loadDocumentTemplates();
const meta = { title: 'grilles', creationDate: new Date('2024-05-01T08:00:00Z') };

// Markdown of the circular: drop emphasis and table pipes so that cell text compares as plain text.
const plain = (md: string) => collapse(md.replace(/\*\*|<\/?[a-z]+>/g, ' ').replace(/\|/g, ' '));

describe('document templates', () => {
  it('bundles the annexes of the brief', () => {
    expect(templates.map((t) => t.annexe).sort((a, b) => Number(a) - Number(b))).toEqual(['5', '8', '9', '10', '11', '12', '13', '16', '17', '20', '21', '23', '24']);
  });

  it('finds the grid set of each épreuve and form', () => {
    const ids = (unit: string, form: 'ccf' | 'ponctuel') => {
      const s = gridSetFor(templates, unit, form);
      return [...s.reference, ...s.perCandidate].map((t) => t.id);
    };
    expect(ids('U4', 'ccf')).toEqual(['e4-outil', 'e4-ccf-grille', 'e4-ccf-fiche-travail']);
    expect(ids('U4', 'ponctuel')).toEqual(['e4-outil', 'e4-ponctuel-grille', 'e4-ponctuel-fiche-travail']);
    expect(ids('U61', 'ponctuel')).toEqual(['e61-ponctuel-grille']);
    expect(ids('UF3', 'ponctuel')).toEqual(['ef3-outil', 'ef3-grille']);
    expect(ids('U1', 'ponctuel')).toEqual([]);
  });

  it('reports a faulty template with its file and JSON path', () => {
    const bad = JSON.stringify({ id: 'x', annexe: '1', unit: 'U4', forms: ['oral'], role: 'grid', order: 1, title: 't', source: 's', blocks: [] });
    expect(() => parseDocumentTemplate(bad, 'x.json')).toThrow(/x\.json : forms\.0/);
  });

  it.skipIf(!fs.existsSync(CIRCULAR))('every criterion and descriptor is verbatim from the circular', () => {
    const source = plain(fs.readFileSync(CIRCULAR, 'utf8'));
    for (const t of templates) {
      const texts = [
        ...criteriaOf(t),
        ...t.blocks.flatMap((b) => (b.type === 'table' ? b.rows.flatMap((r) => (Array.isArray(r) ? r : r.cells)) : [])).flatMap((c) => (typeof c === 'string' ? [c] : c.text ? [c.text] : [])),
        ...t.blocks.flatMap((b) => (b.type === 'observation' ? [b.label] : b.type === 'paragraph' ? [b.text] : [])),
      ].filter((s) => s.length > 12 && !s.includes('{'));
      for (const s of texts) expect(source, `${t.id}: « ${s} »`).toContain(collapse(s));
    }
  });

  for (const t of templates.filter((x) => criteriaOf(x).length > 0)) {
    it(`annexe ${t.annexe} (${t.id}): every criterion sentence is in the PDF`, async () => {
      const { buffer } = await renderPdfBuffer(meta, (w) =>
        drawGridBatch(w, { reference: [], perCandidate: [t], common: {}, jobs: [{ footer: 'f', vm: { candidat: 'NGUYỄN Đức', numero: '42', session: '2024' } }] }),
      );
      const { flat } = await pdfText(buffer);
      for (const c of criteriaOf(t)) expect(flat).toContain(collapse(c));
      expect(flat).toContain('NGUYỄN Đức');
    });
  }

  it('prints the descriptor tables of annexes 5, 12 and 24 in full', async () => {
    for (const id of ['e22-fiche-lv', 'e4-outil', 'ef3-outil']) {
      const t = templates.find((x) => x.id === id)!;
      const { buffer } = await renderPdfBuffer(meta, (w) => drawGridBatch(w, { reference: [t], perCandidate: [], common: {}, jobs: [] }));
      const { flat } = await pdfText(buffer);
      for (const b of t.blocks) {
        if (b.type !== 'table') continue;
        for (const r of b.rows) for (const c of Array.isArray(r) ? r : r.cells) {
          const text = typeof c === 'string' ? c : c.text;
          if (text) expect(flat, id).toContain(collapse(text));
        }
      }
    }
  });
});
