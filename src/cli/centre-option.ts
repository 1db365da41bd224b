// `--centre UAI` means the same in every command (convocations, grids, lists, bordereaux): a centre the workspace
// does not know is a usage error (exit 2), never an empty run that exits 0.
import type { Db } from '../store/workspace.js';
import { usageError } from './errors.js';

export async function requireKnownCentre(db: Db, uai: string | undefined): Promise<void> {
  if (uai === undefined) return;
  if (await db.selectFrom('centres').select('uai').where('uai', '=', uai).limit(1).executeTakeFirst()) return;
  const known = (await db.selectFrom('centres').select('uai').distinct().orderBy('uai').limit(21).execute()).map((r) => r.uai);
  throw unknownCentre(uai, known);
}

function unknownCentre(uai: string, known: string[]): Error {
  return usageError(`centre inconnu : ${uai}`, [
    known.length === 0
      ? 'Le workspace n’a aucun centre : importez-les avec `ccst centres import centres.csv`.'
      : `Centres du workspace : ${known.slice(0, 20).join(', ')}${known.length > 20 ? '…' : ''}`,
  ]);
}
