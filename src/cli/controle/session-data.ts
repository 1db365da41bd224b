// What every `ccst controle` command reads: the regulation, the regime of the session, the first results
// (cells rebuilt from the stored result detail, dispenses and bénéfices included), choices and slots.
import type { Db } from '../../store/workspace.js';
import { readResults } from '../../store/deliberation.js';
import { readChoices, readControleSlots, type ControleSlotRow } from '../../store/controle.js';
import { readSessionInfo, sessionRegulation } from '../../store/session.js';
import type { Regulation } from '../../domain/regulation/schema.js';
import type { ControleRegime } from '../../domain/regulation/controle-schema.js';
import { fieldsToConfirm } from '../../domain/regulation/controle-schema.js';
import { rulesFrom, controleRegimeFor, type DeliberationRules } from '../../domain/deliberation/rules.js';
import { parseNoteCell, type NoteCell } from '../../domain/deliberation/note-cell.js';
import { parseNoteText } from '../../domain/deliberation/note-cell.js';
import type { ResultDetail } from '../../domain/deliberation/candidate-result.js';
import { VOIDED_REASON, voidedExclusions, type Eligible, type FirstResult, type VoidedRule } from '../../domain/controle/choices.js';
import { loadDiscipline } from '../../io/discipline-file.js';
import { ruleConflict, usageError } from '../errors.js';
import { say, type Ctx } from '../context.js';

export interface ControleData {
  reg: Regulation;
  session: number;
  academie?: string;
  rules: DeliberationRules;
  regime: ControleRegime;
  /** Every deliberated candidate's stored result (the first deliberation, or the second one once made). */
  results: Map<string, FirstResult & { detail: ResultDetail }>;
  choices: Map<string, string[]>;
  /** numero → unit → stored contrôle note. */
  notes: Map<string, Map<string, number | 'ABS'>>;
  slots: ControleSlotRow[];
}

export async function loadControleData(db: Db): Promise<ControleData> {
  const reg = await sessionRegulation(db);
  const info = await readSessionInfo(db);
  const session = info?.session ?? reg.session;
  const regime = controleRegimeFor(reg, session);
  if (!regime) {
    throw usageError(`le règlement ${reg.id} ne décrit pas les épreuves de contrôle de la session ${session}`, [
      'Ajoutez un régime couvrant cette session dans la partie « controle » du règlement (voir ccst regulation show).',
    ]);
  }
  const rules = rulesFrom(reg, session);
  const results = new Map<string, FirstResult & { detail: ResultDetail }>();
  for (const r of await readResults(db)) {
    const detail = JSON.parse(r.detail) as ResultDetail;
    // The first decision: before any contrôle stored by the second deliberation.
    const first = detail.premiereDecision ?? { decision: r.decision, motif: detail.motif };
    const cells = new Map<string, NoteCell>();
    for (const u of detail.units) {
      const parsed = parseNoteCell(u.valeur);
      if (!parsed.ok) throw new Error(`résultat enregistré illisible : ${r.numero} ${u.unite} « ${u.valeur} »`);
      if (parsed.value) cells.set(u.unite, parsed.value);
    }
    // The second deliberation stored the cells with the kept notes: go back to the first-session notes.
    for (const l of detail.controle) {
      const before = parseNoteCell(l.premiere);
      if (before.ok && before.value) cells.set(l.unite, before.value);
    }
    results.set(r.numero, { numero: r.numero, nom: detail.nom, prenom: detail.prenom, etablissement: detail.etablissement, decision: first.decision, motif: first.motif, cells, detail });
  }
  const choices = new Map<string, string[]>();
  const notes = new Map<string, Map<string, number | 'ABS'>>();
  const order = new Map(regime.epreuves.map((e, i) => [e.unite, i]));
  for (const c of await readChoices(db)) {
    choices.set(c.numero, [...(choices.get(c.numero) ?? []), c.unite].sort((a, b) => (order.get(a) ?? 99) - (order.get(b) ?? 99)));
    if (c.note !== null) {
      const v = c.note === 'ABS' ? 'ABS' : parseNoteText(c.note);
      if (v !== 'ABS' && !v.ok) throw new Error(`note de contrôle enregistrée illisible : ${c.numero} ${c.unite} « ${c.note} »`);
      const m = notes.get(c.numero) ?? new Map();
      notes.set(c.numero, m);
      m.set(c.unite, v === 'ABS' ? 'ABS' : v.value);
    }
  }
  return { reg, session, academie: info?.academie, rules, regime, results, choices, notes, slots: await readControleSlots(db) };
}

/** The CONTROLE candidates of the first deliberation; none is a rule conflict for the procedure (exit 4). */
export function controleCandidates(data: ControleData): FirstResult[] {
  const list = [...data.results.values()].filter((r) => r.decision === 'CONTROLE');
  if (list.length === 0) {
    throw ruleConflict('aucun candidat CONTROLE dans les résultats enregistrés', ['Délibérez d’abord avec un workspace : ccst deliberate notes.csv.']);
  }
  return list;
}

/** The regime's values still to confirm, said once per command (issue 11: warn rather than guess). */
export function warnToConfirm(ctx: Ctx, regime: ControleRegime, only?: string[]): void {
  const fields = fieldsToConfirm(regime).filter((f) => !only || only.some((o) => f.includes(o)));
  if (fields.length) say(ctx, ctx.color.yellow(`Attention : valeur(s) du règlement à confirmer appliquée(s) :\n  ${fields.join('\n  ')}`));
}

/** The rule for units voided by a sanction (templates/discipline/bts-fraude.json `controle`). */
export function voidedRule(): VoidedRule & { aConfirmer: boolean; source: string } {
  const rule = loadDiscipline().controle;
  return { choosable: rule.voidedChoosable, reason: VOIDED_REASON, aConfirmer: rule.aConfirmer, source: rule.source };
}

/** Said when the rule was applied to a candidate and is not confirmed by a text (as incidents close says it). */
export function warnVoidedRule(ctx: Ctx, eligible: readonly Eligible[], rule: ReturnType<typeof voidedRule>): void {
  const n = voidedExclusions(eligible, rule);
  if (n && rule.aConfirmer) say(ctx, ctx.color.yellow(`Attention : effet à confirmer — ${n} candidat(s) avec une épreuve annulée par sanction, exclue des épreuves de contrôle : ${rule.source} (templates/discipline/bts-fraude.json).`));
}
