// The oral commissions schedule-orals planned, as the builder needs them: one group per centre, day, épreuve and
// commission number (OralSlot.commission), with each candidate's établissement and language. Pure.
import type { Regulation } from '../regulation/schema.js';
import type { OralSlot } from '../scheduling/oral-timetable.js';

export interface PlannedCandidate {
  numero: string;
  /** The épreuve of this passage (EF3 passages join their U61 commission, see sameAsTarget). */
  epreuve: string;
  etablissementUai?: string;
  /** The candidate's language for a language oral (E22: langue, EF1: ef1); undefined = non renseignée. */
  language?: string;
  /** Parcours de professionnalisation à l'étranger (EF2). */
  variant?: 'etranger';
}

export interface PlannedCommission {
  centreUai: string;
  date: string;
  epreuve: string;
  form: 'ccf' | 'ponctuel';
  /** schedule-orals' commission number within the centre, day and épreuve. */
  number: number;
  /** First convocation and last end of the day (HH:MM): an examiner cannot sit on two overlapping commissions. */
  start: string;
  end: string;
  candidates: PlannedCandidate[];
}

/** Stable name of a commission, the handle of `--pin`: « E4-0310028M-2024-05-20-2 ». */
export function commissionName(c: Pick<PlannedCommission, 'epreuve' | 'centreUai' | 'date' | 'number'>): string {
  return `${c.epreuve}-${c.centreUai}-${c.date}-${c.number}`;
}

/**
 * « la même que celle de l'épreuve U61 » (circulaire nationale 2024, EF3): the épreuve whose commission this one
 * is, when the regulation data says so for the form; undefined otherwise.
 */
export function sameAsTarget(reg: Regulation, epreuve: string, form: 'ccf' | 'ponctuel'): string | undefined {
  return reg.commissions?.compositions.find((c) => c.epreuve === epreuve && c.forms.includes(form) && c.sameAs)?.sameAs;
}

export interface CandidateFacts {
  etablissementUai?: string;
  language?: string;
  variant?: 'etranger';
}

/**
 * Slots → planned commissions. schedule-orals places EF3 right after U61 before the same commission (circulaire
 * nationale §2, EF3), and its commission is « la même que celle de l'épreuve U61 »: such passages join the U61
 * group of the same centre, day and number instead of making a commission of their own.
 * `facts(numero, epreuve)` gives the candidate's établissement and language for that épreuve.
 */
export function plannedCommissions(reg: Regulation, slots: readonly OralSlot[], facts: (numero: string, epreuve: string) => CandidateFacts): PlannedCommission[] {
  const groups = new Map<string, PlannedCommission>();
  const key = (centre: string, date: string, epreuve: string, n: number) => `${centre}\u0000${date}\u0000${epreuve}\u0000${n}`;
  const targets = new Map<string, string | undefined>();
  const targetOf = (e: string) => (targets.has(e) ? targets.get(e) : targets.set(e, sameAsTarget(reg, e, 'ponctuel')).get(e));
  // The U61 groups first, so that EF3 passages find theirs.
  const ordered = [...slots.filter((s) => !targetOf(s.epreuve)), ...slots.filter((s) => targetOf(s.epreuve))];
  for (const s of ordered) {
    const target = targetOf(s.epreuve);
    const k = target && groups.has(key(s.centreUai, s.date, target, s.commission)) ? key(s.centreUai, s.date, target, s.commission) : key(s.centreUai, s.date, s.epreuve, s.commission);
    let g = groups.get(k);
    if (!g) {
      g = { centreUai: s.centreUai, date: s.date, epreuve: s.epreuve, form: 'ponctuel', number: s.commission, start: s.start, end: s.end, candidates: [] };
      groups.set(k, g);
    }
    if (s.start < g.start) g.start = s.start;
    if (s.end > g.end) g.end = s.end;
    const f = facts(s.numero, s.epreuve);
    g.candidates.push({ numero: s.numero, epreuve: s.epreuve, ...(f.etablissementUai ? { etablissementUai: f.etablissementUai } : {}), ...(f.language ? { language: f.language } : {}), ...(f.variant ? { variant: f.variant } : {}) });
  }
  return [...groups.values()].sort(compareCommissions);
}

/** Date, centre, épreuve, number: the order commissions are staffed and listed in. */
export function compareCommissions(a: PlannedCommission, b: PlannedCommission): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.centreUai < b.centreUai ? -1 : a.centreUai > b.centreUai ? 1 : a.epreuve < b.epreuve ? -1 : a.epreuve > b.epreuve ? 1 : a.number - b.number;
}

/**
 * Toulouse circular 2023 §1.2.1: « Le bureau des examens DEC5 fournira à chaque jury la liste des candidats lui
 * étant affectés 2 semaines à l'avance. » The day a commission's list is due (an académie's practice: the days
 * are a parameter, 14 being Toulouse's).
 */
export function candidateListDue(date: string, noticeDays = 14): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - noticeDays)).toISOString().slice(0, 10);
}
