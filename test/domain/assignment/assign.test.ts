// assignCentres: designations, capacity as a hard limit, établissements kept together, same département,
// orals away from the candidate's own establishment, languages, exact shortfalls, stable re-runs and pins.
import { describe, expect, it } from 'vitest';
import { assignCentres, type AssignInput, type AssignOutcome } from '../../../src/domain/assignment/assign.js';
import type { Placement } from '../../../src/domain/assignment/pool.js';
import { cand, centre, REG, uai } from '../../helpers/assignment-builders.js';

const run = (over: Partial<AssignInput>): AssignOutcome =>
  assignCentres({ reg: REG, candidates: [], centres: [], existing: [], pins: [], reset: false, ...over });

function placed(o: AssignOutcome): Placement[] {
  if (!o.ok) throw new Error(`infeasible: ${JSON.stringify({ s: o.shortfalls, c: o.conflicts })}`);
  return o.placements;
}
const where = (o: AssignOutcome, epreuve: string) =>
  Object.fromEntries(placed(o).filter((p) => p.epreuve === epreuve).map((p) => [p.numero, p.centreUai]));
const counts = (o: AssignOutcome, epreuve: string) => {
  const m: Record<string, number> = {};
  for (const p of placed(o).filter((x) => x.epreuve === epreuve)) m[p.centreUai] = (m[p.centreUai] ?? 0) + 1;
  return m;
};
const many = (n: number, from: number, over: Parameters<typeof cand>[1] = {}) =>
  Array.from({ length: n }, (_, i) => cand(String(from + i).padStart(4, '0'), over));

const A = uai('031', 100);
const B = uai('031', 200);
const C = uai('081', 300);
const ETAB1 = uai('031', 11);
const ETAB2 = uai('081', 22);

describe('written centres', () => {
  it('follows the designation (origines) exactly, even when another centre is nearer or emptier', () => {
    const o = run({
      candidates: many(3, 1, { etablissementUai: ETAB2 }),
      centres: [centre(A, 'ecrit', { origines: [ETAB2], capacite: 3 }), centre(C, 'ecrit', { capacite: 100 })],
    });
    expect(counts(o, 'E1')).toEqual({ [A]: 3 });
  });

  it('a designated centre too small is a shortfall (exit 4), not a spill-over', () => {
    const o = run({
      candidates: many(5, 1, { etablissementUai: ETAB2 }),
      centres: [centre(A, 'ecrit', { origines: [ETAB2], capacite: 3 }), centre(C, 'ecrit', { capacite: 100 })],
    });
    expect(o.ok).toBe(false);
    if (!o.ok) expect(o.shortfalls.find((s) => s.epreuve === 'E1')).toMatchObject({ reason: 'designation', missing: 2, demand: 5, capacity: 3, centres: [A] });
  });

  it('prefers the candidate’s département, and keeps an establishment together', () => {
    const o = run({
      candidates: [...many(4, 1, { etablissementUai: ETAB1 }), ...many(4, 10, { etablissementUai: ETAB2 })],
      centres: [centre(A, 'ecrit', { capacite: 10 }), centre(C, 'ecrit', { capacite: 10 })],
    });
    expect(counts(o, 'E1')).toEqual({ [A]: 4, [C]: 4 });
    expect(new Set(Object.values(where(o, 'E3')))).toEqual(new Set([A, C]));
    expect(where(o, 'E1')['0001']).toBe(A);
    expect(where(o, 'E1')['0010']).toBe(C);
  });

  it('keeps a group whole in a farther centre rather than splitting it in a nearer one', () => {
    const o = run({
      candidates: many(6, 1, { etablissementUai: ETAB1 }),
      centres: [centre(A, 'ecrit', { capacite: 5 }), centre(C, 'ecrit', { capacite: 6 })],
    });
    expect(counts(o, 'E1')).toEqual({ [C]: 6 });
  });

  it('splits a group only when no centre can hold it, never exceeding a capacity', () => {
    const o = run({
      candidates: many(9, 1, { etablissementUai: ETAB1 }),
      centres: [centre(A, 'ecrit', { capacite: 5 }), centre(B, 'ecrit', { capacite: 5 })],
    });
    expect(counts(o, 'E1')).toEqual({ [A]: 5, [B]: 4 });
  });

  it('reports the exact shortfall per académie and épreuve when seats are missing', () => {
    const o = run({ candidates: many(12, 1), centres: [centre(A, 'ecrit', { capacite: 5 }), centre(B, 'ecrit', { capacite: 4 })] });
    expect(o.ok).toBe(false);
    if (o.ok) return;
    expect(o.shortfalls.map((s) => [s.academie, s.epreuve, s.missing, s.demand, s.capacity])).toEqual([
      ['TOULOUSE', 'E1', 3, 12, 9],
      ['TOULOUSE', 'E3', 3, 12, 9],
      ['TOULOUSE', 'E5', 3, 12, 9],
    ]);
  });

  it('never uses a centre of another académie for written épreuves', () => {
    const o = run({ candidates: many(2, 1), centres: [centre(A, 'ecrit', { academie: 'BORDEAUX' })] });
    expect(o.ok).toBe(false);
    if (!o.ok) expect(o.shortfalls[0]).toMatchObject({ academie: 'TOULOUSE', epreuve: 'E1', reason: 'aucun-centre', missing: 2 });
  });
});

