// Issue #10 §14 — oral days: a midday break (no preparation, interrogation or engagement étudiant overlaps it) and a
// minimum gap between one candidate's orals. Durations are the règlement's (circulaire nationale 2024 §2: E22 and
// EF1 20 + 20 min, E4 60 + 60, E61 and E62 30, EF2 and EF3 20). The break and the gap are organisation choices
// with documented defaults (12:00–13:30, 30 min: README, `ccst schedule-orals --help`), not rules of the texts.
import { describe, expect, it } from 'vitest';
import { scheduleOrals, type OralSlot, type ScheduleOptions } from '../../src/domain/scheduling/oral-timetable.js';
import { toMinutes } from '../../src/domain/scheduling/durations.js';
import { assignCentres } from '../../src/domain/assignment/assign.js';
import { run as scheduleCommand, DEFAULT_MIN_GAP, DEFAULT_PAUSE } from '../../src/cli/commands/schedule-orals.js';
import { run as assignCommand } from '../../src/cli/commands/assign-centres.js';
import { mutate, openWorkspace } from '../../src/store/workspace.js';
import { upsertCentres } from '../../src/store/centres.js';
import { fakeCtx } from '../helpers/fake-ctx.js';
import { assignmentWorkspace } from '../helpers/assignment-workspace.js';
import { cand, centre, REG, uai } from '../helpers/assignment-builders.js';

const ORAL = uai('031', 500);
const WRITTEN = uai('031', 900);
const ORALS = ['E22', 'E4', 'E61', 'E62', 'EF1', 'EF2', 'EF3'];
// Hors contrat (référentiel annexe IV c, column C): every oral in ponctuel; EF1, EF2, EF3 chosen — seven orals.
const people = Array.from({ length: 14 }, (_, i) =>
  cand(`24${String(i).padStart(3, '0')}`, { voie: 'scolaire_prive_hors_contrat', etablissementUai: uai('031', 20 + (i % 3)), ef1: 'espagnol', ef2: true, ef3: true, tempsMajore: i % 5 === 0 ? '1/3' : undefined }));
const centres = [centre(WRITTEN, 'ecrit', { capacite: 1000 }), centre(ORAL, 'oral', { capacite: 1000, epreuves: ORALS, dates: ['2024-06-20', '2024-06-21'] })];

function timetable(options: ScheduleOptions): OralSlot[] {
  const a = assignCentres({ reg: REG, candidates: people, centres, existing: [], pins: [], reset: false });
  if (!a.ok) throw new Error('assignment failed');
  const o = scheduleOrals({ reg: REG, candidates: people, centres, placements: a.placements, existing: [], reset: false, options });
  if (!o.ok) throw new Error(JSON.stringify(o));
  return o.slots;
}

/** A candidate's orals as time intervals: an engagement étudiant right after U61 is part of the same sitting. */
function sittings(slots: OralSlot[]): Map<string, { date: string; start: number; end: number; what: string }[]> {
  const out = new Map<string, { date: string; start: number; end: number; what: string }[]>();
  for (const s of [...slots].sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start))) {
    const list = out.get(s.numero) ?? out.set(s.numero, []).get(s.numero)!;
    const last = list.at(-1);
    if (s.epreuve === 'EF3' && last && last.date === s.date && last.end === toMinutes(s.start)) last.end = toMinutes(s.end);
    else list.push({ date: s.date, start: toMinutes(s.start), end: toMinutes(s.end), what: `${s.epreuve} ${s.start}–${s.end}` });
  }
  return out;
}

