// Issue #13 §3: lots of copies, each to one correcteur qualified for the épreuve (its correction composition in the
// regulation data, circulaire nationale 2024), never a copy of their own établissement, balanced by count within each
// académie that corrects, within max_copies; shortages as data.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBundledRegulation } from '../../../src/io/regulation-file.js';
import { makeLots, rebalance, type Copy, type Draft, type LotsOutcome } from '../../../src/domain/examiners/lots.js';
import type { Examiner } from '../../../src/domain/examiners/examiner.js';

const reg = loadBundledRegulation('bts-ccst-2024');
const corr = (email: string, profils: string[], o: Partial<Examiner> = {}): Examiner => ({
  email, nom: email, prenom: 'X', profils, academie: 'TOULOUSE', epreuves: ['E3', 'E5'], dates: ['2024-05-30'], ...o,
});
const copies = (n: number, etab?: string, academie = 'TOULOUSE', from = 0): Copy[] =>
  Array.from({ length: n }, (_, i) => ({ anonymat: String(10_000_000 + from + i), academie, ...(etab ? { etablissementUai: etab } : {}) }));
const summary = (out: LotsOutcome) => out.lots.map((l) => `${l.name}:${l.correcteur ?? '-'}:${l.anonymats.length}`);

describe('who corrects (circulaire nationale 2024, « Composition de la commission de correction »)', () => {
  const people = [corr('cejm@x.fr', ['cejm']), corr('eg@x.fr', ['economie-gestion']), corr('sti@x.fr', ['sti']), corr('pro@x.fr', ['professionnel'])];
  // [épreuve, source, correcteurs who get a lot]
  const table: [string, string, string[]][] = [
    ['E3', '« L\'épreuve est corrigée par un professeur ayant en charge l\'enseignement de CEJM »', ['cejm@x.fr']],
    ['E5', '« composée d\'un professeur d\'économie et gestion … et d\'un professeur de STI »: either profile corrects a lot', ['eg@x.fr', 'sti@x.fr']],
  ];
  it.each(table)('%s %s', (epreuve, _source, who) => {
    const out = makeLots({ reg, epreuve, size: 10, copies: copies(40), examiners: people });
    expect([...new Set(out.lots.map((l) => l.correcteur))].sort()).toEqual(who);
    expect(out.shortages).toEqual([]);
  });
  it('an oral épreuve has no correction composition: a conflict', () => {
    expect(makeLots({ reg, epreuve: 'E4', size: 10, copies: copies(5), examiners: people }).conflicts).toEqual(['E4 : le règlement ne donne pas de commission de correction (épreuve écrite) pour cette épreuve']);
  });
  it('someone who did not list the épreuve corrects nothing', () => {
    const out = makeLots({ reg, epreuve: 'E5', size: 10, copies: copies(20), examiners: [corr('eg@x.fr', ['economie-gestion'], { epreuves: ['E4'] }), corr('sti@x.fr', ['sti'])] });
    expect(summary(out)).toEqual(['E5-01:sti@x.fr:10', 'E5-02:sti@x.fr:10']);
  });
});

