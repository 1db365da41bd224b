// The whole assignment of a session: every candidate, for every épreuve taken on exam day, to one centre.
// Stable: pins are always kept, earlier placements are kept unless reset or no longer valid, and only the
// candidates left are placed (pool.ts). Infeasible sessions give shortfalls and conflicts, never a partial plan.
import type { Candidate } from '../candidate.js';
import type { Regulation } from '../regulation/schema.js';
import { capacityFor, offersLanguage, type Centre } from './centre.js';
import { placePool, type Placement, type Shortfall } from './pool.js';
import { examDayRequirements, type Requirement } from './requirements.js';
import { Keys, Table } from './keyed.js';

export interface PinRequest {
  numero: string;
  /** Épreuve code of the regulation (E4, E61…). */
  epreuve: string;
  centreUai: string;
}

export interface AssignInput {
  reg: Regulation;
  candidates: Candidate[];
  centres: Centre[];
  /** Assignments stored by earlier runs (pinned ones included). */
  existing: Placement[];
  /** New pins given on this run; they replace any earlier placement of the same candidate and épreuve. */
  pins: PinRequest[];
  /** Forget earlier (unpinned) placements and place everyone again. */
  reset: boolean;
  /** Pins to lift: the placement stays as an ordinary one (kept while valid, moved by --reset). */
  unpin?: { numero: string; epreuve: string }[];
}

export interface Move {
  numero: string;
  epreuve: string;
  from: string;
  reason: string;
}

export interface AssignStats {
  requirements: number;
  kept: number;
  pinned: number;
  placed: number;
  moved: number;
  dropped: number;
}

export type AssignOutcome =
  | { ok: true; placements: Placement[]; warnings: string[]; moves: Move[]; stats: AssignStats }
  | { ok: false; shortfalls: Shortfall[]; conflicts: string[]; warnings: string[] };

/** Why a centre cannot receive a requirement, or undefined when it can (annexe 1 and the centre's offer). */
export function ineligibility(centre: Centre | undefined, r: Requirement): string | undefined {
  if (!centre) return `aucun centre ${r.nature === 'ecrit' ? 'd’écrit' : 'd’oral'} de ce code UAI`;
  if (centre.academie !== r.organiser) {
    return `le centre ${centre.uai} relève de ${centre.academie}, or ${r.epreuve} de ce candidat (${r.academie}) est organisée par ${r.organiser ?? 'aucune académie'}`;
  }
  if (!centre.epreuves.includes(r.epreuve)) return `le centre ${centre.uai} n’organise pas ${r.epreuve}`;
  if (!offersLanguage(centre, r.epreuve, r.langue)) return `le centre ${centre.uai} ne propose pas ${r.langue} en ${r.epreuve}`;
  return undefined;
}

