// npm run bench:seating — 250,000 synthetic candidates in 2,000 written centres × 15 rooms (issue #14 « Done when »:
// under 3 s on this machine). Measured:
//   1. the pure algorithm (domain/seating/seat.ts) over every centre: first run, a stable re-run with 1 % newcomers,
//      and the first run with --spread-establishments;
//   2. the whole `ccst seat --epreuve E5` on a SQLite workspace of that session: the built CLI spawned end to end
//      (first run, re-run, --reset, --dry-run --json), then its phases one by one (seating-command.ts);
//   3. the four room documents of the first centres (one PDF per kind and centre, as `ccst rooms documents`
//      writes them) and the convocations of the same candidates (one PDF per centre, as `ccst convocations
//      --split-by centre` on one thread), rendered in turns in this run so that both rates see the same load;
//      pages per CPU second on one core.
// Wall-clock and CPU time are both printed: on a shared machine the CPU figure is the steadier one.
// Not a test: figures depend on the machine. Usage: node dist/bench/seating.js [candidates] [centres] [rooms] [doc-centres] [--keep]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seatCentre, type SeatCandidate, type SeatInput, type SeatRoom } from '../domain/seating/seat.js';
import { uaiCheckLetter } from '../domain/uai.js';
import { openWorkspace } from '../store/workspace.js';
import { insertBatches } from '../store/batch.js';
import { quietCtx } from './quiet-ctx.js';
import { commandBench } from './seating-command.js';
import type { RoomSheet } from '../documents/rooms/view.js';
import type { ConvocationView } from '../documents/convocation.js';
import type { Candidate } from '../domain/candidate.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const N = Number(args[0] ?? 250_000);
const CENTRES = Number(args[1] ?? 2_000);
const ROOMS = Number(args[2] ?? 15);
const DOC_CENTRES = Number(args[3] ?? 20);
const KEEP = process.argv.includes('--keep');

