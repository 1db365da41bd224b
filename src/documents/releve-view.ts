// The relevé de notes of one candidate, from the deliberation's record (results.detail, written by
// `ccst deliberate`): notes per unit, MG as stored (truncated, never re-rounded), decision, and the units a
// candidate who is not admitted keeps, with the last session they count for (Code de l'éducation D643-20:
// « le bénéfice […] est valable cinq ans » — regulation deliberation.beneficeValidityYears).
import type { Regulation } from '../domain/regulation/schema.js';
import type { ResultDetail } from '../domain/deliberation/candidate-result.js';

export interface ReleveLine {
  unite: string;
  epreuve: string;
  title: string;
  coefficient: string;
  /** What the unit counts as, in words: "12,5", "14 (bénéfice session 2022)", "Dispensé", "NV (non valide)". */
  note: string;
}

export interface ReleveView {
  numero: string;
  nom: string;
  prenom: string;
  dateNaissance?: string;
  etablissement?: string;
  voie?: string;
  session: number;
  lines: ReleveLine[];
  moyenne: string;
  moyenneProfessionnelle: string;
  /** "U4, U5, U61, U62": the units of the professional average (regulation domain « professional »). */
  professionalUnits: string;
  decision: string;
  motif: string;
  controle: string[];
  acquises: string[];
}

const DECISION_TEXT: Record<string, string> = {
  ADMIS: 'ADMIS(E)',
  AJOURNE: 'AJOURNÉ(E)',
  CONTROLE: 'AUTORISÉ(E) À SUBIR LES ÉPREUVES DE CONTRÔLE',
  ELIMINE: 'ÉLIMINÉ(E) — le diplôme ne peut être délivré',
  INCOMPLET: 'RÉSULTAT EN ATTENTE — note(s) manquante(s)',
};

export function decisionText(decision: string): string {
  return DECISION_TEXT[decision] ?? decision;
}

/** A stored cell in words; the number itself is the stored text, untouched. */
export function noteInWords(u: ResultDetail['units'][number]): string {
  const v = u.valeur;
  switch (u.code) {
    case null:
      return v === '' ? '— (pas de note)' : v;
    case 'note':
      return v;
    case 'BEN':
      return `${v.replace(/^BEN\s*/, '').replace(/@\d{4}$/, '')} (bénéfice${u.sessionBenefice ? ` session ${u.sessionBenefice}` : ''})`;
    case 'REP':
      return `${v.replace(/^REP\s*/, '')} (report)`;
    case 'DIS':
      return 'Dispensé(e)';
    case 'ABS':
      return 'ABS (absent)';
    case 'ABJ':
      return 'ABJ (absence justifiée, comptée 0)';
    case 'NV':
      return 'NV (non valide)';
    case 'NUL':
      return 'NUL (épreuve annulée par sanction disciplinaire, comptée 0)';
    default:
      return v;
  }
}

export function releveView(
  reg: Regulation,
  d: ResultDetail,
  identity: { dateNaissance?: string; etablissement?: string; voieLabel?: string } = {},
): ReleveView {
  const unitOf = (code: string) => reg.units.find((u) => u.code === code);
  const validity = reg.deliberation.beneficeValidityYears;
  const lines = d.units.map((u) => {
    const def = unitOf(u.unite);
    return {
      unite: u.unite,
      epreuve: def?.epreuve ?? '',
      title: def?.title ?? u.unite,
      coefficient: def?.optional ? 'facultative' : u.coefficient,
      note: noteInWords(u),
    };
  });
  const acquises = (d.unitesAcquises ?? []).map((code) => {
    const u = d.units.find((x) => x.unite === code);
    // A bénéfice keeps the validity of the session it was obtained in; a note of this session counts from now.
    const from = u?.sessionBenefice ?? d.session;
    const shown = u ? noteInWords(u) : '';
    return `${code}${shown ? ` (${shown})` : ''} : note conservable jusqu’à la session ${from + validity} incluse`;
  });
  return {
    numero: d.numero,
    nom: d.nom,
    prenom: d.prenom,
    dateNaissance: identity.dateNaissance,
    etablissement: identity.etablissement ?? (d.etablissement || undefined),
    voie: identity.voieLabel,
    session: d.session,
    lines,
    moyenne: d.moyenne ?? '—',
    moyenneProfessionnelle: d.moyenneProfessionnelle ?? '—',
    professionalUnits: reg.units.filter((u) => u.domain === 'professional').map((u) => u.code).join(', '),
    decision: decisionText(d.decision),
    motif: d.motif,
    controle: (d.controle ?? []).map((c) => `${c.unite} : note initiale ${c.premiere}, épreuve de contrôle ${c.controle}, note retenue ${c.retenue}`),
    acquises,
  };
}
