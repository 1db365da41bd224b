// ccst seat --epreuve E5 [--centre UAI] [--order nom|numero] [--spread-establishments] [--reset] [--dry-run] [--json]
// Every candidate placed at a written centre for the épreuve gets a room and a seat (issue #14 §2,
// domain/seating/seat.ts). Capacity is a hard limit: a shortfall is reported per centre exactly, exit 4, nothing
// stored. A re-run keeps every seat given (a late candidate takes a free seat); --reset seats everyone again.
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { ruleConflict, usageError } from '../errors.js';
import { requireKnownCentre } from '../centre-option.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { mutate } from '../../store/workspace.js';
import { sessionRegulation } from '../../store/session.js';
import { listRooms, replaceSeats, seatsByCentre, type StoredSeat } from '../../store/rooms.js';
import { roomServes } from '../../domain/seating/room.js';
import { seatCentre, type SeatWarning } from '../../domain/seating/seat.js';
import { seatingNeeds } from '../../domain/seating/needs.js';
import { amenagementText } from '../../domain/amenagements.js';
import { loadSeatingSittings, writtenUnit } from '../seating/sittings.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  epreuve: z.string({ message: '--epreuve est obligatoire (ex. --epreuve E5)' }).min(1),
  centre: z.string().transform((s) => s.trim().toUpperCase()).optional(),
  order: z.enum(['nom', 'numero'], { message: '--order attend nom ou numero' }).default('nom'),
  spreadEstablishments: z.boolean().optional(),
  reset: z.boolean().optional(),
  dryRun: z.boolean().optional(),
  json: z.boolean().optional(),
});

