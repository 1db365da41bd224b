// Lots of written copies (issue #13 §3): the copies of one épreuve, known by anonymity number only, cut into lots
// of a given size, each lot to one correcteur qualified for the épreuve — its correction composition in the
// regulation data (circulaire nationale 2024, e.g. E3: « corrigée par un professeur ayant en charge
// l'enseignement de CEJM »; E5: a professor of économie-gestion or of STI, the two profiles of its commission).
// Rules:
//  - never a copy of a candidate of the correcteur's own établissement (hard: such a lot is split by établissement
//    and, if still impossible, reported — a correcteur never marks their own students);
//  - a copy is corrected in the académie the caller names for it (the académie organising the épreuve for the
//    candidate: itself or its regroupement's pilot, circulaire nationale annexe 1), by that académie's correcteurs;
//  - balanced by copies within each académie: each lot goes to the least loaded eligible correcteur, the most
//    constrained lots first, then lots — or the part of a lot outside the receiver's établissement — are moved from
//    the most to the least loaded while that narrows the gap, so max − min ≤ one lot size whenever the capacities
//    and établissements allow it (property-tested);
//  - within max_copies; what cannot be placed is reported as data (académie, copies, lots), never thrown.
// Lots are made from the copies sorted by établissement then anonymity number: a lot spans few établissements, so
// few correcteurs are excluded from it. Deterministic. Pure.
import type { Regulation } from '../regulation/schema.js';
import { compositionFor } from '../regulation/commissions.js';
import { mayEvaluate, type Examiner } from './examiner.js';
import { LoadHeap } from './least-loaded.js';

export interface Copy {
  anonymat: string;
  /** The candidate's établissement (never shown to the correcteur: used only to keep their own students away). */
  etablissementUai?: string;
  /** The académie whose correcteurs correct the copy. */
  academie: string;
}

export interface Lot {
  /** « E5-03 »: numbered within the épreuve, by académie then position. */
  name: string;
  epreuve: string;
  academie: string;
  correcteur?: string;
  anonymats: string[];
}

export interface LotShortage {
  academie: string;
  /** Copies left without a correcteur, and their lots. */
  copies: number;
  lots: string[];
  reason: string;
}

export interface LotsInput {
  reg: Regulation;
  epreuve: string;
  size: number;
  copies: readonly Copy[];
  examiners: readonly Examiner[];
  /**
   * Copies each correcteur already holds in lots kept from an earlier run (lots-stable.ts), by e-mail: counted for
   * the balance and against max_copies, so that new lots go to the least loaded.
   */
  initialLoad?: ReadonlyMap<string, number>;
}

export interface LotsOutcome {
  /** Every lot, assigned or not (an unassigned one has no correcteur and is in the shortages). */
  lots: Lot[];
  shortages: LotShortage[];
  conflicts: string[];
  /** Copies per correcteur, by e-mail (qualified correcteurs with none included). */
  load: Map<string, number>;
}

