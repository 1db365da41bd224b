// `commissions build --pin/--unpin`: which examiners stay where they are. A pin is stored with the member
// (commission_members.pinned) so that every later build keeps it (issue #13 §2 « stable on re-run »); a whole
// commission is pinned by its name alone (every member stored now), a single member by NAME=email.
import type { Pin } from '../../domain/examiners/commissions-builder.js';
import type { StoredCommission } from '../../store/examiners.js';
import { usageError } from '../errors.js';

export interface PinRequest {
  commission: string;
  email?: string;
}

const PIN = /^([A-Za-z0-9]+-[0-9A-Za-z]{8}-\d{4}-\d{2}-\d{2}-\d+)(?:=(\S+@\S+))?$/;

export function parsePinRequests(flag: '--pin' | '--unpin', values: readonly string[] = []): PinRequest[] {
  return values.map((v) => {
    const m = PIN.exec(v.trim());
    if (!m) throw usageError(`${flag} « ${v} » : attendu COMMISSION ou COMMISSION=email, ex. E4-0311201M-2023-06-21-1=jeanne.martin@ac-toulouse.fr (noms : ccst commissions list)`);
    return { commission: m[1]!, ...(m[2] ? { email: m[2].toLowerCase() } : {}) };
  });
}

export interface PinSet {
  pins: Pin[];
  /** Commissions pinned whole. */
  whole: Set<string>;
  /** Stored pins dropped because their commission is no longer planned (schedule-orals was re-run). */
  dropped: string[];
}

/** Stored pins, minus --unpin, plus --pin; stored pins of commissions no longer planned are dropped (and said). */
export function resolvePins(stored: readonly StoredCommission[], planned: ReadonlySet<string>, pin: readonly PinRequest[], unpin: readonly PinRequest[]): PinSet {
  const byName = new Map(stored.map((c) => [c.name, c]));
  const key = (commission: string, email: string) => `${commission}\u0000${email}`;
  const pins = new Map<string, Pin>();
  const whole = new Set<string>();
  const dropped: string[] = [];
  for (const c of stored) {
    const kept = planned.has(c.name);
    if (c.pinned) (kept ? whole.add(c.name) : dropped.push(c.name));
    for (const m of c.members) {
      if (!m.pinned) continue;
      if (kept) pins.set(key(c.name, m.email), { commission: c.name, email: m.email, seat: m.seat });
      else if (!c.pinned) dropped.push(`${c.name}=${m.email}`);
    }
  }
  for (const u of unpin) {
    if (u.email === undefined) {
      whole.delete(u.commission);
      for (const k of [...pins.keys()]) if (k.startsWith(`${u.commission}\u0000`)) pins.delete(k);
    } else pins.delete(key(u.commission, u.email));
  }
  for (const p of pin) {
    if (p.email !== undefined) {
      const seat = byName.get(p.commission)?.members.find((m) => m.email === p.email)?.seat;
      pins.set(key(p.commission, p.email), { commission: p.commission, email: p.email, ...(seat !== undefined ? { seat } : {}) });
      continue;
    }
    const c = byName.get(p.commission);
    if (!c || !c.members.length) throw usageError(`--pin ${p.commission} : cette commission n’est pas encore composée ; épinglez un examinateur : --pin ${p.commission}=email`);
    whole.add(c.name);
    for (const m of c.members) pins.set(key(c.name, m.email), { commission: c.name, email: m.email, seat: m.seat });
  }
  return { pins: [...pins.values()], whole, dropped };
}
