// The session a workspace belongs to: its regulation (stored whole, so the workspace is self-contained)
// and an optional calendar that replaces the regulation's written calendar (`ccst calendar import`).
import type { Regulation, Calendar } from '../domain/regulation/schema.js';
import { calendarSchema } from '../domain/regulation/schema.js';
import { loadBundledRegulation, parseRegulation } from '../io/regulation-file.js';
import { calendarSource } from '../domain/calendar/session-window.js';
import { getMeta, setMeta, type Db } from './workspace.js';
import { latenessSchema, type LatenessRule } from '../domain/convocation/lateness.js';

export interface SessionInfo {
  session: number;
  academie?: string;
  regulationId: string;
}

/** The meta rows a session is made of, read at once (a handful of small rows). */
type MetaMap = Map<string, string>;
async function metaMap(db: Db): Promise<MetaMap> {
  return new Map((await db.selectFrom('meta').select(['key', 'value']).execute()).map((r) => [r.key, r.value]));
}

function sessionInfoOf(meta: MetaMap): SessionInfo | undefined {
  const session = meta.get('session');
  if (!session) return undefined;
  return { session: Number(session), academie: meta.get('academie') || undefined, regulationId: meta.get('regulation_id') ?? '' };
}

export async function readSessionInfo(db: Db): Promise<SessionInfo | undefined> {
  return sessionInfoOf(await metaMap(db));
}

export async function writeSession(db: Db, info: SessionInfo, regulationText: string): Promise<void> {
  await setMeta(db, 'session', String(info.session));
  await setMeta(db, 'academie', info.academie ?? '');
  await setMeta(db, 'regulation_id', info.regulationId);
  await setMeta(db, 'regulation', regulationText);
}

/**
 * The regulation in force for this workspace, with the imported calendar if any. A regulation written for another
 * session keeps its rules but not its written dates: they belong to its own year (issue #10 §1).
 */
export async function sessionRegulation(db: Db): Promise<Regulation> {
  return regulationOf(await metaMap(db));
}

function regulationOf(meta: MetaMap): Regulation {
  const text = meta.get('regulation');
  if (!text) throw new Error('workspace sans règlement (lancez `ccst init`)');
  const reg = withTimeZones(parseRegulation(text, 'règlement du workspace'));
  const cal = meta.get('calendar');
  if (cal) return { ...reg, calendar: calendarSchema.parse(JSON.parse(cal)) };
  const session = Number(meta.get('session') ?? reg.session);
  if (calendarSource(reg, session, false) === 'none') return { ...reg, calendar: { ...reg.calendar, written: [] } };
  return reg;
}

/**
 * A workspace made before issue #11 stores a regulation without académie time zones (finding 1) nor the voies
 * without establishment (finding 5): each is derived from the académie / voie of the same code in the bundled
 * regulation (the stored file is left as it was).
 */
function withTimeZones(reg: Regulation): Regulation {
  const voiesOld = reg.voies.some((v) => v.withoutEstablishment === undefined);
  if (reg.academies.every((a) => a.timeZone) && !voiesOld) return reg;
  const bundled = loadBundledRegulation();
  const zones = new Map(bundled.academies.map((a) => [a.code, a.timeZone]));
  const voies = new Map(bundled.voies.map((v) => [v.code, v.withoutEstablishment]));
  return {
    ...reg,
    academies: reg.academies.map((a) => (a.timeZone ? a : { ...a, timeZone: zones.get(a.code) })),
    voies: reg.voies.map((v) => (v.withoutEstablishment !== undefined || !voies.get(v.code) ? v : { ...v, withoutEstablishment: true })),
  };
}

type CalendarSourceInfo = { session: number; regulationSession: number; source: 'imported' | 'regulation' | 'none' };

/** Where the written dates of this workspace come from; 'none' until a calendar for its session is imported. */
export async function readCalendarSource(db: Db): Promise<CalendarSourceInfo> {
  return calendarSourceOf(await metaMap(db));
}

function calendarSourceOf(meta: MetaMap): CalendarSourceInfo {
  const text = meta.get('regulation');
  if (!text) throw new Error('workspace sans règlement (lancez `ccst init`)');
  const reg = parseRegulation(text, 'règlement du workspace');
  const session = Number(meta.get('session') ?? reg.session);
  return { session, regulationSession: reg.session, source: calendarSource(reg, session, meta.get('calendar') !== undefined) };
}

export async function writeCalendar(db: Db, calendar: Calendar): Promise<void> {
  await setMeta(db, 'calendar', JSON.stringify(calendar));
}

/** The académie's late-arrival rule stored by init / calendar import (issue #11 finding 2); none by default. */
export async function readLateness(db: Db): Promise<LatenessRule | undefined> {
  return latenessOf(await getMeta(db, 'lateness'));
}

function latenessOf(text: string | undefined): LatenessRule | undefined {
  return text ? latenessSchema.parse(JSON.parse(text)) : undefined;
}

/** Sets the rule; `null` removes it. */
export async function writeLateness(db: Db, rule: LatenessRule | null): Promise<void> {
  await setMeta(db, 'lateness', rule ? JSON.stringify(rule) : '');
}
