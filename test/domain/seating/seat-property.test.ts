// Issue #14 « Done when »: property tests over random centres — no seat given twice, no room over capacity, every
// tiers-temps candidate in an aménagement room when one exists (else warned), re-runs move nobody already seated —
// and the shortfall reported is exact: it equals the candidates left over by a maximum matching computed here
// independently (augmenting paths over single seats), from the eligibility rule stated in seat.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seatCentre, type SeatCandidate, type SeatInput, type SeatRoom } from '../../../src/domain/seating/seat.js';
import { neighbours, roomGrid } from '../../../src/domain/seating/grid.js';

const ETABS = ['0310044E', '0310091F', '0313029Z', '0311177L', undefined];

const roomsArb = fc
  .uniqueArray(
    fc.record({ id: fc.integer({ min: 1, max: 30 }), capacite: fc.integer({ min: 1, max: 40 }), accessible: fc.boolean(), amenagements: fc.boolean() }),
    { selector: (r) => r.id, minLength: 1, maxLength: 6 },
  )
  .map((rs) => rs.map((r): SeatRoom => ({ salle: `S${r.id}`, capacite: r.capacite, accessible: r.accessible, amenagements: r.amenagements })));

const candidateArb = (n: number) =>
  fc.record({
    nom: fc.constantFrom('MARTIN', 'DURAND', 'ÉLIE', 'Ødegård', 'BERNARD'),
    etab: fc.constantFrom(...ETABS),
    tiers: fc.boolean(),
    other: fc.boolean(),
    pmr: fc.boolean(),
  }).map((c): SeatCandidate => ({
    numero: String(1000 + n),
    nom: c.nom,
    prenom: 'P',
    etablissement: c.etab,
    // PMR is written in the aménagements text: it is an aménagement too (needs.ts).
    needs: { tiersTemps: c.tiers && !c.pmr, amenagement: (c.tiers && !c.pmr) || (c.other && !c.pmr) || c.pmr, pmr: c.pmr },
  }));

const candidatesArb = fc.integer({ min: 0, max: 90 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => candidateArb(i))));

/** seat.ts's rule, restated: which rooms a new candidate may take. */
function eligible(rooms: SeatRoom[]) {
  const anyA = rooms.some((r) => r.amenagements);
  const anyP = rooms.some((r) => r.accessible);
  const activeA = anyA && rooms.some((r) => !r.amenagements);
  const activeP = anyP && rooms.some((r) => !r.accessible);
  const both = rooms.some((r) => (activeA ? r.amenagements : true) && (activeP ? r.accessible : true) && activeA && activeP);
  return (c: SeatCandidate, r: SeatRoom) => {
    let needA = c.needs.amenagement && activeA;
    const needP = c.needs.pmr && activeP;
    if (needA && needP && !both) needA = false;
    const roomA = activeA && r.amenagements;
    const roomP = activeP && r.accessible;
    return roomA === needA && (!needP || roomP);
  };
}

/** Maximum number of candidates seated (Kuhn's augmenting paths on single seats). */
function maxMatching(rooms: SeatRoom[], candidates: SeatCandidate[]): number {
  const ok = eligible(rooms);
  const seats = rooms.flatMap((r) => Array.from({ length: r.capacite }, () => r));
  const owner = new Array<number>(seats.length).fill(-1);
  const tryAt = (ci: number, seen: boolean[]): boolean => {
    for (let s = 0; s < seats.length; s++) {
      if (seen[s] || !ok(candidates[ci]!, seats[s]!)) continue;
      seen[s] = true;
      if (owner[s] === -1 || tryAt(owner[s]!, seen)) {
        owner[s] = ci;
        return true;
      }
    }
    return false;
  };
  let n = 0;
  for (let ci = 0; ci < candidates.length; ci++) if (tryAt(ci, new Array(seats.length).fill(false))) n++;
  return n;
}

const input = (rooms: SeatRoom[], candidates: SeatCandidate[], extra: Partial<SeatInput> = {}): SeatInput => ({ rooms, candidates, existing: [], order: 'nom', spread: false, ...extra });

