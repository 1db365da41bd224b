// Procès-verbal de déroulement of one room and épreuve (issue #14 §3), filled in by the invigilators and sent back to
// the exam office: the surveillants, the times on the centre's clock — with the end of each temps majoré granted in
// the room (room-times.ts) —, présents / absents to count, late arrivals, exits, incidents and fraud suspicions.
// The fraud box recalls the four duties of the chef de centre (circulaire nationale 2024 §G, quoted).
import { fields, observation, signatures, table, titleBlock, HEADER_FILL, type Cell, type PdfWriter, type Row } from '../render/index.js';
import { numeroColumn } from '../rosters.js';
import { footerOf, frClock, frDate, roomLabel, type RoomSheet } from './view.js';

const head = (text: string): Cell => ({ text, bold: true, fill: HEADER_FILL, align: 'center' });
const blankRows = (n: number, columns: number, height: number): Row[] => Array.from({ length: n }, () => ({ cells: Array(columns).fill(''), minHeight: height }));
/** A time to print, or a line to fill in by hand when the calendar gives none. */
const clock = (t?: string) => (t ? frClock(t) : '____h____');

/** Circulaire nationale 2024 §G « Fraude », the duties of the chef de centre, as written. */
export const FRAUD_DUTIES = [
  'Prend toutes mesures pour faire cesser la fraude ou la tentative de fraude, sans interrompre la participation à l’épreuve du ou des candidats.',
  'Saisit les pièces ou matériels permettant d’établir la réalité des faits.',
  'Effectue sans délai un signalement auprès de la direction des examens et concours compétent.',
  'Constitue un dossier de fraude selon les instructions fournies.',
];

export function drawRoomReport(w: PdfWriter, s: RoomSheet): void {
  w.beginDocument(footerOf('Procès-verbal de déroulement', s));
  titleBlock(w, [s.heading, 'PROCÈS-VERBAL DE DÉROULEMENT DE L’ÉPREUVE']);
  const t = s.times;
  const list = [
    { label: 'Académie', value: s.academie },
    { label: 'Session', value: String(s.session) },
    { label: 'Épreuve', value: s.epreuveLine },
    { label: 'Date', value: frDate(s.date) },
    { label: 'Centre', value: `${s.centre.nom} (${s.centre.uai})${s.centre.commune ? ` — ${s.centre.commune}` : ''}` },
    { label: 'Salle', value: roomLabel(s) },
    { label: 'Début', value: clock(t?.start) },
    { label: 'Fin', value: clock(t?.end) },
  ];
  for (const e of t?.extended ?? []) list.push({ label: `Fin avec temps majoré ${e.fraction}`, value: `${frClock(e.end)} (${e.candidates} candidat(s))` });
  if (t?.noEntryAfter) list.push({ label: 'Aucune entrée après', value: frClock(t.noEntryAfter) });
  if (t?.noExitBefore) list.push({ label: 'Aucune sortie avant', value: frClock(t.noExitBefore) });
  fields(w, list, { columns: 2 });
  w.paragraph(`Heures locales du centre${s.timeZone ? ` (${s.timeZone})` : ''}.${t?.unreadable.length ? ` Temps majoré illisible pour ${t.unreadable.length} candidat(s) : heure de fin à fixer par le chef de centre.` : ''}`, { size: 7.5 }, 6);

  table(w, { columns: [4, 3, 2.2, 2.2, 3], header: [[head('Surveillant(e) : nom et prénom'), head('Qualité, discipline'), head('De'), head('À'), head('Signature')]], rows: blankRows(3, 5, 19), keepWithHeader: 3 });
  w.space(4);
  table(w, {
    columns: [1, 1, 1, 1],
    rows: [
      { cells: [{ label: 'Inscrits dans la salle : ', text: String(s.seats.length) }, { label: 'Présents : ', text: '' }, { label: 'Absents : ', text: '' }, { label: 'Copies remises : ', text: '' }], minHeight: 22 },
      { cells: [{ label: 'Numéros des absents : ', text: '', colSpan: 4 }], minHeight: 26 },
    ],
  });
  w.space(6);
  table(w, {
    columns: [2.5, 1.6, 1.4, 5],
    header: [[{ text: 'Arrivées en retard', bold: true, fill: HEADER_FILL, colSpan: 4 }], [head('N° candidat'), head('Heure d’arrivée'), head('Admis (oui/non)'), head('Observations')]],
    rows: blankRows(3, 4, 16),
    keepWithHeader: 3,
  });
  w.space(6);
  table(w, {
    columns: [2.5, 1.6, 1.6, 4.8],
    header: [[{ text: 'Sorties pendant l’épreuve (accompagnées) et sorties définitives', bold: true, fill: HEADER_FILL, colSpan: 4 }], [head('N° candidat'), head('Heure de sortie'), head('Heure de retour'), head('Accompagné(e) par, observations')]],
    rows: blankRows(2, 4, 16),
    keepWithHeader: 2,
  });
  w.space(6);
  observation(w, 'Incidents (heure, faits, mesures prises) :', { height: 52 });
  table(w, {
    columns: [2.2, 1.3, 4.5, 3.5],
    header: [[{ text: 'Suspicions de fraude', bold: true, fill: HEADER_FILL, colSpan: 4 }], [head('N° candidat'), head('Heure'), head('Faits constatés'), head('Pièces ou matériels saisis')]],
    rows: [
      ...blankRows(2, 4, 28),
      { cells: [{ text: `Circulaire nationale §G — le chef de centre : ${FRAUD_DUTIES.map((d, i) => `${i + 1}. ${d}`).join(' ')}`, size: 6.8, colSpan: 4 }] },
    ],
    keepWithHeader: 3,
  });
  w.space(6);
  signatures(w, { columns: ['Les surveillants', 'Le chef de centre (ou son représentant)'], rows: 1, height: 36 });
}

/** Liste d'émargement of the room, in place order: each candidate signs on arrival and when handing in the copy. */
export function drawRoomSignIn(w: PdfWriter, s: RoomSheet): void {
  w.beginDocument(footerOf('Liste d’émargement', s));
  titleBlock(w, [s.heading, `LISTE D’ÉMARGEMENT — SALLE ${s.salle}`]);
  fields(w, [
    { label: 'Académie', value: s.academie },
    { label: 'Session', value: String(s.session) },
    { label: 'Épreuve', value: s.epreuveLine },
    { label: 'Date', value: `${frDate(s.date)}${s.times ? `, ${frClock(s.times.start)} – ${frClock(s.times.end)}` : ''}` },
    { label: 'Centre', value: `${s.centre.nom} (${s.centre.uai})` },
    { label: 'Salle', value: roomLabel(s) },
  ]);
  const header: Row[] = [[head('Place'), head('N° candidat'), head('Nom'), head('Prénom'), head('Aménagement'), head('Signature à l’entrée'), head('Heure de remise'), head('Signature à la remise')]];
  const rows: Row[] = s.seats.map((l) => ({ cells: [{ text: String(l.place), align: 'center' }, l.numero, l.nom, l.prenom, l.amenagement, '', '', ''], minHeight: 22 }));
  const numero = numeroColumn(w, s.seats.map((l) => l.numero), 2.2);
  table(w, { columns: [1.3, numero, 2.6, 2.2, 3, 2.4, 1.5, 2.4], header, rows, keepWithHeader: 3 });
  w.space(4);
  w.paragraph(`Candidats inscrits dans la salle : ${s.seats.length}     Présents : ______     Absents : ______`, { size: 9 }, 8);
  signatures(w, { columns: ['Nom et qualité du surveillant', 'Signature'], rows: 1, height: 36 });
}
