// Do the stored commissions still match the timetable? (issue #13 §2, « schedule-orals then places candidates in
// those commissions »). `commissions build` composes each commission for the candidates schedule-orals placed before
// it at that time (own-établissement rule, load, hours); a later `schedule-orals` may add or remove commissions, move
// candidates or change the hours. The stored commissions then no longer say who examines whom: every command that
// reads them must know, exactly, which ones to rebuild. A fingerprint of each commission's planned candidates and
// hours is kept at build time (the « basis ») and compared with the timetable of now. Pure.
import { createHash } from 'node:crypto';
import { commissionName, type PlannedCommission } from './planned.js';

/** Name → fingerprint of the planned commission the stored one was built for. */
export type CommissionBasis = Record<string, string>;

/** Hours and the sorted candidates (numéro and épreuve) of a planned commission, hashed: what the build decided on. */
export function commissionFingerprint(p: Pick<PlannedCommission, 'start' | 'end' | 'candidates'>): string {
  const keys = p.candidates.map((k) => `${k.numero}:${k.epreuve}`).sort();
  return createHash('sha256').update(`${p.start}-${p.end}|${keys.join(',')}`).digest('hex').slice(0, 16);
}

export function basisOf(planned: readonly PlannedCommission[]): CommissionBasis {
  return Object.fromEntries(planned.map((p) => [commissionName(p), commissionFingerprint(p)]));
}

export interface StoredShape {
  name: string;
  epreuve: string;
  start: string;
  end: string;
}

export interface StaleCommission {
  name: string;
  /** unbuilt: planned, no stored commission; gone: stored, no longer planned; changed: its candidates or hours moved. */
  kind: 'unbuilt' | 'gone' | 'changed';
  detail: string;
}

/**
 * The stored commissions that disagree with `planned`, in name order. Without a basis entry (a build made before the
 * basis existed) only the names and hours are compared.
 */
export function staleCommissions(stored: readonly StoredShape[], basis: CommissionBasis | undefined, planned: readonly PlannedCommission[]): StaleCommission[] {
  const out: StaleCommission[] = [];
  const byName = new Map(planned.map((p) => [commissionName(p), p]));
  const storedNames = new Set(stored.map((c) => c.name));
  for (const c of stored) {
    const p = byName.get(c.name);
    if (!p) {
      out.push({ name: c.name, kind: 'gone', detail: 'n’est plus planifiée par schedule-orals (aucun candidat)' });
      continue;
    }
    if (p.start !== c.start || p.end !== c.end) {
      out.push({ name: c.name, kind: 'changed', detail: `horaires ${c.start}–${c.end} à la composition, ${p.start}–${p.end} maintenant` });
      continue;
    }
    const fp = basis?.[c.name];
    if (fp !== undefined && fp !== commissionFingerprint(p)) out.push({ name: c.name, kind: 'changed', detail: 'candidats modifiés depuis la composition' });
  }
  for (const [name] of byName) if (!storedNames.has(name)) out.push({ name, kind: 'unbuilt', detail: 'planifiée, sans examinateurs' });
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Candidates who changed commission between two timetables, per commission (for schedule-orals' report): « E4-…-1 :
 * arrivent 0231000057 ; partent 0231000012 ». Only commissions in `names` (the stored ones) are reported.
 */
export function candidateMoves(before: readonly PlannedCommission[], after: readonly PlannedCommission[], names: ReadonlySet<string>): string[] {
  const sets = (list: readonly PlannedCommission[]) => new Map(list.map((p) => [commissionName(p), new Set(p.candidates.map((k) => (k.epreuve === p.epreuve ? k.numero : `${k.numero} (${k.epreuve})`)))]));
  const b = sets(before);
  const a = sets(after);
  const lines: string[] = [];
  for (const name of [...names].sort()) {
    const was = b.get(name) ?? new Set<string>();
    const now = a.get(name) ?? new Set<string>();
    const came = [...now].filter((n) => !was.has(n)).sort();
    const left = [...was].filter((n) => !now.has(n)).sort();
    if (!came.length && !left.length) continue;
    lines.push(`${name} :${came.length ? ` arrivent ${came.join(', ')}` : ''}${came.length && left.length ? ' ;' : ''}${left.length ? ` partent ${left.join(', ')}` : ''}`);
  }
  return lines;
}
