// The basis of the stored commissions (domain/examiners/staleness.ts), kept in the workspace's meta table by
// `commissions build`, and the one message every command gives when the commissions no longer match the timetable.
import { getMeta, setMeta, type Db } from '../../store/workspace.js';
import type { CommissionBasis, StaleCommission } from '../../domain/examiners/staleness.js';

const KEY = 'commissions_basis';

export async function readBasis(db: Db): Promise<CommissionBasis | undefined> {
  const raw = await getMeta(db, KEY);
  if (raw === undefined) return undefined;
  const parsed = JSON.parse(raw) as unknown;
  return parsed && typeof parsed === 'object' ? (parsed as CommissionBasis) : undefined;
}

/** Call inside the build's transaction. */
export async function writeBasis(db: Db, basis: CommissionBasis): Promise<void> {
  await setMeta(db, KEY, JSON.stringify(basis));
}

export const REBUILD_HINT = 'Relancez ccst commissions build (les commissions épinglées restent), puis refaites les convocations des examinateurs concernés (ccst examiners convocations).';

/** « E4-0311201M-2023-06-21-2 : candidats modifiés depuis la composition », one line per commission. */
export function staleLines(stale: readonly StaleCommission[]): string[] {
  return stale.map((s) => `${s.name} : ${s.detail}`);
}
