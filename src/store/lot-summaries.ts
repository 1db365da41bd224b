// The lots of copies as a correcteur's convocation needs them (issue #13 §4): lot, épreuve, correcteur and its copies
// by anonymity number in bordereau order — never the candidate (the copies table is not read). Both engines.
import type { Db } from './workspace.js';

export interface LotSummary {
  name: string;
  epreuve: string;
  academie: string;
  correcteur: string;
  number: number;
  anonymats: string[];
}

export async function lotSummaries(db: Db, opts: { epreuve?: string } = {}): Promise<LotSummary[]> {
  let q = db.selectFrom('lots').selectAll();
  if (opts.epreuve !== undefined) q = q.where('epreuve', '=', opts.epreuve);
  const lots = await q.orderBy('epreuve').orderBy('number').execute();
  if (!lots.length) return [];
  const copies = await db.selectFrom('lot_copies').select(['lot', 'anonymat', 'position']).orderBy('lot').orderBy('position').execute();
  const byLot = new Map<string, string[]>();
  for (const c of copies) (byLot.get(c.lot) ?? byLot.set(c.lot, []).get(c.lot)!).push(c.anonymat);
  return lots.map((l) => ({ name: l.name, epreuve: l.epreuve, academie: l.academie, correcteur: l.correcteur, number: Number(l.number), anonymats: byLot.get(l.name) ?? [] }));
}
