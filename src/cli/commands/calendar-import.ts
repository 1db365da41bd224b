// ccst calendar import <file>: sets the written calendar of the session (e.g. an académie's own dates), épreuve by
// épreuve: the épreuves of the file replace theirs, the others are kept (--replace drops them). Every date must
// fall inside the session (issue #10 §1-2). Columns: epreuve, date, zone (empty = Métropole), and either debut + fin or horaire ("14h00 – 18h00"), loge.
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { inputError } from '../errors.js';
import { formatIssues } from '../issue-report.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { openTable } from '../../io/table-reader.js';
import { cellText, readHeader, recordOf, type ColumnSpec } from '../../io/header-mapping.js';
import { mutate } from '../../store/workspace.js';
import { readSessionInfo, sessionRegulation, writeCalendar, writeLateness } from '../../store/session.js';
import { latenessFlags, latenessFromFlags, latenessSummary } from '../lateness-options.js';
import { checkSessionDate, sessionWindow } from '../../domain/calendar/session-window.js';
import { findUnit } from '../../domain/regulation/units.js';
import { parseCalendarDate, parseClock, parseLockIn, parseTimeRange, parseCalendarZone } from '../../domain/calendar/fields.js';
import { buildCalendar, type CalendarRow } from '../../domain/calendar/build.js';
import { fail, type CellIssue, type FieldResult } from '../../domain/validation.js';

const SPECS: ColumnSpec[] = [
  { name: 'epreuve', aliases: ['épreuve', 'epreuves', 'unite', 'code epreuve'], required: true },
  { name: 'date', aliases: ['jour', 'date epreuve'], required: true },
  { name: 'zone', aliases: ['zone horaire', 'territoire'] },
  { name: 'debut', aliases: ['heure debut', 'heure de debut', 'début'] },
  { name: 'fin', aliases: ['heure fin', 'heure de fin'] },
  { name: 'horaire', aliases: ['horaires', 'heures'] },
  { name: 'loge', aliases: ['mise en loge', 'duree loge'] },
];

