// Property tests on random sessions (fast-check): capacity never exceeded, every required épreuve placed exactly
// once, académie rules and designations respected, shortfalls exact, re-runs stable, no overlapping oral slots.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignCentres } from '../../../src/domain/assignment/assign.js';
import { capacityFor, offersLanguage, type Centre } from '../../../src/domain/assignment/centre.js';
import { examDayRequirements } from '../../../src/domain/assignment/requirements.js';
import type { Candidate } from '../../../src/domain/candidate.js';
import { scheduleOrals } from '../../../src/domain/scheduling/oral-timetable.js';
import { toMinutes } from '../../../src/domain/scheduling/durations.js';
import { cand, centre, REG, uai } from '../../helpers/assignment-builders.js';

const ACADEMIES = ['TOULOUSE', 'DIJON', 'BESANCON', 'CORSE', 'AIX-MARSEILLE'];
const VOIES = ['scolaire_public', 'scolaire_prive_hors_contrat', 'candidat_individuel', 'ccf_etendu', 'enseignement_distance'];
const LANGS = ['anglais', 'espagnol', 'allemand'];
const DEPTS = ['031', '081', '021', '025', '013'];
const ETABS = Array.from({ length: 8 }, (_, i) => uai(DEPTS[i % DEPTS.length]!, 10 + i));

const arbCandidate = (i: number) =>
  fc.record({
    academie: fc.constantFrom(...ACADEMIES.filter((a) => a !== 'CORSE')),
    voie: fc.constantFrom(...VOIES),
    etab: fc.option(fc.constantFrom(...ETABS), { nil: undefined }),
    langue: fc.constantFrom(...LANGS),
    ef1: fc.option(fc.constantFrom(...LANGS), { nil: undefined }),
    ef2: fc.boolean(),
    ef3: fc.boolean(),
    corseIndividual: fc.boolean(),
    tiers: fc.boolean(),
  }).map((r): Candidate => {
    const individual = r.voie === 'candidat_individuel';
    return cand(`C${String(i).padStart(3, '0')}`, {
      academie: individual && r.corseIndividual ? 'CORSE' : r.academie,
      voie: r.voie,
      etablissementUai: individual ? undefined : (r.etab ?? ETABS[i % ETABS.length]),
      langue: r.langue,
      ef1: r.ef1 && r.ef1 !== r.langue ? r.ef1 : undefined,
      ef2: r.ef2,
      ef3: r.ef3,
      tempsMajore: r.tiers ? '1/3' : undefined,
    });
  });

const arbCentre = (i: number) =>
  fc.record({
    type: fc.constantFrom('ecrit' as const, 'oral' as const),
    academie: fc.constantFrom(...ACADEMIES),
    capacite: fc.integer({ min: 1, max: 30 }),
    own: fc.boolean(),
    langs: fc.subarray(LANGS, { minLength: 1 }),
    origines: fc.subarray(ETABS, { maxLength: 2 }),
    designate: fc.boolean(),
    drop: fc.subarray(['E4', 'E22', 'E1', 'EF1'], { maxLength: 1 }),
  }).map((r): Centre => {
    const base = centre(r.own ? ETABS[i % ETABS.length]! : uai(DEPTS[i % DEPTS.length]!, 500 + i), r.type, {
      academie: r.academie,
      capacite: r.capacite,
      langues: r.type === 'oral' ? { '*': r.langs } : {},
      origines: r.designate ? r.origines : [],
      dates: r.type === 'oral' ? ['2024-06-20', '2024-06-21'] : [],
    });
    return { ...base, epreuves: base.epreuves.filter((e) => !r.drop.includes(e)) };
  });

/**
 * Random centres, plus (most of the time) a roomy written and oral centre per académie so that most sessions are
 * feasible and the properties are not vacuous; a missing backup gives infeasible sessions too.
 */
const backup = (academie: string, i: number): Centre[] => [
  centre(uai('099', 900 + i), 'ecrit', { academie, capacite: 60 }),
  centre(uai('099', 950 + i), 'oral', { academie, capacite: 40, langues: { '*': LANGS }, dates: ['2024-06-17', '2024-06-18', '2024-06-19', '2024-06-20'] }),
];
const arbSession = fc
  .tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 10 }), fc.array(fc.boolean(), { minLength: ACADEMIES.length, maxLength: ACADEMIES.length }), fc.boolean())
  .chain(([n, m, skip, sparse]) =>
    fc.tuple(
      fc.tuple(...Array.from({ length: n }, (_, i) => arbCandidate(i))),
      m ? fc.tuple(...Array.from({ length: m }, (_, i) => arbCentre(i))) : fc.constant([] as Centre[]),
      fc.constant(ACADEMIES.flatMap((a, i) => (sparse && skip[i] ? [] : backup(a, i)))),
    ),
  )
  .map(([candidates, centres, backups]) => {
    // One centre per (uai, type), as in the table.
    const seen = new Set<string>();
    return { candidates, centres: [...centres, ...backups].filter((c) => !seen.has(`${c.type}${c.uai}`) && seen.add(`${c.type}${c.uai}`)) };
  });

const run = (candidates: Candidate[], centres: Centre[], existing = [] as ReturnType<typeof placementsOf>) =>
  assignCentres({ reg: REG, candidates, centres, existing, pins: [], reset: false });
function placementsOf(o: ReturnType<typeof assignCentres>) {
  return o.ok ? o.placements : [];
}

