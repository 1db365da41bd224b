// Épreuves de contrôle between the two deliberations (issue 11 item 8), each rule with its source.
import { describe, expect, it } from 'vitest';
import { rulesFrom, controleRegimeFor } from '../../../src/domain/deliberation/rules.js';
import { checkChoices, eligibility, eligibleCandidates, voidedExclusions, VOIDED_REASON, type FirstResult, type VoidedRule } from '../../../src/domain/controle/choices.js';
import { loadDiscipline } from '../../../src/io/discipline-file.js';
import { scheduleControle } from '../../../src/domain/controle/schedule.js';
import { secondDeliberation } from '../../../src/domain/controle/second.js';
import { formatTruncated } from '../../../src/domain/deliberation/exact.js';
import { regulationSchema } from '../../../src/domain/regulation/schema.js';
import { fieldsToConfirm } from '../../../src/domain/regulation/controle-schema.js';
import { cells, REG } from '../deliberation/helpers.js';

const regime2023 = controleRegimeFor(REG, 2023)!;
const discipline = loadDiscipline();
const voidedRule: VoidedRule = { choosable: discipline.controle.voidedChoosable, reason: VOIDED_REASON };
const RULES_2023 = rulesFrom(REG, 2023);

// MG 220/25 = 8,80, MP 10,375: CONTROLE (D643-15; circulaire Toulouse 2023 §V).
const first = (numero: string, spec: Record<string, string> = {}, decision = 'CONTROLE'): FirstResult => ({
  numero, nom: `NOM${numero}`, prenom: 'P', etablissement: 'L', decision, motif: 'MG 8,80 < 10, MP 10,37 ≥ 10',
  cells: cells({ U1: '6', U21: '6', U22: '6', U3: '6', U4: '11', ...spec }, '10'),
});

describe('régimes par session (D643-15 version 2022 ; note de service du 20 septembre 2024 ; arrêtés du 20 juin 2024 et du 9 mai 2025)', () => {
  it.each([
    [2022, 'decret-2022-850'],
    [2023, 'decret-2022-850'],
    [2024, 'decret-2022-850'],
    [2025, 'arrete-2025'],
    [2027, 'arrete-2025'],
    [2021, undefined],
  ])('session %i → régime %s', (session, id) => expect(controleRegimeFor(REG, session)?.id).toBe(id));

  it('décret 2022-850 : « deux épreuves orales », 20 min + 20 min de préparation, domaine général', () => {
    expect(regime2023.choice.value).toEqual({ min: 2, max: 2 });
    expect(regime2023.epreuves.map((e) => [e.unite, e.minutes.value, e.preparationMinutes.value])).toEqual([
      ['U1', 20, 20], ['U21', 20, 20], ['U22', 20, 20], ['U3', 20, 20],
    ]);
  });

  it('what the texts do not confirm is marked « à confirmer », never certain', () => {
    const fields = fieldsToConfirm(regime2023);
    expect(fields.some((f) => f.startsWith('controle.decret-2022-850.beneficeChoosable'))).toBe(true);
    expect(fields.some((f) => f.startsWith('controle.decret-2022-850.U21.minutes'))).toBe(true);
    expect(fields.some((f) => f.startsWith('controle.decret-2022-850.U1.'))).toBe(false);
    const r2025 = controleRegimeFor(REG, 2025)!;
    expect(r2025.access.aConfirmer).toBe(true);
    expect(fieldsToConfirm(r2025).some((f) => f.startsWith('controle.arrete-2025.choice'))).toBe(true);
  });

  it.each([
    ['overlapping sessions', (r: any) => { r.controle.regimes[1].sessions.from = 2024; }, /couvrent les mêmes sessions/],
    ['an optional unit as contrôle épreuve', (r: any) => { r.controle.regimes[0].epreuves[0].unite = 'UF1'; }, /n’est pas une unité obligatoire/],
    ['choice min > max', (r: any) => { r.controle.regimes[0].choice.value = { min: 3, max: 2 }; }, /min > max/],
  ])('the schema refuses %s', (_name, damage, message) => {
    const copy = JSON.parse(JSON.stringify(REG));
    damage(copy);
    const r = regulationSchema.safeParse(copy);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message).join('\n')).toMatch(message);
  });
});

