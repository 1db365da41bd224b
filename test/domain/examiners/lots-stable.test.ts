// Issue #13 §3 « stable »: lots kept from one `ccst copies lots` to the next, new copies in new lots to the least
// loaded, --reset redoing what is not pinned, names never reused; an invalid kept lot dissolved (or, pinned, a
// conflict); the own-établissement rule holds for every lot.
import { describe, expect, it } from 'vitest';
import { loadBundledRegulation } from '../../../src/io/regulation-file.js';
import { makeLots, type Copy } from '../../../src/domain/examiners/lots.js';
import { planLots, type StoredLot } from '../../../src/domain/examiners/lots-stable.js';
import type { Examiner } from '../../../src/domain/examiners/examiner.js';

const reg = loadBundledRegulation('bts-ccst-2024');
const corr = (email: string, o: Partial<Examiner> = {}): Examiner => ({
  email, nom: email, prenom: 'X', profils: ['sti'], academie: 'TOULOUSE', epreuves: ['E5'], dates: ['2024-05-30'], ...o,
});
const copies = (n: number, etab?: string, from = 0): Copy[] =>
  Array.from({ length: n }, (_, i) => ({ anonymat: String(10_000_000 + from + i), academie: 'TOULOUSE', ...(etab ? { etablissementUai: etab } : {}) }));
const people = [corr('a@x.fr', { etablissementUai: '0310001H' }), corr('b@x.fr', { etablissementUai: '0310002J' }), corr('c@x.fr')];
const asStored = (lots: ReturnType<typeof planLots>['lots']): StoredLot[] => lots.map((l) => ({ ...l, builtAt: l.builtAt ?? '2024-06-01T00:00:00.000Z' }));
const view = (lots: ReturnType<typeof planLots>['lots']) => lots.map((l) => `${l.name}:${l.correcteur}:${l.anonymats.length}${l.kept ? ':kept' : ''}${l.pinned ? ':pin' : ''}`);