describe('oral centres', () => {
  const hc = { voie: 'scolaire_prive_hors_contrat' };
  const writtenFor = (academie = 'TOULOUSE') => centre(uai('031', 999), 'ecrit', { academie });

  it('sends an attached académie to its pilot’s centres (DIJON → BESANCON) and Corse individuals to Aix', () => {
    const besancon = uai('025', 1);
    const aix = uai('013', 1);
    const o = run({
      candidates: [
        cand('1', { ...hc, academie: 'DIJON', etablissementUai: uai('021', 5) }),
        cand('2', { voie: 'candidat_individuel', academie: 'CORSE', etablissementUai: undefined }),
      ],
      centres: [
        writtenFor('DIJON'), writtenFor('CORSE'),
        centre(besancon, 'oral', { academie: 'BESANCON' }),
        centre(aix, 'oral', { academie: 'AIX-MARSEILLE' }),
        centre(uai('021', 9), 'oral', { academie: 'DIJON' }),
      ],
    });
    expect(where(o, 'E4')).toEqual({ '1': besancon, '2': aix });
  });

  it('non-individual candidates of CORSE have no organiser: a conflict, never a guess', () => {
    const o = run({ candidates: [cand('1', { ...hc, academie: 'CORSE' })], centres: [writtenFor('CORSE'), centre(A, 'oral', { academie: 'AIX-MARSEILLE' })] });
    expect(o.ok).toBe(false);
    if (!o.ok) expect(o.conflicts.join('\n')).toContain('CORSE E22 : aucune académie n’organise ces oraux pour 1 candidat(s)');
  });

  it('avoids the candidate’s own establishment, and warns when it is the only choice', () => {
    const o = run({
      candidates: many(2, 1, { ...hc, etablissementUai: A }),
      centres: [writtenFor(), centre(A, 'oral'), centre(C, 'oral')],
    });
    expect(counts(o, 'E4')).toEqual({ [C]: 2 });
    const alone = run({ candidates: many(2, 1, { ...hc, etablissementUai: A }), centres: [writtenFor(), centre(A, 'oral')] });
    expect(counts(alone, 'E4')).toEqual({ [A]: 2 });
    expect(alone.warnings.join('\n')).toContain(`E4 : 2 candidat(s) de ${A} interrogé(s) dans leur propre établissement`);
  });

  it('places E22 / EF1 only where the language is offered, per épreuve when the centre says so', () => {
    const o = run({
      candidates: [cand('1', { ef1: 'espagnol' }), cand('2', { ef1: 'allemand', langue: 'anglais' })],
      centres: [
        writtenFor(),
        centre(A, 'oral', { langues: { E22: ['anglais', 'allemand'], EF1: ['espagnol'] } }),
        centre(C, 'oral', { langues: { '*': ['allemand'] } }),
      ],
    });
    expect(where(o, 'EF1')).toEqual({ '1': A, '2': C });
  });

  it('does not starve a rare language: Hall’s condition decides how many a shared centre takes', () => {
    // A offers anglais+espagnol (3 seats), C offers anglais only (2 seats). 3 anglais (bigger group, placed
    // first, nearer to A) and 1 espagnol: a plain greedy would fill A with anglais and leave espagnol out.
    const o = run({
      candidates: [...many(3, 1, { ef1: 'anglais', langue: 'espagnol', etablissementUai: ETAB1 }), cand('9', { ef1: 'espagnol', etablissementUai: ETAB2 })],
      centres: [writtenFor(), centre(A, 'oral', { capacite: 3, langues: { '*': ['anglais', 'espagnol'] } }), centre(C, 'oral', { capacite: 2, langues: { '*': ['anglais'] } })],
    });
    expect(where(o, 'EF1')['9']).toBe(A);
    expect(counts(o, 'EF1')).toEqual({ [A]: 3, [C]: 1 });
  });

  it('gives the exact shortfall for a language nobody can seat', () => {
    const o = run({
      candidates: [...many(3, 1, { ef1: 'espagnol' }), ...many(2, 10, { ef1: 'allemand' })],
      centres: [writtenFor(), centre(A, 'oral', { capacite: 2, langues: { '*': ['espagnol', 'allemand'] } }), centre(C, 'oral', { capacite: 5, langues: { '*': ['allemand'] } })],
    });
    expect(o.ok).toBe(false);
    if (!o.ok) expect(o.shortfalls).toEqual([expect.objectContaining({ epreuve: 'EF1', missing: 1, languages: ['espagnol'], demand: 3, capacity: 2 })]);
  });

  it('puts the engagement étudiant with U61, in the same centre', () => {
    const o = run({
      candidates: [cand('1', { ...hc, ef3: true })],
      centres: [writtenFor(), centre(A, 'oral', { epreuves: ['E22', 'E4', 'E62'] }), centre(C, 'oral', { epreuves: ['E61'] })],
    });
    expect(where(o, 'E61')).toEqual({ '1': C });
    expect(where(o, 'EF3')).toEqual({ '1': C });
  });
});