/** Deterministic PRNG (mulberry32) so that every run measures the same session. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(14);
const uai = (n: number) => {
  const seven = `031${String(n).padStart(4, '0')}`;
  return seven + uaiCheckLetter(seven);
};
const NOMS = ['NGUYỄN', 'ØDEGÅRD', 'LEFÈVRE', 'MARTIN', 'BÉNAZET', 'ÞÓRSDÓTTIR', 'QUÉRÉ', 'HÆGGSTRÖM', 'DURAND', 'PAYET'];

// Per centre: two aménagement rooms (accessible), one accessible ordinary room, the rest ordinary; 30 % spare seats.
const perCentre = Math.ceil(N / CENTRES);
const roomCap = Math.ceil((perCentre * 1.3) / ROOMS);
const rooms: SeatRoom[] = Array.from({ length: ROOMS }, (_, i) => ({ salle: `S${i + 1}`, capacite: roomCap, accessible: i < 3, amenagements: i < 2 }));
const centreUais = Array.from({ length: CENTRES }, (_, i) => uai(i));
const candidates = Array.from({ length: N }, (_, i) => {
  const tiers = rand() < 0.04;
  const pmr = rand() < 0.005;
  return {
    numero: `24${String(i).padStart(9, '0')}`, nom: NOMS[Math.floor(rand() * NOMS.length)]!, prenom: 'Prénom', centre: centreUais[i % CENTRES]!,
    etab: `E${Math.floor(rand() * 6)}`, tiers, pmr,
  };
});

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
/** CPU milliseconds (user + system) since `c0`: steadier than wall-clock on a shared, busy machine. */
const cpuMs = (c0: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

function domainRun(spread: boolean, existingOf?: Map<string, SeatInput['existing']>, extra = 0) {
  const byCentre = new Map<string, SeatCandidate[]>();
  for (const c of candidates.slice(0, N - extra)) {
    const list = byCentre.get(c.centre) ?? [];
    list.push({ numero: c.numero, nom: c.nom, prenom: c.prenom, etablissement: c.etab, needs: { amenagement: c.tiers || c.pmr, tiersTemps: c.tiers, pmr: c.pmr } });
    byCentre.set(c.centre, list);
  }
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const seats = new Map<string, SeatInput['existing']>();
  let n = 0;
  for (const [centre, list] of byCentre) {
    const out = seatCentre({ rooms, candidates: list, existing: existingOf?.get(centre) ?? [], order: 'nom', spread });
    if (!out.ok) throw new Error(`manque de places au centre ${centre}`);
    n += out.seats.length;
    seats.set(centre, out.seats);
  }
  return { ms: ms(t0), cpu: cpuMs(c0), n, seats };
}

async function main(): Promise<void> {
  console.log(`${N} candidats, ${CENTRES} centres × ${ROOMS} salles de ${roomCap} places (${os.cpus().length} cœurs)`);
  const first = domainRun(false, undefined, Math.floor(N / 100));
  console.log(`algorithme seul, premier placement (99 %) : ${first.n} places en ${first.ms.toFixed(0)} ms (CPU ${first.cpu.toFixed(0)} ms)`);
  const again = domainRun(false, first.seats);
  console.log(`algorithme seul, ré-exécution stable + 1 % de nouveaux : ${again.n} places en ${again.ms.toFixed(0)} ms (CPU ${again.cpu.toFixed(0)} ms)`);
  const spread = domainRun(true);
  console.log(`algorithme seul, --spread-establishments : ${spread.n} places en ${spread.ms.toFixed(0)} ms (CPU ${spread.cpu.toFixed(0)} ms)`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-bench-seating-'));
  const ctx = quietCtx(dir);
  const init = await import('../cli/commands/init.js');
  await init.run(ctx, { session: '2024', academie: 'TOULOUSE', yes: true });
  const ws = await openWorkspace(path.join(dir, 'ccst.db'), { create: false });
  const at = new Date().toISOString();
  await ws.db.transaction().execute(async (db) => {
    await insertBatches(db, 'centres', centreUais.map((u, i) => ({
      uai: u, type: 'ecrit' as const, nom: `Lycée ${i}`, adresse: null, code_postal: '31000', commune: 'Toulouse', academie: 'TOULOUSE', epreuves: 'E5',
      capacite: perCentre * 2, dates: '', langues: '', origines: '', zone: 'metropole',
    })));
    await insertBatches(db, 'rooms', centreUais.flatMap((u) => rooms.map((r) => ({ centre_uai: u, salle: r.salle, capacite: r.capacite, accessible: r.accessible ? 1 : 0, amenagements: r.amenagements ? 1 : 0, epreuves: '', dates: '' }))));
    await insertBatches(db, 'candidates', candidates.map((c) => ({
      numero: c.numero, nom: c.nom, prenom: c.prenom, date_naissance: '2004-03-15', academie: 'TOULOUSE', voie: 'candidat_individuel', etablissement_uai: null,
      etablissement: c.etab, langue: 'anglais', ef1: null, ef2: 0, ef3: 0, dispenses: '', benefices: '', amenagements: c.pmr ? 'PMR' : null, temps_majore: c.tiers ? '1/3' : null,
      email: null, adresse: null, code_postal: null, commune: null, created_at: at, updated_at: at, demande_ef3: null,
    })));
    await insertBatches(db, 'assignments', candidates.map((c) => ({ numero: c.numero, epreuve: 'E5', centre_uai: c.centre, pinned: 0 })));
  });
  await ws.close();
  await commandBench(dir);

  if (KEEP) console.log(`workspace gardé : ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
  await documents(spread.seats);
}

/** The four room documents of the first DOC_CENTRES centres, rendered as the command does (one PDF per kind and centre). */
async function documents(seatsOf: Map<string, SeatInput['existing']>): Promise<void> {
  const { renderPdfBuffer } = await import('../documents/render/index.js');
  const { drawRoomPlan } = await import('../documents/rooms/plan.js');
  const { drawTableLabels } = await import('../documents/rooms/labels.js');
  const { drawRoomReport, drawRoomSignIn } = await import('../documents/rooms/report.js');
  const { roomTimes } = await import('../domain/seating/room-times.js');
  const { loadBundledRegulation } = await import('../io/regulation-file.js');
  const reg = loadBundledRegulation('bts-ccst-2024');
  const byNumero = new Map(candidates.map((c) => [c.numero, c]));
  const sheetsOf = (centre: string): RoomSheet[] => rooms.map((r) => {
    const seats = (seatsOf.get(centre) ?? []).filter((x) => x.salle === r.salle).map((x) => {
      const c = byNumero.get(x.numero)!;
      return { place: x.place, numero: c.numero, nom: c.nom, prenom: c.prenom, amenagement: c.tiers ? 'temps majoré 1/3' : '' };
    });
    return {
      heading: 'BTS CCST — SESSION 2024', academie: 'Toulouse', session: 2024, epreuve: 'E5', epreuveLine: 'E5 — Management de l’activité technico-commerciale (U5, coefficient 4)',
      centre: { uai: centre, nom: `Lycée ${centre}`, commune: 'Toulouse' }, date: '2024-05-16', timeZone: 'Europe/Paris',
      times: roomTimes(reg, { epreuve: 'E5', zone: 'metropole', start: '14:30', end: '18:30' }, seats.map((l) => (l.amenagement ? '1/3' : undefined)), undefined),
      salle: r.salle, capacite: r.capacite, accessible: r.accessible, amenagements: r.amenagements, seats,
    };
  }).filter((x) => x.seats.length > 0);
  const draws = [drawRoomPlan, drawTableLabels, drawRoomSignIn, drawRoomReport];
  const { renderTask } = await import('../documents/parallel.js');
  const { buildConvocation } = await import('../domain/convocation/build.js');
  const meta = { title: 'bench', creationDate: new Date('2024-01-01T00:00:00Z') };
  const convocationsOf = (centre: string): ConvocationView[] => candidates.filter((c) => c.centre === centre).map((c) => {
    const candidate: Candidate = {
      numero: c.numero, nom: c.nom, prenom: c.prenom, dateNaissance: '2004-03-15', academie: 'TOULOUSE', voie: 'candidat_individuel', etablissement: c.etab, langue: 'anglais',
      ef2: false, ef3: false, dispenses: [], benefices: [], tempsMajore: c.tiers ? '1/3' : undefined, amenagements: c.pmr ? 'PMR' : undefined, adresse: '12 rue des Lois', codePostal: '31000', commune: 'Toulouse',
    };
    const info = { uai: centre, nom: `Lycée ${centre}`, commune: 'Toulouse', zone: 'metropole' as const, academie: 'TOULOUSE' };
    const convocation = buildConvocation({ reg, candidate, centres: new Map(reg.units.map((u) => [u.code, info])), orals: new Map() });
    return { session: 2024, diplome: reg.diplome, academie: 'TOULOUSE', candidate, convocation, zoneLabels: reg.zones };
  });
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-bench-seating-docs-'));
  // Warm-up of both renderers (JIT, fonts), outside the timings.
  await renderPdfBuffer({ title: 'warm-up' }, async (w) => drawRoomReport(w, sheetsOf(centreUais[0]!)[0]!));
  await renderTask({ kind: 'convocations', file: path.join(outDir, 'warm.pdf'), meta, views: convocationsOf(centreUais[0]!).slice(0, 50) });
  const rate = { rooms: { pages: 0, cpu: 0, wall: 0 }, convocations: { pages: 0, cpu: 0, wall: 0 } };
  const measure = async (kind: keyof typeof rate, f: () => Promise<number>) => {
    const t0 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    rate[kind].pages += await f();
    rate[kind].cpu += cpuMs(cpu0);
    rate[kind].wall += ms(t0);
  };
  const load0 = os.loadavg()[0]!.toFixed(1);
  // In turns, centre by centre: the two rates are taken under the same load.
  for (const centre of centreUais.slice(0, DOC_CENTRES)) {
    const sheets = sheetsOf(centre);
    await measure('rooms', async () => {
      let pages = 0;
      for (const draw of draws) {
        const r = await renderPdfBuffer(meta, async (w) => {
          for (const sheet of sheets) draw(w, sheet);
        });
        pages += r.pages;
      }
      return pages;
    });
    const views = convocationsOf(centre);
    await measure('convocations', async () => (await renderTask({ kind: 'convocations', file: path.join(outDir, `convocations-${centre}.pdf`), meta, views })).pages);
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  console.log(`documents, ${DOC_CENTRES} centres, un cœur, rendus à tour de rôle (charge ${load0} → ${os.loadavg()[0]!.toFixed(1)}) :`);
  for (const [label, r] of [['documents de salle (plan, étiquettes, émargement, PV)', rate.rooms], ['convocations (les mêmes candidats)', rate.convocations]] as const) {
    console.log(`  ${label.padEnd(56)} ${String(r.pages).padStart(6)} pages  CPU ${(r.cpu / 1000).toFixed(2)} s  mur ${(r.wall / 1000).toFixed(2)} s — ${(r.pages / (r.cpu / 1000)).toFixed(0)} pages par seconde CPU, ${(r.pages / (r.wall / 1000)).toFixed(0)} pages/s`);
  }
  const perCpu = (r: { pages: number; cpu: number }) => r.pages / r.cpu;
  console.log(`  rapport documents de salle / convocations (pages par seconde CPU) : ${(perCpu(rate.rooms) / perCpu(rate.convocations)).toFixed(2)}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
