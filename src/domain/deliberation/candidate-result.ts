// One candidate through the whole deliberation: first decision, épreuves de contrôle when given, livret check
// (D643-26), and the record kept in the workspace for relevés (results.detail).
import { formatHundredths } from '../candidate.js';
import { fail, ok, type FieldResult } from '../validation.js';
import { formatScaled, formatTruncated, fractionText } from './exact.js';
import { decide, type Deliberation } from './decide.js';
import { applyControle, type ControleLine, type ControleNote } from './controle.js';
import { formatNoteCell, type NoteCell } from './note-cell.js';
import { allUnitCodes, type DeliberationRules } from './rules.js';

export interface Identity {
  numero: string;
  nom: string;
  prenom: string;
  etablissement: string;
  voie?: string;
}

/** A note changed by the jury before the decision (issue 5 item 3), kept on the record. */
export interface JuryChange {
  unite: string;
  before?: NoteCell;
  after: NoteCell;
  motif: string;
}

export interface Livret {
  supplied: boolean;
  examined: boolean;
}

export interface CandidateInput extends Identity {
  cells: Map<string, NoteCell>;
  jury?: JuryChange[];
  livret?: Livret;
  /** Contrôle notes, for a candidate whose first decision is CONTROLE. */
  controle?: ControleNote[];
}

export interface CandidateResult extends Identity {
  /** The cells the final decision used (contrôle improvements included). */
  cells: Map<string, NoteCell>;
  deliberation: Deliberation;
  /** The decision before the épreuves de contrôle, when they were applied. */
  first?: Deliberation;
  controle?: ControleLine[];
  jury: JuryChange[];
  alerts: string[];
  /**
   * Facts the jury deliberated beside, not on (issue #14 §4): « procédure de fraude en cours » while a fraud case is
   * open (circulaire nationale 2024 §G: the candidate's participation is not interrupted; domain/incidents/incident.ts).
   */
  observations?: string[];
}

export const LIVRET_ALERT = 'livret scolaire fourni mais non examiné : le jury doit l’examiner avant d’ajourner (D643-26)';

/** NV on an optional épreuve: « l'épreuve ne peut pas se dérouler » (circulaire nationale 2024) — no points, not eliminated. */
export const optionalNvAlert = (unit: string) =>
  `NV en ${unit} : épreuve facultative non passée (« l’épreuve ne peut pas se dérouler », circulaire nationale 2024), aucun point, pas d’élimination`;

export function deliberateCandidate(rules: DeliberationRules, input: CandidateInput): FieldResult<CandidateResult> {
  const first = decide(rules, input.cells);
  let deliberation = first;
  let cells = input.cells;
  let controle: ControleLine[] | undefined;
  if (input.controle && input.controle.length > 0) {
    const applied = applyControle(rules, input.cells, first, input.controle);
    if (!applied.ok) return fail(applied.kind, applied.message);
    ({ deliberation, cells } = applied.value);
    controle = applied.value.lines;
  }
  const alerts: string[] = [];
  // D643-26: « aucun candidat ayant fourni un livret scolaire ne peut être ajourné sans que le jury ait examiné
  // celui-ci » (circulaire Toulouse 2023 §IV). CONTROLE is flagged too: the candidate may end up ajourné.
  if (input.livret?.supplied && !input.livret.examined && (deliberation.decision === 'AJOURNE' || deliberation.decision === 'CONTROLE')) {
    alerts.push(LIVRET_ALERT);
  }
  for (const u of rules.optional) {
    if (!u.nvEliminates && cells.get(u.code)?.kind === 'NV') alerts.push(optionalNvAlert(u.code));
  }
  const { numero, nom, prenom, etablissement, voie } = input;
  return ok({ numero, nom, prenom, etablissement, voie, cells, deliberation, first: controle ? first : undefined, controle, jury: input.jury ?? [], alerts });
}

/** Everything a relevé de notes needs, as stored in results.detail (JSON). */
export function resultDetail(rules: DeliberationRules, r: CandidateResult, session: number) {
  const a = r.deliberation.averages;
  const coefOf = new Map([...rules.compulsory, ...rules.optional].map((u) => [u.code, u.coefH]));
  return {
    numero: r.numero,
    nom: r.nom,
    prenom: r.prenom,
    etablissement: r.etablissement,
    voie: r.voie ?? null,
    session,
    units: allUnitCodes(rules)
      .filter((code) => r.cells.has(code) || coefOf.get(code))
      .map((code) => {
        const cell = r.cells.get(code);
        return {
          unite: code,
          coefficient: formatHundredths(coefOf.get(code) ?? 0),
          valeur: formatNoteCell(cell),
          code: cell?.kind ?? null,
          note: cell && 'value' in cell ? cell.value : null,
          sessionBenefice: cell?.kind === 'BEN' ? (cell.session ?? null) : null,
        };
      }),
    points: a ? formatScaled(a.pointsScaled, 4) : null,
    coefficients: a ? formatHundredths(a.coefH) : null,
    moyenne: a?.mg ? formatTruncated(a.mg) : null,
    moyenneExacte: a?.mg ? fractionText(a.mg) : null,
    moyenneProfessionnelle: a?.mp ? formatTruncated(a.mp) : null,
    moyenneProfessionnelleExacte: a?.mp ? fractionText(a.mp) : null,
    decision: r.deliberation.decision,
    motif: r.deliberation.motif,
    unitesAcquises: r.deliberation.acquired,
    premiereDecision: r.first ? { decision: r.first.decision, motif: r.first.motif } : null,
    controle: (r.controle ?? []).map((l) => ({
      unite: l.unite,
      premiere: formatNoteCell(l.before),
      controle: l.controle === 'ABS' ? 'ABS' : formatHundredths(l.controle),
      retenue: formatHundredths(l.kept),
    })),
    jury: r.jury.map((j) => ({ unite: j.unite, avant: formatNoteCell(j.before), apres: formatNoteCell(j.after), motif: j.motif })),
    alertes: r.alerts,
  };
}
export type ResultDetail = ReturnType<typeof resultDetail>;
