// What is in and what is missing, per épreuve — and per lot for the written épreuves corrected anonymously (issue
// #13 item 5, `ccst notes status`). Expected: the registered candidates who take the unit (CCF or ponctuel — not
// dispensed, not kept by bénéfice, an optional unit only when chosen: candidate-units.ts derivedForms, référentiel
// annexe IV c). A note is in when the workspace holds one for the candidate and unit; codes (ABS, ABJ, NV, …) are
// counted apart from notes. A lot's copies are in when their candidate's note is. Pure.
import type { Candidate } from '../candidate.js';
import { derivedForms } from '../candidate-units.js';
import type { Regulation } from '../regulation/schema.js';

export interface StatusCopy {
  anonymat: string;
  numero: string;
  /** The unit of the copy's épreuve (U5). */
  unite: string;
  lot: string | null;
}

export interface StatusLot {
  name: string;
  unite: string;
  correcteur: string;
}

export interface LotStatus {
  lot: string;
  correcteur: string;
  copies: number;
  notes: number;
  /** Anonymity numbers only: the status of a lot never names a candidate. */
  manquantes: string[];
}

export interface EpreuveStatus {
  epreuve: string;
  unite: string;
  /** Written and corrected anonymously: copies were issued for it. */
  anonyme: boolean;
  attendus: number;
  notes: number;
  /** Expected candidates without a note. */
  manquantes: number;
  /**
   * Numéros of the expected candidates without a note and without a copy, in numéro order. A copy without its note
   * is named by its anonymity number in its lot only: the status never pairs a numéro with an anonymity number.
   */
  sansCopie: string[];
  /** Code → count among the notes in (ABS, ABJ, NV, DIS, BEN, REP). */
  codes: Record<string, number>;
  /** Anonymous épreuves: per lot, then the copies in no lot (lot « » when any). */
  lots: LotStatus[];
  copiesSansLot: number;
}

/** Candidates who take the same units (same voie, dispenses, bénéfices, optional units): derivedForms once for all. */
export interface CandidateGroup {
  facts: Pick<Candidate, 'voie' | 'dispenses' | 'benefices' | 'ef1' | 'ef2' | 'ef3'>;
  numeros: readonly string[];
}

export interface StatusInput {
  reg: Regulation;
  candidates: readonly CandidateGroup[];
  /** unit → numero → stored text. */
  notes: Map<string, Map<string, string>>;
  copies: readonly StatusCopy[];
  lots: readonly StatusLot[];
  /** Only this unit. */
  unite?: string;
}

const codeOf = (value: string) => /^[A-Z]+/.exec(value)?.[0];

export function notesStatus(input: StatusInput): EpreuveStatus[] {
  const { reg } = input;
  const units = reg.units.filter((u) => !input.unite || u.code === input.unite);
  const expected = new Map<string, string[]>(units.map((u) => [u.code, []]));
  for (const g of input.candidates) {
    for (const f of derivedForms(reg, g.facts as Candidate)) {
      if ((f.form === 'CCF' || f.form === 'ponctuel') && expected.has(f.unit)) {
        const list = expected.get(f.unit)!;
        for (const numero of g.numeros) list.push(numero);
      }
    }
  }
  const none = new Map<string, string>();
  const has = (numero: string, unite: string) => (input.notes.get(unite) ?? none).has(numero);
  return units.map((u) => {
    const attendus = expected.get(u.code)!.sort();
    const codes: Record<string, number> = {};
    let notes = 0;
    const copies = input.copies.filter((c) => c.unite === u.code);
    const withCopy = new Set(copies.map((c) => c.numero));
    const sansCopie: string[] = [];
    const ofUnit = input.notes.get(u.code) ?? none;
    for (const numero of attendus) {
      const value = ofUnit.get(numero);
      if (value === undefined) {
        if (!withCopy.has(numero)) sansCopie.push(numero);
        continue;
      }
      notes++;
      const code = codeOf(value);
      if (code) codes[code] = (codes[code] ?? 0) + 1;
    }
    // Grouped once: a national session has thousands of lots.
    const byLot = new Map<string, StatusCopy[]>();
    for (const c of copies) {
      if (c.lot === null) continue;
      const list = byLot.get(c.lot);
      if (list) list.push(c);
      else byLot.set(c.lot, [c]);
    }
    const lots = input.lots
      .filter((l) => l.unite === u.code)
      .map((l): LotStatus => {
        const mine = (byLot.get(l.name) ?? []).sort((a, b) => (a.anonymat < b.anonymat ? -1 : a.anonymat > b.anonymat ? 1 : 0));
        const missing = mine.filter((c) => !has(c.numero, u.code)).map((c) => c.anonymat);
        return { lot: l.name, correcteur: l.correcteur, copies: mine.length, notes: mine.length - missing.length, manquantes: missing };
      })
      .sort((a, b) => a.lot.localeCompare(b.lot, 'fr', { numeric: true }));
    return {
      epreuve: u.epreuve, unite: u.code, anonyme: copies.length > 0, attendus: attendus.length, notes, manquantes: attendus.length - notes, sansCopie, codes, lots,
      copiesSansLot: copies.filter((c) => c.lot === null).length,
    };
  });
}
