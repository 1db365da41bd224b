// What an examiner's or correcteur's convocation says (issue #13 §4): for each oral commission they sit on, the
// épreuve, the commission, the centre with its address, the day, the hours on the centre's clock and the candidates
// with their passage times; for each lot of written copies they correct, the lot, the épreuve and its copies by
// anonymity number only — never a candidate (issue #13 §3: « The correspondence anonymity ↔ candidate is never written
// to any document given to correcteurs »); the réunion d'entente and the commission d'harmonisation when given.
// Pure: inputs in, views out.
import type { Regulation, Zone } from '../regulation/schema.js';
import type { CorrecteursMeeting } from '../regulation/commissions-schema.js';
import type { Examiner } from './examiner.js';
import type { PlannedCommission } from './planned.js';
import { candidateListDue } from './planned.js';
import { findUnit } from '../regulation/units.js';
import { academieTimeZone, instantOf, localWrittenTime, utcLabel } from '../calendar/local-time.js';

export interface CentreAddress {
  uai: string;
  nom: string;
  adresse?: string;
  codePostal?: string;
  commune?: string;
  academie?: string;
  zone?: Zone;
}

export interface CommissionSeat {
  name: string;
  centreUai: string;
  date: string;
  epreuve: string;
  number: number;
  start: string;
  end: string;
  members: { email: string; role: string; how: 'profile' | 'fallback' }[];
}

export interface CandidateFacts {
  nom: string;
  prenom: string;
}

export interface LotFacts {
  name: string;
  epreuve: string;
  correcteur: string;
  anonymats: string[];
}

/** A meeting of the correcteurs (réunion d'entente, commission d'harmonisation): when and where, as the office wrote it. */
export interface Meeting {
  /** « lundi 13 mai 2024 à 14h00 » when the text starts with a date (and time), else undefined. */
  when?: string;
  /** The text as given, minus the date and time read from it. */
  text: string;
}

export interface CommissionPart {
  name: string;
  epreuve: string;
  title: string;
  number: number;
  centre: CentreAddress | undefined;
  centreUai: string;
  date: string;
  start: string;
  end: string;
  /** « heure locale de La Réunion (UTC+4) » off Métropole's clock; undefined on Métropole's. */
  clock?: string;
  /** Language orals (E22, EF1): the language the commission hears, from the candidates' choices. */
  languages: string[];
  role: string;
  fallback: boolean;
  others: { nom: string; prenom: string; role: string }[];
  candidates: { numero: string; nom: string; prenom: string; epreuve: string; start: string; passage: string; end: string }[];
  /** The day the list is due to the jury (circulaire Toulouse 2023 §1.2.1: 2 weeks before). */
  listDue: string;
}

export interface LotPart {
  name: string;
  epreuve: string;
  title: string;
  /** The written épreuve's date and local hours for the correcteur's académie, when the calendar has them. */
  sitting?: { date: string; start: string; end: string };
  copies: number;
  anonymats: string[];
}

export interface ExaminerConvocation {
  examiner: Examiner;
  commissions: CommissionPart[];
  lots: LotPart[];
  entente?: Meeting;
  harmonisation?: Meeting;
  /**
   * The meetings the circular announces for the épreuves of the lots (regulation commissions.meetings: E3, E5), each
   * with its sentence: printed as « date communiquée ultérieurement » when the office gave no date for that kind.
   */
  announced: CorrecteursMeeting[];
}

export interface ConvocationsInput {
  reg: Regulation;
  examiners: readonly Examiner[];
  commissions: readonly CommissionSeat[];
  /** The timetable schedule-orals planned, by commission name (candidates with their passage times). */
  planned: ReadonlyMap<string, PlannedCommission>;
  passages: ReadonlyMap<string, { start: string; passage: string; end: string }>;
  candidates: ReadonlyMap<string, CandidateFacts>;
  centres: ReadonlyMap<string, CentreAddress>;
  lots: readonly LotFacts[];
  entente?: Meeting;
  harmonisation?: Meeting;
  /** Days before the first oral the list is due (Toulouse: 14). */
  noticeDays?: number;
}

export const passageKey = (numero: string, epreuve: string) => `${numero}\u0000${epreuve}`;

const DAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/**
 * « 2024-05-13 14:00 Lycée X, salle 12 » → when « lundi 13 mai 2024 à 14h00 », text « Lycée X, salle 12 ». A date
 * written 13/05/2024 is read too; a text that does not start with a valid date is kept whole.
 */
