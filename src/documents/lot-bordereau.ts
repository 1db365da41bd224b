// The bordereau de notation of one lot of anonymous copies (issue #13 §4): what the correcteur signs and returns, as
// a PDF page set and as an XLSX to fill (lot-bordereau-xlsx.ts). Built from a view-model that holds anonymity
// numbers and the correcteur only — no field for a candidate's numéro or name exists, so none can be printed.
import { fields, signatures, table, titleBlock, HEADER_FILL, type Cell, type PdfWriter, type Row } from './render/index.js';

export interface LotBordereauView {
  /** The national models' running title (modelHeading). */
  heading: string;
  academie?: string;
  session: number;
  epreuve: string;
  /** « E5 — Management de l'activité technico-commerciale (U5, coefficient 4) ». */
  epreuveLine: string;
  lot: string;
  correcteur: { nom: string; prenom: string; email: string };
  /** Anonymity numbers, in the lot's order. */
  anonymats: string[];
  /** Codes the correcteur may write instead of a note (written-copies.ts copyNoteCodes). */
  codes: string[];
}

export const lotInstruction = (v: LotBordereauView) =>
  `Saisir la note sur 20 (ex. 12,5) ou un code ${v.codes.join(' / ')} (${v.codes.map(codeMeaning).join(', ')}) en face de chaque numéro d’anonymat. ` +
  'Ne rien écrire d’autre que la note et l’observation ; ne jamais reporter le nom d’un candidat.';

function codeMeaning(code: string): string {
  return { ABS: 'ABS : absent', ABJ: 'ABJ : absence justifiée', NV: 'NV : non valide' }[code] ?? code;
}

const head = (text: string): Cell => ({ text, bold: true, fill: HEADER_FILL, align: 'center' });

export function drawLotBordereau(w: PdfWriter, v: LotBordereauView): void {
  w.beginDocument(`Bordereau de notation — ${v.epreuve} — lot ${v.lot} — session ${v.session}`);
  titleBlock(w, [v.heading, 'BORDEREAU DE NOTATION — COPIES ANONYMES']);
  fields(w, [
    { label: 'Académie', value: v.academie },
    { label: 'Session', value: String(v.session) },
    { label: 'Épreuve', value: v.epreuveLine },
    { label: 'Lot', value: v.lot },
    { label: 'Correcteur', value: `${v.correcteur.nom} ${v.correcteur.prenom}` },
    { label: 'Courriel', value: v.correcteur.email },
    { label: 'Nombre de copies', value: String(v.anonymats.length) },
  ], { columns: 2 });
  w.paragraph(lotInstruction(v), { size: 8 }, 6);
  const header: Row[] = [[head('N°'), head('Numéro d’anonymat'), head('Note sur 20'), head('Observation')]];
  const rows: Row[] = v.anonymats.map((a, i) => ({ cells: [{ text: String(i + 1), align: 'center' }, { text: a, align: 'center' }, '', ''], minHeight: 15 }));
  table(w, { columns: [1, 3, 2.2, 6], header, rows, keepWithHeader: 3 });
  w.space(4);
  table(w, {
    columns: [1, 1, 1, 1],
    rows: [{
      cells: [
        { text: `Copies du lot : ${v.anonymats.length}`, bold: true },
        { text: 'Copies notées : ______' },
        { text: `${v.codes.join(' / ')} : ______` },
        { text: 'Moyenne du lot : ______' },
      ],
      minHeight: 20,
    }],
    keepTogether: true,
  });
  w.space(6);
  signatures(w, { title: 'Le correcteur certifie les notes portées sur ce bordereau', columns: ['Nom et prénom', 'Date', 'Signature'], rows: 1, height: 40 });
}
