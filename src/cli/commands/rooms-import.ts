// ccst rooms import <file>: the rooms of the written centres (issue #14 §1) — capacity, accessible (PMR), set aside
// for aménagements, restricted to some épreuves or days. Same standards as `ccst centres import`: every row checked
// before anything is written (row- and column-precise French errors, exit 3), one transaction, re-importing the same
// file changes nothing (upsert by centre and room name).
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { inputError } from '../errors.js';
import { formatIssues } from '../issue-report.js';
import { terminalSafe } from '../terminal-text.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { recordOf, type ColumnSpec } from '../../io/header-mapping.js';
import { openKeyedTable } from '../import/keyed-table.js';
import { mutate } from '../../store/workspace.js';
import { readSessionInfo, sessionRegulation } from '../../store/session.js';
import { checkSessionDate, sessionWindow } from '../../domain/calendar/session-window.js';
import { roomKeys, upsertRooms } from '../../store/rooms.js';
import { parseRoomRow, type Room, type RoomCells, type RoomField } from '../../domain/seating/room.js';
import type { CellIssue } from '../../domain/validation.js';

const SPECS: (ColumnSpec & { name: RoomField })[] = [
  { name: 'centre_uai', aliases: ['uai', 'centre', 'code uai', 'uai centre', 'rne'], required: true },
  { name: 'salle', aliases: ['nom de la salle', 'local', 'numero de salle'], required: true },
  { name: 'capacite', aliases: ['places', 'nombre de places'], required: true },
  { name: 'accessible', aliases: ['pmr', 'acces pmr', 'accessible pmr'] },
  { name: 'amenagements', aliases: ['amenagement', 'salle amenagement', 'tiers temps', 'salle d amenagements'] },
  { name: 'epreuves', aliases: ['epreuve'] },
  { name: 'dates', aliases: ['date', 'jours'] },
];

const optionsSchema = z.object({
  file: z.string().min(1, 'fichier des salles attendu'),
  workspace: z.string().optional(),
  sheet: z.string().optional(),
  dryRun: z.boolean().optional(),
  json: z.boolean().optional(),
});

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const ws = await openExistingWorkspace(ctx, opts);
  try {
    const reg = await sessionRegulation(ws.db);
    const window = sessionWindow(reg, (await readSessionInfo(ws.db))?.session ?? reg.session);
    const centres = new Set((await ws.db.selectFrom('centres').select('uai').execute()).map((r) => r.uai));
    const { name, header, rest, label } = await openKeyedTable(ctx, opts.file, opts.sheet, SPECS);
    const issues: CellIssue[] = [];
    const rooms: Room[] = [];
    const seen = new Map<string, number>();
    for await (const raw of rest) {
      const rec = recordOf(raw, header);
      if (rec.blank) continue;
      const cells: RoomCells = {};
      for (const [k, v] of rec.values) cells[k as RoomField] = v;
      const res = parseRoomRow(reg, cells, centres);
      for (const i of res.issues) issues.push({ row: rec.row, column: label(i.field), kind: i.kind, message: i.message });
      if (!res.room) continue;
      // A day outside the session is a typing error, as for centres (issue #10 §1).
      const outside = res.room.dates.map((d) => checkSessionDate(d, window)).filter((r) => !r.ok);
      for (const r of outside) if (!r.ok) issues.push({ row: rec.row, column: label('dates'), kind: r.kind, message: r.message });
      if (outside.length) continue;
      // « Salle B2 » and « salle b2 » are one room on the door: names are unique per centre, case aside.
      const key = `${res.room.centreUai}\t${res.room.salle.toLocaleLowerCase('fr')}`;
      const first = seen.get(key);
      if (first !== undefined) {
        issues.push({ row: rec.row, column: label('salle'), kind: 'doublon', message: `salle « ${res.room.salle} » du centre ${res.room.centreUai} déjà décrite ligne ${first}` });
        continue;
      }
      seen.set(key, rec.row);
      rooms.push(res.room);
    }
    if (issues.length) throw inputError(`${name} : ${issues.length} erreur(s), aucune salle enregistrée`, formatIssues(name, issues), { issues });
    if (!rooms.length) throw inputError(`${name} : aucune salle dans le fichier`);

    const before = await roomKeys(ws.db);
    const created = rooms.filter((r) => !before.has(`${r.centreUai}\t${r.salle}`)).length;
    if (!opts.dryRun) {
      await mutate(ws, 'rooms import', ctx.now(), async (db) => {
        await upsertRooms(db, rooms);
        return { result: undefined, detail: { file: name, rooms: rooms.length, created } };
      });
    }
    const byCentre = new Map<string, number>();
    for (const r of rooms) byCentre.set(r.centreUai, (byCentre.get(r.centreUai) ?? 0) + r.capacite);
    const summary = {
      file: name, dryRun: Boolean(opts.dryRun), rooms: rooms.length, created, updated: rooms.length - created,
      seats: rooms.reduce((n, r) => n + r.capacite, 0), centres: byCentre.size, list: rooms,
    };
    if (opts.json) ctx.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    say(
      ctx,
      (opts.dryRun ? 'Vérification seule (--dry-run) : rien n’a été enregistré. ' : '') +
        `${rooms.length} salle(s) dans ${byCentre.size} centre(s), ${summary.seats} place(s) : ${created} nouvelle(s), ${summary.updated} mise(s) à jour.`,
    );
    for (const [uai, seats] of [...byCentre].sort()) say(ctx, `  ${terminalSafe(uai)} : ${seats} place(s) ; ${rooms.filter((r) => r.centreUai === uai && r.amenagements).length} salle(s) d’aménagement, ${rooms.filter((r) => r.centreUai === uai && r.accessible).length} accessible(s)`);
  } finally {
    await ws.close();
  }
}
