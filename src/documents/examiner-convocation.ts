// The convocation of one examiner or correcteur (issue #13 §4), from domain/examiners/convocation.ts: who, then each
// oral commission (épreuve, centre and address, day, hours on the centre's clock, the other members, the candidates
// with their times) and each lot of copies (anonymity numbers only), then the correcteurs' meetings when given.
// Texts from the data are clipped to their box (a few lines) with an ellipsis, noted by PdfWriter.fit.
import type { CommissionPart, ExaminerConvocation, LotPart, Meeting } from '../domain/examiners/convocation.js';
import { frenchClock, frenchDate } from '../domain/convocation/time.js';
import { bullets, columnWidths, fields, heading, table, titleBlock, DEFAULT_SIZE, FONT, HEADER_FILL, type Cell, type PdfWriter, type Row, type TextStyle } from './render/index.js';

export interface ExaminerConvocationView {
  /** The models' running title (heading.ts modelHeading). */
  heading: string;
  session: number;
  academie?: string;
  convocation: ExaminerConvocation;
  /** Regulation labels of the profiles (economie-gestion → « Professeur d'économie et gestion »). */
  profileLabels: ReadonlyMap<string, string>;
  /** Days the candidates' list is sent ahead (circulaire Toulouse 2023 §1.2.1: 2 weeks). */
  noticeDays: number;
}

/** `text` cut to at most `lines` lines of `width` (with « … », noted): a name or an address never pushes the page. */
function clip(w: PdfWriter, text: string, width: number, lines: number, style: TextStyle = {}): string {
  const one = w.measure('Ag', width, style);
  return w.fit(text, width, one * lines + 0.5, style, 2000).text;
}

export function examinerFooter(view: ExaminerConvocationView): string {
  const e = view.convocation.examiner;
  return `BTS CCST ${view.session} — convocation examinateur / correcteur — ${e.nom} ${e.prenom} — ${e.email}`;
}

function roleTitle(c: ExaminerConvocation): string {
  if (c.commissions.length && c.lots.length) return 'CONVOCATION — EXAMINATEUR ET CORRECTEUR';
  return c.lots.length ? 'CONVOCATION — CORRECTEUR' : 'CONVOCATION — EXAMINATEUR';
}

const head = (text: string): Cell => ({ text, bold: true, fill: HEADER_FILL, align: 'center' });

function centreLines(k: CommissionPart): string {
  const c = k.centre;
  if (!c) return `${k.centreUai} (centre absent du workspace)`;
  const town = [c.codePostal, c.commune].filter(Boolean).join(' ');
  return [`${c.nom} (${c.uai})`, c.adresse, town].filter(Boolean).join(', ');
}

function drawCommission(w: PdfWriter, view: ExaminerConvocationView, k: CommissionPart): void {
  const width = w.contentWidth / 2 - 8;
  heading(w, clip(w, `${k.epreuve} – ${k.title}`, w.contentWidth, 2, { font: FONT.bold, size: 10 }), { keep: 120, size: 10 });
  const hours = `${frenchClock(k.start)} – ${frenchClock(k.end)}${k.clock ? ` (${k.clock})` : ''}`;
  fields(w, [
    { label: 'Commission', value: `n° ${k.number} — ${k.name}` },
    { label: 'Date', value: frenchDate(k.date) },
    { label: 'Horaires', value: hours },
    { label: 'Votre siège', value: clip(w, `${k.role}${k.fallback ? ' (à défaut du membre prévu)' : ''}`, width, 2) },
    { label: 'Centre', value: clip(w, centreLines(k), width, 3) },
    ...(k.languages.length ? [{ label: 'Langue', value: k.languages.join(', ') }] : []),
  ], { minHeight: 15 });
  if (k.others.length) {
    const list = k.others.map((o) => `${o.nom} ${o.prenom} — ${o.role}`);
    w.paragraph('Autres membres de la commission :', { font: FONT.bold, size: 8 }, 1);
    bullets(w, list.map((l) => clip(w, l, w.contentWidth - 12, 2, { size: 8 })), { size: 8 });
  } else {
    w.paragraph('Vous siégez seul(e) dans cette commission.', { size: 8 }, 4);
  }
  // Circulaire Toulouse 2023 §1.2.1: « la liste des candidats lui étant affectés 2 semaines à l'avance ».
  w.paragraph(`Candidats affectés à la commission (${k.candidates.length}) — liste due le ${frenchDate(k.listDue)}, ${view.noticeDays} jours avant l'oral (circulaire académique d’organisation, §1.2.1) :`, { font: FONT.bold, size: 8 }, 2);
  const cols = [1.6, 1.6, 2.4, 3.6, 3.2, 1.2];
  const widths = columnWidths(cols, w.contentWidth);
  const header: Row[] = [[head('Arrivée'), head('Passage'), head('N° candidat'), head('Nom'), head('Prénom'), head('Épreuve')]];
  const rows: Row[] = k.candidates.map((c) => ({
    cells: [
      { text: c.start ? frenchClock(c.start) : '', align: 'center' },
      { text: c.passage ? frenchClock(c.passage) : '', align: 'center', bold: true },
      c.numero,
      clip(w, c.nom, widths[3]! - 6, 2),
      clip(w, c.prenom, widths[4]! - 6, 2),
      { text: c.epreuve, align: 'center' },
    ],
    minHeight: 14,
  }));
  if (!rows.length) rows.push([{ text: 'Aucun candidat planifié devant cette commission.', colSpan: 6, italic: true }]);
  table(w, { columns: cols, header, rows, fontSize: 8, keepWithHeader: 3 });
  w.space(6);
}