function check(slots: OralSlot[], o: ScheduleOptions): void {
  const gap = o.minGap ?? 0;
  const [ps, pe] = o.pause ? [toMinutes(o.pause.start), toMinutes(o.pause.end)] : [Infinity, Infinity];
  for (const s of slots) {
    // No oral crosses the break: preparation (start) to end, outside [pause start, pause end).
    expect(toMinutes(s.start) >= pe || toMinutes(s.end) <= ps, `${s.numero} ${s.epreuve} ${s.start}–${s.end}`).toBe(true);
    expect(toMinutes(s.start) >= toMinutes(o.dayStart) && toMinutes(s.end) <= toMinutes(o.dayEnd)).toBe(true);
  }
  for (const [numero, list] of sittings(slots)) {
    for (let i = 1; i < list.length; i++) {
      const [a, b] = [list[i - 1]!, list[i]!];
      if (a.date !== b.date) continue;
      // Neither overlapping nor back to back below the gap.
      expect(b.start - a.end, `${numero} : ${a.what} puis ${b.what}`).toBeGreaterThanOrEqual(gap);
    }
  }
}

describe('issue #10 §14 oral days: midday break and a minimum gap between one candidate’s orals', () => {
  it.each<[string, ScheduleOptions]>([
    ['default day (12:00–13:30, 30 min)', { commissions: 2, dayStart: '08:00', dayEnd: '18:00', pause: { start: '12:00', end: '13:30' }, minGap: 30 }],
    ['short break, 15 min', { commissions: 2, dayStart: '08:30', dayEnd: '17:30', pause: { start: '12:30', end: '13:15' }, minGap: 15 }],
    ['one hour between orals', { commissions: 3, dayStart: '08:00', dayEnd: '19:00', pause: { start: '12:00', end: '14:00' }, minGap: 60 }],
  ])('%s: no overlap, no back to back below the gap, nothing across the break', (_name, options) => {
    const slots = timetable(options);
    expect(slots.length).toBe(people.length * ORALS.length);
    check(slots, options);
  });

  it('without a break nor a gap (the former behaviour), orals run back to back and through midday', () => {
    const options: ScheduleOptions = { commissions: 1, dayStart: '08:00', dayEnd: '18:00' };
    const slots = timetable(options);
    const backToBack = [...sittings(slots).values()].some((l) => l.some((x, i) => i > 0 && l[i - 1]!.date === x.date && x.start - l[i - 1]!.end < 30));
    const acrossNoon = slots.some((s) => toMinutes(s.start) < toMinutes('13:30') && toMinutes(s.end) > toMinutes('12:00'));
    expect([backToBack, acrossNoon]).toEqual([true, true]);
  });

  it('ccst schedule-orals applies the documented defaults, and --pause aucune / --ecart-min change them', async () => {
    expect([DEFAULT_PAUSE, DEFAULT_MIN_GAP]).toEqual(['12:00-13:30', 30]);
    const ws = assignmentWorkspace(people);
    const w = await openWorkspace(ws.file);
    await mutate(w, 'test-centres', new Date('2024-03-01T00:00:00Z'), async (db) => {
      await upsertCentres(db, centres);
      return { result: undefined, detail: {} };
    });
    await w.close();
    const ctx = () => fakeCtx({ cwd: ws.dir, env: { CCST_WORKSPACE: ws.file } });
    await assignCommand(ctx(), {});
    const run = async (input: Record<string, unknown>) => {
      const c = ctx();
      await scheduleCommand(c, { json: true, dryRun: true, commissions: '2', ...input });
      return { slots: JSON.parse(c.out()).slots as OralSlot[], err: c.err() };
    };
    const byDefault = await run({});
    expect(byDefault.err).toContain('Journée 08:00–18:00, pause 12:00–13:30, 30 min au moins entre deux oraux d’un candidat.');
    check(byDefault.slots, { commissions: 2, dayStart: '08:00', dayEnd: '18:00', pause: { start: '12:00', end: '13:30' }, minGap: 30 });
    const none = await run({ pause: 'aucune', ecartMin: '0' });
    expect(none.err).toContain('sans pause, 0 min au moins');
    expect(none.slots.some((s) => toMinutes(s.start) < toMinutes('13:30') && toMinutes(s.end) > toMinutes('12:00'))).toBe(true);
    const bad = await scheduleCommand(ctx(), { commissions: '2', pause: '13:30-12:00' }).catch((e: unknown) => e);
    expect((bad as { exitCode: number; message: string }).exitCode).toBe(2);
  });
});
