// A throw-away document a new render thread draws as soon as it starts, while the main thread is still reading
// the workspace and building the views: it imports pdfkit (≈130 ms) and parses the fonts (once per thread,
// fonts.ts, ≈100 ms), work its first real file would otherwise do first. More pages do not help: measured, the
// JIT needs a few hundred real documents to settle, far more than the main thread's head start.
import { renderPdfBuffer } from './output.js';
import { criteriaScale, fields, titleBlock } from './blocks.js';

export async function warmUpRenderer(): Promise<void> {
  await renderPdfBuffer({ title: 'warm-up', creationDate: new Date(0) }, (w) => {
    w.beginDocument('préchauffage');
    titleBlock(w, ['CONVOCATION', 'Grille d’aide à l’évaluation']);
    fields(w, [{ label: 'Nom', value: 'NGUYỄN Đức' }, { label: 'Prénom', value: 'Ødegård' }]);
    criteriaScale(w, { criteria: ['Critère'], note: 'Note sur 20', legend: 'TI : Très insuffisant' });
  });
}
