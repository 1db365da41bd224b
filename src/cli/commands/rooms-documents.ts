// ccst rooms documents --epreuve E5 [-o dossier/] [--centre UAI] [--force]: per centre, four PDFs with one document
// per room (issue #14 §3): plans de salle (door copy: numéros only), étiquettes de table, listes d'émargement and
// procès-verbaux de déroulement (local times with the temps majoré ends). Reads the seats stored by `ccst seat`:
// a candidate of the épreuve without a seat stops the run (exit 4) — every candidate appears once.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { ruleConflict, usageError } from '../errors.js';
import { requireKnownCentre } from '../centre-option.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { claimOutputs } from '../output-policy.js';
import { centrePart } from '../pdf-output.js';
import { rosterContext } from '../roster-data.js';
import { readLateness, sessionRegulation } from '../../store/session.js';
import { listRooms, listSeats } from '../../store/rooms.js';
import { amenagementText } from '../../domain/amenagements.js';
import { roomTimes } from '../../domain/seating/room-times.js';
import { academieTimeZone } from '../../domain/calendar/local-time.js';
import { epreuveLine } from '../../documents/rosters.js';
import type { RoomSheet } from '../../documents/rooms/view.js';
import { loadSeatingSittings, loadSittings, writtenUnit } from '../seating/sittings.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  epreuve: z.string({ message: '--epreuve est obligatoire (ex. --epreuve E5)' }).min(1),
  centre: z.string().transform((s) => s.trim().toUpperCase()).optional(),
  output: z.string().optional(),
  force: z.boolean().optional(),
});