describe('éligibilité et choix (circulaire Toulouse 2023 §V ; D643-15 2°)', () => {
  it.each([
    ['a dispensed unit has no note to improve (annexe IV b)', { U21: 'DIS' }, 'U21', /dispensée/],
    ['a bénéfice is not choosable while beneficeChoosable = false (à confirmer)', { U3: 'BEN 12@2022' }, 'U3', /beneficeChoosable/],
    // Issue #14: « réputé avoir été présent sans l'avoir subie » — no first-session note; texts silent on the contrôle,
    // conservative rule from templates/discipline/bts-fraude.json `controle` (aConfirmer).
    ['a unit voided by a sanction (NUL) is not choosable at the contrôle of the same session', { U1: 'NUL' }, 'U1', /annulée par une sanction disciplinaire/],
  ])('%s', (_rule, spec, unite, reason) => {
    const e = eligibility(regime2023, first('1', spec), voidedRule);
    expect(e.choosable.map((c) => c.unite)).not.toContain(unite);
    expect(e.excluded.find((x) => x.unite === unite)?.reason).toMatch(reason);
  });

  it('the voided-unit rule is data: excluded when voidedChoosable is false, choosable (counted 0) when true', () => {
    expect(discipline.controle).toMatchObject({ voidedChoosable: false, aConfirmer: true });
    expect(discipline.controle.source).toMatch(/Aucun texte consulté/);
    const c = first('1', { U1: 'NUL' });
    expect(eligibility(regime2023, c).choosable.map((x) => x.unite)).toEqual(['U21', 'U22', 'U3']);
    expect(eligibility(regime2023, c, { ...voidedRule, choosable: true }).choosable.map((x) => [x.unite, x.note])).toEqual([['U1', 'NUL'], ['U21', '6'], ['U22', '6'], ['U3', '6']]);
    const list = eligibleCandidates(regime2023, [c, first('2')], voidedRule);
    expect(voidedExclusions(list, voidedRule)).toBe(1);
    // A choices file naming the voided unit is refused at its row and column.
    const out = checkChoices(regime2023, list, [{ row: 2, numero: '1', units: [{ code: 'U1', text: 'U1' }] }], new Set(['1', '2']));
    expect(out.issues).toEqual([expect.objectContaining({ row: 2, column: 'unites', message: expect.stringContaining('annulée par une sanction disciplinaire') })]);
  });

  it('only CONTROLE candidates are eligible', () => {
    expect(eligibleCandidates(regime2023, [first('2'), first('1'), first('3', {}, 'ADMIS')]).map((e) => e.candidate.numero)).toEqual(['1', '2']);
  });

  const eligible = eligibleCandidates(regime2023, [first('1'), first('2', { U21: 'DIS' })]);
  const known = new Set(['1', '2', '9']);
  const u = (...codes: string[]) => codes.map((c) => ({ code: c, text: c }));
  it.each([
    ['two units of the list', [{ row: 2, numero: '1', units: u('U3', 'U1') }], { '1': ['U1', 'U3'] }, undefined],
    ['one unit per row, merged', [{ row: 2, numero: '1', units: u('U1') }, { row: 3, numero: '1', units: u('U22') }], { '1': ['U1', 'U22'] }, undefined],
    ['a professional unit', [{ row: 2, numero: '1', units: u('U4') }], {}, /« U4 » ne peut pas être choisie/],
    ['the dispensed unit', [{ row: 4, numero: '2', units: u('U21') }], {}, /dispensée/],
    ['three units (at most two)', [{ row: 2, numero: '1', units: u('U1', 'U21', 'U3') }], {}, /au plus 2/],
    ['the same unit twice', [{ row: 2, numero: '1', units: u('U1', 'U1') }], {}, /deux fois/],
    ['a candidate who is not CONTROLE', [{ row: 5, numero: '9', units: u('U1') }], {}, /non autorisé/],
    ['an unknown candidate', [{ row: 5, numero: '7', units: u('U1') }], {}, /inconnu/],
  ])('%s', (_rule, rows, expected, error) => {
    const r = checkChoices(regime2023, eligible, rows, known);
    if (error) {
      expect(r.issues.map((i) => i.message).join('\n')).toMatch(error);
      expect(r.issues[0]!.row).toBe(rows[0]!.row);
    } else {
      expect(r.issues).toEqual([]);
      expect(Object.fromEntries(r.choices)).toEqual(expected);
    }
  });

  it('fewer units than the two expected is a warning, not a guess', () => {
    const r = checkChoices(regime2023, eligible, [{ row: 2, numero: '1', units: u('U1') }], known);
    expect(r.issues).toEqual([]);
    expect(r.warnings[0]).toMatch(/1 épreuve\(s\) choisie\(s\), 2 attendue\(s\)/);
  });
});