describe('seatCentre over random centres', () => {
  it('no seat twice, no room over capacity, everyone seated once — or the exact shortfall', () => {
    fc.assert(
      fc.property(roomsArb, candidatesArb, fc.boolean(), (rooms, candidates, spread) => {
        const out = seatCentre(input(rooms, candidates, { spread }));
        const best = maxMatching(rooms, candidates);
        if (!out.ok) {
          expect(out.shortfall.missing).toBe(candidates.length - best);
          expect(out.shortfall.missing).toBeGreaterThan(0);
          return;
        }
        expect(best).toBe(candidates.length);
        const keys = out.seats.map((s) => `${s.salle}#${s.place}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(out.seats.map((s) => s.numero).sort()).toEqual(candidates.map((c) => c.numero).sort());
        for (const s of out.seats) {
          const room = rooms.find((r) => r.salle === s.salle)!;
          expect(s.place).toBeGreaterThanOrEqual(1);
          expect(s.place).toBeLessThanOrEqual(room.capacite);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every tiers-temps candidate is in an aménagement room when the centre has one, else warned', () => {
    fc.assert(
      fc.property(roomsArb, candidatesArb, (rooms, candidates) => {
        const out = seatCentre(input(rooms, candidates));
        if (!out.ok) return;
        const hasA = rooms.some((r) => r.amenagements);
        for (const c of candidates.filter((x) => x.needs.tiersTemps)) {
          const seat = out.seats.find((s) => s.numero === c.numero)!;
          const inA = rooms.find((r) => r.salle === seat.salle)!.amenagements;
          const warned = out.warnings.some((w) => w.numero === c.numero);
          if (hasA) expect(inA).toBe(true);
          else expect(warned).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a re-run with newcomers and leavers moves nobody already seated', () => {
    fc.assert(
      fc.property(roomsArb, candidatesArb, candidatesArb, fc.boolean(), fc.boolean(), (rooms, first, later, spread, order) => {
        const before = seatCentre(input(rooms, first, { spread }));
        if (!before.ok) return;
        // Some leave (every third), newcomers arrive with other numéros.
        const staying = first.filter((_, i) => i % 3 !== 0);
        const newcomers = later.map((c) => ({ ...c, numero: `N${c.numero}` }));
        const after = seatCentre(input(rooms, [...staying, ...newcomers], { existing: before.seats, spread, order: order ? 'nom' : 'numero' }));
        const seatOf = new Map(before.seats.map((s) => [s.numero, `${s.salle}#${s.place}`]));
        expect(after.ok ? after.moved : []).toEqual([]);
        if (!after.ok) return;
        for (const c of staying) expect(after.seats.find((s) => s.numero === c.numero)).toMatchObject({ kept: true });
        for (const s of after.seats) if (seatOf.has(s.numero)) expect(`${s.salle}#${s.place}`).toBe(seatOf.get(s.numero));
        expect(after.released.sort()).toEqual(first.filter((_, i) => i % 3 === 0).map((c) => c.numero).sort());
        const keys = after.seats.map((s) => `${s.salle}#${s.place}`);
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('seatCentre, cases', () => {
  const ordinary = (salle: string, capacite: number): SeatRoom => ({ salle, capacite, accessible: false, amenagements: false });
  const cand = (numero: string, nom: string, etablissement?: string, needs = { amenagement: false, tiersTemps: false, pmr: false }): SeatCandidate => ({ numero, nom, prenom: 'P', etablissement, needs });

  it('fills rooms in natural order (« B2 » before « B10 »), candidates by nom, prénom, numéro', () => {
    const out = seatCentre(input([ordinary('B10', 2), ordinary('B2', 1)], [cand('3', 'Zola'), cand('1', 'Élie'), cand('2', 'durand')]));
    expect(out.ok && out.seats.map((s) => `${s.numero}:${s.salle}-${s.place}`)).toEqual(['2:B2-1', '1:B10-1', '3:B10-2']);
  });

  it('--order numero', () => {
    const out = seatCentre(input([ordinary('A', 3)], [cand('3', 'A'), cand('10', 'B'), cand('2', 'C')], { order: 'numero' }));
    expect(out.ok && out.seats.map((s) => s.numero)).toEqual(['2', '3', '10']);
  });

  it('a tiers-temps candidate with no aménagement room at the centre is seated and warned', () => {
    const out = seatCentre(input([ordinary('A', 2)], [cand('1', 'A', undefined, { amenagement: true, tiersTemps: true, pmr: false })]));
    expect(out.ok && out.warnings.map((w) => w.kind)).toEqual(['sans-salle-amenagement']);
  });

  it('the shortfall names the aménagement seats missing', () => {
    const tt = { amenagement: true, tiersTemps: true, pmr: false };
    const out = seatCentre(input([ordinary('A', 5), { salle: 'T', capacite: 1, accessible: false, amenagements: true }], [cand('1', 'A', undefined, tt), cand('2', 'B', undefined, tt), cand('3', 'C')]));
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.shortfall.missing).toBe(1);
    expect(out.shortfall.details[0]).toBe('3 candidat(s) pour 6 place(s) dans 2 salle(s) : 1 place(s) manquante(s)');
    expect(out.shortfall.details[1]).toContain('1 candidat(s) avec aménagement sans place : 2 à placer, 1 place(s) libre(s) en salle d’aménagement');
  });

  it('--spread-establishments: no two neighbours of one établissement when two établissements alternate', () => {
    const list = Array.from({ length: 16 }, (_, i) => cand(String(100 + i), `N${String(i).padStart(2, '0')}`, i < 8 ? 'X' : 'Y'));
    const out = seatCentre(input([ordinary('A', 16)], list, { spread: true }));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const grid = roomGrid(16);
    const etab = new Map(out.seats.map((s) => [s.place, list.find((c) => c.numero === s.numero)!.etablissement]));
    for (const s of out.seats) for (const n of neighbours(grid, 16, s.place)) expect(etab.get(n)).not.toBe(etab.get(s.place));
  });

  it('a kept seat in a room now gone is given up and its candidate seated again, said', () => {
    const out = seatCentre(input([ordinary('A', 2)], [cand('1', 'A')], { existing: [{ numero: '1', salle: 'Z', place: 1 }] }));
    expect(out.ok && out.moved).toEqual([{ numero: '1', reason: 'salle Z absente ou réservée à d’autres épreuves ou jours' }]);
    expect(out.ok && out.seats).toEqual([{ numero: '1', salle: 'A', place: 1, kept: false }]);
  });
});