describe('assignCentres on random sessions', () => {
  it('respects capacity, académie rules, languages and designations, and places every épreuve exactly once', () => {
    fc.assert(
      fc.property(arbSession, ({ candidates, centres }) => {
        const o = run(candidates, centres);
        if (!o.ok) {
          expect(o.shortfalls.length + o.conflicts.length).toBeGreaterThan(0);
          for (const s of o.shortfalls) expect(s.missing).toBeGreaterThan(0);
          return;
        }
        const reqs = new Map(candidates.flatMap((c) => examDayRequirements(REG, c)).map((r) => [`${r.numero}:${r.epreuve}`, r]));
        const keys = o.placements.map((p) => `${p.numero}:${p.epreuve}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(new Set(keys)).toEqual(new Set(reqs.keys()));
        const load = new Map<string, number>();
        for (const p of o.placements) {
          const r = reqs.get(`${p.numero}:${p.epreuve}`)!;
          const c = centres.find((x) => x.uai === p.centreUai && x.type === r.nature)!;
          expect(c.academie).toBe(r.organiser);
          if (r.follows) continue; // EF3 goes with its E61
          expect(c.epreuves).toContain(r.epreuve);
          expect(offersLanguage(c, r.epreuve, r.langue)).toBe(true);
          const designated = centres.filter(
            (x) => x.type === r.nature && x.academie === r.organiser && x.epreuves.includes(r.epreuve) &&
              r.etablissementUai !== undefined && x.origines.includes(r.etablissementUai) && offersLanguage(x, r.epreuve, r.langue),
          );
          if (designated.length) expect(designated.map((x) => x.uai)).toContain(c.uai);
          const k = `${c.type}:${c.uai}:${r.epreuve}`;
          load.set(k, (load.get(k) ?? 0) + 1);
        }
        for (const [k, n] of load) {
          const [type, u] = k.split(':');
          expect(n).toBeLessThanOrEqual(capacityFor(centres.find((x) => x.uai === u && x.type === type)!));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is infeasible exactly when a pool lacks seats, with the exact shortfall (no languages, no designations)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.array(fc.integer({ min: 1, max: 25 }), { minLength: 1, maxLength: 4 }), (n, caps) => {
        const candidates = Array.from({ length: n }, (_, i) => cand(`N${i}`, { etablissementUai: ETABS[i % 3] }));
        const centres = caps.map((c, i) => centre(uai('031', 700 + i), 'ecrit', { capacite: c }));
        const total = caps.reduce((a, b) => a + b, 0);
        const o = run(candidates, centres);
        expect(o.ok).toBe(n <= total);
        if (!o.ok) expect(o.shortfalls.map((s) => s.missing)).toEqual([n - total, n - total, n - total]);
      }),
      { numRuns: 100 },
    );
  });

  it('re-runs are stable: same plan again; after changes nobody kept moves', () => {
    fc.assert(
      fc.property(arbSession, fc.integer({ min: 0, max: 5 }), ({ candidates, centres }, removed) => {
        const first = run(candidates, centres);
        if (!first.ok) return;
        const again = run(candidates, centres, first.placements);
        expect(again.ok && again.placements).toEqual(first.placements);
        expect(again.ok && again.stats.placed).toBe(0);
        const fewer = candidates.slice(removed);
        const second = run(fewer, centres, first.placements);
        if (!second.ok) return;
        const now = new Map(second.placements.map((p) => [`${p.numero}:${p.epreuve}`, p.centreUai]));
        for (const p of first.placements) {
          if (fewer.some((c) => c.numero === p.numero)) expect(now.get(`${p.numero}:${p.epreuve}`)).toBe(p.centreUai);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('oral timetables never put a candidate in two places at once, nor two candidates before one commission', () => {
    fc.assert(
      fc.property(arbSession, fc.integer({ min: 1, max: 3 }), ({ candidates, centres }, commissions) => {
        const a = run(candidates, centres);
        if (!a.ok) return;
        const s = scheduleOrals({ reg: REG, candidates, centres, placements: a.placements, existing: [], reset: false, options: { commissions, dayStart: '08:00', dayEnd: '18:00' } });
        if (!s.ok) return;
        const oral = a.placements.filter((p) => examDayRequirements(REG, candidates.find((c) => c.numero === p.numero)!).find((r) => r.epreuve === p.epreuve)!.nature === 'oral');
        expect(s.slots).toHaveLength(oral.length);
        for (const x of s.slots) {
          expect(toMinutes(x.start)).toBeGreaterThanOrEqual(8 * 60);
          expect(toMinutes(x.end)).toBeLessThanOrEqual(18 * 60);
          for (const y of s.slots) {
            if (x === y || x.date !== y.date) continue;
            if (x.numero === y.numero) expect(toMinutes(x.start) < toMinutes(y.end) && toMinutes(y.start) < toMinutes(x.end)).toBe(false);
            // The engagement étudiant is examined by the U61 commission (circulaire nationale §2).
            const jury = (z: typeof x) => (z.epreuve === 'EF3' && s.slots.some((w) => w.numero === z.numero && w.epreuve === 'E61' && w.centreUai === z.centreUai) ? 'E61' : z.epreuve);
            if (x.centreUai === y.centreUai && x.commission === y.commission && jury(x) === jury(y)) {
              expect(toMinutes(x.passage) < toMinutes(y.end) && toMinutes(y.passage) < toMinutes(x.end)).toBe(false);
            }
          }
        }
        const again = scheduleOrals({ reg: REG, candidates, centres, placements: a.placements, existing: s.slots, reset: false, options: { commissions, dayStart: '08:00', dayEnd: '18:00' } });
        expect(again.ok && again.slots).toEqual(s.slots);
      }),
      { numRuns: 100 },
    );
  });
});
