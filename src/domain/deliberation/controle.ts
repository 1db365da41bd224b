// Épreuves de contrôle (D643-15; circulaire Toulouse 2023 §V; issue 5 item 4): a CONTROLE candidate takes up to
// `controleMaxUnits` contrôle notes on the units listed in `controleUnits`; each unit keeps the better of its two
// notes; MG is recomputed and the decision becomes ADMIS or AJOURNE — never CONTROLE again (D643-13: admis when the
// MG reaches the admission threshold). The regime of the session (regulation `controle`, issue 11 item 8) says
// whether a bénéfice unit may be chosen and whether a unit raised at the contrôle becomes acquired: both are data
// marked « à confirmer » in the bundled regulation, so the outcome names the candidates they changed.
import { formatHundredths } from '../candidate.js';
import { atLeastHundredths, formatTruncated } from './exact.js';
import { acquiredUnits, computeAverages, type Cells, type Deliberation } from './decide.js';
import { countedValue, formatNoteCell, type NoteCell } from './note-cell.js';
import type { DeliberationRules } from './rules.js';
import { fail, ok, type FieldResult } from '../validation.js';

/** A contrôle result: a note in hundredths, or ABS (not taken: the first note stays). */
export interface ControleNote {
  unite: string;
  value: number | 'ABS';
}

export interface ControleLine {
  unite: string;
  before: NoteCell;
  controle: number | 'ABS';
  /** The note kept for the unit: the better of the two. */
  kept: number;
}

export interface ControleOutcome {
  deliberation: Deliberation;
  cells: Map<string, NoteCell>;
  lines: ControleLine[];
  /**
   * Units raised to the bénéfice minimum by the contrôle for a candidate still ajourné: acquired or not according
   * to `acquiredAfterControle` (reported by the commands, since the bundled value is to be confirmed).
   */
  raisedToAcquired: string[];
}

export function applyControle(
  rules: DeliberationRules,
  cells: Cells,
  first: Deliberation,
  notes: ControleNote[],
): FieldResult<ControleOutcome> {
  if (first.decision !== 'CONTROLE') {
    return fail('controle', `candidat non autorisé aux épreuves de contrôle (décision ${first.decision}, ${first.motif})`);
  }
  if (notes.length > rules.controleMaxUnits) {
    return fail('controle', `${notes.length} épreuves de contrôle : au plus ${rules.controleMaxUnits}`);
  }
  const next = new Map(cells);
  const lines: ControleLine[] = [];
  const seen = new Set<string>();
  for (const n of notes) {
    const unit = rules.compulsory.find((u) => u.code === n.unite);
    if (!unit || !unit.controle) {
      const allowed = rules.compulsory.filter((u) => u.controle).map((u) => u.code).join(', ');
      return fail('controle', `${n.unite} n’est pas une unité des épreuves de contrôle (${allowed})`);
    }
    if (seen.has(n.unite)) return fail('controle', `${n.unite} : deux notes de contrôle pour la même unité`);
    seen.add(n.unite);
    const before = cells.get(n.unite);
    const beforeValue = countedValue(before);
    if (!before || beforeValue === undefined) {
      return fail('controle', `${n.unite} : pas de note de première session (${before?.kind ?? 'vide'}) à améliorer`);
    }
    if (before.kind === 'BEN' && rules.controleRegime && !rules.controleRegime.beneficeChoosable.value) {
      return fail('controle', `${n.unite} : unité tenue par un bénéfice, non choisissable au contrôle (règlement controle.${rules.controleRegime.id}.beneficeChoosable)`);
    }
    const kept = n.value === 'ABS' ? beforeValue : Math.max(beforeValue, n.value);
    if (kept > beforeValue) next.set(n.unite, { kind: 'note', value: kept });
    lines.push({ unite: n.unite, before, controle: n.value, kept });
  }
  const averages = computeAverages(rules, next);
  const mg = averages.mg!;
  const admitted = atLeastHundredths(mg, rules.admissionH);
  const threshold = formatHundredths(rules.admissionH);
  const firstAcquired = new Set(acquiredUnits(rules, cells));
  const raisedToAcquired = admitted ? [] : acquiredUnits(rules, next).filter((u) => !firstAcquired.has(u));
  const deliberation: Deliberation = {
    decision: admitted ? 'ADMIS' : 'AJOURNE',
    motif: `après contrôle (${lines.map(controleText).join(', ')}) : MG ${formatTruncated(mg)} ${admitted ? '≥' : '<'} ${threshold}`,
    averages,
    acquired: admitted ? [] : acquiredUnits(rules, rules.acquiredAfterControle ? next : cells),
  };
  return ok({ deliberation, cells: next, lines, raisedToAcquired });
}

/** "U1 8 → 12" or "U3 9,5 → ABS": both notes, as the jury sees them. */
function controleText(l: ControleLine): string {
  return `${l.unite} ${formatNoteCell(l.before)} → ${l.controle === 'ABS' ? 'ABS' : formatHundredths(l.controle)}`;
}
