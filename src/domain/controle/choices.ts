// Between the two deliberations (issue 11 item 8): who may take the épreuves de contrôle, which units each may
// choose, and the candidates' choices checked against that list. The regime of the session (regulation
// `controle`, controle-schema.ts) gives the épreuves, how many to choose and whether a bénéfice may be chosen.
import type { ControleRegime } from '../regulation/controle-schema.js';
import { formatNoteCell, countedValue, type NoteCell } from '../deliberation/note-cell.js';
import type { CellIssue } from '../validation.js';

/** A candidate as the first deliberation left them (stored result). */
export interface FirstResult {
  numero: string;
  nom: string;
  prenom: string;
  etablissement: string;
  decision: string;
  motif: string;
  /** The cells of the first decision (dispenses and bénéfices of the inscription included). */
  cells: ReadonlyMap<string, NoteCell>;
}

export interface ChoosableUnit {
  unite: string;
  label: string;
  /** The first-session note the contrôle may improve, as printed ("6", "BEN 12@2022"). */
  note: string;
}

export interface Eligible {
  candidate: FirstResult;
  choosable: ChoosableUnit[];
  /** Units of the regime the candidate cannot choose, and why. */
  excluded: { unite: string; reason: string }[];
}

/**
 * Whether a unit voided by a disciplinary sanction (NUL, « réputé avoir été présent sans l'avoir subie ») may be
 * chosen: templates/discipline/bts-fraude.json `controle`. No text we hold says it (circulaire nationale 2024,
 * circulaire Toulouse 2023 §V, reforme-bts-2024.md are silent on fraud and the contrôle): the data encodes the
 * conservative rule — not choosable — marked aConfirmer. A contrôle note would replace the voided one and undo the
 * sanction within the same session.
 */
export interface VoidedRule {
  choosable: boolean;
  /** Printed with the excluded unit. */
  reason: string;
}

export const VOIDED_REASON = 'épreuve annulée par une sanction disciplinaire (NUL) : pas d’épreuve de contrôle sur cette unité à cette session';

/**
 * The units a CONTROLE candidate may choose: the regime's épreuves with a first-session note. A dispensed unit has
 * no note to improve (référentiel annexe IV b: out of the average); a bénéfice only when the regime allows it; a
 * voided one (NUL) only when `voided` allows it (it counts 0 in the averages, but is not a note).
 */
export function eligibility(regime: ControleRegime, c: FirstResult, voided?: VoidedRule): Eligible {
  const choosable: ChoosableUnit[] = [];
  const excluded: Eligible['excluded'] = [];
  for (const e of regime.epreuves) {
    const cell = c.cells.get(e.unite);
    if (cell?.kind === 'DIS') excluded.push({ unite: e.unite, reason: 'unité dispensée (pas de note à améliorer)' });
    else if (cell?.kind === 'NUL' && !voided?.choosable) excluded.push({ unite: e.unite, reason: voided?.reason ?? VOIDED_REASON });
    else if (cell?.kind === 'BEN' && !regime.beneficeChoosable.value) {
      excluded.push({ unite: e.unite, reason: `bénéfice d’une session antérieure (règlement : controle.${regime.id}.beneficeChoosable = false)` });
    } else if (countedValue(cell) === undefined) excluded.push({ unite: e.unite, reason: `pas de note de première session (${cell?.kind ?? 'vide'})` });
    else choosable.push({ unite: e.unite, label: e.label, note: formatNoteCell(cell) });
  }
  return { candidate: c, choosable, excluded };
}

/** The CONTROLE candidates of the first deliberation, in numéro order, with their choosable units. */
export function eligibleCandidates(regime: ControleRegime, results: FirstResult[], voided?: VoidedRule): Eligible[] {
  return results
    .filter((r) => r.decision === 'CONTROLE')
    .sort((a, b) => (a.numero < b.numero ? -1 : a.numero > b.numero ? 1 : 0))
    .map((r) => eligibility(regime, r, voided));
}

/** The candidates with a unit excluded as voided (for the « effet à confirmer » notice). */
export const voidedExclusions = (eligible: readonly Eligible[], voided: VoidedRule): number =>
  eligible.filter((e) => e.excluded.some((x) => x.reason === voided.reason)).length;

/** One row of a choices file: a candidate and the units they name (one or several per row). */
export interface ChoiceInputRow {
  row: number;
  numero: string;
  /** Unit codes already resolved by the reader, with the text as written for messages. */
  units: { code?: string; text: string }[];
}

export interface ChoicesOutcome {
  /** numero → chosen units, in the regime's order. */
  choices: Map<string, string[]>;
  issues: CellIssue[];
  /** Not errors: fewer units than the regime's minimum when more were choosable. */
  warnings: string[];
}

/**
 * Checks the choices against the eligible list: a candidate who is not CONTROLE, a unit that is not one of theirs
 * (with the reason), the same unit twice, or more units than `choice.max` is an error at its row and column.
 */
export function checkChoices(regime: ControleRegime, eligible: Eligible[], rows: ChoiceInputRow[], knownNumeros: ReadonlySet<string>): ChoicesOutcome {
  const byNumero = new Map(eligible.map((e) => [e.candidate.numero, e]));
  const order = new Map(regime.epreuves.map((e, i) => [e.unite, i]));
  const { min, max } = regime.choice.value;
  const chosen = new Map<string, { unite: string; row: number }[]>();
  const issues: CellIssue[] = [];
  const issue = (row: number, column: string, kind: string, message: string) => issues.push({ row, column, kind, message });
  for (const r of rows) {
    const e = byNumero.get(r.numero);
    if (!e) {
      issue(r.row, 'numero', 'non-controle', knownNumeros.has(r.numero)
        ? `${r.numero} : candidat non autorisé aux épreuves de contrôle (décision de première délibération autre que CONTROLE)`
        : `${r.numero} : candidat inconnu ou non délibéré`);
      continue;
    }
    const list = chosen.get(r.numero) ?? [];
    chosen.set(r.numero, list);
    for (const u of r.units) {
      const ok = u.code ? e.choosable.find((c) => c.unite === u.code) : undefined;
      if (!ok) {
        const why = u.code ? e.excluded.find((x) => x.unite === u.code)?.reason : undefined;
        const allowed = e.choosable.map((c) => c.unite).join(', ') || 'aucune';
        issue(r.row, 'unites', 'unite', `${r.numero} : « ${u.text} » ne peut pas être choisie${why ? ` (${why})` : ''} ; unités possibles : ${allowed}`);
      } else if (list.some((x) => x.unite === ok.unite)) issue(r.row, 'unites', 'doublon', `${r.numero} : ${ok.unite} choisie deux fois`);
      else if (list.length >= max) issue(r.row, 'unites', 'trop', `${r.numero} : au plus ${max} épreuve(s) de contrôle (règlement : controle.${regime.id}.choice)`);
      else list.push({ unite: ok.unite, row: r.row });
    }
  }
  const warnings: string[] = [];
  const choices = new Map<string, string[]>();
  for (const [numero, list] of chosen) {
    const units = list.map((x) => x.unite).sort((a, b) => order.get(a)! - order.get(b)!);
    const possible = byNumero.get(numero)!.choosable.length;
    if (units.length < Math.min(min, possible)) {
      warnings.push(`${numero} : ${units.length} épreuve(s) choisie(s), ${min} attendue(s) (controle.${regime.id}.choice)`);
    }
    if (units.length) choices.set(numero, units);
  }
  return { choices, issues, warnings };
}
