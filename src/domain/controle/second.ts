// The second deliberation, after the épreuves de contrôle: each CONTROLE candidate whose chosen units all have a
// contrôle note (or ABS) is decided again by applyControle — the better of the two notes per unit, MG recomputed
// exactly in hundredths, ADMIS when it reaches the admission threshold (D643-13), AJOURNE otherwise: never CONTROLE
// again. A candidate with a chosen unit still without a note is left pending, not guessed.
import { acquiredUnits, decide } from '../deliberation/decide.js';
import { deliberateCandidate, type CandidateResult } from '../deliberation/candidate-result.js';
import type { ControleNote } from '../deliberation/controle.js';
import type { DeliberationRules } from '../deliberation/rules.js';
import type { CellIssue } from '../validation.js';
import type { FirstResult } from './choices.js';

export interface ControleNoteRow {
  row: number;
  numero: string;
  unite: string;
  value: number | 'ABS';
}

export interface SecondInput {
  rules: DeliberationRules;
  /** Stored first results of the CONTROLE candidates (others are refused when the file names them). */
  first: Map<string, FirstResult>;
  /** numero → chosen units (ccst controle choices). */
  choices: Map<string, string[]>;
  /** Notes entered earlier (stored), overridden by the file's rows. */
  stored: Map<string, Map<string, number | 'ABS'>>;
  rows: ControleNoteRow[];
  livrets?: Map<string, { supplied: boolean; examined: boolean }>;
}

export interface SecondOutcome {
  results: CandidateResult[];
  /** The notes to store: numero, unit, value. */
  notes: { numero: string; unite: string; value: number | 'ABS' }[];
  pending: { numero: string; missing: string[] }[];
  /** AJOURNE candidates with a unit raised to the bénéfice minimum at the contrôle (acquiredAfterControle applies). */
  raised: { numero: string; units: string[] }[];
  issues: CellIssue[];
}

export function secondDeliberation(input: SecondInput): SecondOutcome {
  const { rules } = input;
  const issues: CellIssue[] = [];
  const notes = new Map<string, Map<string, number | 'ABS'>>();
  for (const [numero, m] of input.stored) notes.set(numero, new Map(m));
  const seen = new Set<string>();
  for (const r of input.rows) {
    const chosen = input.choices.get(r.numero);
    const key = `${r.numero}\u0000${r.unite}`;
    if (!input.first.has(r.numero)) {
      issues.push({ row: r.row, column: 'numero', kind: 'non-controle', message: `${r.numero} : candidat non autorisé aux épreuves de contrôle` });
    } else if (!chosen) {
      issues.push({ row: r.row, column: 'numero', kind: 'sans-choix', message: `${r.numero} : aucun choix d’épreuves enregistré (ccst controle choices)` });
    } else if (!chosen.includes(r.unite)) {
      issues.push({ row: r.row, column: 'unite', kind: 'unite', message: `${r.numero} : ${r.unite} n’a pas été choisie (choix : ${chosen.join(', ')})` });
    } else if (seen.has(key)) {
      issues.push({ row: r.row, column: 'unite', kind: 'doublon', message: `${r.numero} : deux notes de contrôle pour ${r.unite}` });
    } else {
      seen.add(key);
      const m = notes.get(r.numero) ?? new Map();
      notes.set(r.numero, m);
      m.set(r.unite, r.value);
    }
  }
  const out: SecondOutcome = { results: [], notes: [], pending: [], raised: [], issues };
  if (issues.length) return out;
  for (const [numero, units] of [...input.choices].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const f = input.first.get(numero);
    if (!f) continue;
    const m = notes.get(numero) ?? new Map();
    const missing = units.filter((u) => !m.has(u));
    if (missing.length) {
      out.pending.push({ numero, missing });
      continue;
    }
    const controle: ControleNote[] = units.map((u) => ({ unite: u, value: m.get(u)! }));
    const cells = new Map(f.cells);
    const r = deliberateCandidate(rules, {
      numero, nom: f.nom, prenom: f.prenom, etablissement: f.etablissement, cells, controle, livret: input.livrets?.get(numero),
    });
    if (!r.ok) {
      issues.push({ row: input.rows.find((x) => x.numero === numero)?.row ?? 0, column: 'numero', kind: r.kind, message: `${numero} : ${r.message}` });
      continue;
    }
    out.results.push(r.value);
    for (const c of controle) out.notes.push({ numero, unite: c.unite, value: c.value });
    if (r.value.deliberation.decision === 'AJOURNE') {
      const before = new Set(acquiredUnits(rules, cells));
      const units = acquiredUnits(rules, r.value.cells).filter((u) => !before.has(u));
      if (units.length) out.raised.push({ numero, units });
    }
  }
  return out;
}

/** The first decision recomputed from the stored cells must still be CONTROLE (notes changed since?). */
export function stillControle(rules: DeliberationRules, f: FirstResult): boolean {
  return decide(rules, f.cells).decision === 'CONTROLE';
}
