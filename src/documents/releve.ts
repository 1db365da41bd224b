// Draws one relevé de notes per candidate (a page group each), from ReleveView.
import { bullets, fields, heading, signatures, table, titleBlock, HEADER_FILL, FONT, type Cell, type PdfWriter } from './render/index.js';
import type { ReleveView } from './releve-view.js';

const frDate = (iso?: string) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : undefined);
const head = (text: string): Cell => ({ text, bold: true, fill: HEADER_FILL, align: 'center' });

export function drawReleve(w: PdfWriter, runningTitle: string, academie: string | undefined, v: ReleveView): void {
  w.beginDocument(`Relevé de notes — ${v.numero} ${v.nom} ${v.prenom} — session ${v.session}`);
  titleBlock(w, [runningTitle, 'RELEVÉ DE NOTES']);
  fields(w, [
    { label: 'Nom', value: v.nom },
    { label: 'Prénom', value: v.prenom },
    { label: 'N° candidat', value: v.numero },
    { label: 'Né(e) le', value: frDate(v.dateNaissance) },
    { label: 'Académie', value: academie },
    { label: 'Session', value: String(v.session) },
    { label: 'Établissement', value: v.etablissement },
    { label: 'Voie', value: v.voie },
  ]);
  table(w, {
    columns: [1.4, 1.8, 7.6, 2, 4],
    header: [[head('Unité'), head('Épreuve'), head('Intitulé'), head('Coefficient'), head('Note sur 20')]],
    rows: v.lines.map((l) => ({ cells: [l.unite, l.epreuve, l.title, { text: l.coefficient, align: 'center' }, { text: l.note, align: 'center', bold: true }], minHeight: 16 })),
  });
  w.space(4);
  table(w, {
    columns: [3, 2],
    rows: ([
      [{ text: 'Moyenne générale (sur 20, tronquée au centième)', bold: true }, { text: v.moyenne, align: 'center', bold: true }],
      [{ text: `Moyenne des unités professionnelles (${v.professionalUnits})`, bold: true }, { text: v.moyenneProfessionnelle, align: 'center' }],
      [{ text: 'Décision du jury', bold: true }, { text: v.decision, align: 'center', bold: true }],
      [{ text: 'Motif', bold: true }, { text: v.motif, align: 'center' }],
    ] as Cell[][]).map((cells) => ({ cells, minHeight: 18 })),
  });
  if (v.controle.length > 0) {
    heading(w, 'Épreuves de contrôle');
    bullets(w, v.controle);
  }
  if (v.acquises.length > 0) {
    heading(w, 'Unités dont la note peut être conservée (bénéfice, article D643-20 du code de l’éducation)');
    bullets(w, v.acquises);
  }
  w.space(8);
  w.paragraph('Fait à ........................................, le ....................', { font: FONT.regular, size: 9 }, 6);
  signatures(w, { columns: ['Pour le recteur et par délégation, le président du jury', 'Cachet'], rows: 1, height: 55 });
}
