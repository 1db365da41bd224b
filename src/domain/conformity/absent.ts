// Dossiers that were never deposited. Circulaire nationale 2024 annexe 4 (« absence de fiche(s) descriptive(s) ou de
// dossier ») and its épreuve texts (E4 « En l'absence de dossier, le candidat ne peut être interrogé à cette épreuve.
// La mention non valide lui est alors attribuée »); circulaire Toulouse 2023 §1.2.2 « absence de dépôt de dossier ».
// A candidate who takes E4, E61 or E62 in ponctuel and has no row in the dossiers file has deposited nothing.
import type { Regulation } from '../regulation/schema.js';
import type { Candidate } from '../candidate.js';
import { findUnit, formFor } from '../regulation/units.js';
import { CONFORMITY_EPREUVES, type ConformityEpreuve, type Motif } from './motifs.js';

export interface AbsentDossier {
  candidate: Candidate;
  epreuve: ConformityEpreuve;
  unite: string;
}

/**
 * Every (candidate, épreuve) of E4/E61/E62 taken in ponctuel form (référentiel annexe IV c, column of the voie) with
 * no row in the file (`present` holds « numero/epreuve »). Dispensed units and units kept by bénéfice (D643-20) are
 * not taken, so they have no dossier. Order: the candidates' order, then E4, E61, E62.
 */
export function absentDossiers(reg: Regulation, candidates: Iterable<Candidate>, present: ReadonlySet<string>): AbsentDossier[] {
  const units = CONFORMITY_EPREUVES.map((e) => ({ epreuve: e, unit: findUnit(reg, e) }));
  const out: AbsentDossier[] = [];
  for (const c of candidates) {
    for (const { epreuve, unit } of units) {
      if (!unit) continue;
      if (formFor(reg, unit, c.voie).form !== 'ponctuel') continue;
      if (c.dispenses.includes(unit.code) || c.benefices.some((b) => b.unite === unit.code)) continue;
      if (present.has(`${c.numero}/${epreuve}`)) continue;
      out.push({ candidate: c, epreuve, unite: unit.code });
    }
  }
  return out;
}

/** The annexe 4 motif printed and stored for a dossier never deposited. */
export function absenceMotif(file: string): Motif {
  return { code: 'fiche_dossier', precision: `(aucun dossier : pas de ligne dans ${file})` };
}
