// The contrôle de conformité of one dossier (E4, E61, E62): pure rules, no I/O.
// Sources: référentiel BTS CCST annexe V b (stage: A–C), circulaire nationale 2024 §1 H, §2 « Stages » and annexe 4,
// circulaire Toulouse 2023 §1.2.2 (points entraînant la note « NV »). Thresholds come from the regulation's `stage`.
import type { ConformityRules, Regulation } from '../regulation/schema.js';
import type { ConformityEpreuve, Motif } from './motifs.js';

/** What a dossier file says about one candidate's dossier; weeks are integer hundredths (14,5 → 1450). */
export interface DossierFacts {
  epreuve: ConformityEpreuve;
  /** ISO date of deposit; undefined = nothing deposited. */
  depot?: string;
  attestationStage?: boolean;
  semainesStage?: number;
  semainesConsecutives1reAnnee?: number;
  certificatTravail?: boolean;
  signatures?: boolean;
  ficheDescriptive?: boolean;
  amenagementDuree: boolean;
  /** Another motif written by the controller (annexe 4 « autres (à préciser) »). */
  autre?: string;
  /** Perfectionnement (V b B.3 b): months as a full-time salarié in the year before the exam. */
  moisTempsPlein?: number;
  /** Perfectionnement (V b B.3 b): months as a part-time salarié in the two years before the exam. */
  moisTempsPartiel?: number;
  /** Expérience professionnelle voie: years the certificats de travail justify, in hundredths (2,5 → 250). */
  anneesExperience?: number;
  /**
   * Circulaire Toulouse 2023 §1.2.2: doubt on the dossier of a candidate present — evaluated normally, « la notation
   * sera mise sous réserve de vérification »; a later run without the réserve confirms the note or sets NV.
   */
  reserve?: boolean;
  /** ISO date the candidate and établissement were told of the non-conformity (circulaire Toulouse 2023 §1.2.1). */
  dateInformation?: string;
  /** ISO date of the épreuve concerned. */
  dateEpreuve?: string;
}

export interface CandidateFacts {
  voie: string;
  /** Dispensed unit codes (U4, U61…). */
  dispenses: string[];
}

export type StageRules = Regulation['stage'];
export type DossierField = Exclude<keyof DossierFacts, 'epreuve' | 'amenagementDuree' | 'autre' | 'depot' | 'reserve' | 'dateInformation' | 'dateEpreuve'>;

/**
 * Which document proves the professional period, by voie (référentiel annexe V b B):
 * - stage: scolaire (B.1) — attestation(s) de stage with the duration;
 * - employeur: apprentis (B.2) — « l'attestation de l'employeur de réalisation de contrat » replaces the attestation
 *   de stage (recorded in the column attestation_stage); no duration is counted;
 * - certificats: expérience professionnelle (B.5) — certificats de travail replace the attestation de stage;
 * - stage_ou_certificats: formation continue (B.3 a: 14–16 weeks; B.3 b perfectionnement: certificats de travail),
 *   distance (B.4: « selon leur statut ») and individual candidates, whose status the file does not tell.
 */
export type Evidence = 'stage' | 'employeur' | 'certificats' | 'stage_ou_certificats';

const EVIDENCE_BY_VOIE: Record<string, Evidence> = {
  scolaire_public: 'stage',
  scolaire_prive_sous_contrat: 'stage',
  scolaire_prive_hors_contrat: 'stage',
  apprentissage_habilite: 'employeur',
  apprentissage_non_habilite: 'employeur',
  experience_professionnelle: 'certificats',
  formation_continue_habilitee: 'stage_ou_certificats',
  formation_continue_non_habilitee: 'stage_ou_certificats',
  ccf_etendu: 'stage_ou_certificats',
  enseignement_distance: 'stage_ou_certificats',
  candidat_individuel: 'stage_ou_certificats',
};

/** A voie not listed (another session's regulation) is held to the general rule: the stage is compulsory (V b). */
export function evidenceFor(voie: string): Evidence {
  return EVIDENCE_BY_VOIE[voie] ?? 'stage';
}

