// The contrôle de conformité model: circulaire nationale 2024, annexe 4 « Contrôle de conformité » (en application
// de l'arrêté du 22-7-2008). Wording is copied verbatim from the annexe: it is printed on the forms.

/** Épreuves subject to the control (circulaire nationale §1 H: « concerne les épreuves E4, E61 et E62 »). */
export const CONFORMITY_EPREUVES = ['E4', 'E61', 'E62'] as const;
export type ConformityEpreuve = (typeof CONFORMITY_EPREUVES)[number];

/** Annexe 4 lists the épreuves with these exact titles (E4's title differs slightly from the référentiel's). */
export const ANNEXE4_EPREUVE_LINES: Record<ConformityEpreuve, string> = {
  E4: 'E4 : Conception et commercialisation de solutions technico-commerciales',
  E61: 'E61 : Développement de la clientèle et de la relation client',
  E62: "E62 : Mise en œuvre de l'expertise technico-commerciale",
};

export const MOTIF_CODES = [
  'attestation_stage',
  'duree_stage',
  'certificat_travail',
  'signatures',
  'fiche_projet',
  'fiche_dossier',
  'autre',
] as const;
export type MotifCode = (typeof MOTIF_CODES)[number];

/** The motifs of annexe 4, in the annexe's order, verbatim. */
export const ANNEXE4_MOTIFS: Record<MotifCode, string> = {
  attestation_stage: "absence d'attestation(s) de stage",
  duree_stage: 'durée de stage insuffisante',
  certificat_travail: 'absence de certificat(s) de travail',
  signatures: 'certificat(s) ou attestation(s) non visé(s) ou non signé(s)',
  fiche_projet: 'absence de fiche(s) descriptive(s) de projet',
  fiche_dossier: 'absence de fiche(s) descriptive(s) ou de dossier',
  autre: 'autres (à préciser) :',
};

export const ANNEXE4_TEXT = {
  header: 'CONTROLE DE CONFORMITÉ',
  legal: "En application de l'arrêté du 22-7-2008 - J.O. du 8-8-2008",
  model: '(Modèle à disposition des autorités académiques organisatrices)',
  intro: 'Après vérification, votre candidature ne peut être retenue pour les motifs ci-dessous :',
  controllers: 'Noms des contrôleurs',
  dateSignatures: 'Date et signatures',
} as const;

/** One ticked motif, with the facts that justify it (printed under the motif, kept in the workspace). */
export interface Motif {
  code: MotifCode;
  /** Why, in French, e.g. « 12 semaines de stage pour 14 requises ». */
  precision?: string;
}

export function motifLabel(m: Motif): string {
  return m.precision ? `${ANNEXE4_MOTIFS[m.code]} ${m.precision}` : ANNEXE4_MOTIFS[m.code];
}
