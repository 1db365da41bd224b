// Lists and bordereaux of one group of candidates (an épreuve at a centre, a commission, a CCF établissement):
// liste d'appel, liste d'émargement, bordereau de notation (blank or with the workspace's notes). The « NV » mark
// is printed in place of the note (circulaire Toulouse 2023 §1.2.2: « LA MENTION "NV" figurera […] sur les
// bordereaux de notation en face du nom du candidat »).
import { fields, signatures, table, titleBlock, DEFAULT_SIZE, FONT, HEADER_FILL, type Cell, type ColumnSpec, type PdfWriter, type Row } from './render/index.js';
import { groupLabel, type RosterGroup, type RosterLine } from '../domain/rosters/groups.js';
import { formatHundredths } from '../domain/candidate.js';
import { amenagementText } from '../domain/amenagements.js';

export interface RosterContext {
  /** The models' running title (modelHeading). */
  heading: string;
  academie?: string;
  session: number;
}

const frDate = (iso?: string) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');

export function epreuveLine(g: Pick<RosterGroup, 'unit'>): string {
  return `${g.unit.epreuve} — ${g.unit.title} (${g.unit.code}${g.unit.coefficient ? `, coefficient ${formatHundredths(Math.round(g.unit.coefficient * 100))}` : ''})`;
}

const head = (text: string): Cell => ({ text, bold: true, fill: HEADER_FILL, align: 'center' });

function groupFields(ctx: RosterContext, g: RosterGroup): { label: string; value?: string }[] {
  const list: { label: string; value?: string }[] = [
    { label: 'Académie', value: ctx.academie },
    { label: 'Session', value: String(ctx.session) },
    { label: 'Épreuve', value: epreuveLine(g) },
  ];
  // Language orals: the language is on every document (roll-call, sign-in sheet, bordereau) — issue #10 §3.
  if (g.langue) list.push({ label: 'Langue', value: g.langue });
  if (g.centre) list.push({ label: 'Centre', value: `${g.centre.nom} (${g.centre.uai})${g.centre.commune ? ` — ${g.centre.commune}` : ''}` });
  if (g.etablissement) list.push({ label: 'Établissement (CCF)', value: [g.etablissement.nom, g.etablissement.uai].filter(Boolean).join(' — ') });
  if (g.date) list.push({ label: 'Date', value: `${frDate(g.date)}${g.start && g.kind === 'ecrit' ? `, ${g.start} – ${g.end}` : ''}` });
  if (g.commission !== undefined) list.push({ label: 'Commission', value: String(g.commission) });
  if (g.kind === 'ecrit' || g.kind === 'centre') list.push({ label: 'Salle', value: g.room ?? '' });
  return list;
}

function footer(ctx: RosterContext, what: string, g: RosterGroup): string {
  return `${what} — ${g.unit.epreuve} — ${groupLabel(g)} — session ${ctx.session}`;
}

const isOral = (g: RosterGroup) => g.kind === 'oral';

/** Table cell padding (render/table.ts default), on each side. */
const PAD = 3;
/**
 * The numéro column is never narrower than the group's longest numéro (measured with pdfkit's widthOfString), nor
 * than the longest word of its header: a numéro cut over two lines doubles the height of every row, and the page
 * count with it (issue #10 §12).
 */
export function numeroColumn(w: PdfWriter, numeros: Iterable<string>, weight: number): ColumnSpec {
  let widest = Math.max(...['N°', 'candidat'].map((t) => w.textWidth(t, { font: FONT.bold, size: DEFAULT_SIZE })));
  for (const n of numeros) widest = Math.max(widest, w.textWidth(n, { font: FONT.regular, size: DEFAULT_SIZE }));
  return { weight, min: Math.ceil(widest + 2 * PAD + 1) };
}
const NV_NOTE = 'NV : dossier non conforme, pas d’interrogation';
const timeOf = (l: RosterLine) => (l.nv ? 'NV' : (l.passage ?? l.start ?? ''));
// The aménagements granted (temps majoré and the others: secrétaire, salle à part…) are the centre's business: they
// are printed on its roll-calls and sign-in sheets (issue #10 §7).
const extra = (l: RosterLine) => (l.nv ? NV_NOTE : amenagementText(l.candidate));

