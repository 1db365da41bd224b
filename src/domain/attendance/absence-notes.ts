// What a room's PV does to the notes of the workspace (issue #14 §4). Code de l'éducation D643-24 (Légifrance; not in
// shared/reference, whose circulars only say what ABS does): « Lorsqu'un
// candidat est déclaré absent à une épreuve obligatoire, le diplôme ne peut lui être délivré. Toutefois, l'absence
// d'un candidat à une épreuve pour une cause de force majeure dûment constatée est sanctionnée par la note zéro. »
// Circulaire Toulouse 2023 §1.1: « Tout candidat absent à une épreuve ou à une sous-épreuve, dont l'absence est non
// justifiée, sera éliminé de l'examen. » So an absent candidate gets ABS at the épreuve's unit (ÉLIMINÉ at the
// deliberation, decide.ts) unless a justification is recorded: then ABJ (counted 0, note-cell.ts). A present
// candidate gets no code. A note or code entered by anyone else is never replaced: it is a conflict to settle.

/** Source prefix of the notes written from attendance (a later PV or justification may change only those). */
export const ATTENDANCE_SOURCE = 'presence';

export interface Stored {
  value: string;
  source: string;
}

export interface AbsenceInput {
  row?: number;
  numero: string;
  epreuve: string;
  unite: string;
  statut: 'present' | 'absent' | 'retard';
  /** Recorded justification motif: ABJ instead of ABS. */
  justification?: string;
}

export interface AbsencePlan {
  /** Notes to set (value ABS or ABJ), with the value they replace. */
  writes: { numero: string; unite: string; value: 'ABS' | 'ABJ'; old?: string; motif: string }[];
  /** Codes written from an earlier PV that this one contradicts (the candidate was present after all). */
  withdrawals: { numero: string; unite: string; old: string }[];
  unchanged: number;
  conflicts: { row?: number; numero: string; epreuve: string; unite: string; stored: Stored; wanted: 'ABS' | 'ABJ' }[];
}

/**
 * A notes file's cell at a unit where the room's PV set a code (deliberation, assemble.ts): the same code is the same
 * fact; a bordereau's ABS where a justification was recorded since keeps the stored ABJ (« stored »); anything else
 * — a note for a candidate the room says was absent, or ABJ without a recorded justification — is a conflict.
 */
export function fileCellAgainstAttendance(code: 'ABS' | 'ABJ', cell: { kind: string }): 'same' | 'stored' | 'conflict' {
  if (cell.kind === code) return 'same';
  if (cell.kind === 'ABS' && code === 'ABJ') return 'stored';
  return 'conflict';
}

export const fromAttendance = (s: Stored | undefined): boolean => s !== undefined && s.source.startsWith(`${ATTENDANCE_SOURCE}:`) && (s.value === 'ABS' || s.value === 'ABJ');

export function planAbsenceNotes(list: readonly AbsenceInput[], stored: (numero: string, unite: string) => Stored | undefined): AbsencePlan {
  const plan: AbsencePlan = { writes: [], withdrawals: [], unchanged: 0, conflicts: [] };
  for (const a of list) {
    const s = stored(a.numero, a.unite);
    if (a.statut !== 'absent') {
      if (fromAttendance(s)) plan.withdrawals.push({ numero: a.numero, unite: a.unite, old: s!.value });
      else plan.unchanged++;
      continue;
    }
    const wanted = a.justification ? 'ABJ' : 'ABS';
    if (s?.value === wanted) plan.unchanged++;
    // A justification turns any ABS into ABJ, whoever typed it (that is what justifying an absence means).
    else if (s === undefined || fromAttendance(s) || (wanted === 'ABJ' && s.value === 'ABS')) {
      const motif = a.justification ? `absence justifiée : ${a.justification}` : `absent à ${a.epreuve} (PV de salle)`;
      plan.writes.push({ numero: a.numero, unite: a.unite, value: wanted, ...(s ? { old: s.value } : {}), motif });
    } else plan.conflicts.push({ ...(a.row !== undefined ? { row: a.row } : {}), numero: a.numero, epreuve: a.epreuve, unite: a.unite, stored: s, wanted });
  }
  return plan;
}