/** A lot being formed (exported for the rebalancing test). */
export interface Draft {
  copies: Copy[];
  etabs: Set<string>;
  correcteur?: Examiner;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function makeLots(input: LotsInput): LotsOutcome {
  const { reg, epreuve, size } = input;
  if (!Number.isInteger(size) || size < 1) throw new Error(`taille de lot invalide : ${size}`);
  const comp = compositionFor(reg, epreuve, 'ponctuel');
  if (!comp || comp.kind !== 'correction') {
    return { lots: [], shortages: [], conflicts: [`${epreuve} : le règlement ne donne pas de commission de correction (épreuve écrite) pour cette épreuve`], load: new Map() };
  }
  const qualified = input.examiners.filter((e) => mayEvaluate(reg, e, epreuve, 'ponctuel')).sort((a, b) => cmp(a.email, b.email));
  const load = new Map(qualified.map((e) => [e.email, input.initialLoad?.get(e.email) ?? 0]));
  const byAcademie = new Map<string, Copy[]>();
  for (const c of input.copies) (byAcademie.get(c.academie) ?? byAcademie.set(c.academie, []).get(c.academie)!).push(c);
  const shortages: LotShortage[] = [];
  const all: { academie: string; draft: Draft }[] = [];

  for (const academie of [...byAcademie.keys()].sort()) {
    // Copies read in this order already (store/copies.ts copiesForLots) cost one pass of the sort.
    const copies = byAcademie.get(academie)!.sort((a, b) => cmp(a.etablissementUai ?? '', b.etablissementUai ?? '') || cmp(a.anonymat, b.anonymat));
    const team = qualified.filter((e) => e.academie === academie);
    const drafts: Draft[] = [];
    for (let i = 0; i < copies.length; i += size) drafts.push(draft(copies.slice(i, i + size)));
    const eligible = (e: Examiner, d: Draft) =>
      !(e.etablissementUai && d.etabs.has(e.etablissementUai)) && (e.maxCopies === undefined || load.get(e.email)! + d.copies.length <= e.maxCopies);
    // The most constrained lots first (fewest correcteurs outside their établissements), then in order.
    const ofEtab = new Map<string, number>();
    for (const e of team) if (e.etablissementUai) ofEtab.set(e.etablissementUai, (ofEtab.get(e.etablissementUai) ?? 0) + 1);
    const free = (d: Draft) => team.length - [...d.etabs].reduce((n, u) => n + (ofEtab.get(u) ?? 0), 0);
    const order = drafts.map((d, i) => ({ d, i, n: free(d) })).sort((a, b) => a.n - b.n || a.i - b.i);
    const placed: Draft[] = [];
    const queue = order.map((o) => o.d).reverse(); // a stack: split parts are taken next
    const heap = new LoadHeap(load, team);
    const full = (e: Examiner) => e.maxCopies !== undefined && load.get(e.email)! >= e.maxCopies;
    while (queue.length) {
      const d = queue.pop()!;
      const best = heap.take((e) => eligible(e, d), full);
      if (best) {
        d.correcteur = best;
        load.set(best.email, load.get(best.email)! + d.copies.length);
        heap.push(best);
      } else if (d.etabs.size > 1) {
        // Split by établissement: each part excludes fewer correcteurs.
        const parts = new Map<string, Copy[]>();
        for (const c of d.copies) (parts.get(c.etablissementUai ?? '') ?? parts.set(c.etablissementUai ?? '', []).get(c.etablissementUai ?? '')!).push(c);
        queue.push(...[...parts.values()].map(draft).reverse());
        continue;
      }
      placed.push(d);
    }
    rebalance(placed, team, load, size);
    // Lots in copy order (établissement, then anonymity number), numbered after the académies before.
    placed.sort((a, b) => cmp(a.copies[0]!.etablissementUai ?? '', b.copies[0]!.etablissementUai ?? '') || cmp(a.copies[0]!.anonymat, b.copies[0]!.anonymat));
    for (const d of placed) all.push({ academie, draft: d });
    const left = placed.filter((d) => !d.correcteur);
    if (left.length) {
      const reason = team.length
        ? 'plus de correcteur qualifié disponible (max_copies atteint, ou tous de l’établissement des candidats)'
        : `aucun correcteur qualifié pour ${epreuve} dans l’académie`;
      shortages.push({ academie, copies: left.reduce((n, d) => n + d.copies.length, 0), lots: [], reason });
    }
  }
  const width = Math.max(2, String(all.length).length);
  const lots = all.map(({ academie, draft: d }, i): Lot => ({
    name: `${epreuve}-${String(i + 1).padStart(width, '0')}`, epreuve, academie,
    ...(d.correcteur ? { correcteur: d.correcteur.email } : {}), anonymats: d.copies.map((c) => c.anonymat).sort(),
  }));
  for (const s of shortages) s.lots = lots.filter((l) => l.academie === s.academie && !l.correcteur).map((l) => l.name);
  return { lots, shortages, conflicts: [], load };
}

function draft(copies: Copy[]): Draft {
  const etabs = new Set<string>();
  for (const c of copies) if (c.etablissementUai) etabs.add(c.etablissementUai);
  return { copies, etabs };
}

/**
 * Moves lots from the most loaded correcteur of the académie to the least loaded while the gap exceeds one lot
 * size and a move narrows it (within max_copies). When the receiver may not take a lot whole because some of its
 * copies are of the receiver's établissement, the other copies move as a lot of their own (pushed to `lots`). Each
 * move of c < gap copies lowers the sum of squared loads, so the loop ends.
 */
export function rebalance(lots: Draft[], team: Examiner[], load: Map<string, number>, size: number): void {
  if (team.length < 2) return;
  // Lots by holder: a pass looks only at the givers' own lots (8,000 correcteurs, 250,000 copies in the bench).
  const held = new Map<Examiner, Draft[]>(team.map((e) => [e, []]));
  for (const d of lots) if (d.correcteur) held.get(d.correcteur)?.push(d);
  const move = (d: Draft, from: Examiner, to: Examiner) => {
    d.correcteur = to;
    held.set(from, held.get(from)!.filter((x) => x !== d));
    held.get(to)!.push(d);
    load.set(from.email, load.get(from.email)! - d.copies.length);
    load.set(to.email, load.get(to.email)! + d.copies.length);
  };
  for (let guard = 0; guard < 4 * lots.length * team.length; guard++) {
    const sorted = [...team].sort((a, b) => load.get(a.email)! - load.get(b.email)! || cmp(a.email, b.email));
    let moved = false;
    // The most loaded giver first, then the least loaded receiver that can take (part of) one of its lots.
    outer: for (let h = sorted.length - 1; h > 0; h--) {
      const hi = sorted[h]!;
      for (let l = 0; l < h; l++) {
        const lo = sorted[l]!;
        const gap = load.get(hi.email)! - load.get(lo.email)!;
        if (gap <= size) break;
        const room = lo.maxCopies === undefined ? Infinity : lo.maxCopies - load.get(lo.email)!;
        // Whole lots first (the largest that narrows the gap), then the part of a lot outside lo's établissement.
        let best: { d: Draft; part?: Copy[] } | undefined;
        let bestSize = 0;
        for (const d of held.get(hi)!) {
          const mixed = lo.etablissementUai !== undefined && d.etabs.has(lo.etablissementUai);
          const part = mixed ? d.copies.filter((c) => c.etablissementUai !== lo.etablissementUai) : undefined;
          const n = part ? part.length : d.copies.length;
          if (n === 0 || n >= gap || n > room) continue;
          if (!best || (!part && best.part) || (!part === !best.part && n > bestSize)) [best, bestSize] = [part ? { d, part } : { d }, n];
        }
        if (!best) continue;
        if (best.part) {
          const rest = best.d.copies.filter((c) => c.etablissementUai === lo.etablissementUai);
          Object.assign(best.d, draft(rest), { correcteur: hi });
          const piece: Draft = { ...draft(best.part), correcteur: hi };
          lots.push(piece);
          held.get(hi)!.push(piece);
          move(piece, hi, lo);
        } else move(best.d, hi, lo);
        moved = true;
        break outer;
      }
    }
    if (!moved) return;
  }
}