describe('lots', () => {
  it('of the given size (the last one shorter), balanced between correcteurs', () => {
    const out = makeLots({ reg, epreuve: 'E5', size: 35, copies: copies(100), examiners: [corr('a@x.fr', ['sti']), corr('b@x.fr', ['sti']), corr('c@x.fr', ['sti'])] });
    expect(summary(out)).toEqual(['E5-01:a@x.fr:35', 'E5-02:b@x.fr:35', 'E5-03:c@x.fr:30']);
  });
  it('never a copy of the correcteur\'s own établissement', () => {
    const out = makeLots({ reg, epreuve: 'E5', size: 10, copies: [...copies(20, '0310001H'), ...copies(20, '0310002J', 'TOULOUSE', 100)], examiners: [corr('a@x.fr', ['sti'], { etablissementUai: '0310001H' }), corr('b@x.fr', ['sti'], { etablissementUai: '0310002J' })] });
    expect(out.lots.map((l) => [l.correcteur, l.anonymats[0]!.slice(-3)])).toEqual([['b@x.fr', '000'], ['b@x.fr', '010'], ['a@x.fr', '100'], ['a@x.fr', '110']]);
  });
  it('a lot mixing two établissements is split when only their own teachers correct', () => {
    const out = makeLots({ reg, epreuve: 'E5', size: 10, copies: [...copies(5, '0310001H'), ...copies(5, '0310002J', 'TOULOUSE', 100)], examiners: [corr('a@x.fr', ['sti'], { etablissementUai: '0310001H' }), corr('b@x.fr', ['sti'], { etablissementUai: '0310002J' })] });
    expect(summary(out)).toEqual(['E5-01:b@x.fr:5', 'E5-02:a@x.fr:5']);
  });
  it('each académie corrects its own copies, balanced within it', () => {
    const out = makeLots({ reg, epreuve: 'E3', size: 10, copies: [...copies(30, undefined, 'TOULOUSE'), ...copies(10, undefined, 'MONTPELLIER', 500)], examiners: [corr('t1@x.fr', ['cejm']), corr('t2@x.fr', ['cejm']), corr('m1@x.fr', ['cejm'], { academie: 'MONTPELLIER' })] });
    expect(out.lots.map((l) => `${l.academie}:${l.correcteur}`)).toEqual(['MONTPELLIER:m1@x.fr', 'TOULOUSE:t1@x.fr', 'TOULOUSE:t2@x.fr', 'TOULOUSE:t1@x.fr']);
  });
  it('shortages are data: copies without correcteur, their lots and why', () => {
    const out = makeLots({ reg, epreuve: 'E3', size: 10, copies: [...copies(25), ...copies(7, undefined, 'LIMOGES', 500)], examiners: [corr('t@x.fr', ['cejm'], { maxCopies: 12 })] });
    expect(out.shortages).toEqual([
      { academie: 'LIMOGES', copies: 7, lots: ['E3-01'], reason: 'aucun correcteur qualifié pour E3 dans l’académie' },
      { academie: 'TOULOUSE', copies: 15, lots: ['E3-03', 'E3-04'], reason: 'plus de correcteur qualifié disponible (max_copies atteint, ou tous de l’établissement des candidats)' },
    ]);
    expect(out.load.get('t@x.fr')).toBe(10);
  });
});

describe('rebalance: the safety net after the greedy pass', () => {
  it('moves lots from the most to the least loaded while the gap exceeds one lot and the receiver may take it', () => {
    const [a, b, c] = [corr('a@x.fr', ['sti']), corr('b@x.fr', ['sti'], { etablissementUai: 'X' }), corr('c@x.fr', ['sti'], { maxCopies: 10 })];
    const lot = (n: number, etab?: string): Draft => ({ copies: copies(n, etab), etabs: new Set(etab ? [etab] : []), correcteur: a });
    const lots = [lot(10, 'X'), lot(10, 'X'), lot(10), lot(10), lot(10), lot(4)];
    const load = new Map([['a@x.fr', 54], ['b@x.fr', 0], ['c@x.fr', 0]]);
    rebalance(lots, [a, b, c], load, 10);
    // b (établissement X) never gets an X lot; c takes one and stops at max_copies; the gap ends within one lot.
    expect(lots.map((d) => d.correcteur!.email)).toEqual(['c@x.fr', 'a@x.fr', 'b@x.fr', 'b@x.fr', 'a@x.fr', 'a@x.fr']);
    expect([...load.values()]).toEqual([24, 20, 10]);
  });
});

describe('rebalance: a part of a lot moves when the whole may not', () => {
  it('found by the balance property: [∅ ∅] [∅ U10] [U10], size 2, one correcteur without établissement and two of U10', () => {
    const out = makeLots({ reg, epreuve: 'E5', size: 2, copies: [...copies(3), ...copies(2, 'U10', 'TOULOUSE', 100)], examiners: [corr('a@x.fr', ['sti']), corr('b@x.fr', ['sti'], { etablissementUai: 'U10' }), corr('c@x.fr', ['sti'], { etablissementUai: 'U10' })] });
    expect(summary(out)).toEqual(['E5-01:b@x.fr:2', 'E5-02:c@x.fr:1', 'E5-03:a@x.fr:1', 'E5-04:a@x.fr:1']);
    expect([...out.load.values()]).toEqual([2, 2, 1]);
  });
});

const ETABS = Array.from({ length: 12 }, (_, i) => `U${String(i).padStart(2, '0')}`);
const ACADEMIES = ['TOULOUSE', 'MONTPELLIER'];