describe('planLots', () => {
  const first = planLots({ reg, epreuve: 'E5', size: 10, copies: [...copies(15, '0310001H'), ...copies(15, '0310002J', 100)], examiners: people, stored: [] });

  it('a first run is makeLots', () => {
    const direct = makeLots({ reg, epreuve: 'E5', size: 10, copies: [...copies(15, '0310001H'), ...copies(15, '0310002J', 100)], examiners: people });
    expect(first.lots.map((l) => [l.name, l.correcteur, l.anonymats])).toEqual(direct.lots.map((l) => [l.name, l.correcteur, l.anonymats]));
    expect([first.kept, first.created]).toEqual([0, direct.lots.length]);
  });

  it('a re-run keeps every lot as it is', () => {
    const again = planLots({ reg, epreuve: 'E5', size: 10, copies: [...copies(15, '0310001H'), ...copies(15, '0310002J', 100)], examiners: people, stored: asStored(first.lots) });
    expect(again.lots.map((l) => [l.name, l.correcteur, l.anonymats, l.kept])).toEqual(first.lots.map((l) => [l.name, l.correcteur, l.anonymats, true]));
    expect([again.kept, again.created]).toEqual([first.lots.length, 0]);
  });

  it('copies issued since go to new lots, numbered after, to the least loaded correcteurs', () => {
    const late = copies(4, '0310001H', 500);
    const again = planLots({ reg, epreuve: 'E5', size: 10, copies: [...copies(15, '0310001H'), ...copies(15, '0310002J', 100), ...late], examiners: people, stored: asStored(first.lots) });
    const fresh = again.lots.filter((l) => !l.kept);
    expect(fresh.map((l) => l.name)).toEqual([`E5-${String(first.lots.length + 1).padStart(2, '0')}`]);
    expect(fresh[0]!.anonymats).toEqual(late.map((c) => c.anonymat));
    // 0310001H's copies never go to a@x.fr; of b and c, the least loaded takes them.
    const load = (e: string) => first.lots.filter((l) => l.correcteur === e).reduce((n, l) => n + l.anonymats.length, 0);
    const expected = load('b@x.fr') < load('c@x.fr') || (load('b@x.fr') === load('c@x.fr')) ? 'b@x.fr' : 'c@x.fr';
    expect(fresh[0]!.correcteur).toBe(expected);
  });

  it('--reset redoes the unpinned lots under new names; a pinned lot stays', () => {
    const pinned = first.lots[1]!.name;
    const again = planLots({ reg, epreuve: 'E5', size: 10, copies: [...copies(15, '0310001H'), ...copies(15, '0310002J', 100)], examiners: people, stored: asStored(first.lots), reset: true, pin: new Set([pinned]) });
    expect(again.lots.filter((l) => l.kept).map((l) => l.name)).toEqual([pinned]);
    expect(again.lots.find((l) => l.name === pinned)).toMatchObject({ pinned: true, correcteur: first.lots[1]!.correcteur });
    const max = Math.max(...first.lots.map((l) => l.number));
    expect(again.lots.filter((l) => !l.kept).every((l) => l.number > max)).toBe(true);
    expect(again.dissolved.map((d) => d.reason)).toEqual(first.lots.filter((l) => l.name !== pinned).map(() => 'refait (--reset)'));
    expect(again.lots.flatMap((l) => l.anonymats).sort()).toEqual(first.lots.flatMap((l) => l.anonymats).sort());
  });

  it('a kept lot whose correcteur now teaches in a copy’s établissement is dissolved; pinned, it is a conflict', () => {
    const target = first.lots.find((l) => l.correcteur === 'c@x.fr')!;
    const moved = people.map((e) => (e.email === 'c@x.fr' ? { ...e, etablissementUai: '0310001H' } : e));
    const stored = asStored(first.lots);
    const mixed = stored.find((l) => l.name === target.name)!;
    // Give c's lot a copy of 0310001H if it has none (so that the move makes it invalid).
    const copyList = [...copies(15, '0310001H'), ...copies(15, '0310002J', 100)];
    const own = copyList.filter((c) => c.etablissementUai === '0310001H' && mixed.anonymats.includes(c.anonymat)).length;
    if (!own) return expect.unreachable('fixture: c@x.fr’s lot should hold a copy of 0310001H');
    const again = planLots({ reg, epreuve: 'E5', size: 10, copies: copyList, examiners: moved, stored });
    expect(again.dissolved).toEqual([{ name: target.name, reason: `${own} copie(s) de candidats de l’établissement de son correcteur c@x.fr (0310001H)` }]);
    for (const l of again.lots) {
      const etab = moved.find((e) => e.email === l.correcteur)!.etablissementUai;
      expect(l.anonymats.filter((a) => copyList.find((c) => c.anonymat === a)!.etablissementUai === etab)).toEqual([]);
    }
    const pinnedRun = planLots({ reg, epreuve: 'E5', size: 10, copies: copyList, examiners: moved, stored: stored.map((l) => ({ ...l, pinned: l.name === target.name })) });
    expect(pinnedRun.lots).toEqual([]);
    expect(pinnedRun.conflicts[0]).toContain(`lot ${target.name} épinglé : ${own} copie(s) de candidats de l’établissement de son correcteur c@x.fr`);
  });

  it('a correcteur gone from the file: the lot is dissolved and shared out again', () => {
    const gone = first.lots[0]!;
    const again = planLots({ reg, epreuve: 'E5', size: 10, copies: [...copies(15, '0310001H'), ...copies(15, '0310002J', 100)], examiners: people.filter((e) => e.email !== gone.correcteur), stored: asStored(first.lots) });
    expect(again.dissolved).toEqual([{ name: gone.name, reason: `son correcteur ${gone.correcteur} n’est plus dans le fichier des examinateurs` }]);
    expect(again.lots.every((l) => l.correcteur !== gone.correcteur)).toBe(true);
    expect(view(again.lots).length).toBeGreaterThanOrEqual(first.lots.length);
  });

  it('a shortage names the lots as they would be numbered, and nothing is planned', () => {
    const out = planLots({ reg, epreuve: 'E5', size: 10, copies: copies(30, '0310001H'), examiners: [corr('a@x.fr', { etablissementUai: '0310001H' })], stored: [] });
    expect(out.lots).toEqual([]);
    expect(out.shortages).toEqual([{ academie: 'TOULOUSE', copies: 30, lots: ['E5-01', 'E5-02', 'E5-03'], reason: 'plus de correcteur qualifié disponible (max_copies atteint, ou tous de l’établissement des candidats)' }]);
  });
});

describe('makeLots initialLoad (copies already held)', () => {
  it('counts against max_copies and sends new lots to the least loaded', () => {
    const out = makeLots({ reg, epreuve: 'E5', size: 10, copies: copies(20), examiners: [corr('a@x.fr', { maxCopies: 25 }), corr('b@x.fr')], initialLoad: new Map([['a@x.fr', 20]]) });
    expect(out.lots.map((l) => l.correcteur)).toEqual(['b@x.fr', 'b@x.fr']);
    expect(out.load.get('a@x.fr')).toBe(20);
  });
});