describe('stable re-runs and pins', () => {
  const centres = [centre(A, 'ecrit', { capacite: 10 }), centre(B, 'ecrit', { capacite: 10 }), centre(C, 'ecrit', { capacite: 10 })];

  it('moves nobody already placed when candidates are added or removed', () => {
    const first = placed(run({ candidates: many(8, 1, { etablissementUai: ETAB1 }), centres }));
    const changed = [...many(7, 2, { etablissementUai: ETAB1 }), ...many(3, 50, { etablissementUai: ETAB1 })];
    const second = run({ candidates: changed, centres, existing: first });
    const again = new Map(placed(second).map((p) => [`${p.numero}:${p.epreuve}`, p.centreUai]));
    for (const p of first) if (p.numero !== '0001') expect(again.get(`${p.numero}:${p.epreuve}`)).toBe(p.centreUai);
    expect(second.ok && second.stats).toMatchObject({ kept: 21, placed: 9, dropped: 3 });
  });

  it('a pin is kept by every later run, --reset included, and replaces the earlier placement', () => {
    const first = placed(run({ candidates: many(3, 1, { etablissementUai: ETAB1 }), centres }));
    const home = first[0]!.centreUai;
    const other = [A, B, C].find((u) => u !== home)!;
    const pinned = placed(run({ candidates: many(3, 1, { etablissementUai: ETAB1 }), centres, existing: first, pins: [{ numero: '0001', epreuve: 'E1', centreUai: other }] }));
    expect(pinned.find((p) => p.numero === '0001' && p.epreuve === 'E1')).toEqual({ numero: '0001', epreuve: 'E1', centreUai: other, pinned: true });
    const reset = placed(run({ candidates: many(3, 1, { etablissementUai: ETAB1 }), centres, existing: pinned, reset: true }));
    expect(reset.find((p) => p.numero === '0001' && p.epreuve === 'E1')).toMatchObject({ centreUai: other, pinned: true });
  });

  it('re-places a kept assignment whose centre no longer offers the épreuve, and says why', () => {
    const o = run({ candidates: many(1, 1), centres, existing: [{ numero: '0001', epreuve: 'E1', centreUai: A, pinned: false }].map((p) => ({ ...p })) });
    expect(o.ok).toBe(true);
    const narrowed = [centre(A, 'ecrit', { epreuves: ['E3', 'E5'] }), centre(B, 'ecrit')];
    const r = run({ candidates: many(1, 1), centres: narrowed, existing: placed(o) });
    expect(r.ok && r.moves).toEqual([{ numero: '0001', epreuve: 'E1', from: A, reason: `le centre ${A} n’organise pas E1` }]);
  });

  it('refuses a pin to another académie’s centre or for an épreuve not taken', () => {
    const o = run({
      candidates: many(1, 1),
      centres: [...centres, centre(uai('033', 1), 'ecrit', { academie: 'BORDEAUX' })],
      pins: [{ numero: '0001', epreuve: 'E1', centreUai: uai('033', 1) }, { numero: '0001', epreuve: 'E4', centreUai: A }],
    });
    expect(o.ok).toBe(false);
    if (!o.ok) {
      expect(o.conflicts[0]).toContain('relève de BORDEAUX');
      expect(o.conflicts[1]).toContain('ne passe pas E4 en forme ponctuelle');
    }
  });

  it('does not depend on the order of the input', () => {
    const cands = [...many(5, 1, { etablissementUai: ETAB1 }), ...many(5, 20, { etablissementUai: ETAB2 }), ...many(3, 40, { etablissementUai: undefined })];
    const a = placed(run({ candidates: cands, centres }));
    const b = placed(run({ candidates: [...cands].reverse(), centres: [...centres].reverse() }));
    expect(b).toEqual(a);
  });
});