describe('horaires (D643-15 2° : 20 minutes, 20 minutes de préparation ; D351-28 temps majoré)', () => {
  const o = { centreUai: 'C', dates: ['2023-07-06', '2023-07-07'], dayStart: '08:00', dayEnd: '09:20', commissions: 1 };
  it('preparation then passage; a candidate never in two places; a commission one candidate at a time', () => {
    const r = scheduleControle(regime2023, [{ numero: '2', units: ['U1', 'U3'] }, { numero: '1', units: ['U1', 'U3'] }], o);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // Candidate 2's U3 would end at 09:40 > 09:20 on the first day: both orals move to the next day together.
    expect(r.slots.map((s) => `${s.numero} ${s.unite} ${s.date} ${s.start}-${s.passage}-${s.end}`)).toEqual([
      '1 U1 2023-07-06 08:00-08:20-08:40',
      '1 U3 2023-07-06 08:40-09:00-09:20',
      '2 U1 2023-07-07 08:00-08:20-08:40',
      '2 U3 2023-07-07 08:40-09:00-09:20',
    ]);
    const cand2 = r.slots.filter((s) => s.numero === '2');
    expect(new Set(cand2.map((s) => s.date)).size).toBe(1);
  });
  it('tiers-temps lengthens preparation and interrogation (20 → 27 min)', () => {
    const r = scheduleControle(regime2023, [{ numero: '1', units: ['U1'], tempsMajore: { num: 1, den: 3 } }], o);
    expect(r.ok && r.slots[0]).toMatchObject({ start: '08:00', passage: '08:27', end: '08:54' });
  });
  it('no room left → nothing placed, the missing orals listed', () => {
    const r = scheduleControle(regime2023, ['1', '2', '3', '4', '5'].map((n) => ({ numero: n, units: ['U1', 'U3'] })), { ...o, dates: ['2023-07-06'] });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.unscheduled.length).toBeGreaterThan(0);
  });
});

describe('délibération après contrôle (D643-13 ; D643-15 ; meilleure des deux notes)', () => {
  const firsts = new Map([['1', first('1')], ['2', first('2')]]);
  const choices = new Map([['1', ['U1', 'U3']], ['2', ['U1', 'U21']]]);
  const row = (r: number, numero: string, unite: string, value: number | 'ABS') => ({ row: r, numero, unite, value });
  it.each([
    ['MG 10,60 ≥ 10 → ADMIS', [row(2, '1', 'U1', 1400), row(3, '1', 'U3', 1300)], 'ADMIS', '10,60'],
    ['MG 9,52 < 10 → AJOURNE, never CONTROLE again', [row(2, '1', 'U1', 1200), row(3, '1', 'U3', 'ABS')], 'AJOURNE', '9,52'],
    ['a worse contrôle note is not kept', [row(2, '1', 'U1', 200), row(3, '1', 'U3', 600)], 'AJOURNE', '8,80'],
  ])('%s', (_rule, rows, decision, mg) => {
    const r = secondDeliberation({ rules: RULES_2023, first: firsts, choices, stored: new Map(), rows });
    expect(r.issues).toEqual([]);
    const one = r.results.find((x) => x.numero === '1')!;
    expect(one.deliberation.decision).toBe(decision);
    expect(formatTruncated(one.deliberation.averages!.mg!)).toBe(mg);
    expect(r.pending).toEqual([{ numero: '2', missing: ['U1', 'U21'] }]);
  });
  it.each([
    ['a unit not chosen', [row(4, '1', 'U21', 1200)], /U21 n’a pas été choisie/],
    ['a candidate not CONTROLE', [row(5, '9', 'U1', 1200)], /non autorisé/],
    ['two notes for one unit', [row(2, '1', 'U1', 1200), row(3, '1', 'U1', 1300)], /deux notes/],
  ])('refuses %s at its row', (_rule, rows, error) => {
    const r = secondDeliberation({ rules: RULES_2023, first: firsts, choices, stored: new Map(), rows });
    expect(r.issues.map((i) => i.message).join('\n')).toMatch(error);
    expect(r.issues[0]!.row).toBe(rows[rows.length - 1]!.row);
  });
  it('a unit raised to 10 for an ajourné counts as acquired per acquiredAfterControle (à confirmer) and is reported', () => {
    const r = secondDeliberation({ rules: RULES_2023, first: firsts, choices, stored: new Map(), rows: [row(2, '1', 'U1', 1200), row(3, '1', 'U3', 'ABS')] });
    expect(r.raised).toEqual([{ numero: '1', units: ['U1'] }]);
    expect(r.results[0]!.deliberation.acquired).toContain('U1');
    const no = { ...RULES_2023, acquiredAfterControle: false };
    const r2 = secondDeliberation({ rules: no, first: firsts, choices, stored: new Map(), rows: [row(2, '1', 'U1', 1200), row(3, '1', 'U3', 'ABS')] });
    expect(r2.results[0]!.deliberation.acquired).not.toContain('U1');
  });
});
