// What the attendance commands read from the workspace besides the PV: candidates (and the units they do not sit:
// dispenses, bénéfices), the épreuve → unit map, and each candidate's written centre (its académie's clock).
import type { Db } from '../../store/workspace.js';
import { candidatesByNumero } from '../../store/candidates.js';
import { listCentres } from '../../store/centres.js';
import type { Regulation } from '../../domain/regulation/schema.js';
import type { Candidate } from '../../domain/candidate.js';

export interface AttendanceContext {
  candidates: Map<string, Candidate>;
  exempt: Map<string, { exempt: Set<string> }>;
  epreuves: Set<string>;
  unitOf(epreuve: string): string | undefined;
  /** The académie whose clock the candidate's épreuve runs on: its centre's, else the candidate's. */
  academieOf(numero: string, epreuve: string): string | undefined;
  centreOf(numero: string, epreuve: string): string | undefined;
}

export async function attendanceContext(db: Db, reg: Regulation): Promise<AttendanceContext> {
  const candidates = await candidatesByNumero(db);
  const exempt = new Map([...candidates.values()].map((c) => [c.numero, { exempt: new Set([...c.dispenses, ...c.benefices.map((b) => b.unite)]) }]));
  const units = new Map(reg.units.map((u) => [u.epreuve, u.code]));
  const centres = new Map((await listCentres(db)).map((c) => [c.uai, c]));
  const placed = new Map((await db.selectFrom('assignments').select(['numero', 'epreuve', 'centre_uai']).execute()).map((a) => [`${a.numero}\u0000${a.epreuve}`, a.centre_uai]));
  const centreOf = (numero: string, epreuve: string) => placed.get(`${numero}\u0000${epreuve}`);
  return {
    candidates,
    exempt,
    epreuves: new Set(units.keys()),
    unitOf: (e) => units.get(e),
    centreOf,
    academieOf: (numero, epreuve) => {
      const uai = centreOf(numero, epreuve);
      return (uai ? centres.get(uai)?.academie : undefined) ?? candidates.get(numero)?.academie;
    },
  };
}
