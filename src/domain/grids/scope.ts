// Who gets a grid for an épreuve, in which order, with which appointment. Pure.
// - Référentiel annexe IV c: the form (CCF / ponctuel) of a unit follows the voie's column (formFor).
// - Not graded: dispensed units, units whose bénéfice is kept, optional units not chosen (unitsTaken).
// - Circulaire nationale 2024 §2 E4/E61/E62 and annexe 4: a candidate whose dossier is non-conforming « ne peut
//   être interrogé » — no grid is printed, and the exclusion is reported.
// - STYLE.md: stable order by centre, then nom, prénom, numéro.
import type { Regulation, UnitDef } from '../regulation/schema.js';
import { formFor } from '../regulation/units.js';
import { compareCandidates, type Candidate } from '../candidate.js';
import { unitsTaken } from '../convocation/build.js';

export interface Appointment {
  date: string;
  /** Oral: time before the commission (oral_slots.passage, else start); written: start in the centre's zone. */
  time?: string;
  centreUai?: string;
}

export interface GridScopeInput {
  reg: Regulation;
  unit: UnitDef;
  form: 'ccf' | 'ponctuel';
  candidates: Candidate[];
  /** numero → oral appointment for this unit. */
  appointments: Map<string, Appointment>;
  /** numero → centre assigned for this unit (assignments table). */
  assignedCentres: Map<string, string>;
  /** numeros whose dossier for this épreuve was found non-conforming. */
  nonConforming: Set<string>;
  /** Only this centre (UAI), when given. */
  centre?: string;
}

export interface GridEntry {
  candidate: Candidate;
  /** Oral centre, else assigned centre, else (CCF) the candidate's établissement. */
  centreUai?: string;
  appointment?: Appointment;
}

export interface GridScope {
  entries: GridEntry[];
  excluded: { numero: string; reason: string }[];
  /** Candidates of the scope taking the unit in the other form (for the message). */
  otherForm: number;
}

const byCentreThenName = (a: GridEntry, b: GridEntry) =>
  (a.centreUai ?? '\uffff').localeCompare(b.centreUai ?? '\uffff') || compareCandidates(a.candidate, b.candidate);

export function selectGridCandidates(input: GridScopeInput): GridScope {
  const { reg, unit, form } = input;
  const entries: GridEntry[] = [];
  const excluded: GridScope['excluded'] = [];
  let otherForm = 0;
  for (const c of input.candidates) {
    if (!unitsTaken(reg, c).some((u) => u.code === unit.code)) continue;
    const appointment = input.appointments.get(c.numero);
    const centreUai = appointment?.centreUai ?? input.assignedCentres.get(c.numero) ?? (form === 'ccf' ? c.etablissementUai : undefined);
    if (input.centre !== undefined && centreUai !== input.centre) continue;
    if (formFor(reg, unit, c.voie).form !== form) {
      otherForm++;
      continue;
    }
    if (input.nonConforming.has(c.numero)) {
      excluded.push({ numero: c.numero, reason: `dossier ${unit.epreuve} non conforme (NV) : ne peut être interrogé(e)` });
      continue;
    }
    entries.push({ candidate: c, centreUai, appointment });
  }
  entries.sort(byCentreThenName);
  excluded.sort((a, b) => a.numero.localeCompare(b.numero, 'fr', { numeric: true }));
  return { entries, excluded, otherForm };
}
