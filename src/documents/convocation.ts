// The convocation page of one candidate: identity, each épreuve with date, times in the centre's zone, mise en
// loge, extended end, the place, then what to bring and the rules of the circular.
import type { Candidate } from '../domain/candidate.js';
import type { Convocation, ConvocationLine, CentreInfo } from '../domain/convocation/build.js';
import { frenchClock, frenchDate, frenchDuration } from '../domain/convocation/time.js';
import { amenagementText } from '../domain/amenagements.js';
import { latenessText, type LatenessRule } from '../domain/convocation/lateness.js';
import { bullets, fields, heading, table, titleBlock, HEADER_FILL, FONT, type PdfWriter, type Row } from './render/index.js';

export interface ConvocationView {
  session: number;
  diplome: string;
  academie: string;
  candidate: Pick<Candidate, 'numero' | 'nom' | 'prenom' | 'dateNaissance' | 'etablissement' | 'adresse' | 'codePostal' | 'commune' | 'tempsMajore' | 'amenagements'>;
  convocation: Convocation;
  /** Zone labels of the regulation (annexe 2), for the "heure de …" mention. */
  zoneLabels: Record<string, string>;
  /** The académie's late-arrival rule, when the workspace has one (issue #11 finding 2). */
  lateness?: LatenessRule;
}

export const CENTRE_PENDING = 'centre communiqué ultérieurement';
/** Printed across date, time and place when the épreuve will not take place (non-conforming dossier). */
export const NOT_TAKING = 'ÉPREUVE NON PASSÉE — pas de convocation à cette épreuve';

/** What to bring (circulaire Toulouse 2023, « Matériel autorisé »; identity checked at every épreuve). */
export const TO_BRING = [
  'la présente convocation ;',
  "une pièce d'identité officielle en cours de validité avec photographie ;",
  'de quoi écrire ; une calculatrice, par précaution : son usage est autorisé ou interdit par chaque sujet.',
];

/** Circulaire nationale 2024 §1 E and F, annexe 2 (national rules only: lateness is the académie's, below). */
export function rulesFor(view: ConvocationView): string[] {
  const lines = view.convocation.lines;
  const rules = [
    "Calculatrice : les candidats qui disposent d'une calculatrice avec mode examen devront l'activer le jour des épreuves, à la demande du surveillant ; les calculatrices dépourvues de mémoire sont autorisées (circulaire n°2015-178 du 1er octobre 2015).",
    'Toute utilisation de moyens de télécommunication (téléphone portable, smartphone, montre connectée, etc.) est proscrite pendant la durée des épreuves.',
  ];
  const noExit = [...new Set(lines.filter((l) => l.noExitBefore).map((l) => l.epreuve))];
  if (noExit.length > 0) {
    rules.push(`Épreuves ${noExit.join(', ')} : aucune sortie des salles n'est autorisée avant la fin de la 2e heure de l'épreuve.`);
  }
  if (lines.some((l) => l.lockInMinutes)) {
    rules.push("Mise en loge : les candidats restent dans la salle pendant toute la durée de mise en loge indiquée, pour éviter les risques de fraude.");
  }
  return rules;
}

/** Circulaire nationale 2024 §1 H and annexe 4 (contrôle de conformité des dossiers E4, E61, E62). */
export function dossierReminder(lines: ConvocationLine[]): string | undefined {
  const eps = [...new Set(lines.filter((l) => l.dossier).map((l) => l.epreuve))];
  if (eps.length === 0) return undefined;
  return (
    `Épreuve(s) ${eps.join(', ')} : votre dossier fait l'objet d'un contrôle de conformité avant l'interrogation (circulaire nationale, annexe 4). ` +
    "Il est non conforme en cas d'absence d'attestation(s) de stage, de durée de stage insuffisante, d'absence de certificat(s) de travail, " +
    "de certificat(s) ou attestation(s) non visé(s) ou non signé(s), d'absence de fiche(s) descriptive(s) ou de dossier, ou de dépôt hors délai. " +
    "En cas d'absence ou de non-conformité, vous ne pourrez pas être interrogé(e) : la mention « non valide » (NV) est attribuée et le diplôme ne peut être délivré."
  );
}

export function centreText(c: CentreInfo | undefined): string {
  if (!c) return CENTRE_PENDING;
  const town = [c.codePostal, c.commune].filter(Boolean).join(' ');
  return [c.nom, c.adresse, town].filter(Boolean).join(', ');
}

/**
 * Annexe 2: written épreuves are sat at the same instant everywhere; times are printed on the clock of the
 * centre's territory (issue #11 finding 1), said once, above the table, off Métropole's clock.
 */
export function zoneNotice(view: ConvocationView): string | undefined {
  const places = [...new Set(view.convocation.lines.filter((l) => l.start && l.place).map((l) => `${l.place} (${l.utc})`))];
  if (places.length === 0) return undefined;
  return `Horaires en heure locale : ${places.join(', ')} (circulaire nationale, annexe 2).`;
}

