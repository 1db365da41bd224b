// What a candidate's convocation says, épreuve by épreuve: pure, from the regulation (with the session's calendar,
// possibly imported), the candidate, their centres and oral appointments.
// Sources: circulaire nationale 2024 §1 A (annexe 2 calendar, per zone), §1 E (mise en loge, no
// telecommunication), §1 F (calculatrice), annexe 2 (no exit before the end of the 2nd hour, Métropole –
// Réunion, E1 / E21 / E5); the late-arrival limit only when the workspace has an académie rule (lateness.ts).
import type { Regulation, UnitDef, Zone } from '../regulation/schema.js';
import { formFor } from '../regulation/units.js';
import { zoneOfAcademie } from '../academie.js';
import { academieTimeZone, localWrittenTime } from '../calendar/local-time.js';
import { takesOptionalUnit } from '../candidate-units.js';
import type { Candidate } from '../candidate.js';
import { languageFor, LANGUAGE_MISSING } from '../language.js';
import type { LatenessRule } from './lateness.js';
import { clockMinutes, extraMinutes, minutesClock, parseExtraTime, type ExtraTime } from './time.js';

export interface CentreInfo {
  uai: string;
  nom: string;
  adresse?: string;
  codePostal?: string;
  commune?: string;
  zone?: Zone;
  /** Académie of the centre: its clock gives the local times (issue #11 finding 1). */
  academie?: string;
}

export interface OralAppointment {
  date: string;
  /** Arrival (start of the preparation, if any). */
  start: string;
  end: string;
  /** Time the candidate goes before the commission, when it differs from start (oral_slots.passage). */
  passage?: string;
  centreUai: string;
}

export interface ConvocationLine {
  unit: string;
  epreuve: string;
  title: string;
  nature: 'ecrit' | 'oral';
  /** Language épreuve (E22, EF1): the language the candidate is examined in (issue #10 §3). */
  langue?: string;
  zone: Zone;
  /** IANA time zone of the times printed (written épreuves), with its UTC offset that day and the territory. */
  timeZone?: string;
  utc?: string;
  /** Territory whose local time is printed, when it is not Métropole's clock. */
  place?: string;
  /** Written épreuve whose local time is refused (outside the local hours): the convocation is not produced. */
  refused?: string;
  /** Differences with annexe 2's columns (what is printed and why), reported by the command. */
  checks?: string[];
  date?: string;
  start?: string;
  end?: string;
  /** End with the extra time of an aménagement (written épreuves). */
  extendedEnd?: string;
  lockInMinutes?: number;
  /** Oral: time before the commission, after the preparation. */
  passage?: string;
  /** Latest arrival, when the académie sets a limit (e.g. circulaire Toulouse 2023 §1.1: the first hour). */
  noEntryAfter?: string;
  /** No candidate may leave before this time (annexe 2: end of the 2nd hour). */
  noExitBefore?: string;
  centre?: CentreInfo;
  /** Why there is no date yet (oral not scheduled, épreuve missing from the calendar). */
  pending?: string;
  /** Épreuve on a dossier subject to the contrôle de conformité (annexe 4). */
  dossier: boolean;
  /** The dossier was found non-conforming: no interrogation, NV (annexe 4); no centre is expected. */
  nonConforming?: boolean;
  /** Why (annexe 4 motifs recorded by the contrôle de conformité), when known. */
  motifs?: string[];
}

export interface Convocation {
  lines: ConvocationLine[];
  /** Units assessed in CCF by the établissement (not on exam day). */
  ccfUnits: UnitDef[];
  extraTime?: ExtraTime;
}

export interface ConvocationInput {
  reg: Regulation;
  candidate: Candidate;
  /** Centre per unit code (written centre for written units, oral centre for orals). */
  centres: Map<string, CentreInfo>;
  /** Oral appointment per unit code (oral_slots). */
  orals: Map<string, OralAppointment>;
  /** Unit codes whose dossier was found non-conforming (conformity table). */
  nonConforming?: Set<string>;
  /** Unit code → the annexe 4 motifs of that non-conforming dossier. */
  nonConformityMotifs?: Map<string, string[]>;
  /** The académie's late-arrival rule, if the workspace has one (circulaire Toulouse 2023 §1.1; issue #11 §2). */
  lateness?: LatenessRule;
}

export class ExtraTimeError extends Error {
  constructor(readonly value: string) {
    super(`temps majoré illisible « ${value} » (attendu 1/3, 1/4… ou « tiers-temps »)`);
  }
}

/** Units the candidate sits: not dispensed, no bénéfice kept, optional ones only when chosen. */
export function unitsTaken(reg: Regulation, c: Candidate): UnitDef[] {
  return reg.units.filter(
    (u) => !c.dispenses.includes(u.code) && !c.benefices.some((b) => b.unite === u.code) && (!u.optional || takesOptionalUnit(c, u)),
  );
}