export function assignCentres(input: AssignInput): AssignOutcome {
  const { reg } = input;
  const conflicts: string[] = [];
  const warnings: string[] = [];
  const moves: Move[] = [];
  const sortedCandidates = [...input.candidates].sort((a, b) => (a.numero < b.numero ? -1 : a.numero > b.numero ? 1 : 0));
  const keys = new Keys(reg, sortedCandidates.map((c) => c.numero));
  const reqs = new Table<Requirement>(sortedCandidates.length * keys.width);
  const groupIds = new Map<string, number>();
  sortedCandidates.forEach((c, i) => {
    const list = examDayRequirements(reg, c);
    if (!list.length) return;
    const group = list[0]!.group;
    const groupId = groupIds.get(group) ?? groupIds.set(group, groupIds.size).get(group)!;
    for (const r of list) {
      r.key = i * keys.width + keys.unitRank.get(r.epreuve)!;
      r.groupId = groupId;
      reqs.set(r.key, r);
    }
  });

  const orphans = new Map<string, number>();
  reqs.forEach((r) => {
    if (!r.organiser) orphans.set(`${r.academie} ${r.epreuve}`, (orphans.get(`${r.academie} ${r.epreuve}`) ?? 0) + 1);
  });
  for (const [k, n] of [...orphans].sort()) {
    conflicts.push(`${k} : aucune académie n’organise ces oraux pour ${n} candidat(s) (circulaire nationale, annexe 1)`);
  }

  // Centres by type then UAI (no string concatenation in the hot loops), each with a rank for capacity counts.
  const centreRank = new Map<Centre, number>();
  input.centres.forEach((c, i) => centreRank.set(c, i));
  const byType = { ecrit: new Map<string, Centre>(), oral: new Map<string, Centre>() };
  for (const c of input.centres) byType[c.type].set(c.uai, c);
  const centreFor = (r: Requirement, uai: string) => byType[r.nature].get(uai);
  const used = new Map<number, number>(); // centre rank × width + unit rank → seats taken
  const usedKey = (c: Centre, r: Requirement) => centreRank.get(c)! * keys.width + keys.unitRank.get(r.epreuve)!;
  // Placed requirements carry their centre (r.centreUai): no second table of a million placements.
  const fixedList: Requirement[] = [];
  const take = (r: Requirement, p: Placement) => {
    r.centreUai = p.centreUai;
    r.pinned = p.pinned;
    fixedList.push(r);
    if (!r.follows) {
      const uk = usedKey(centreFor(r, p.centreUai)!, r);
      used.set(uk, (used.get(uk) ?? 0) + 1);
    }
  };

  // Pins: stored ones, then this run's (a new pin replaces an old one for the same épreuve).
  const lifted = new Set((input.unpin ?? []).map((u) => `${u.numero}:${u.epreuve}`));
  const existing = !lifted.size ? input.existing : input.existing.map((p) => (p.pinned && lifted.has(`${p.numero}:${p.epreuve}`) ? { ...p, pinned: false } : p));
  for (const label of lifted) {
    if (!input.existing.some((p) => p.pinned && `${p.numero}:${p.epreuve}` === label)) warnings.push(`--unpin ${label} : aucun épinglage de ce nom`);
  }
  const pins = new Map<string, Placement>();
  for (const p of existing) if (p.pinned) pins.set(`${p.numero}:${p.epreuve}`, p);
  const fresh = new Set<string>();
  for (const p of input.pins) {
    pins.set(`${p.numero}:${p.epreuve}`, { ...p, pinned: true });
    fresh.add(`${p.numero}:${p.epreuve}`);
  }
  const pinnedKeys = new Set<number>();
  let dropped = 0;
  for (const [label, p] of [...pins].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const k = keys.of(p.numero, p.epreuve);
    const r = reqs.get(k);
    if (!r) {
      if (fresh.has(label)) {
        conflicts.push(`épinglage ${label} : ce candidat ne passe pas ${p.epreuve} en forme ponctuelle (ou n’existe pas)`);
      } else {
        warnings.push(`épinglage ${label}=${p.centreUai} abandonné : le candidat ne passe plus cette épreuve`);
        dropped++;
      }
      continue;
    }
    pinnedKeys.add(k);
    // The engagement étudiant is examined by the U61 commission: its centre need not list EF3 (circulaire §2).
    const centre = centreFor(r, p.centreUai);
    const why = r.follows && centre?.academie === r.organiser ? undefined : ineligibility(centre, r);
    if (why) {
      conflicts.push(`épinglage ${label}=${p.centreUai} impossible : ${why}`);
      continue;
    }
    take(r, p);
  }
  for (const [uk, n] of used) {
    const centre = input.centres[Math.floor(uk / keys.width)]!;
    const epreuve = reg.units[uk % keys.width]!.epreuve;
    if (n > capacityFor(centre)) conflicts.push(`${epreuve} : ${n} candidats épinglés au centre ${centre.uai} pour ${capacityFor(centre)} places`);
  }

  // A designation naming an establishment without candidates is most likely a typing error in the UAI: say so,
  // since those candidates would otherwise be placed by the algorithm without anyone noticing.
  const etabs = new Set(input.candidates.map((c) => c.etablissementUai).filter(Boolean));
  for (const c of [...input.centres].sort((a, b) => (a.uai < b.uai ? -1 : a.uai > b.uai ? 1 : a.type < b.type ? -1 : 1))) {
    for (const o of c.origines) if (!etabs.has(o)) warnings.push(`centre ${c.uai} (${c.type}) : l’établissement d’origine ${o} n’a aucun candidat`);
  }

  // A designation (origines) made after an earlier run wins over the earlier placement (circulaire §1-B).
  const designatedBy = new Map<string, Centre[]>();
  for (const c of input.centres) for (const o of c.origines) designatedBy.set(o, [...(designatedBy.get(o) ?? []), c]);
  const designationBreach = (centre: Centre, r: Requirement): string | undefined => {
    if (!r.etablissementUai || !designatedBy.size) return undefined;
    const designated = (designatedBy.get(r.etablissementUai) ?? []).filter((c) => c.type === r.nature && ineligibility(c, r) === undefined);
    if (!designated.length || designated.includes(centre)) return undefined;
    return `l’établissement ${r.etablissementUai} est désigné au centre ${designated.map((c) => c.uai).join(', ')}`;
  };

  // Earlier placements are kept while still valid and within capacity (stable re-runs), in numéro order.
  if (!input.reset) {
    const earlier = existing
      .filter((p) => !p.pinned)
      .map((p) => ({ p, k: keys.of(p.numero, p.epreuve) }))
      .sort((a, b) => a.k - b.k || (a.p.numero < b.p.numero ? -1 : 1));
    for (const { p, k } of earlier) {
      const r = reqs.get(k);
      if (!r) {
        dropped++;
        continue;
      }
      if (pinnedKeys.has(k) || r.centreUai !== undefined) continue;
      if (r.follows && reqs.has(keys.of(r.numero, r.follows))) continue; // re-derived from its lead épreuve below
      const centre = centreFor(r, p.centreUai);
      const why = ineligibility(centre, r) ?? designationBreach(centre!, r);
      if (why) {
        moves.push({ numero: p.numero, epreuve: p.epreuve, from: p.centreUai, reason: why });
        continue;
      }
      if (!r.follows && (used.get(usedKey(centre!, r)) ?? 0) >= capacityFor(centre!)) {
        moves.push({ numero: p.numero, epreuve: p.epreuve, from: p.centreUai, reason: `capacité du centre ${p.centreUai} atteinte` });
        continue;
      }
      take(r, { numero: p.numero, epreuve: p.epreuve, centreUai: p.centreUai, pinned: false });
    }
  } else {
    dropped += existing.filter((p) => !p.pinned).length;
  }

  // Pools of candidates still to place, in a fixed order: académie, written before oral, regulation order.
  const hosts = new Map<string, Map<string, Set<string>>>();
  const hostsFor = (organiser: string, nature: string) => {
    const hk = `${organiser}\u0000${nature}`;
    return hosts.get(hk) ?? hosts.set(hk, new Map()).get(hk)!;
  };
  for (const r of fixedList) {
    const h = hostsFor(r.organiser!, r.nature);
    (h.get(r.group) ?? h.set(r.group, new Set()).get(r.group)!).add(r.centreUai!);
  }
  // organiser → [written pools by unit rank…, oral pools by unit rank…]
  const pools = new Map<string, Requirement[][]>();
  const followers: Requirement[] = [];
  reqs.forEach((r, k) => {
    if (r.centreUai !== undefined || !r.organiser) return;
    if (r.follows && reqs.has(k - keys.unitRank.get(r.epreuve)! + keys.unitRank.get(r.follows)!)) {
      followers.push(r);
      return;
    }
    const slot = (r.nature === 'ecrit' ? 0 : keys.width) + keys.unitRank.get(r.epreuve)!;
    const list = pools.get(r.organiser) ?? pools.set(r.organiser, []).get(r.organiser)!;
    (list[slot] ??= []).push(r);
  });
  const shortfalls: Shortfall[] = [];
  const groupSlots = new Int32Array(groupIds.size).fill(-1); // scratch for placePool's grouping
  const ordered = [...pools.keys()].sort().flatMap((a) => pools.get(a)!.filter((x) => x !== undefined));
  for (const todo of ordered) {
    const { nature, epreuve } = todo[0]!;
    const organiser = todo[0]!.organiser!;
    const centres = input.centres
      .filter((c) => c.type === nature && c.academie === organiser && c.epreuves.includes(epreuve))
      .sort((a, b) => (a.uai < b.uai ? -1 : 1));
    const poolUsed = new Map(centres.map((c) => [c.uai, used.get(centreRank.get(c)! * keys.width + keys.unitRank.get(epreuve)!) ?? 0]));
    const res = placePool({ organiser, epreuve, nature, centres, used: poolUsed, todo, hosts: hostsFor(organiser, nature), groupSlots });
    if (res.shortfalls.some((s) => s.reason === 'designation')) {
      // Only on failure (rare): which kept seats of the designated centres belong to other establishments — the
      // seats a --reset could give back to the designated ones.
      const designatedHere = new Map(centres.map((c) => [c.uai, new Set(c.origines)]));
      const others = new Map<string, number>();
      for (const r of fixedList) {
        if (r.pinned || r.epreuve !== epreuve || r.nature !== nature || r.organiser !== organiser || r.follows) continue;
        const origins = designatedHere.get(r.centreUai!);
        if (origins && origins.size > 0 && !(r.etablissementUai && origins.has(r.etablissementUai))) others.set(r.centreUai!, (others.get(r.centreUai!) ?? 0) + 1);
      }
      for (const s of res.shortfalls) for (const seat of s.seats ?? []) seat.keptForOthers = others.get(seat.uai) ?? 0;
    }
    shortfalls.push(...res.shortfalls);
  }

  // Engagement étudiant: right after U61, before the same commission (circulaire nationale §2, EF3).
  for (const r of followers) {
    const lead = reqs.get(r.key! - keys.unitRank.get(r.epreuve)! + keys.unitRank.get(r.follows!)!);
    if (lead?.centreUai !== undefined) {
      r.centreUai = lead.centreUai;
      r.pinned = false;
    }
  }

  if (conflicts.length || shortfalls.length) return { ok: false, shortfalls, conflicts, warnings };
  // Sorted by numéro, then épreuve in the regulation's order: the order of the integer keys.
  // Counted on the result: an engagement étudiant re-derived at the same centre as before is kept, not new.
  const before = new Table<string>(sortedCandidates.length * keys.width);
  if (!input.reset) for (const p of input.existing) if (keys.of(p.numero, p.epreuve) >= 0) before.set(keys.of(p.numero, p.epreuve), p.centreUai);
  const placed: Placement[] = [];
  let pinnedCount = 0;
  let keptCount = 0;
  // Candidates examined in their own establishment (placed there only when no other centre could take them, or
  // pinned): said on every run, not only when placed, so the office sees it in every report.
  const own = new Map<string, number>();
  reqs.forEach((r, k) => {
    if (r.centreUai === undefined) return;
    const p: Placement = { numero: r.numero, epreuve: r.epreuve, centreUai: r.centreUai, pinned: r.pinned === true };
    placed.push(p);
    if (p.pinned) pinnedCount++;
    else if (before.get(k) === p.centreUai) keptCount++;
    if (r.nature === 'oral' && r.etablissementUai === p.centreUai) {
      const ok = `${r.epreuve} : %n candidat(s) de ${p.centreUai}`;
      own.set(ok, (own.get(ok) ?? 0) + 1);
    }
  });
  for (const [k, n] of own) warnings.push(`${k.replace('%n', String(n))} interrogé(s) dans leur propre établissement`);
  return {
    ok: true,
    placements: placed,
    warnings,
    moves,
    stats: {
      requirements: reqs.size,
      kept: keptCount,
      pinned: pinnedCount,
      placed: placed.length - keptCount - pinnedCount,
      moved: moves.length,
      dropped,
    },
  };
}
