// LoadHeap is a speed trick for makeLots (least-loaded.ts): it must pick what the plain scan picks — the first in
// (load, e-mail) order that accepts — through any sequence of picks, load changes and examiners full for good.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LoadHeap, leastLoadedScan } from '../../../src/domain/examiners/least-loaded.js';
import type { Examiner } from '../../../src/domain/examiners/examiner.js';

const person = (i: number): Examiner => ({ email: `c${String(i).padStart(3, '0')}@x.fr`, nom: 'N', prenom: 'P', profils: ['sti'], academie: 'TOULOUSE', epreuves: ['E5'], dates: [] });

describe('LoadHeap = leastLoadedScan', () => {
  it('over random sequences of lots', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.record({ size: fc.integer({ min: 1, max: 35 }), banned: fc.integer({ min: 0, max: 7 }) }), { maxLength: 120 }),
        fc.integer({ min: 20, max: 200 }),
        (n, lots, max) => {
          const team = Array.from({ length: n }, (_, i) => person(i));
          const load = new Map(team.map((e) => [e.email, 0]));
          const heap = new LoadHeap(load, [...team].reverse());
          const gone = (e: Examiner) => load.get(e.email)! >= max;
          for (const lot of lots) {
            // A lot excludes the correcteurs whose index ≡ banned (mod 8): their établissement.
            const accept = (e: Examiner) => Number(e.email.slice(1, 4)) % 8 !== lot.banned && load.get(e.email)! + lot.size <= max;
            const expected = leastLoadedScan(team, load, accept);
            const got = heap.take(accept, gone);
            expect(got?.email).toBe(expected?.email);
            if (got) {
              load.set(got.email, load.get(got.email)! + lot.size);
              heap.push(got);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
