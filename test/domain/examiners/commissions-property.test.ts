// Issue #13 « Done when »: « no examiner ever examines … a candidate of their own establishment when another
// qualified examiner is free (property test over random sessions) », and every required seat of the circular's
// compositions (regulation data) is filled or reported missing. Random centres, days, épreuves, candidates and
// examiners; the checks read only the outcome and the inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBundledRegulation } from '../../../src/io/regulation-file.js';
import { buildCommissions, type BuildOutcome, type BuiltCommission } from '../../../src/domain/examiners/commissions-builder.js';
import type { PlannedCommission } from '../../../src/domain/examiners/planned.js';
import type { Examiner } from '../../../src/domain/examiners/examiner.js';
import { compositionFor, holds, seatsFor, type Seat } from '../../../src/domain/regulation/commissions.js';

const reg = loadBundledRegulation('bts-ccst-2024');
const DAYS = ['2024-05-20', '2024-05-21', '2024-05-22'];
const CENTRES = ['0310001H', '0310002J'];
const ETABS = ['E1', 'E2', 'E3', 'E4', 'E5'];
const EPREUVES = ['E4', 'E61', 'E62', 'EF2', 'EF1'];
const PROFILES = ['economie-gestion', 'sti', 'professionnel', 'lv-espagnol', 'lv-anglais'];
const HOURS = [['08:00', '12:00'], ['13:00', '17:00'], ['10:00', '15:00']] as const;

const plannedArb = fc.uniqueArray(
  fc.record({
    centre: fc.constantFrom(...CENTRES), date: fc.constantFrom(...DAYS), epreuve: fc.constantFrom(...EPREUVES), number: fc.integer({ min: 1, max: 3 }),
    hours: fc.constantFrom(...HOURS), lang: fc.constantFrom('espagnol', 'anglais'),
    candidates: fc.array(fc.record({ numero: fc.integer({ min: 1, max: 400 }), etab: fc.option(fc.constantFrom(...ETABS), { nil: undefined }) }), { minLength: 1, maxLength: 5 }),
  }),
  { selector: (p) => `${p.centre}${p.date}${p.epreuve}${p.number}`, maxLength: 10 },
).map((ps) => ps.map((p): PlannedCommission => ({
  centreUai: p.centre, date: p.date, epreuve: p.epreuve, form: 'ponctuel', number: p.number, start: p.hours[0], end: p.hours[1],
  candidates: p.candidates.map((k) => ({ numero: String(k.numero), epreuve: p.epreuve, ...(k.etab ? { etablissementUai: k.etab } : {}), ...(p.epreuve === 'EF1' ? { language: p.lang } : {}) })),
})));

const examinersArb = fc.uniqueArray(
  fc.record({
    id: fc.integer({ min: 1, max: 99 }), profils: fc.subarray(PROFILES, { minLength: 1, maxLength: 2 }), etab: fc.option(fc.constantFrom(...ETABS), { nil: undefined }),
    dates: fc.subarray(DAYS, { minLength: 1 }), epreuves: fc.subarray(EPREUVES, { minLength: 1 }), max: fc.option(fc.integer({ min: 1, max: 15 }), { nil: undefined }),
  }),
  { selector: (e) => e.id, maxLength: 14 },
).map((es) => es.map((e): Examiner => ({
  email: `e${e.id}@x.fr`, nom: `N${e.id}`, prenom: 'P', profils: e.profils, academie: 'TOULOUSE', epreuves: e.epreuves, dates: e.dates,
  ...(e.etab ? { etablissementUai: e.etab } : {}), ...(e.max !== undefined ? { maxCandidats: e.max } : {}),
})));

function seatsOf(c: BuiltCommission): Seat[] {
  const lang = c.candidates[0]?.language;
  return seatsFor(reg, compositionFor(reg, c.epreuve, c.form)!, c.epreuve === 'EF1' ? lang : undefined);
}
const size = (c: BuiltCommission) => new Set(c.candidates.map((k) => k.numero)).size;
const own = (e: Examiner, c: BuiltCommission) => e.etablissementUai !== undefined && c.candidates.some((k) => k.etablissementUai === e.etablissementUai);

