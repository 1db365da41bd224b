// Where and when each candidate sits each épreuve: one row per candidate × épreuve, for exports, roll-calls and
// convocations. Written times come from the session calendar for the centre's zone (circulaire nationale
// annexe 2, or the académie's imported calendar); oral times from the oral timetable. A missing time stays empty
// and is reported — never guessed.
import type { Candidate } from '../candidate.js';
import { compareCandidates } from '../candidate.js';
import type { Regulation } from '../regulation/schema.js';
import type { Centre } from './centre.js';
import type { Placement } from './pool.js';
import type { OralSlot } from '../scheduling/oral-timetable.js';
import { examDayRequirements } from './requirements.js';
import { localWrittenTime } from '../calendar/local-time.js';
import { clockMinutes, extraMinutes, minutesClock, parseExtraTime } from '../convocation/time.js';

export interface TimetableRow {
  candidate: Candidate;
  epreuve: string;
  nature: 'ecrit' | 'oral';
  langue?: string;
  centre: Centre;
  date?: string;
  /** Convocation time (start of preparation for orals). */
  start?: string;
  /** Oral: time before the commission. */
  passage?: string;
  end?: string;
  /** Written épreuve with temps majoré: the candidate's own end (D351-28), as on the convocation. */
  extendedEnd?: string;
  commission?: number;
  lockInMinutes?: number;
}

export interface TimetableResult {
  rows: TimetableRow[];
  /** Épreuves without a time, e.g. « E4 : horaires d'oral non calculés (12) ». */
  missing: string[];
}

export function timetableRows(
  reg: Regulation,
  candidates: Candidate[],
  centres: Centre[],
  placements: Placement[],
  slots: OralSlot[],
): TimetableResult {
  const byNumero = new Map(candidates.map((c) => [c.numero, c]));
  const centreOf = new Map(centres.map((c) => [`${c.type}\u0000${c.uai}`, c]));
  const slotOf = new Map(slots.map((s) => [`${s.numero}\u0000${s.epreuve}`, s]));
  const reqOf = new Map<string, { nature: 'ecrit' | 'oral'; langue?: string }>();
  for (const c of candidates) for (const r of examDayRequirements(reg, c)) reqOf.set(`${c.numero}\u0000${r.epreuve}`, r);
  const missing = new Map<string, number>();
  const miss = (k: string) => missing.set(k, (missing.get(k) ?? 0) + 1);
  const rows: TimetableRow[] = [];
  for (const p of placements) {
    const candidate = byNumero.get(p.numero);
    const req = reqOf.get(`${p.numero}\u0000${p.epreuve}`);
    if (!candidate || !req) {
      miss(`${p.epreuve} : affectation sans épreuve correspondante (relancez ccst assign-centres)`);
      continue;
    }
    const centre = centreOf.get(`${req.nature}\u0000${p.centreUai}`);
    if (!centre) {
      miss(`${p.epreuve} : centre ${p.centreUai} inconnu`);
      continue;
    }
    const row: TimetableRow = { candidate, epreuve: p.epreuve, nature: req.nature, langue: req.langue, centre };
    if (req.nature === 'ecrit') {
      const w = reg.calendar.written.find((x) => x.epreuve === p.epreuve);
      // Local time of the centre's académie (issue #11 finding 1, local-time.ts); a night-time hour is not printed.
      const local = w && localWrittenTime(reg, w, { academie: centre.academie, zone: centre.zone });
      const t = local?.kind === 'time' ? local.slot : undefined;
      if (local?.kind === 'refused') miss(`${p.epreuve} : horaire local sans objet au centre ${centre.uai} (importez le calendrier de l’académie)`);
      else if (w && t) {
        Object.assign(row, { date: t.date, start: t.start, end: t.end, lockInMinutes: t.lockInMinutes });
        const extra = parseExtraTime(candidate.tempsMajore);
        if (extra && extra !== 'invalid') {
          const start = clockMinutes(t.start);
          const end = clockMinutes(t.end);
          row.extendedEnd = minutesClock(end + extraMinutes(end - start, extra));
        }
      }
      else miss(`${p.epreuve} : pas d’horaire pour la zone ${centre.zone} dans le calendrier de la session`);
    } else {
      const s = slotOf.get(`${p.numero}\u0000${p.epreuve}`);
      if (s && s.centreUai === centre.uai) Object.assign(row, { date: s.date, start: s.start, passage: s.passage, end: s.end, commission: s.commission });
      else miss(`${p.epreuve} : horaires d’oral non calculés (ccst schedule-orals)`);
    }
    rows.push(row);
  }
  const unitOrder = new Map(reg.units.map((u, i) => [u.epreuve, i]));
  rows.sort(
    (a, b) =>
      (a.centre.uai < b.centre.uai ? -1 : a.centre.uai > b.centre.uai ? 1 : 0) ||
      (a.nature === b.nature ? 0 : a.nature === 'ecrit' ? -1 : 1) ||
      unitOrder.get(a.epreuve)! - unitOrder.get(b.epreuve)! ||
      compareCandidates(a.candidate, b.candidate),
  );
  return { rows, missing: [...missing].sort().map(([k, n]) => `${k} (${n})`) };
}
