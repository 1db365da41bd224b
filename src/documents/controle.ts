// Documents of the épreuves de contrôle: the candidate's convocation (each chosen oral with its preparation and
// passage times, the place, the rule the jury will apply) and the bordereau of one commission.
import { frenchClock, frenchDate } from '../domain/convocation/time.js';
import { bullets, fields, heading, signatures, table, titleBlock, HEADER_FILL, FONT, type PdfWriter, type Row } from './render/index.js';
import { TO_BRING } from './convocation.js';
import { numeroColumn } from './rosters.js';

export interface ControleOralView {
  unite: string;
  label: string;
  date: string;
  start: string;
  passage: string;
  end: string;
  commission: number;
  preparation: number;
  interrogation: number;
}

export interface ControleConvocationView {
  heading: string;
  academie?: string;
  regimeLabel: string;
  candidate: { numero: string; nom: string; prenom: string; etablissement: string; adresse?: string; codePostal?: string; commune?: string; tempsMajore?: string };
  firstMotif: string;
  centre: string;
  orals: ControleOralView[];
}

const head = (text: string) => ({ text, bold: true, fill: HEADER_FILL });

export function drawControleConvocation(w: PdfWriter, v: ControleConvocationView): void {
  w.beginDocument(`${v.heading} — convocation aux épreuves de contrôle — ${v.candidate.numero}`);
  titleBlock(w, [v.heading, 'CONVOCATION AUX ÉPREUVES DE CONTRÔLE']);
  const town = [v.candidate.codePostal, v.candidate.commune].filter(Boolean).join(' ');
  fields(w, [
    { label: 'Candidat', value: `${v.candidate.nom} ${v.candidate.prenom}` },
    { label: 'N° candidat', value: v.candidate.numero },
    { label: 'Établissement', value: v.candidate.etablissement || '—' },
    { label: 'Académie', value: v.academie ?? '—' },
    { label: 'Adresse', value: [v.candidate.adresse, town].filter(Boolean).join(', ') || 'non renseignée' },
    { label: 'Première délibération', value: v.firstMotif },
  ], { columns: 2 });
  w.space(6);
  w.paragraph(
    `À l'issue de la première délibération, vous êtes autorisé(e) à vous présenter aux épreuves de contrôle (${v.regimeLabel}). ` +
      'Vous avez choisi les épreuves ci-dessous. Pour chaque unité, la meilleure des deux notes (première session, contrôle) est retenue ; ' +
      'le jury délibère à nouveau sur la moyenne générale ainsi recalculée.',
    { size: 9 },
    9,
  );
  w.space(6);
  heading(w, 'Épreuves orales de contrôle');
  const header: Row[] = [[head('Épreuve'), head('Date'), head('Convocation (préparation)'), head('Passage devant la commission'), head('Fin')]];
  const rows: Row[] = v.orals.map((o) => ({
    cells: [
      { text: `${o.unite} — ${o.label}`, bold: true },
      frenchDate(o.date),
      `${frenchClock(o.start)} (${o.preparation} min de préparation)`,
      `${frenchClock(o.passage)} (${o.interrogation} min, commission ${o.commission})`,
      frenchClock(o.end),
    ],
    minHeight: 22,
  }));
  table(w, { columns: [5, 3, 3.2, 3.6, 1.4], header, rows });
  w.space(6);
  fields(w, [{ label: 'Lieu', value: v.centre }], { columns: 1 });
  if (v.candidate.tempsMajore) {
    w.space(4);
    w.paragraph(`Temps majoré (${v.candidate.tempsMajore}) : inclus dans les horaires ci-dessus.`, { size: 9, font: FONT.bold }, 9);
  }
  w.space(6);
  heading(w, 'Se munir de');
  bullets(w, TO_BRING);
  w.space(4);
  w.paragraph('Un candidat absent à une épreuve de contrôle conserve la note de première session de l’unité.', { size: 8 }, 8);
}

export interface ControleBordereauView {
  heading: string;
  unite: string;
  label: string;
  date: string;
  commission: number;
  centre: string;
  lines: { numero: string; nom: string; prenom: string; passage: string; premiere: string; note?: string }[];
}

export function drawControleBordereau(w: PdfWriter, v: ControleBordereauView): void {
  w.beginDocument(`${v.heading} — bordereau de notation, épreuves de contrôle — ${v.unite} ${v.date} commission ${v.commission}`);
  titleBlock(w, [v.heading, 'BORDEREAU DE NOTATION — ÉPREUVES DE CONTRÔLE']);
  fields(w, [
    { label: 'Épreuve', value: `${v.unite} — ${v.label}` },
    { label: 'Date', value: frenchDate(v.date) },
    { label: 'Centre', value: v.centre },
    { label: 'Commission', value: String(v.commission) },
  ], { columns: 2 });
  const header: Row[] = [[head('N° candidat'), head('Nom'), head('Prénom'), head('Passage'), head('Note de 1re session'), head('Note de contrôle sur 20')]];
  const rows: Row[] = v.lines.map((l) => ({
    cells: [l.numero, l.nom, l.prenom, frenchClock(l.passage), { text: l.premiere, align: 'center' }, { text: l.note ?? '', align: 'center', bold: true }],
    minHeight: 20,
  }));
  table(w, { columns: [numeroColumn(w, v.lines.map((l) => l.numero), 2.2), 3.6, 3, 1.6, 2.4, 2.6], header, rows, keepWithHeader: 3 });
  w.space(4);
  w.paragraph(`Nombre de candidats : ${v.lines.length}. Un candidat absent est noté ABS (la note de première session est conservée).`, { size: 8 }, 8);
  signatures(w, { title: 'Émargement des membres de la commission', columns: ['Nom et qualité', 'Signature'], rows: 2, height: 40 });
}