/** The first-year period is written for the voie scolaire only (référentiel annexe V b B.1). */
function firstYearApplies(voie: string): boolean {
  return evidenceFor(voie) === 'stage';
}

export type StageRequirement =
  | { kind: 'none'; why: string }
  /** `why` explains a reduced minimum (aménagement, dispense); empty for the plain 14 weeks. */
  | { kind: 'weeks'; minimum: number; firstYearConsecutive?: number; why: string };

/**
 * Référentiel annexe V b C « Aménagement de la durée du stage »: 14 weeks minimum (regulation stage.minimumWeeks),
 * reduced to no less than 10 by an aménagement or positionnement decision; « les candidats qui produisent une
 * dispense des unités 4 et 6 […] ne sont pas tenus d'effectuer de stage. Si la dispense ne porte que sur l'une ou
 * l'autre de ces unités la durée du stage est réduite de moitié. » Unit 6 is U61 + U62: it counts as dispensed only
 * when both are; a dispense of U4, U61 or U62 alone halves the duration. The 4 consecutive first-year weeks
 * (V b B.1, circulaire §2 « Stages ») are required only for the full duration: an aménagement or positionnement may
 * skip the first year, and the halved duration is not split by the texts.
 */
export function stageRequirement(stage: StageRules, voie: string, dispenses: string[], amenagement: boolean): StageRequirement {
  const d = new Set(dispenses);
  const u4 = d.has('U4');
  const u6 = d.has('U61') && d.has('U62');
  const partU6 = d.has('U61') || d.has('U62');
  if (u4 && u6) return { kind: 'none', why: 'dispense des unités U4 et U6 : pas de stage exigé (référentiel annexe V b C)' };
  const base = (amenagement ? stage.minimumWeeksWithAmenagement : stage.minimumWeeks) * 100;
  const baseWhy = amenagement ? `${stage.minimumWeeksWithAmenagement} semaines (aménagement de durée)` : `${stage.minimumWeeks} semaines`;
  if (u4 || partU6) {
    const which = [...d].filter((u) => ['U4', 'U61', 'U62'].includes(u)).sort().join(', ');
    return { kind: 'weeks', minimum: base / 2, why: `${baseWhy} réduites de moitié, dispense de ${which}, référentiel annexe V b C` };
  }
  const firstYear = !amenagement && firstYearApplies(voie) ? stage.firstYearConsecutiveWeeks * 100 : undefined;
  return { kind: 'weeks', minimum: base, firstYearConsecutive: firstYear, why: amenagement ? `aménagement de durée, référentiel annexe V b C` : '' };
}

export type ConformityOutcome =
  | { status: 'incomplete'; missing: DossierField[] }
  /** Circulaire Toulouse 2023 §1.2.2: evaluated normally, « notation mise sous réserve de vérification ». */
  | { status: 'reserve'; observations: string[] }
  | { status: 'checked'; conforme: boolean; motifs: Motif[]; observations: string[] };