describe('makeLots over random sessions', () => {
  const session = fc.record({
    size: fc.integer({ min: 1, max: 40 }),
    copies: fc.array(fc.record({ etab: fc.option(fc.constantFrom(...ETABS), { nil: undefined }), academie: fc.constantFrom(...ACADEMIES) }), { maxLength: 400 }),
    team: fc.uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 50 }), etab: fc.option(fc.constantFrom(...ETABS), { nil: undefined }), academie: fc.constantFrom(...ACADEMIES), profil: fc.constantFrom('economie-gestion', 'sti', 'cejm'), max: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }) }), { selector: (t) => t.id, maxLength: 10 }),
  });
  const build = (s: fc.RecordValue<typeof session extends fc.Arbitrary<infer T> ? T : never>, capped: boolean) => {
    const cs: Copy[] = s.copies.map((c, i) => ({ anonymat: String(50_000_000 + i * 7919 % 100_003), academie: c.academie, ...(c.etab ? { etablissementUai: c.etab } : {}) }));
    const examiners = s.team.map((t) => corr(`c${t.id}@x.fr`, [t.profil], { academie: t.academie, ...(t.etab ? { etablissementUai: t.etab } : {}), ...(capped && t.max !== undefined ? { maxCopies: t.max } : {}) }));
    return { cs, examiners, out: makeLots({ reg, epreuve: 'E5', size: s.size, copies: cs, examiners }) };
  };

  it('every copy in one lot of at most the size; never the own établissement; within max_copies; shortages exact', () => {
    fc.assert(
      fc.property(session, (s) => {
        const { cs, examiners, out } = build(s, true);
        const seen = out.lots.flatMap((l) => l.anonymats);
        expect(seen.sort()).toEqual(cs.map((c) => c.anonymat).sort());
        const etab = new Map(cs.map((c) => [c.anonymat, c.etablissementUai]));
        const academie = new Map(cs.map((c) => [c.anonymat, c.academie]));
        const byEmail = new Map(examiners.map((e) => [e.email, e]));
        for (const l of out.lots) {
          expect(l.anonymats.length).toBeGreaterThan(0);
          expect(l.anonymats.length).toBeLessThanOrEqual(s.size);
          for (const a of l.anonymats) expect(academie.get(a)).toBe(l.academie);
          if (!l.correcteur) continue;
          const e = byEmail.get(l.correcteur)!;
          expect(e.profils).not.toEqual(['cejm']); // E5: économie-gestion or STI only
          expect(e.academie).toBe(l.academie);
          if (e.etablissementUai) for (const a of l.anonymats) expect(etab.get(a)).not.toBe(e.etablissementUai);
        }
        for (const e of examiners) {
          const n = out.lots.filter((l) => l.correcteur === e.email).reduce((k, l) => k + l.anonymats.length, 0);
          if (e.profils[0] !== 'cejm') expect(out.load.get(e.email)).toBe(n);
          if (e.maxCopies !== undefined) expect(n).toBeLessThanOrEqual(e.maxCopies);
        }
        const unassigned = out.lots.filter((l) => !l.correcteur);
        expect(out.shortages.reduce((k, x) => k + x.copies, 0)).toBe(unassigned.reduce((k, l) => k + l.anonymats.length, 0));
        expect(out.shortages.flatMap((x) => x.lots).sort()).toEqual(unassigned.map((l) => l.name).sort());
        // Deterministic whatever the order of the inputs.
        expect(makeLots({ reg, epreuve: 'E5', size: s.size, copies: [...cs].reverse(), examiners: [...examiners].reverse() })).toEqual(out);
      }),
      { numRuns: 300 },
    );
  });

  it('balanced: max − min ≤ one lot size per académie when capacities allow (no max_copies, no one excluded from most copies)', () => {
    fc.assert(
      fc.property(session, (s) => {
        const { cs, examiners, out } = build(s, false);
        for (const academie of ACADEMIES) {
          const team = examiners.filter((e) => e.academie === academie && e.profils[0] !== 'cejm');
          const mine = cs.filter((c) => c.academie === academie);
          // « when capacities allow »: each correcteur may take at least half of the académie's copies.
          if (team.some((e) => mine.filter((c) => c.etablissementUai === e.etablissementUai && e.etablissementUai).length * 2 > mine.length)) continue;
          if (!team.length) continue;
          const loads = team.map((e) => out.load.get(e.email)!);
          expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(s.size);
        }
      }),
      { numRuns: 400 },
    );
  });
});
