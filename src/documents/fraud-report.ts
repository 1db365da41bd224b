// The report of an incident or a fraud suspicion for the division des examens (issue #14 §4), one A4 page.
// Circulaire nationale 2024 §G: in case of flagrant fraud the chef de centre « Prend toutes mesures pour faire cesser
// la fraude ou la tentative de fraude, sans interrompre la participation à l'épreuve du ou des candidats. Saisit les
// pièces ou matériels permettant d'établir la réalité des faits. Effectue sans délai un signalement auprès de la
// direction des examens et concours compétent. Constitue un dossier de fraude selon les instructions fournies. »
// This page is that signalement: who, which épreuve, where, when, the facts, the evidence, the signatures.
import { checklist, fields, heading, observation, signatures, titleBlock, DEFAULT_SIZE, FONT, PAGE, type PdfWriter } from './render/index.js';

export interface FraudReportView {
  runningTitle: string;
  academie?: string;
  id: number;
  fraude: boolean;
  numero: string;
  nom?: string;
  prenom?: string;
  dateNaissance?: string;
  etablissement?: string;
  epreuve: string;
  epreuveTitle?: string;
  /** DD/MM/YYYY of the written épreuve, when the calendar gives it. */
  date?: string;
  centre?: string;
  salle?: string;
  heure: string;
  faits: string;
  pieces?: string;
  /** Decision already recorded (a report printed again after `incidents close`). */
  decision?: string;
}

const frTime = (hhmm: string) => hhmm.replace(':', 'h');

/** Text width inside a full-width box (table padding 3 pt each side). */
const BOX_WIDTH = PAGE.width - PAGE.left - PAGE.right - 6;

/** The report stays one page (signatures included): long facts are cut within their box, and noted (truncations.ts). */
const within = (w: PdfWriter, text: string, maxHeight: number) => w.fit(text, BOX_WIDTH, maxHeight, { size: DEFAULT_SIZE }).text;

export function drawFraudReport(w: PdfWriter, v: FraudReportView): void {
  w.beginDocument(`${v.fraude ? 'Rapport de fraude' : 'Rapport d’incident'} n° ${v.id} — ${v.numero} — ${v.epreuve}`);
  titleBlock(w, [v.runningTitle, v.fraude ? 'RAPPORT DE FRAUDE OU DE TENTATIVE DE FRAUDE' : 'RAPPORT D’INCIDENT', 'à l’attention de la division des examens et concours']);
  w.paragraph(`Incident n° ${v.id}${v.academie ? ` — académie de ${v.academie}` : ''}`, { font: FONT.bold, size: 10 }, 4);
  heading(w, 'Candidat');
  fields(w, [
    { label: 'N° candidat', value: v.numero },
    { label: 'Né(e) le', value: v.dateNaissance },
    { label: 'Nom', value: v.nom },
    { label: 'Prénom', value: v.prenom },
    { label: 'Établissement', value: v.etablissement },
  ]);
  heading(w, 'Épreuve et lieu');
  fields(w, [
    { label: 'Épreuve', value: v.epreuveTitle ? `${v.epreuve} — ${v.epreuveTitle}` : v.epreuve },
    { label: 'Date', value: v.date },
    { label: 'Centre', value: v.centre },
    { label: 'Salle', value: v.salle },
    { label: 'Heure des faits', value: frTime(v.heure) },
  ]);
  observation(w, 'Faits constatés', { text: within(w, v.faits, 160), height: 120 });
  observation(w, 'Pièces ou matériels saisis (circulaire nationale §G : « Saisit les pièces ou matériels permettant d’établir la réalité des faits »)', { text: within(w, v.pieces ?? 'aucune pièce saisie déclarée', 80), height: 70 });
  if (v.fraude) {
    checklist(w, [
      { text: 'Mesures prises pour faire cesser la fraude, sans interrompre la participation du candidat à l’épreuve (§G)' },
      { text: 'Signalement fait sans délai à la division des examens et concours (§G)' },
    ]);
  }
  if (v.decision) observation(w, 'Décision enregistrée', { text: within(w, v.decision, 36), height: 40 });
  w.paragraph('Fait à ........................................, le ....................', { font: FONT.regular, size: 9 }, 6);
  signatures(w, { title: 'Signatures', columns: ['Surveillant', 'Surveillant', 'Chef de centre'], rows: 1, height: 60 });
}
