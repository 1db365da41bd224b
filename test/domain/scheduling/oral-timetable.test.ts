// Oral timetables: durations of the règlement (circulaire nationale §2), commissions, no overlap for a candidate,
// temps majoré, engagement étudiant right after U61, day hours and capacity, stable re-runs, shortfalls.
import { describe, expect, it } from 'vitest';
import { lengthen, oralDuration, parseTempsMajore, toMinutes } from '../../../src/domain/scheduling/durations.js';
import { scheduleOrals, type OralSlot, type ScheduleInput, type ScheduleOutcome } from '../../../src/domain/scheduling/oral-timetable.js';
import { assignCentres } from '../../../src/domain/assignment/assign.js';
import type { Candidate } from '../../../src/domain/candidate.js';
import type { Centre } from '../../../src/domain/assignment/centre.js';
import { cand, centre, REG, uai } from '../../helpers/assignment-builders.js';

describe('durations (circulaire nationale 2024 §2, référentiel annexe IV c)', () => {
  it.each([
    ['U22', 20, 20], ['U4', 60, 60], ['U61', 0, 30], ['U62', 0, 30], ['UF1', 20, 20], ['UF2', 0, 20], ['UF3', 0, 20],
  ])('%s: %i min de préparation, %i min d’oral', (unit, prep, oral) => {
    expect(oralDuration(REG, unit, 'candidat_individuel', undefined)).toEqual({ preparation: prep, interrogation: oral });
  });

  it.each([
    ['1/3', 60, 80], ['tiers-temps', 20, 27], ['1/4', 30, 38], ['', 30, 30],
  ])('temps majoré %s: %i min → %i min (rounded up)', (raw, minutes, expected) => {
    const f = parseTempsMajore(raw);
    expect(f.ok).toBe(true);
    if (f.ok) expect(lengthen(minutes, f.value)).toBe(expected);
  });

  it('refuses an unreadable temps majoré', () => {
    expect(parseTempsMajore('beaucoup')).toMatchObject({ ok: false, kind: 'temps-majore' });
  });
});

const HC = 'scolaire_prive_hors_contrat';
const ORAL = uai('031', 500);
const WRITTEN = uai('031', 900);

const OTHER = uai('081', 500);
const ALL_ORALS = ['E22', 'E4', 'E61', 'E62', 'EF1', 'EF2', 'EF3'];

/** The oral centre under test, plus another one (another day) for the candidates' other orals. */
function setup(candidates: Candidate[], oral: Partial<Centre> = {}) {
  const main = centre(ORAL, 'oral', { capacite: 1000, ...oral });
  const rest = ALL_ORALS.filter((e) => !main.epreuves.includes(e));
  const centres = [centre(WRITTEN, 'ecrit', { capacite: 1000 }), main];
  if (rest.length) centres.push(centre(OTHER, 'oral', { capacite: 1000, epreuves: rest, dates: ['2024-06-25'] }));
  const a = assignCentres({ reg: REG, candidates, centres, existing: [], pins: [], reset: false });
  if (!a.ok) throw new Error('assignment failed');
  return { candidates, centres, placements: a.placements };
}

function schedule(s: ReturnType<typeof setup>, over: Partial<ScheduleInput> = {}): ScheduleOutcome {
  return scheduleOrals({ reg: REG, ...s, existing: [], reset: false, options: { commissions: 1, dayStart: '08:00', dayEnd: '18:00' }, ...over });
}

/** Slots of the centre under test. */
function slotsOf(o: ScheduleOutcome, all = false): OralSlot[] {
  if (!o.ok) throw new Error(JSON.stringify(o));
  return all ? o.slots : o.slots.filter((s) => s.centreUai === ORAL);
}

const overlaps = (a: OralSlot, b: OralSlot) => a.date === b.date && toMinutes(a.start) < toMinutes(b.end) && toMinutes(b.start) < toMinutes(a.end);