/** Whether e could still sit on c at the end: available, free that day, within max_candidats, not already there. */
function freeAtEnd(out: BuildOutcome, e: Examiner, c: BuiltCommission): boolean {
  if (!e.dates.includes(c.date) || !e.epreuves.includes(c.epreuve) || c.members.some((m) => m.email === e.email)) return false;
  if (e.maxCandidats !== undefined && out.load.get(e.email)! + size(c) > e.maxCandidats) return false;
  return out.commissions.every((o) => o === c || o.date !== c.date || !o.members.some((m) => m.email === e.email) || (o.centreUai === c.centreUai && (o.end <= c.start || c.end <= o.start)));
}

describe('buildCommissions over random sessions', () => {
  it('holds every rule of issue #13 §2', () => {
    fc.assert(
      fc.property(plannedArb, examinersArb, (planned, examiners) => {
        const out = buildCommissions({ reg, planned, examiners });
        expect(out.conflicts).toEqual([]);
        expect(out.commissions).toHaveLength(planned.length);
        const byEmail = new Map(examiners.map((e) => [e.email, e]));
        let vacantRequired = 0;
        for (const c of out.commissions) {
          const seats = seatsOf(c);
          seats.forEach((s, i) => {
            const held = c.members.filter((m) => m.seat === i);
            const vacant = c.vacant.filter((v) => v.seat === i);
            // Each seat is either held by one person or listed vacant.
            expect(held.length + vacant.length).toBe(1);
            if (vacant.length && s.required) vacantRequired++;
            if (vacant.length) {
              // Vacant only when no one who could hold it is free, even at the end.
              expect(examiners.filter((e) => holds(s, e.profils) && freeAtEnd(out, e, c))).toEqual([]);
            }
          });
          for (const m of c.members) {
            const e = byEmail.get(m.email)!;
            const seat = seats[m.seat]!;
            expect(holds(seat, e.profils)).toBe(m.how);
            expect(e.dates).toContain(c.date);
            expect(e.epreuves).toContain(c.epreuve);
            // The fallback only when no one of the profile was free.
            if (m.how === 'fallback') expect(examiners.filter((y) => holds(seat, y.profils) === 'profile' && freeAtEnd(out, y, c))).toEqual([]);
            // Own établissement only when no other qualified examiner is free (the property), and warned.
            if (own(e, c)) {
              expect(examiners.filter((y) => holds(seat, y.profils) === m.how && !own(y, c) && freeAtEnd(out, y, c))).toEqual([]);
              expect(out.warnings.some((w) => w.kind === 'etablissement' && w.commission === c.name && w.email === e.email)).toBe(true);
            }
          }
        }
        // Every required seat filled or reported, the shortages adding up exactly.
        expect(out.shortages.reduce((n, s) => n + s.missing, 0)).toBe(vacantRequired);
        // Within max_candidats; never two places at once.
        for (const e of examiners) {
          const mine = out.commissions.filter((c) => c.members.some((m) => m.email === e.email));
          expect(out.load.get(e.email)).toBe(mine.reduce((n, c) => n + size(c), 0));
          if (e.maxCandidats !== undefined) expect(out.load.get(e.email)!).toBeLessThanOrEqual(e.maxCandidats);
          for (const a of mine) for (const b of mine) {
            if (a !== b && a.date === b.date) expect(a.centreUai === b.centreUai && (a.end <= b.start || b.end <= a.start)).toBe(true);
          }
        }
        // Deterministic: the same commissions from the inputs in another order.
        const again = buildCommissions({ reg, planned: [...planned].reverse(), examiners: [...examiners].reverse() });
        expect(again.commissions).toEqual(out.commissions);
        expect(again.shortages).toEqual(out.shortages);
      }),
      { numRuns: 400 },
    );
  });

  it('re-run with every member pinned gives the same commissions', () => {
    fc.assert(
      fc.property(plannedArb, examinersArb, (planned, examiners) => {
        const first = buildCommissions({ reg, planned, examiners });
        const pins = first.commissions.flatMap((c) => c.members.map((m) => ({ commission: c.name, email: m.email, seat: m.seat })));
        const again = buildCommissions({ reg, planned, examiners, pins });
        expect(again.conflicts).toEqual([]);
        expect(again.commissions.map((c) => c.members.map((m) => [m.email, m.seat, m.how]))).toEqual(first.commissions.map((c) => c.members.map((m) => [m.email, m.seat, m.how])));
      }),
      { numRuns: 200 },
    );
  });
});