function sittingText(l: LotPart): string {
  if (!l.sitting) return 'date de l’épreuve : voir le calendrier de la session';
  return `épreuve écrite du ${frenchDate(l.sitting.date)}, ${frenchClock(l.sitting.start)} – ${frenchClock(l.sitting.end)}`;
}

function drawLots(w: PdfWriter, lots: LotPart[]): void {
  heading(w, 'Copies à corriger', { keep: 80, size: 10 });
  // Issue #13 §3: a correcteur knows copies by anonymity number only, never the candidate.
  w.paragraph('Les copies sont anonymes : elles sont désignées par leur numéro d’anonymat. Reportez les notes sur le bordereau de notation de chaque lot.', { size: 8 }, 3);
  const rows: Row[] = lots.map((l) => [
    { text: l.name, bold: true },
    clip(w, `${l.epreuve} – ${l.title}`, columnWidths([1.6, 4.5, 4, 1.4], w.contentWidth)[1]! - 6, 2),
    sittingText(l),
    { text: String(l.copies), align: 'center' },
  ]);
  table(w, { columns: [1.6, 4.5, 4, 1.4], header: [[head('Lot'), head('Épreuve'), head('Écrit'), head('Copies')]], rows, fontSize: 8, keepWithHeader: 2 });
  w.space(4);
  for (const l of lots) {
    w.paragraph(`Lot ${l.name} — n° d’anonymat (${l.copies}) :`, { font: FONT.bold, size: 8 }, 1);
    w.paragraph(l.anonymats.join('  '), { size: 7.5 }, 4);
  }
}

function meetingText(m: Meeting): string {
  return [m.when, m.text].filter(Boolean).join(' — ');
}

const KIND = { entente: 'Réunion d’entente', harmonisation: 'Commission d’harmonisation' } as const;

function drawMeetings(w: PdfWriter, c: ExaminerConvocation): void {
  if (!c.entente && !c.harmonisation && !c.announced.length) return;
  heading(w, 'Réunions des examinateurs et correcteurs', { keep: 50, size: 10 });
  const width = w.contentWidth * 0.75;
  const list: { label: string; value: string }[] = [];
  if (c.entente) list.push({ label: KIND.entente, value: clip(w, meetingText(c.entente), width, 6) });
  if (c.harmonisation) list.push({ label: KIND.harmonisation, value: clip(w, meetingText(c.harmonisation), width, 6) });
  // Announced by the circular for the lots' épreuves, no date given by the office (yet).
  for (const m of c.announced) {
    if (c[m.kind]) continue;
    list.push({ label: `${KIND[m.kind]} (${m.epreuve})`, value: 'date et lieu communiqués ultérieurement' });
  }
  if (list.length) fields(w, list, { columns: 1, minHeight: 15 });
  if (c.announced.length) {
    bullets(w, c.announced.map((m) => `${m.epreuve} : « ${m.quote} » (${m.source})`), { size: 7.5 });
  }
}

/** One examiner's convocation as one page group. */
export function drawExaminerConvocation(w: PdfWriter, view: ExaminerConvocationView): void {
  const c = view.convocation;
  const e = c.examiner;
  w.beginDocument(examinerFooter(view));
  titleBlock(w, [view.heading, roleTitle(c)], { size: 11 });
  const half = w.contentWidth / 2 - 8;
  const profils = e.profils.map((p) => view.profileLabels.get(p) ?? p).join(', ');
  fields(w, [
    { label: 'Académie', value: view.academie ?? '' },
    { label: 'Session', value: String(view.session) },
    { label: 'Nom', value: clip(w, e.nom, half, 2) },
    { label: 'Prénom', value: clip(w, e.prenom, half, 2) },
    { label: 'Courriel', value: clip(w, e.email, half, 2) },
    { label: 'Établissement', value: e.etablissementUai ?? 'sans établissement' },
    { label: 'Profil', value: clip(w, profils, half, 2) },
    { label: 'Épreuves', value: clip(w, e.epreuves.join(', '), half, 2) },
  ], { minHeight: 15 });
  const what = [
    c.commissions.length ? `membre de ${c.commissions.length} commission(s) d’interrogation` : '',
    c.lots.length ? `correcteur de ${c.lots.length} lot(s) de copies` : '',
  ].filter(Boolean).join(' et ');
  w.paragraph(`Vous êtes convoqué(e) en qualité de ${what}, aux dates, lieux et horaires ci-dessous.`, { size: 9 }, 4);
  for (const k of c.commissions) drawCommission(w, view, k);
  if (c.lots.length) drawLots(w, c.lots);
  drawMeetings(w, c);
  heading(w, 'Rappels', { keep: 40, size: 10 });
  bullets(w, [
    ...(c.commissions.length ? [
      'Un examinateur n’interroge pas un candidat de son propre établissement : signalez sans délai au service des examens tout candidat concerné.',
      'Les horaires sont ceux du centre (heure locale). Présentez-vous au centre avant le premier candidat, muni(e) de la présente convocation.',
    ] : []),
    ...(c.lots.length ? ['Les lots ne comprennent aucune copie d’un candidat de votre établissement. Les notes sont reportées sur le bordereau de chaque lot, par numéro d’anonymat.'] : []),
  ], { size: DEFAULT_SIZE - 1 });
}