interface CentreReport {
  uai: string;
  nom: string;
  date?: string;
  start?: string;
  end?: string;
  candidates: number;
  kept: number;
  placed: number;
  moved: { numero: string; reason: string }[];
  released: string[];
  rooms: { salle: string; capacite: number; occupees: number; amenagements: boolean; accessible: boolean }[];
  warnings: (SeatWarning & { nom: string; prenom: string })[];
}

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const ws = await openExistingWorkspace(ctx, opts);
  try {
    const reg = await sessionRegulation(ws.db);
    const unit = writtenUnit(reg, opts.epreuve);
    await requireKnownCentre(ws.db, opts.centre);
    const sittings = await loadSeatingSittings(ws.db, reg, unit, opts.centre);
    const allRooms = await listRooms(ws.db, { centre: opts.centre });
    if (!allRooms.length) throw usageError(`aucune salle${opts.centre ? ` pour le centre ${opts.centre}` : ''} dans le workspace`, ['Importez les salles : ccst rooms import salles.csv']);
    const storedAt = await seatsByCentre(ws.db, unit.epreuve, opts.centre);
    if (!sittings.length && !storedAt.size) {
      throw usageError(`aucun candidat placé dans un centre d’écrit pour ${unit.epreuve}${opts.centre ? ` au centre ${opts.centre}` : ''}`, ['Lancez d’abord ccst assign-centres.']);
    }
    const now = ctx.now().toISOString();
    const roomsAt = groupBy(allRooms, (r) => r.centreUai);
    const seats: StoredSeat[] = [];
    const rewrite: string[] = [];
    let seatedCount = 0;
    const reports: CentreReport[] = [];
    const short: string[] = [];
    for (const s of sittings) {
      const rooms = (roomsAt.get(s.centre.uai) ?? []).filter((r) => roomServes(r, unit.epreuve, s.date));
      const existing = opts.reset ? [] : (storedAt.get(s.centre.uai) ?? []);
      const byNumero = new Map(s.candidates.map((c) => [c.numero, c]));
      const outcome = seatCentre({
        rooms,
        candidates: s.candidates.map((c) => ({ numero: c.numero, nom: c.nom, prenom: c.prenom, etablissement: c.etablissementUai ?? c.etablissement, needs: seatingNeeds(c) })),
        existing,
        order: opts.order,
        spread: Boolean(opts.spreadEstablishments),
      });
      if (!outcome.ok) {
        const where = `${s.centre.nom} (${s.centre.uai}), ${unit.epreuve}${s.date ? ` du ${s.date}` : ''}`;
        short.push(rooms.length ? `${where} : ${outcome.shortfall.details[0]}` : `${where} : aucune salle pour cette épreuve ce jour-là (${s.candidates.length} candidat(s))`);
        short.push(...outcome.shortfall.details.slice(1));
        continue;
      }
      // A kept seat keeps the time it was given; a centre where nothing changed is not rewritten (a re-run of
      // 250,000 seats otherwise deletes and inserts them all: bench:seating).
      const before = new Map(existing.map((x) => [x.numero, x]));
      const mine = outcome.seats.map((a): StoredSeat => {
        const old = a.kept ? before.get(a.numero) : undefined;
        return { numero: a.numero, epreuve: unit.epreuve, centreUai: s.centre.uai, salle: a.salle, place: a.place, amenagement: amenagementText(byNumero.get(a.numero)!), seatedAt: old?.seatedAt ?? now };
      });
      const changed = opts.reset || outcome.released.length > 0 || outcome.moved.length > 0 || existing.length !== mine.length ||
        mine.some((x) => before.get(x.numero)?.amenagement !== x.amenagement || before.get(x.numero)?.seatedAt !== x.seatedAt);
      if (changed) {
        seats.push(...mine);
        rewrite.push(s.centre.uai);
      }
      seatedCount += outcome.seats.length;
      const perRoom = new Map<string, number>();
      for (const a of outcome.seats) perRoom.set(a.salle, (perRoom.get(a.salle) ?? 0) + 1);
      const occupied = (salle: string) => perRoom.get(salle) ?? 0;
      reports.push({
        uai: s.centre.uai, nom: s.centre.nom, date: s.date, start: s.start, end: s.end, candidates: s.candidates.length,
        kept: outcome.seats.filter((a) => a.kept).length, placed: outcome.seats.filter((a) => !a.kept).length, moved: outcome.moved, released: outcome.released,
        rooms: rooms.map((r) => ({ salle: r.salle, capacite: r.capacite, occupees: occupied(r.salle), amenagements: r.amenagements, accessible: r.accessible })),
        warnings: outcome.warnings.map((w) => ({ ...w, nom: byNumero.get(w.numero)!.nom, prenom: byNumero.get(w.numero)!.prenom })),
      });
    }
    if (short.length) throw ruleConflict(`places insuffisantes pour ${unit.epreuve} : aucune place enregistrée`, [...short, 'Ajoutez des salles ou des places (ccst rooms import), puis relancez ccst seat.'], { shortfall: short });
    // Centres that had seats and no longer have a candidate for the épreuve: their seats are released too.
    const sat = new Set(sittings.map((s) => s.centre.uai));
    const elsewhere = [...storedAt.keys()].filter((uai) => !sat.has(uai));
    const centres = [...new Set([...rewrite, ...elsewhere])];
    const releasedElsewhere = elsewhere.reduce((n, uai) => n + storedAt.get(uai)!.length, 0);
    if (!opts.dryRun && centres.length) {
      await mutate(ws, 'seat', ctx.now(), async (db) => {
        await replaceSeats(db, unit.epreuve, centres, seats);
        return { result: undefined, detail: { epreuve: unit.epreuve, centre: opts.centre ?? null, reset: Boolean(opts.reset), seats: seatedCount, rewritten: seats.length } };
      });
    }
    const total = (k: 'kept' | 'placed') => reports.reduce((n, r) => n + r[k], 0);
    if (opts.json) ctx.stdout.write(JSON.stringify({ epreuve: unit.epreuve, dryRun: Boolean(opts.dryRun), reset: Boolean(opts.reset), seats: seatedCount, kept: total('kept'), placed: total('placed'), centres: reports }, null, 2) + '\n');
    // The same lines as one say() each, written a centre at a time: 2,000 centres × 17 lines one write each cost
    // ≈ 0.4 s CPU (bench:seating).
    for (const r of reports) {
      const lines = [`${r.nom} (${r.uai}) — ${unit.epreuve}${r.date ? ` ${r.date}` : ''}${r.start ? ` ${r.start}–${r.end}` : ''} : ${r.candidates} candidat(s), ${r.kept} place(s) conservée(s), ${r.placed} nouvellement placé(s)`];
      for (const room of r.rooms) lines.push(`    salle ${room.salle} : ${room.occupees}/${room.capacite}${room.amenagements ? ' (aménagements)' : ''}${room.accessible ? ' (accessible)' : ''}`);
      for (const m of r.moved) lines.push(ctx.color.yellow(`    replacé ${m.numero} : ${m.reason}`));
      if (r.released.length) lines.push(`    ${r.released.length} place(s) libérée(s) (candidats qui ne passent plus l’épreuve ici)`);
      for (const w of r.warnings) lines.push(ctx.color.yellow(`    Attention : ${w.numero} ${w.nom} ${w.prenom} : ${w.message}`));
      say(ctx, lines.join('\n'));
    }
    if (releasedElsewhere) say(ctx, `${releasedElsewhere} place(s) libérée(s) dans des centres sans candidat pour ${unit.epreuve}.`);
    const warned = reports.reduce((n, r) => n + r.warnings.length, 0);
    say(
      ctx,
      (opts.dryRun ? 'Vérification seule (--dry-run) : rien n’a été enregistré. ' : '') +
        `${unit.epreuve} : ${seatedCount} place(s) dans ${reports.length} centre(s) — ${total('kept')} conservée(s), ${total('placed')} nouvelle(s)${warned ? `, ${warned} avertissement(s)` : ''}.`,
    );
  } finally {
    await ws.close();
  }
}

function groupBy<T>(list: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of list) {
    const k = key(x);
    const l = out.get(k);
    if (l) l.push(x);
    else out.set(k, [x]);
  }
  return out;
}