const optionsSchema = z.object({
  file: z.string(),
  workspace: z.string().optional(),
  dryRun: z.boolean().optional(),
  replace: z.boolean().optional(),
  json: z.boolean().optional(),
  ...latenessFlags,
});

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const lateness = latenessFromFlags(opts);
  const ws = await openExistingWorkspace(ctx, opts);
  try {
    const reg = (await sessionRegulation(ws.db));
    const window = sessionWindow(reg, (await readSessionInfo(ws.db))?.session ?? reg.session);
    const table = await openTable(opts.file, { stdin: ctx.stdin });
    const { header, rest } = await readHeader(table.rows, SPECS);
    if (!header) throw inputError(`${table.info.name} : ligne d’en-tête introuvable (colonnes attendues : epreuve, date, zone, debut, fin ou horaire, loge)`);
    if (header.missing.length) throw inputError(`${table.info.name} : colonne(s) manquante(s) : ${header.missing.join(', ')}`);
    if (!header.labels.has('horaire') && !(header.labels.has('debut') && header.labels.has('fin'))) {
      throw inputError(`${table.info.name} : il faut les colonnes debut et fin, ou une colonne horaire`);
    }
    const label = (name: string) => header.labels.get(name) ?? name;
    const issues: CellIssue[] = [];
    const rows: CalendarRow[] = [];
    for await (const raw of rest) {
      const rec = recordOf(raw, header);
      if (rec.blank) continue;
      const get = (n: string) => rec.values.get(n) ?? null;
      const check = <T>(name: string, r: FieldResult<T>): T | undefined => {
        if (r.ok) return r.value;
        issues.push({ row: rec.row, column: label(name), kind: r.kind, message: r.message });
        return undefined;
      };
      const unit = findUnit(reg, cellText(get('epreuve')));
      if (!unit) issues.push({ row: rec.row, column: label('epreuve'), kind: 'epreuve', message: `épreuve inconnue « ${cellText(get('epreuve'))} »` });
      const dateCell = get('date');
      const parsedDate = check('date', parseCalendarDate(dateCell instanceof Date ? dateCell : cellText(dateCell)));
      const date = parsedDate && check('date', checkSessionDate(parsedDate, window));
      const zone = check('zone', parseCalendarZone(reg, cellText(get('zone'))));
      const range = header.labels.has('horaire') && cellText(get('horaire'))
        ? check('horaire', parseTimeRange(cellText(get('horaire'))))
        : (() => {
            const start = check('debut', parseClock(cellText(get('debut'))));
            const end = check('fin', parseClock(cellText(get('fin'))));
            if (!start || !end) return undefined;
            if (end <= start) return check('fin', fail<{ start: string; end: string }>('heure', `fin ${end} avant le début ${start}`));
            return { start, end };
          })();
      const lockIn = parseLockIn(cellText(get('loge')));
      if (!lockIn.ok) check('loge', lockIn);
      if (unit && date && zone && range && lockIn.ok) {
        const slot = lockIn.value ? { ...range, lockInMinutes: lockIn.value } : range;
        rows.push({ row: rec.row, epreuve: unit.epreuve, date, ...zone, slot });
      }
    }
    if (rows.length === 0 && issues.length === 0) throw inputError(`${table.info.name} : aucune épreuve`);
    const built = issues.length ? { issues } : buildCalendar(reg, rows);
    if (!built.calendar) {
      const all = built.issues;
      throw inputError(`${table.info.name} : calendrier refusé (${all.length} erreur(s)), rien n’a été enregistré`, formatIssues(table.info.name, all));
    }
    const fromFile = built.calendar;
    const inFile = new Set(fromFile.written.map((w) => w.epreuve));
    const kept = opts.replace ? [] : reg.calendar.written.filter((w) => !inFile.has(w.epreuve));
    const calendar = {
      ...fromFile,
      written: [...kept, ...fromFile.written].sort((a, b) => a.date.localeCompare(b.date) || a.times.metropole.start.localeCompare(b.times.metropole.start)),
    };
    if (!opts.dryRun) {
      await mutate(ws, 'calendar import', ctx.now(), async (db) => {
        await writeCalendar(db, calendar);
        if (lateness !== undefined) await writeLateness(db, lateness);
        return { result: undefined, detail: { ...(lateness !== undefined ? { lateness } : {}), file: table.info.name, epreuves: calendar.written.length, imported: inFile.size, kept: kept.length, replace: Boolean(opts.replace) } };
      });
    }
    if (opts.json) ctx.stdout.write(JSON.stringify(calendar, null, 2) + '\n');
    for (const w of calendar.written) {
      const t = w.times.metropole;
      const own = Object.entries(w.local ?? {}).map(([a, l]) => `  [${a} : ${l.date} ${l.start}–${l.end}]`).join('');
      say(ctx, `  ${w.epreuve.padEnd(4)}${inFile.has(w.epreuve) ? '' : ' (conservée)'} ${w.date}  ${t.start}–${t.end}${t.lockInMinutes ? ` (loge ${t.lockInMinutes} min)` : ''}${w.times.reunion ? '' : '  [Réunion : même instant]'}${w.times.antilles_guyane ? '' : '  [Antilles-Guyane : même instant]'}${own}`);
    }
    const what = opts.replace
      ? `Calendrier remplacé : ${calendar.written.length} épreuve(s).`
      : `Calendrier enregistré : ${calendar.written.length} épreuve(s) (${inFile.size} du fichier, ${kept.length} conservée(s) ; --replace pour ne garder que celles du fichier).`;
    if (lateness !== undefined) say(ctx, latenessSummary(lateness));
    say(ctx, opts.dryRun ? `Vérification seule (--dry-run) : rien n’a été enregistré. ${what}` : ctx.color.green(what));
  } finally {
    await ws.close();
  }
}