function timesText(l: ConvocationLine, view: ConvocationView): string {
  if (!l.start || !l.end) return l.pending ?? '';
  const first = `${frenchClock(l.start)} – ${frenchClock(l.end)}`;
  const details: string[] = [];
  if (l.passage) details.push(`passage devant la commission : ${frenchClock(l.passage)}`);
  if (l.extendedEnd) details.push(`temps majoré (${view.candidate.tempsMajore}) : fin à ${frenchClock(l.extendedEnd)}`);
  if (l.lockInMinutes) details.push(`mise en loge : ${frenchDuration(l.lockInMinutes)}`);
  if (l.noEntryAfter) details.push(`accès refusé après ${frenchClock(l.noEntryAfter)}`);
  if (l.noExitBefore) details.push(`aucune sortie avant ${frenchClock(l.noExitBefore)}`);
  return details.length > 0 ? `${first}\n${details.join(' ; ')}` : first;
}

export function convocationFooter(view: ConvocationView): string {
  const c = view.candidate;
  return `BTS CCST ${view.session} — convocation — ${c.nom} ${c.prenom} — N° ${c.numero}`;
}

/** One candidate's convocation as one page group. */
export function drawConvocation(w: PdfWriter, view: ConvocationView): void {
  const c = view.candidate;
  w.beginDocument(convocationFooter(view));
  titleBlock(w, ['CONVOCATION', `${view.diplome} – session ${view.session}`], { size: 12 });
  const postal = [c.adresse, [c.codePostal, c.commune].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  fields(w, [
    { label: 'Académie', value: view.academie },
    { label: 'Établissement', value: c.etablissement ?? '' },
    { label: 'Nom', value: c.nom },
    { label: 'Prénom', value: c.prenom },
    { label: 'N° du candidat', value: c.numero },
    { label: 'Date de naissance', value: c.dateNaissance ? c.dateNaissance.split('-').reverse().join('/') : '' },
    { label: 'Adresse', value: postal },
  ], { minHeight: 15 });
  heading(w, 'Vous êtes convoqué(e) aux épreuves suivantes', { size: 9.5 });
  const notice = zoneNotice(view);
  if (notice) w.paragraph(notice, { font: FONT.bold, size: 8.5 }, 3);
  const header: Row[] = [['Épreuve', 'Date', 'Horaire', 'Lieu'].map((t) => ({ text: t, bold: true, fill: HEADER_FILL }))];
  const rows: Row[] = view.convocation.lines.map((l): Row => {
    const epreuve = { text: `${l.epreuve} – ${l.title} (${l.nature === 'ecrit' ? 'écrit' : 'oral'}${l.langue ? `, ${l.langue}` : ''})` };
    // A non-conforming dossier: no date, time or place to wait for — the épreuve will not take place (annexe 4).
    if (l.nonConforming) return [epreuve, { text: `${NOT_TAKING}\n${l.pending ?? ''}`, colSpan: 3, bold: false }];
    return [
      epreuve,
      { text: l.date ? frenchDate(l.date) : 'à venir' },
      { text: timesText(l, view) },
      { text: l.centre?.nom ?? CENTRE_PENDING },
    ];
  });
  if (rows.length === 0) rows.push([{ text: "Aucune épreuve ponctuelle : vos unités sont évaluées en contrôle en cours de formation ou vous en êtes dispensé(e).", colSpan: 4, italic: true }]);
  table(w, { columns: [3.3, 1.9, 3.9, 2.7], header, rows, fontSize: 7.5, padding: 2 });
  w.space(4);
  // Each centre's address once, under the table (a candidate often has one centre for several épreuves).
  const centres = [...new Map(view.convocation.lines.filter((l) => l.centre).map((l) => [l.centre!.uai, l.centre!])).values()];
  if (centres.length > 0) {
    w.paragraph(centres.length > 1 ? 'Adresses des centres :' : 'Adresse du centre :', { font: FONT.bold, size: 8 }, 1);
    bullets(w, centres.map(centreText), { size: 8 });
  }
  if (view.convocation.ccfUnits.length > 0) {
    const list = view.convocation.ccfUnits.map((u) => `${u.epreuve} (${u.title})`).join(', ');
    w.paragraph(`Évaluées en contrôle en cours de formation par votre établissement : ${list}.`, { size: 8 }, 6);
  }
  // Issue #10 §7: the aménagements granted are printed for the candidate (and shown by them at the centre).
  const amenagements = amenagementText(c);
  if (amenagements) {
    heading(w, 'Aménagements d’épreuves accordés', { keep: 40, size: 9.5 });
    w.paragraph(`${amenagements}.${c.tempsMajore ? ' Le temps majoré est compris dans les horaires ci-dessus (fin indiquée pour chaque épreuve écrite).' : ''}`, { size: 8, font: FONT.bold }, 4);
  }
  const reminder = dossierReminder(view.convocation.lines);
  if (reminder) {
    heading(w, 'Dossiers : contrôle de conformité', { keep: 40, size: 9.5 });
    w.paragraph(reminder, { size: 7.5 }, 4);
  }
  heading(w, 'Présentez-vous à chaque épreuve avec', { keep: 40, size: 9.5 });
  bullets(w, TO_BRING, { size: 8 });
  heading(w, 'Règles de l’examen (circulaire nationale d’organisation)', { keep: 60, size: 9.5 });
  bullets(w, rulesFor(view), { size: 7.5 });
  // Issue #11 finding 2: the académie's own rule, under its own source, only when the workspace has one.
  if (view.lateness && view.convocation.lines.some((l) => l.noEntryAfter)) {
    heading(w, `Règle de l’académie (${view.lateness.source})`, { keep: 40, size: 9.5 });
    bullets(w, [latenessText(view.lateness)], { size: 7.5 });
  }
}