describe('designations added after a first run', () => {
  it('move the establishment’s candidates to the designated centre, saying why', () => {
    const centres = [centre(A, 'ecrit', { capacite: 10 }), centre(C, 'ecrit', { capacite: 10 })];
    const cands = many(2, 1, { etablissementUai: ETAB1 });
    const first = placed(run({ candidates: cands, centres }));
    expect(new Set(first.map((p) => p.centreUai))).toEqual(new Set([A]));
    const designated = [centre(A, 'ecrit', { capacite: 10 }), centre(C, 'ecrit', { capacite: 10, origines: [ETAB1] })];
    const again = run({ candidates: cands, centres: designated, existing: first });
    expect(counts(again, 'E1')).toEqual({ [C]: 2 });
    expect(again.ok && again.moves[0]).toEqual({ numero: '0001', epreuve: 'E1', from: A, reason: `l’établissement ${ETAB1} est désigné au centre ${C}` });
  });
});

describe('--unpin', () => {
  it('lifts a pin: the placement becomes ordinary (kept), and --reset then places it by the rules', () => {
    const centres = [centre(A, 'ecrit', { capacite: 10 }), centre(C, 'ecrit', { capacite: 10 })];
    const cands = many(2, 1, { etablissementUai: ETAB1 });
    const pinned = placed(run({ candidates: cands, centres, pins: [{ numero: '0001', epreuve: 'E1', centreUai: C }] }));
    const lifted = run({ candidates: cands, centres, existing: pinned, unpin: [{ numero: '0001', epreuve: 'E1' }] });
    expect(placed(lifted).find((p) => p.numero === '0001' && p.epreuve === 'E1')).toEqual({ numero: '0001', epreuve: 'E1', centreUai: C, pinned: false });
    const reset = run({ candidates: cands, centres, existing: placed(lifted), reset: true });
    expect(where(reset, 'E1')).toEqual({ '0001': A, '0002': A });
    expect(run({ candidates: cands, centres, existing: pinned, unpin: [{ numero: '0009', epreuve: 'E1' }] }).warnings).toContain('--unpin 0009:E1 : aucun épinglage de ce nom');
  });
});

describe('one written centre per candidate', () => {
  it('sends a candidate’s E21 where their E1, E3, E5 are, even when another centre has more room', () => {
    // An individual (no establishment, no département) sits E1, E21, E3, E5. In E1, ETAB2's pair goes to C (its
    // département) and the individual to A (equal room, lower UAI). E21 is the individual's alone: C has more free
    // seats (5 vs 3) but A already has the candidate, and one candidate keeps one written centre.
    const centres = [centre(A, 'ecrit', { capacite: 3 }), centre(C, 'ecrit', { capacite: 5 }), centre(B, 'oral')];
    const cands = [cand('1', { voie: 'candidat_individuel', etablissementUai: undefined }), ...many(2, 10, { etablissementUai: ETAB2 })];
    const o = run({ candidates: cands, centres });
    expect(where(o, 'E1')['1']).toBe(A);
    expect(where(o, 'E21')['1']).toBe(A);
    expect(where(o, 'E3')['1']).toBe(A);
  });
});

describe('designation typos', () => {
  it('warns about an origin establishment without any candidate', () => {
    const o = run({ candidates: many(1, 1, { etablissementUai: ETAB1 }), centres: [centre(A, 'ecrit', { origines: [ETAB1, ETAB2] })] });
    expect(o.warnings).toEqual([`centre ${A} (ecrit) : l’établissement d’origine ${ETAB2} n’a aucun candidat`]);
  });
});