/** 1450 → "14,5"; weeks are printed like notes (French decimal comma). */
export function formatWeeks(h: number): string {
  const int = Math.floor(h / 100);
  const frac = h % 100;
  return frac === 0 ? String(int) : `${int},${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}

const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/**
 * Decides one dossier. Missing facts that the rules need are reported (`incomplete`) rather than guessed: a dossier
 * is never declared non valide — nor valide — on an empty cell.
 */
export function checkDossier(
  facts: DossierFacts,
  candidate: CandidateFacts,
  stage: StageRules,
  dateLimite?: string,
  rules?: ConformityRules,
): ConformityOutcome {
  const motifs: Motif[] = [];
  const observations: string[] = [];
  const ficheMotif = facts.epreuve === 'E61' ? 'fiche_projet' : 'fiche_dossier';

  // Circulaire Toulouse 2023 §1.2.2: « absence de dépôt de dossier » → NV. Nothing else can be checked.
  if (facts.depot === undefined) {
    return { status: 'checked', conforme: false, motifs: [{ code: 'fiche_dossier', precision: '(aucun dossier déposé)' }], observations };
  }

  const missing: DossierField[] = [];
  const need = <K extends DossierField>(k: K): DossierFacts[K] => {
    if (facts[k] === undefined) missing.push(k);
    return facts[k];
  };

  // Circulaire Toulouse 2023 §1.2.2: « dépôt hors délai » → NV (annexe 4 has no box for it: « autres »).
  if (dateLimite !== undefined && facts.depot > dateLimite) {
    motifs.push({ code: 'autre', precision: `dépôt hors délai (déposé le ${frDate(facts.depot)}, date limite ${frDate(dateLimite)})` });
  }

  const evidence = evidenceFor(candidate.voie);
  const req = stageRequirement(stage, candidate.voie, candidate.dispenses, facts.amenagementDuree);
  if (evidence === 'certificats') {
    // Référentiel annexe V b B.5: certificats de travail instead of the attestation de stage.
    const certificats = need('certificatTravail');
    if (certificats === false) motifs.push({ code: 'certificat_travail' });
    const exp = rules?.experience;
    if (certificats === true && exp && exp.voies.includes(candidate.voie)) {
      // Référentiel annexe IV c: « candidats justifiant de 3 ans d'expérience professionnelle ».
      const years = need('anneesExperience');
      const required = Math.round(exp.years * 100);
      if (years !== undefined && years < required) {
        motifs.push({ code: 'certificat_travail', precision: `(${formatWeeks(years)} an(s) d’expérience professionnelle justifié(s) pour ${formatWeeks(required)} requis : référentiel annexe IV c)` });
      }
    }
  } else if (evidence === 'employeur') {
    // Référentiel annexe V b B.2: the employer's attestation de réalisation de contrat replaces the attestation.
    if (need('attestationStage') === false) {
      motifs.push({ code: 'attestation_stage', precision: "(attestation de l'employeur de réalisation de contrat)" });
    }
  } else if (req.kind === 'weeks') {
    const attestation = need('attestationStage');
    if (attestation === false && evidence === 'stage_ou_certificats' && need('certificatTravail') === true) {
      // Référentiel annexe V b B.3 b: in perfectionnement, certificats de travail may replace the attestation.
      const p = rules?.perfectionnement;
      if (!p) observations.push('certificats de travail au lieu d’attestation de stage : vérifier la situation de perfectionnement (référentiel annexe V b B.3 b)');
      else {
        const v = perfectionnementCheck(p, facts);
        if (v.kind === 'missing') missing.push('moisTempsPlein', 'moisTempsPartiel');
        else if (v.kind === 'ok') observations.push(v.text);
        else motifs.push({ code: 'duree_stage', precision: v.text });
      }
    } else if (attestation === false) {
      motifs.push({ code: 'attestation_stage' });
    } else if (attestation === true) {
      const weeks = need('semainesStage');
      if (weeks !== undefined && weeks < req.minimum) {
        const why = req.why ? ` : ${req.why}` : '';
        motifs.push({ code: 'duree_stage', precision: `(${formatWeeks(weeks)} semaines pour ${formatWeeks(req.minimum)} requises${why})` });
      }
      if (req.firstYearConsecutive !== undefined) {
        const consecutive = need('semainesConsecutives1reAnnee');
        if (consecutive !== undefined && consecutive < req.firstYearConsecutive) {
          motifs.push({
            code: 'duree_stage',
            precision: `(période de 1re année : ${formatWeeks(consecutive)} semaines consécutives pour ${formatWeeks(req.firstYearConsecutive)} requises)`,
          });
        }
      }
    }
  } else {
    observations.push(req.why);
  }

  // Circulaire Toulouse 2023 §1.2.2: « absence de signature ou de visa … par les personnes habilitées » → NV.
  if (need('signatures') === false) motifs.push({ code: 'signatures' });
  // Circulaire nationale 2024 (E4, U61, U62): « En l'absence de fiche descriptive [de dossier pour U62] … non valide ».
  if (need('ficheDescriptive') === false) motifs.push({ code: ficheMotif });
  if (facts.autre) motifs.push({ code: 'autre', precision: facts.autre });

  if (missing.length > 0) return { status: 'incomplete', missing };
  // The réserve is the jury's doubt, recorded after an interrogation conducted normally: no decision yet.
  if (facts.reserve) return { status: 'reserve', observations: [...observations, 'notation mise sous réserve de vérification (circulaire Toulouse 2023 §1.2.2)'] };
  return { status: 'checked', conforme: motifs.length === 0, motifs, observations };
}

/**
 * Référentiel annexe V b B.3 b: the activities « doivent avoir été effectuées en qualité de salarié à plein temps
 * pendant six mois au cours de l'année précédant l'examen ou à temps partiel pendant un an au cours des deux années
 * précédant l'examen ». One of the two durations must be stated; either one meeting its figure suffices.
 */
export function perfectionnementCheck(
  p: ConformityRules['perfectionnement'],
  facts: Pick<DossierFacts, 'moisTempsPlein' | 'moisTempsPartiel'>,
): { kind: 'missing' } | { kind: 'ok' | 'insuffisant'; text: string } {
  const full = facts.moisTempsPlein;
  const part = facts.moisTempsPartiel;
  if (full === undefined && part === undefined) return { kind: 'missing' };
  if (full !== undefined && full >= p.fullTimeMonths) return { kind: 'ok', text: `perfectionnement : ${full} mois à plein temps (${p.fullTimeMonths} requis, référentiel annexe V b B.3 b)` };
  if (part !== undefined && part >= p.partTimeMonths) return { kind: 'ok', text: `perfectionnement : ${part} mois à temps partiel (${p.partTimeMonths} requis, référentiel annexe V b B.3 b)` };
  const said = [full !== undefined ? `${full} mois à plein temps` : '', part !== undefined ? `${part} mois à temps partiel` : ''].filter(Boolean).join(', ');
  return { kind: 'insuffisant', text: `(perfectionnement : ${said} pour ${p.fullTimeMonths} mois à plein temps ou ${p.partTimeMonths} mois à temps partiel requis, référentiel annexe V b B.3 b)` };
}

/** Whole days from one ISO date to another (UTC calendar days: no time zone enters). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Circulaire Toulouse 2023 §1.2.1: « En cas de dossier non-conforme, le candidat et son établissement en seront
 * informés au moins 1 semaine avant le début de l'épreuve concernée. » For a non-conforming dossier of an académie
 * with that rule: a warning when the information is late, or when it is not recorded (with the last day to do it).
 */
export function noticeWarning(
  notice: NonNullable<ConformityRules['notice']>,
  academie: string | undefined,
  facts: Pick<DossierFacts, 'dateInformation' | 'dateEpreuve'>,
): string | undefined {
  if (!academie || !notice.academies.includes(academie)) return undefined;
  const rule = `au moins ${notice.days} jours avant l’épreuve, circulaire Toulouse 2023 §1.2.1`;
  if (!facts.dateEpreuve) {
    return facts.dateInformation ? undefined : `dossier non conforme : informer le candidat et son établissement (${rule}) — date de l’épreuve non indiquée`;
  }
  const last = new Date(Date.parse(`${facts.dateEpreuve}T00:00:00Z`) - notice.days * 86_400_000).toISOString().slice(0, 10);
  if (!facts.dateInformation) return `dossier non conforme : informer le candidat et son établissement au plus tard le ${frDate(last)} (${rule})`;
  const days = daysBetween(facts.dateInformation, facts.dateEpreuve);
  if (days < notice.days) return `information tardive : le ${frDate(facts.dateInformation)}, ${days} jour(s) avant l’épreuve du ${frDate(facts.dateEpreuve)} (${rule})`;
  return undefined;
}
