// bench:seating, part 2 — the whole `ccst seat --epreuve E5` on a generated workspace (issue #14 « Done when »:
// 250,000 candidates in 2,000 centres × 15 rooms under 3 s):
//   - end to end: the built CLI spawned as a user runs it (bin/ccst.js: Node start-up, module loading, the command,
//     exit), first run, stable re-run, --reset; CPU user + sys of the child (process.resourceUsage at its exit,
//     written by a preloaded file), wall-clock and the load average around it;
//   - per phase, in this process: the same store and domain calls as src/cli/commands/seat.ts in its order (start-up
//     is the child `ccst --version`), and beside the narrow read, the general read it replaced (loadSittings).
// Not a test: figures depend on the machine.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openWorkspace, mutate } from '../store/workspace.js';
import { sessionRegulation } from '../store/session.js';
import { listRooms, replaceSeats, seatsByCentre, type StoredSeat } from '../store/rooms.js';
import { loadSeatingSittings, loadSittings, writtenUnit } from '../cli/seating/sittings.js';
import { roomServes } from '../domain/seating/room.js';
import { seatCentre } from '../domain/seating/seat.js';
import { seatingNeeds } from '../domain/seating/needs.js';
import { amenagementText } from '../domain/amenagements.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/ccst.js');
const load = () => os.loadavg()[0]!.toFixed(1);

export interface Figure {
  label: string;
  user: number;
  sys: number;
  wall: number;
  loadBefore: string;
  loadAfter: string;
}

export const printFigure = (f: Figure) =>
  console.log(
    `  ${f.label.padEnd(58)} CPU ${((f.user + f.sys) / 1000).toFixed(2).padStart(6)} s (user ${(f.user / 1000).toFixed(2)} + sys ${(f.sys / 1000).toFixed(2)})  mur ${(f.wall / 1000).toFixed(2).padStart(6)} s  charge ${f.loadBefore} → ${f.loadAfter}`,
  );

/** The CLI as a user runs it; CPU of the child itself (its own resourceUsage at exit, threads included). */
export function spawnCli(dir: string, label: string, args: string[]): Figure {
  const preload = path.join(dir, 'cpu-at-exit.cjs');
  const out = path.join(dir, 'cpu.json');
  fs.writeFileSync(preload, `process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({ user: u.userCPUTime, sys: u.systemCPUTime })); });\n`);
  fs.rmSync(out, { force: true });
  const loadBefore = load();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', preload, BIN, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`ccst ${args.join(' ')} : code ${r.status}\n${r.stderr.slice(-2000)}`);
  const cpu = JSON.parse(fs.readFileSync(out, 'utf8')) as { user: number; sys: number };
  return { label, user: cpu.user / 1000, sys: cpu.sys / 1000, wall, loadBefore, loadAfter: load() };
}

async function timed<T>(label: string, f: () => Promise<T>): Promise<{ figure: Figure; value: T }> {
  const loadBefore = load();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { figure: { label, user: c.user / 1000, sys: c.system / 1000, wall, loadBefore, loadAfter: load() }, value };
}

/** The end-to-end runs, then the phases of one --reset run (in this process). */
export async function commandBench(dir: string): Promise<void> {
  const db = path.join(dir, 'ccst.db');
  console.log('ccst seat de bout en bout (CLI lancée comme par un utilisateur, SQLite) :');
  printFigure(spawnCli(dir, 'démarrage seul : ccst --version', ['--version']));
  printFigure(spawnCli(dir, 'ccst seat --epreuve E5 (premier placement)', ['seat', '--epreuve', 'E5', '--workspace', db]));
  printFigure(spawnCli(dir, 'ccst seat --epreuve E5, ré-exécution (personne ne bouge)', ['seat', '--epreuve', 'E5', '--workspace', db]));
  printFigure(spawnCli(dir, 'ccst seat --epreuve E5 --reset', ['seat', '--epreuve', 'E5', '--reset', '--workspace', db]));
  printFigure(spawnCli(dir, 'ccst seat --epreuve E5 --dry-run --json', ['seat', '--epreuve', 'E5', '--dry-run', '--json', '--workspace', db]));

  console.log('phases d’un ccst seat --reset (dans ce processus, mêmes appels que la commande) :');
  const ws = await openWorkspace(db, { create: false });
  try {
    const { value: unit, figure: f0 } = await timed('ouverture du workspace + règlement', async () => writtenUnit(await sessionRegulation(ws.db), 'E5'));
    printFigure(f0);
    const reg = await sessionRegulation(ws.db);
    const general = await timed('lecture générale d’avant (loadSittings : tous les candidats)', () => loadSittings(ws.db, reg, unit));
    printFigure(general.figure);
    const read = await timed('lecture étroite (loadSeatingSittings)', () => loadSeatingSittings(ws.db, reg, unit));
    printFigure(read.figure);
    const rooms = await timed('salles et places déjà données (listRooms, seatsByCentre)', async () => ({ rooms: await listRooms(ws.db), seats: await seatsByCentre(ws.db, unit.epreuve) }));
    printFigure(rooms.figure);
    const now = new Date().toISOString();
    const domain = await timed('placement (domain/seating, tous les centres)', async () => {
      const seats: StoredSeat[] = [];
      const roomsAt = new Map<string, typeof rooms.value.rooms>();
      for (const r of rooms.value.rooms) roomsAt.set(r.centreUai, [...(roomsAt.get(r.centreUai) ?? []), r]);
      for (const s of read.value) {
        const byNumero = new Map(s.candidates.map((c) => [c.numero, c]));
        const out = seatCentre({
          rooms: (roomsAt.get(s.centre.uai) ?? []).filter((r) => roomServes(r, unit.epreuve, s.date)),
          candidates: s.candidates.map((c) => ({ numero: c.numero, nom: c.nom, prenom: c.prenom, etablissement: c.etablissementUai ?? c.etablissement, needs: seatingNeeds(c) })),
          existing: [], order: 'nom', spread: false,
        });
        if (!out.ok) throw new Error(`manque de places au centre ${s.centre.uai}`);
        for (const a of out.seats) seats.push({ numero: a.numero, epreuve: unit.epreuve, centreUai: s.centre.uai, salle: a.salle, place: a.place, amenagement: amenagementText(byNumero.get(a.numero)!), seatedAt: now });
      }
      return seats;
    });
    printFigure(domain.figure);
    const centres = read.value.map((s) => s.centre.uai);
    const write = await timed(`écriture de ${domain.value.length} places (une transaction)`, () =>
      mutate(ws, 'bench-seat', new Date(), async (trx) => {
        await replaceSeats(trx, unit.epreuve, centres, domain.value);
        return { result: undefined, detail: { bench: true } };
      }),
    );
    printFigure(write.figure);
  } finally {
    await ws.close();
  }
}
