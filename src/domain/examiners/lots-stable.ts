// Lots kept from one run of `ccst copies lots` to the next (issue #13 §3: « stable »). A lot once given to a
// correcteur is a bundle of paper and a bordereau already printed: a re-run keeps it whole, with its correcteur and
// its name, as long as it is still valid; copies issued since (late anonymisation) go to NEW lots, given to the least
// loaded correcteurs (makeLots with the kept load). `reset` redoes every lot not pinned. New lots are numbered after
// every lot stored before: a lot name once printed is never given to other copies.
// A kept lot stops being valid when its correcteur left the examiners' file, no longer corrects the épreuve, or
// now shares an établissement with one of its copies (a correcteur never marks their own students): unpinned, it
// is dissolved and its copies are shared out again (said, with the reason); pinned, it is a conflict (the office
// decides). Pure.
import type { Regulation } from '../regulation/schema.js';
import { mayEvaluate, type Examiner } from './examiner.js';
import { makeLots, type Copy, type Lot, type LotShortage } from './lots.js';

export interface StoredLot {
  name: string;
  epreuve: string;
  academie: string;
  correcteur: string;
  number: number;
  pinned: boolean;
  anonymats: string[];
  builtAt?: string;
}

export interface PlannedLot extends Lot {
  correcteur: string;
  number: number;
  pinned: boolean;
  /** Kept from the stored lots (with its builtAt), or made by this run. */
  kept: boolean;
  builtAt?: string;
}

export interface StableLotsInput {
  reg: Regulation;
  epreuve: string;
  size: number;
  /** Every copy of the épreuve (issued numbers), with the candidate's établissement and the académie correcting it. */
  copies: readonly Copy[];
  examiners: readonly Examiner[];
  stored: readonly StoredLot[];
  reset?: boolean;
  /** Lot names to pin (kept by --reset) or unpin, as the user asked this run. */
  pin?: ReadonlySet<string>;
  unpin?: ReadonlySet<string>;
}

export interface StableLotsOutcome {
  /** Kept then new lots, by number. Empty when there are shortages or conflicts (nothing to store). */
  lots: PlannedLot[];
  dissolved: { name: string; reason: string }[];
  shortages: LotShortage[];
  conflicts: string[];
  kept: number;
  created: number;
}

export function lotName(epreuve: string, number: number, width: number): string {
  return `${epreuve}-${String(number).padStart(width, '0')}`;
}

export function planLots(input: StableLotsInput): StableLotsOutcome {
  const { reg, epreuve } = input;
  // Only kept lots look their copies up: a first run (nothing stored) builds no index of 250,000 copies.
  const copyOf = new Map(input.stored.length ? input.copies.map((c) => [c.anonymat, c]) : []);
  const examinerOf = new Map(input.examiners.map((e) => [e.email, e]));
  const kept: PlannedLot[] = [];
  const dissolved: { name: string; reason: string }[] = [];
  const conflicts: string[] = [];
  const load = new Map<string, number>();
  const held = new Set<string>();
  for (const s of [...input.stored].sort((a, b) => a.number - b.number)) {
    const pinned = !input.unpin?.has(s.name) && (s.pinned || Boolean(input.pin?.has(s.name)));
    if (input.reset && !pinned) {
      dissolved.push({ name: s.name, reason: 'refait (--reset)' });
      continue;
    }
    const copies = s.anonymats.filter((a) => copyOf.has(a));
    const why = invalidity(reg, epreuve, s, copies.map((a) => copyOf.get(a)!), examinerOf.get(s.correcteur));
    if (why) {
      if (pinned) conflicts.push(`lot ${s.name} épinglé : ${why} — levez l’épinglage (--unpin ${s.name}) ou corrigez le fichier des examinateurs`);
      else dissolved.push({ name: s.name, reason: why });
      continue;
    }
    if (!copies.length) {
      dissolved.push({ name: s.name, reason: 'plus aucune copie' });
      continue;
    }
    for (const a of copies) held.add(a);
    load.set(s.correcteur, (load.get(s.correcteur) ?? 0) + copies.length);
    kept.push({
      name: s.name, epreuve, academie: s.academie, correcteur: s.correcteur, anonymats: copies, number: s.number, pinned, kept: true,
      ...(s.builtAt ? { builtAt: s.builtAt } : {}),
    });
  }
  const fresh = held.size ? input.copies.filter((c) => !held.has(c.anonymat)) : input.copies;
  const made = fresh.length
    ? makeLots({ reg, epreuve, size: input.size, copies: fresh, examiners: input.examiners, initialLoad: load })
    : { lots: [], shortages: [], conflicts: [] };
  conflicts.push(...made.conflicts);
  // New lots are numbered after every stored lot, kept or not, in makeLots' order (académie, établissement, anonymity
  // number): a name printed on a bordereau is never given to another bundle of copies, even after --reset.
  let next = Math.max(0, ...input.stored.map((l) => l.number));
  const width = Math.max(2, String(next + made.lots.length).length);
  const renamed = new Map(made.lots.map((l) => [l.name, ++next]));
  const shortages = made.shortages.map((s) => ({ ...s, lots: s.lots.map((n) => lotName(epreuve, renamed.get(n)!, width)) }));
  if (shortages.length || conflicts.length) return { lots: [], dissolved, shortages, conflicts, kept: kept.length, created: 0 };
  const created: PlannedLot[] = made.lots.map((l) => {
    const number = renamed.get(l.name)!;
    return { ...l, name: lotName(epreuve, number, width), correcteur: l.correcteur!, number, pinned: false, kept: false };
  });
  return { lots: [...kept, ...created], dissolved, shortages: [], conflicts: [], kept: kept.length, created: created.length };
}

/** Why a stored lot can no longer stay as it is, or undefined. */
function invalidity(reg: Regulation, epreuve: string, lot: StoredLot, copies: Copy[], e: Examiner | undefined): string | undefined {
  if (!e) return `son correcteur ${lot.correcteur} n’est plus dans le fichier des examinateurs`;
  if (!mayEvaluate(reg, e, epreuve, 'ponctuel')) return `son correcteur ${e.email} ne corrige plus ${epreuve} (épreuves ou profil changés)`;
  if (e.academie !== lot.academie) return `son correcteur ${e.email} n’est plus de l’académie ${lot.academie}`;
  const own = e.etablissementUai ? copies.filter((c) => c.etablissementUai === e.etablissementUai).length : 0;
  if (own) return `${own} copie(s) de candidats de l’établissement de son correcteur ${e.email} (${e.etablissementUai})`;
  const moved = copies.filter((c) => c.academie !== lot.academie).length;
  if (moved) return `${moved} copie(s) désormais corrigée(s) par une autre académie`;
  return undefined;
}