const KINDS = [
  { file: 'plans', title: 'Plans de salle' },
  { file: 'etiquettes', title: 'Étiquettes de table' },
  { file: 'emargement', title: 'Listes d’émargement' },
  { file: 'pv-deroulement', title: 'Procès-verbaux de déroulement' },
] as const;

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const ws = await openExistingWorkspace(ctx, opts, 'read');
  const byCentre = new Map<string, RoomSheet[]>();
  let epreuve: string;
  try {
    const reg = await sessionRegulation(ws.db);
    const unit = writtenUnit(reg, opts.epreuve);
    epreuve = unit.epreuve;
    await requireKnownCentre(ws.db, opts.centre);
    // The narrow read of `ccst seat` (store/seating-candidates.ts): the seven columns a room document uses, not every
    // candidate with every column (250k candidates: ≈ 12 s CPU for that read alone, bench:seating). A language
    // épreuve keeps the general read: its candidates come language by language there, the order of the « sans
    // place » list below.
    const sittings = unit.language ? await loadSittings(ws.db, reg, unit, opts.centre) : await loadSeatingSittings(ws.db, reg, unit, opts.centre);
    const seats = await listSeats(ws.db, { epreuve, centre: opts.centre });
    if (!seats.length) throw usageError(`aucune place enregistrée pour ${epreuve}${opts.centre ? ` au centre ${opts.centre}` : ''}`, [`Lancez d’abord ccst seat --epreuve ${epreuve}.`]);
    const rooms = new Map((await listRooms(ws.db, { centre: opts.centre })).map((r) => [`${r.centreUai}\t${r.salle}`, r]));
    const lateness = await readLateness(ws.db);
    const rctx = await rosterContext(ws.db, reg);
    const line = epreuveLine({ unit });
    const seatOf = new Map(seats.map((s) => [s.numero, s]));
    const seatsAt = new Map<string, typeof seats>();
    for (const x of seats) {
      const l = seatsAt.get(x.centreUai);
      if (l) l.push(x);
      else seatsAt.set(x.centreUai, [x]);
    }
    const unseated: string[] = [];
    let stale = 0;
    for (const s of sittings) {
      const here = new Set(s.candidates.map((c) => c.numero));
      for (const c of s.candidates) {
        const seat = seatOf.get(c.numero);
        if (!seat || seat.centreUai !== s.centre.uai) unseated.push(`${c.numero} ${c.nom} ${c.prenom} (${s.centre.nom})`);
      }
      const mine = seatsAt.get(s.centre.uai) ?? [];
      stale += mine.filter((x) => !here.has(x.numero)).length;
      const candidate = new Map(s.candidates.map((c) => [c.numero, c]));
      const perRoom = new Map<string, RoomSheet>();
      for (const seat of mine) {
        const c = candidate.get(seat.numero);
        if (!c) continue;
        let sheet = perRoom.get(seat.salle);
        if (!sheet) {
          const room = rooms.get(`${s.centre.uai}\t${seat.salle}`);
          sheet = {
            heading: rctx.heading, academie: rctx.academie, session: rctx.session, epreuve, epreuveLine: line,
            centre: { uai: s.centre.uai, nom: s.centre.nom, commune: s.centre.commune }, date: s.date,
            timeZone: academieTimeZone(reg, { academie: s.centre.academie, zone: s.centre.zone }).timeZone,
            salle: seat.salle, capacite: room?.capacite ?? seat.place, accessible: room?.accessible ?? false, amenagements: room?.amenagements ?? false, seats: [],
          };
          perRoom.set(seat.salle, sheet);
        }
        sheet.seats.push({ place: seat.place, numero: c.numero, nom: c.nom, prenom: c.prenom, amenagement: amenagementText(c) });
      }
      for (const sheet of perRoom.values()) {
        sheet.capacite = Math.max(sheet.capacite, ...sheet.seats.map((l) => l.place));
        if (s.start && s.end) {
          const temps = sheet.seats.map((l) => candidate.get(l.numero)!.tempsMajore);
          sheet.times = roomTimes(reg, { epreuve, zone: s.centre.zone, start: s.start, end: s.end }, temps, lateness);
        }
      }
      if (perRoom.size) byCentre.set(s.centre.uai, [...perRoom.values()]); // listSeats order: rooms in natural order
    }
    if (unseated.length) {
      throw ruleConflict(`${unseated.length} candidat(s) de ${epreuve} sans place : aucun document écrit`, [
        ...unseated.slice(0, 20), ...(unseated.length > 20 ? [`… et ${unseated.length - 20} autre(s)`] : []), `Lancez ccst seat --epreuve ${epreuve} (les places données sont conservées).`,
      ]);
    }
    if (stale) say(ctx, ctx.color.yellow(`Attention : ${stale} place(s) de candidats qui ne passent plus ${epreuve} dans ce centre ne sont pas imprimées (ccst seat --epreuve ${epreuve} les libère).`));
  } finally {
    await ws.close();
  }
  const dir = path.resolve(ctx.cwd, opts.output ?? `salles-${epreuve}`);
  const fileOf = (kind: string, uai: string) => path.join(dir, `${kind}-${epreuve}-${centrePart(uai)}.pdf`);
  const targets = [...byCentre.keys()].flatMap((uai) => KINDS.map((k) => fileOf(k.file, uai)));
  await claimOutputs(ctx, targets, { workspace: opts, force: opts.force });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 }); // personal data: owner only (issue #9 item 9)
  const { writePdfFile } = await import('../../documents/render/index.js');
  const { drawRoomPlan } = await import('../../documents/rooms/plan.js');
  const { drawTableLabels } = await import('../../documents/rooms/labels.js');
  const { drawRoomReport, drawRoomSignIn } = await import('../../documents/rooms/report.js');
  const draw = { plans: drawRoomPlan, etiquettes: drawTableLabels, emargement: drawRoomSignIn, 'pv-deroulement': drawRoomReport };
  let pages = 0;
  for (const [uai, sheets] of byCentre) {
    for (const k of KINDS) {
      const r = await writePdfFile(fileOf(k.file, uai), { title: `${k.title} — ${epreuve} — ${uai}`, creationDate: ctx.now() }, async (w) => {
        for (const sheet of sheets) draw[k.file](w, sheet);
        await w.yieldToStream();
      });
      pages += r.pages;
    }
    const seated = sheets.reduce((n, s) => n + s.seats.length, 0);
    say(ctx, `${uai} : ${sheets.length} salle(s), ${seated} candidat(s) — ${sheets.map((s) => `${s.salle} (${s.seats.length})`).join(', ')}`);
  }
  say(ctx, ctx.color.green(`Écrit dans ${dir} : ${byCentre.size * KINDS.length} fichier(s) PDF, ${pages} page(s).`));
}