/** Liste d'appel: who must be there, ticked present/absent by the invigilator or commission. */
export function drawRollCall(w: PdfWriter, ctx: RosterContext, g: RosterGroup): void {
  w.beginDocument(footer(ctx, 'Liste d’appel', g));
  titleBlock(w, [ctx.heading, 'LISTE D’APPEL']);
  fields(w, groupFields(ctx, g), { columns: 2 });
  const oral = isOral(g);
  const header: Row[] = [[head('N°'), head('N° candidat'), head('Nom'), head('Prénom'), ...(oral ? [head('Heure')] : []), head('Aménagement'), head('Présent'), head('Absent')]];
  const rows: Row[] = g.lines.map((l, i) => ({
    cells: [String(i + 1), l.candidate.numero, l.candidate.nom, l.candidate.prenom, ...(oral ? [timeOf(l)] : []), extra(l), { box: true }, { box: true }],
    minHeight: 16,
  }));
  const numero = numeroColumn(w, g.lines.map((l) => l.candidate.numero), 2.2);
  table(w, { columns: oral ? [1, numero, 3.3, 2.9, 1.4, 3.2, 1.8, 1.8] : [1, numero, 4.2, 3.6, 2.8, 1.8, 1.8], header, rows, keepWithHeader: 3 });
  w.space(4);
  w.paragraph(`Nombre de candidats inscrits : ${g.lines.length}     Présents : ______     Absents : ______`, { size: 9 }, 8);
  signatures(w, { columns: ['Nom et qualité du surveillant ou de l’examinateur', 'Signature'], rows: 1, height: 40 });
}

/** Liste d'émargement: each candidate signs at the start (and, for written épreuves, when handing in the copy). */
export function drawSignInSheet(w: PdfWriter, ctx: RosterContext, g: RosterGroup): void {
  w.beginDocument(footer(ctx, 'Liste d’émargement', g));
  titleBlock(w, [ctx.heading, 'LISTE D’ÉMARGEMENT']);
  fields(w, groupFields(ctx, g), { columns: 2 });
  const written = g.kind === 'ecrit' || g.kind === 'centre';
  const header: Row[] = [[head('N° candidat'), head('Nom'), head('Prénom'), head('Aménagement'), ...(written ? [head('Signature à l’entrée'), head('Heure de remise'), head('Signature à la remise')] : [head('Heure'), head('Signature du candidat')])]];
  const rows: Row[] = g.lines.map((l) => ({
    cells: [l.candidate.numero, l.candidate.nom, l.candidate.prenom, amenagementText(l.candidate), ...(written ? ['', '', ''] : [timeOf(l), l.nv ? NV_NOTE : ''])],
    minHeight: 26,
  }));
  const numero = numeroColumn(w, g.lines.map((l) => l.candidate.numero), 2.2);
  table(w, { columns: written ? [numero, 3, 2.5, 3.3, 2.8, 1.6, 2.8] : [numero, 3.3, 2.8, 3.3, 1.5, 3.8], header, rows, keepWithHeader: 3 });
  signatures(w, { columns: ['Nom et qualité du surveillant ou de l’examinateur', 'Signature'], rows: 1, height: 40 });
}

/**
 * Bordereau de notation: one line per candidate with the note (from the workspace, or blank to be written by the
 * examiners) and the examiners' signature table.
 */
export function drawBordereau(w: PdfWriter, ctx: RosterContext, g: RosterGroup, notes?: Map<string, string>): void {
  w.beginDocument(footer(ctx, 'Bordereau de notation', g));
  titleBlock(w, [ctx.heading, 'BORDEREAU DE NOTATION']);
  fields(w, groupFields(ctx, g), { columns: 2 });
  const oral = isOral(g);
  const header: Row[] = [[head('N° candidat'), head('Nom'), head('Prénom'), ...(oral ? [head('Heure')] : []), head('Note sur 20'), head('Observations')]];
  const rows: Row[] = g.lines.map((l) => ({
    cells: [l.candidate.numero, l.candidate.nom, l.candidate.prenom, ...(oral ? [timeOf(l)] : []), { text: notes?.get(l.candidate.numero) ?? (l.nv ? 'NV' : ''), align: 'center', bold: true }, l.nv ? NV_NOTE : ''],
    minHeight: 20,
  }));
  const numero = numeroColumn(w, g.lines.map((l) => l.candidate.numero), 2.2);
  table(w, { columns: oral ? [numero, 3.8, 3.2, 1.5, 2, 4] : [numero, 4, 3.5, 2, 4.5], header, rows, keepWithHeader: 3 });
  w.space(4);
  w.paragraph(`Nombre de candidats : ${g.lines.length}. Un candidat absent est noté ABS ; un dossier non conforme est noté NV (non valide).`, { size: 8 }, 8);
  signatures(w, { title: 'Émargement des membres de la commission', columns: ['Nom et qualité', 'Signature'], rows: 2, height: 40 });
}
