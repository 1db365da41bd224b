// Shared by `ccst lists` and `ccst bordereaux`: loads candidates, centres, placements and slots from the workspace
// and groups them (domain/rosters). Not a command itself.
import type { Db } from '../store/workspace.js';
import type { Regulation, UnitDef, Zone } from '../domain/regulation/schema.js';
import { ZONES } from '../domain/regulation/schema.js';
import { listCandidates } from '../store/candidates.js';
import { allCentres, assignmentsOf, oralSlotsOf } from '../store/rosters.js';
import { readSessionInfo } from '../store/session.js';
import { nonConformingUnits } from '../store/conformity.js';
import { findUnit } from '../domain/regulation/units.js';
import { groupRosters, type CentreFact, type RosterGroup } from '../domain/rosters/groups.js';
import { academieLabel, modelHeading } from '../documents/heading.js';
import type { RosterContext } from '../documents/rosters.js';

export async function rosterContext(db: Db, reg: Regulation): Promise<RosterContext> {
  const info = await readSessionInfo(db);
  const session = info?.session ?? reg.session;
  return { heading: modelHeading(reg, session), academie: academieLabel(reg, info?.academie), session };
}

export async function centreFacts(db: Db): Promise<Map<string, CentreFact>> {
  const out = new Map<string, CentreFact>();
  for (const c of await allCentres(db)) {
    // One UAI may be both a written and an oral centre: the name is the same establishment.
    if (out.has(c.uai)) continue;
    const zone = (ZONES as readonly string[]).includes(c.zone) ? (c.zone as Zone) : 'metropole';
    out.set(c.uai, { uai: c.uai, nom: c.nom, commune: c.commune ?? undefined, zone, academie: c.academie ?? undefined });
  }
  return out;
}

export async function loadGroups(db: Db, reg: Regulation, units: UnitDef[], opts: { centre?: string }): Promise<RosterGroup[]> {
  return groupRosters({
    reg,
    units,
    candidates: await listCandidates(db),
    assignments: (await assignmentsOf(db, { centre: opts.centre })).map((a) => ({ numero: a.numero, epreuve: a.epreuve, centreUai: a.centre_uai })),
    slots: (await oralSlotsOf(db, { centre: opts.centre })).map((s) => ({
      numero: s.numero, epreuve: s.epreuve, centreUai: s.centre_uai, date: s.date, start: s.start, end: s.end, commission: s.commission, passage: s.passage ?? undefined,
    })),
    centres: await centreFacts(db),
    everyone: !opts.centre,
    nonConforming: await nonConformingUnits(db, (e) => findUnit(reg, e)?.code),
  });
}