function writtenLine(input: ConvocationInput, unit: UnitDef, extra: ExtraTime | undefined): ConvocationLine {
  const { reg, candidate } = input;
  const centre = input.centres.get(unit.code);
  // Times are those of the centre's académie (its IANA time zone, the same instant everywhere: annexe 2 and
  // local-time.ts); without a centre yet, those of the candidate's académie.
  const academie = centre ? centre.academie : candidate.academie;
  const zone = centre?.zone ?? zoneOfAcademie(reg, academie ?? candidate.academie);
  const base: ConvocationLine = { unit: unit.code, epreuve: unit.epreuve, title: unit.title, nature: 'ecrit', zone, centre, dossier: Boolean(unit.dossier) };
  const entry = reg.calendar.written.find((w) => w.epreuve === unit.epreuve);
  if (!entry) return { ...base, pending: 'date et heure communiquées ultérieurement' };
  const where = { academie, zone };
  const local = localWrittenTime(reg, entry, where);
  // Named on the convocation only off Métropole's clock (« heure locale de Mayotte (UTC+3) »).
  const clock = academieTimeZone(reg, where);
  const place = clock.timeZone === reg.columnTimeZones.metropole ? undefined : clock.label;
  // Pacific: the Métropole instant falls at night; never printed, never replaced by Métropole's hours.
  if (local.kind === 'refused') {
    return { ...base, timeZone: local.timeZone, utc: local.utc, place, refused: local.reason, pending: `horaire local communiqué ultérieurement (calendrier de l’académie attendu)` };
  }
  const slot = local.slot;
  const start = clockMinutes(slot.start);
  const end = clockMinutes(slot.end);
  const line: ConvocationLine = {
    ...base, timeZone: local.timeZone, utc: local.utc, place, date: slot.date, start: slot.start, end: slot.end, lockInMinutes: slot.lockInMinutes,
    ...(local.checks.length ? { checks: local.checks } : {}),
  };
  if (extra) line.extendedEnd = minutesClock(end + extraMinutes(end - start, extra));
  if (input.lateness) line.noEntryAfter = minutesClock(start + input.lateness.minutes);
  const noExit = reg.calendar.noExitBeforeMinutes;
  if (noExit && noExit.epreuves.includes(unit.epreuve) && noExit.zones.includes(zone)) {
    line.noExitBefore = minutesClock(start + noExit.minutes);
  }
  return line;
}

function oralLine(input: ConvocationInput, unit: UnitDef): ConvocationLine {
  const { reg, candidate } = input;
  const slot = input.orals.get(unit.code);
  const centre = input.centres.get(unit.code);
  const zone = centre?.zone ?? zoneOfAcademie(reg, candidate.academie);
  const base: ConvocationLine = { unit: unit.code, epreuve: unit.epreuve, title: unit.title, nature: 'oral', zone, centre, dossier: Boolean(unit.dossier) };
  // Circulaire nationale 2024 §2 E4/E61/E62 and annexe 4: a non-conforming dossier means no interrogation (NV).
  if (input.nonConforming?.has(unit.code)) {
    // Issue #10 §8: said plainly — the épreuve will not take place for this candidate, and why.
    const motifs = input.nonConformityMotifs?.get(unit.code) ?? [];
    const why = motifs.length > 0 ? ` (${motifs.join(' ; ')})` : '';
    return {
      ...base,
      centre: undefined,
      nonConforming: true,
      motifs,
      pending: `Vous ne passerez pas cette épreuve : votre dossier a été déclaré non conforme${why}. Vous ne serez pas interrogé(e) ; la mention « non valide » (NV) vous est attribuée et le diplôme ne peut vous être délivré (circulaire nationale, annexe 4).`,
    };
  }
  if (slot) return { ...base, date: slot.date, start: slot.start, end: slot.end, passage: slot.passage && slot.passage !== slot.start ? slot.passage : undefined };
  if (unit.followsUnit) {
    // Engagement étudiant: taken right after U61 (arrêté du 23 septembre 2020; circulaire §2 EF3).
    const after = reg.units.find((u) => u.code === unit.followsUnit);
    const lead = input.orals.get(unit.followsUnit);
    if (lead) return { ...base, date: lead.date, pending: `à la suite de l'épreuve ${after?.epreuve ?? unit.followsUnit}` };
  }
  return { ...base, pending: 'date et heure de passage communiquées ultérieurement' };
}

/** The convocation of one candidate; throws ExtraTimeError when temps_majore cannot be read. */
export function buildConvocation(input: ConvocationInput): Convocation {
  const { reg, candidate } = input;
  const parsed = parseExtraTime(candidate.tempsMajore);
  if (parsed === 'invalid') throw new ExtraTimeError(candidate.tempsMajore ?? '');
  const extra = parsed;
  const lines: ConvocationLine[] = [];
  const ccfUnits: UnitDef[] = [];
  for (const unit of unitsTaken(reg, candidate)) {
    const form = formFor(reg, unit, candidate.voie);
    if (form.form === 'ccf') ccfUnits.push(unit);
    else {
      const line = form.nature === 'ecrit' ? writtenLine(input, unit, extra) : oralLine(input, unit);
      if (unit.language) line.langue = languageFor(unit, candidate) ?? LANGUAGE_MISSING;
      lines.push(line);
    }
  }
  const order = (u: string) => reg.units.findIndex((x) => x.code === u);
  lines.sort(
    (a, b) =>
      (a.date ?? '9999').localeCompare(b.date ?? '9999') ||
      (a.start ?? '99:99').localeCompare(b.start ?? '99:99') ||
      order(a.unit) - order(b.unit),
  );
  return { lines, ccfUnits, extraTime: extra };
}