describe('scheduleOrals', () => {
  it('gives E4 one hour of preparation then one hour before the commission', () => {
    const slots = slotsOf(schedule(setup([cand("1", { voie: HC })], { epreuves: ["E4"] })));
    expect(slots).toEqual([{ numero: '1', epreuve: 'E4', centreUai: ORAL, date: '2024-06-20', start: '08:00', passage: '09:00', end: '10:00', commission: 1 }]);
  });

  it('puts the engagement étudiant right after E61, before the same commission', () => {
    const slots = slotsOf(schedule(setup([cand('1', { voie: HC, ef3: true })])));
    const e61 = slots.find((s) => s.epreuve === 'E61')!;
    const ef3 = slots.find((s) => s.epreuve === 'EF3')!;
    expect(ef3.start).toBe(e61.end);
    expect(toMinutes(ef3.end) - toMinutes(ef3.start)).toBe(20);
    expect(ef3.commission).toBe(e61.commission);
    expect(ef3.date).toBe(e61.date);
  });

  it('never has a candidate in two places at once, preparation included', () => {
    const cands = Array.from({ length: 6 }, (_, i) => cand(String(i + 1), { voie: HC, ef1: 'espagnol', ef2: true, ef3: true }));
    const slots = slotsOf(schedule(setup(cands), { options: { commissions: 2, dayStart: '08:00', dayEnd: '18:00' } }), true);
    for (const c of cands) {
      const mine = slots.filter((s) => s.numero === c.numero);
      expect(mine.map((s) => s.epreuve).sort()).toEqual(['E22', 'E4', 'E61', 'E62', 'EF1', 'EF2', 'EF3']);
      for (let i = 0; i < mine.length; i++) for (let j = i + 1; j < mine.length; j++) expect(overlaps(mine[i]!, mine[j]!)).toBe(false);
    }
  });

  it('a commission examines one candidate at a time', () => {
    const cands = Array.from({ length: 10 }, (_, i) => cand(String(i + 1), { voie: HC }));
    const slots = slotsOf(schedule(setup(cands, { epreuves: ['E4'] }), { options: { commissions: 3, dayStart: '08:00', dayEnd: '18:00' } }));
    for (const a of slots) for (const b of slots) {
      if (a !== b && a.commission === b.commission) expect(toMinutes(a.passage) < toMinutes(b.end) && toMinutes(b.passage) < toMinutes(a.end)).toBe(false);
    }
    expect(new Set(slots.map((s) => s.commission))).toEqual(new Set([1, 2, 3]));
  });

  it('lengthens the slot of a candidate with temps majoré', () => {
    const slots = slotsOf(schedule(setup([cand('1', { voie: HC, tempsMajore: '1/3' })], { epreuves: ['E4'] })));
    expect(slots[0]).toMatchObject({ start: '08:00', passage: '09:20', end: '10:40' });
  });

  it('uses the next oral day when the first is full, and reports what does not fit', () => {
    const cands = Array.from({ length: 12 }, (_, i) => cand(String(i + 1).padStart(2, '0'), { voie: HC }));
    const s = setup(cands, { epreuves: ['E4'], dates: ['2024-06-20', '2024-06-21'], capacite: 6 });
    const slots = slotsOf(schedule(s));
    expect(slots.filter((x) => x.date === '2024-06-20')).toHaveLength(6);
    expect(slots.filter((x) => x.date === '2024-06-21')).toHaveLength(6);
    const tight = schedule(s, { options: { commissions: 1, dayStart: '08:00', dayEnd: '12:00' } });
    // 08:00–12:00 with 1 h of preparation: passages at 09:00, 10:00, 11:00 → 3 per day, 6 over two days.
    expect(tight.ok).toBe(false);
    if (!tight.ok) expect(tight.shortfalls).toContainEqual({ centreUai: ORAL, epreuve: 'E4', missing: 6 });
  });

  it('keeps earlier slots on a re-run and fits newcomers around them', () => {
    const cands = Array.from({ length: 4 }, (_, i) => cand(String(i + 1), { voie: HC }));
    const s = setup(cands, { epreuves: ['E61'] });
    const first = slotsOf(schedule(s));
    const withNew = setup([...cands.slice(1), cand('9', { voie: HC })], { epreuves: ['E61'] });
    const second = schedule(withNew, { existing: slotsOf(schedule(s), true) });
    const again = slotsOf(second);
    for (const old of first.filter((x) => x.numero !== '1')) expect(again).toContainEqual(old);
    expect(again.find((x) => x.numero === '9')).toMatchObject({ passage: '08:00' }); // the freed slot
    // E4, E22 and E62 of the other centre are kept too: 3 × 4 kept, 4 new for candidate 9.
    expect(second.ok && second.stats).toEqual({ kept: 3 + 3 * 3, scheduled: 4 });
  });

  it('refuses a centre without oral dates', () => {
    const o = schedule(setup([cand('1', { voie: HC })], { epreuves: ['E4'], dates: [] }));
    expect(o).toEqual({ ok: false, shortfalls: [], conflicts: [`centre d’oral ${ORAL} : aucune date d’oral (colonne dates)`] });
  });
});
