// What grids and convocations read from the workspace besides candidates: centres, assignments, oral slots
// (filled by `ccst centres import`, `assign-centres`, `schedule-orals` when they have run — all optional) and
// non-conforming dossiers. Épreuve columns are matched through the regulation (E4, U4, E6-1… → unit code).
import type { Regulation, Zone } from '../domain/regulation/schema.js';
import { findUnit } from '../domain/regulation/units.js';
import type { CentreInfo, OralAppointment } from '../domain/convocation/build.js';
import { allCentres, assignmentsOf, oralSlotsOf } from './rosters.js';
import type { Db } from './workspace.js';
import { nonConformingUnits, nonConformityMotifs } from './conformity.js';

export interface DocumentInputs {
  /** `${type}:${uai}` → centre (type ecrit | oral). */
  centres: Map<string, CentreInfo>;
  /** numero → unit code → centre UAI. */
  assignments: Map<string, Map<string, string>>;
  /** numero → unit code → oral appointment. */
  orals: Map<string, Map<string, OralAppointment & { passage: string }>>;
  /** `${numero}:${unit code}` of dossiers found non-conforming (conformity table). */
  nonConforming: Set<string>;
  /** The same keys → the motifs recorded by `ccst conformity` (annexe 4 libellés). */
  nonConformityMotifs: Map<string, string[]>;
}

function nested<T>(map: Map<string, Map<string, T>>, a: string, b: string, v: T): void {
  let inner = map.get(a);
  if (!inner) map.set(a, (inner = new Map()));
  inner.set(b, v);
}

export async function readDocumentInputs(db: Db, reg: Regulation): Promise<DocumentInputs> {
  const unitCode = (epreuve: string) => findUnit(reg, epreuve)?.code;
  const centres = new Map<string, CentreInfo>();
  for (const r of await allCentres(db)) {
    centres.set(`${r.type}:${r.uai}`, {
      uai: r.uai,
      nom: r.nom,
      adresse: r.adresse ?? undefined,
      codePostal: r.code_postal ?? undefined,
      commune: r.commune ?? undefined,
      zone: r.zone as Zone,
      academie: r.academie ?? undefined,
    });
  }
  const assignments = new Map<string, Map<string, string>>();
  for (const a of await assignmentsOf(db)) {
    const code = unitCode(a.epreuve);
    if (code) nested(assignments, a.numero, code, a.centre_uai);
  }
  const orals = new Map<string, Map<string, OralAppointment & { passage: string }>>();
  for (const s of await oralSlotsOf(db)) {
    const code = unitCode(s.epreuve);
    if (code) nested(orals, s.numero, code, { date: s.date, start: s.start, end: s.end, centreUai: s.centre_uai, passage: s.passage ?? s.start });
  }
  return { centres, assignments, orals, nonConforming: await nonConformingUnits(db, unitCode), nonConformityMotifs: await nonConformityMotifs(db, unitCode) };
}

/** The centre of a unit for a candidate: oral slot's centre for orals, else the assigned one; with its details. */
export function centreFor(inputs: DocumentInputs, numero: string, unit: string, type: 'ecrit' | 'oral'): CentreInfo | undefined {
  const uai = inputs.orals.get(numero)?.get(unit)?.centreUai ?? inputs.assignments.get(numero)?.get(unit);
  if (!uai) return undefined;
  // A centre assigned but not described in the centres table still tells the candidate its UAI.
  return inputs.centres.get(`${type}:${uai}`) ?? inputs.centres.get(`${type === 'oral' ? 'ecrit' : 'oral'}:${uai}`) ?? { uai, nom: `Centre ${uai}` };
}