export function parseMeeting(raw: string): Meeting {
  const s = raw.trim();
  const m = /^(?:(\d{4})-(\d{2})-(\d{2})|(\d{2})\/(\d{2})\/(\d{4}))(?:[ T]+(\d{1,2})[:h](\d{2}))?(?:\s*[,;–—-]?\s*)(.*)$/s.exec(s);
  if (!m) return { text: s };
  const [y, mo, d] = m[1] ? [Number(m[1]), Number(m[2]), Number(m[3])] : [Number(m[6]), Number(m[5]), Number(m[4])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return { text: s };
  const h = m[7] === undefined ? undefined : Number(m[7]);
  if (h !== undefined && (h > 23 || Number(m[8]) > 59)) return { text: s };
  const day = d === 1 ? '1er' : String(d);
  const when = `${DAYS[date.getUTCDay()]} ${day} ${MONTHS[mo - 1]} ${y}${h === undefined ? '' : ` à ${String(h).padStart(2, '0')}h${m[8]}`}`;
  return { when, text: (m[9] ?? '').trim() };
}

/** The clock the oral times are on: named only off Métropole's (the times themselves are the centre's wall clock). */
export function centreClock(reg: Regulation, centre: CentreAddress | undefined, date: string, start: string): string | undefined {
  if (!centre) return undefined;
  const clock = academieTimeZone(reg, { academie: centre.academie, zone: centre.zone });
  if (clock.timeZone === reg.columnTimeZones.metropole) return undefined;
  return `heure locale de ${clock.label} (${utcLabel(instantOf(date, start, clock.timeZone), clock.timeZone)})`;
}

function lotSitting(reg: Regulation, epreuve: string, academie: string): LotPart['sitting'] {
  const entry = reg.calendar.written.find((w) => w.epreuve === epreuve);
  if (!entry) return undefined;
  const local = localWrittenTime(reg, entry, { academie });
  return local.kind === 'time' ? { date: local.slot.date, start: local.slot.start, end: local.slot.end } : undefined;
}

/** One convocation per examiner who sits on a commission or corrects a lot, in e-mail order. */
export function buildExaminerConvocations(input: ConvocationsInput): ExaminerConvocation[] {
  const { reg } = input;
  const byEmail = new Map(input.examiners.map((e) => [e.email, e]));
  const out = new Map<string, ExaminerConvocation>();
  const entry = (email: string) => {
    let c = out.get(email);
    if (!c) {
      const examiner = byEmail.get(email);
      if (!examiner) return undefined; // a member removed from the examiners since the build: reported by the caller
      c = { examiner, commissions: [], lots: [], announced: [], ...(input.entente ? { entente: input.entente } : {}), ...(input.harmonisation ? { harmonisation: input.harmonisation } : {}) };
      out.set(email, c);
    }
    return c;
  };
  for (const k of input.commissions) {
    const p = input.planned.get(k.name);
    const candidates = (p?.candidates ?? []).map((pc) => {
      const who = input.candidates.get(pc.numero);
      const t = input.passages.get(passageKey(pc.numero, pc.epreuve));
      return { numero: pc.numero, nom: who?.nom ?? '', prenom: who?.prenom ?? '', epreuve: pc.epreuve, start: t?.start ?? '', passage: t?.passage ?? '', end: t?.end ?? '' };
    }).sort((a, b) => a.passage.localeCompare(b.passage) || a.start.localeCompare(b.start) || a.numero.localeCompare(b.numero));
    const centre = input.centres.get(k.centreUai);
    for (const m of k.members) {
      const c = entry(m.email);
      if (!c) continue;
      const others = k.members.filter((o) => o.email !== m.email).map((o) => {
        const e = byEmail.get(o.email);
        return { nom: e?.nom ?? o.email, prenom: e?.prenom ?? '', role: o.role };
      });
      c.commissions.push({
        name: k.name, epreuve: k.epreuve, title: findUnit(reg, k.epreuve)?.title ?? '', number: k.number, centre, centreUai: k.centreUai,
        date: k.date, start: k.start, end: k.end, languages: [...new Set((p?.candidates ?? []).flatMap((pc) => (pc.language ? [pc.language] : [])))].sort(), clock: centreClock(reg, centre, k.date, k.start), role: m.role, fallback: m.how === 'fallback',
        others, candidates, listDue: candidateListDue(k.date, input.noticeDays),
      });
    }
  }
  for (const lot of input.lots) {
    const c = entry(lot.correcteur);
    if (!c) continue;
    c.lots.push({
      name: lot.name, epreuve: lot.epreuve, title: findUnit(reg, lot.epreuve)?.title ?? '', sitting: lotSitting(reg, lot.epreuve, c.examiner.academie),
      copies: lot.anonymats.length, anonymats: [...lot.anonymats],
    });
  }
  const meetings = reg.commissions?.meetings ?? [];
  for (const c of out.values()) {
    const epreuves = new Set(c.lots.map((l) => l.epreuve));
    c.announced = meetings.filter((m) => epreuves.has(m.epreuve));
    c.commissions.sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start) || a.name.localeCompare(b.name));
    c.lots.sort((a, b) => a.name.localeCompare(b.name, 'fr', { numeric: true }));
  }
  return [...out.values()].sort((a, b) => (a.examiner.email < b.examiner.email ? -1 : 1));
}

/**
 * Circulaire Toulouse 2023 §1.2.1: the jury receives « la liste des candidats lui étant affectés 2 semaines à
 * l'avance ». The commissions whose list is produced after that day (today = `today`, ISO date).
 */
export function lateLists(convocations: readonly ExaminerConvocation[], today: string): { name: string; date: string; due: string }[] {
  const late = new Map<string, { name: string; date: string; due: string }>();
  for (const c of convocations) for (const k of c.commissions) if (today > k.listDue) late.set(k.name, { name: k.name, date: k.date, due: k.listDue });
  return [...late.values()].sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
}
