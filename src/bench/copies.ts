// npm run bench:copies — anonymous copies at national scale (issue #13 « a bench »): 250,000 candidates of E5 in
// 24 académies (200 établissements each, one big written centre each), 8,000 correcteurs; then, in process, on a
// SQLite workspace: `ccst copies anonymise --epreuve E5` (first run, then the stable re-run), `ccst copies lots
// --epreuve E5 --size 35` (first run, then the stable re-run) — and the pure domain calls alone (anonymise, planLots)
// to separate the computation from the store. Not a test: figures depend on the machine.
// Usage: node dist/bench/copies.js [candidates] [correcteurs]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { run as anonymiseCommand } from '../cli/commands/copies-anonymise.js';
import { run as lotsCommand } from '../cli/commands/copies-lots.js';
import { mutate, openWorkspace } from '../store/workspace.js';
import { writeSession } from '../store/session.js';
import { upsertCandidates } from '../store/candidates.js';
import { upsertCentres } from '../store/centres.js';
import { replaceAssignments } from '../store/assignments.js';
import { upsertExaminers } from '../store/examiners.js';
import { copiesForLots, issuedNumbers, storedLots } from '../store/copies.js';
import { bundledRegulationPath, DEFAULT_REGULATION_ID, readRegulationFile } from '../io/regulation-file.js';
import { uaiCheckLetter } from '../domain/uai.js';
import { anonymise } from '../domain/examiners/anonymity.js';
import { planLots } from '../domain/examiners/lots-stable.js';
import type { Candidate } from '../domain/candidate.js';
import type { Centre } from '../domain/assignment/centre.js';
import type { Examiner } from '../domain/examiners/examiner.js';
import { quietCtx } from './quiet-ctx.js';

const N = Number(process.argv[2] ?? 250_000);
const CORRECTEURS = Number(process.argv[3] ?? 8_000);
const { regulation: reg, text } = readRegulationFile(bundledRegulationPath(DEFAULT_REGULATION_ID));
const ACADEMIES = reg.academies.map((a) => a.code).filter((a) => !['GUADELOUPE', 'GUYANE', 'MARTINIQUE', 'MAYOTTE', 'REUNION', 'NOUVELLE-CALEDONIE', 'POLYNESIE-FRANCAISE', 'CORSE', 'SIEC'].includes(a));

/** mulberry32: the same session on every run. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const r = prng(2024);
const uai = (k: number) => {
  const seven = String(100000 + k).padStart(7, '0');
  return seven + uaiCheckLetter(seven);
};
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
/** Wall time and this process's CPU time (less sensitive than wall time to the other jobs on a shared machine). */
async function timed<T>(label: string, f: () => Promise<T> | T): Promise<T> {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const v = await f();
  const c = process.cpuUsage(c0);
  console.log(`${label.padEnd(52)} ${(ms(t0) / 1000).toFixed(2)} s (CPU ${((c.user + c.system) / 1e6).toFixed(2)} s)`);
  return v;
}

const etabs = ACADEMIES.flatMap((a, i) => Array.from({ length: 200 }, (_, j) => ({ academie: a, uai: uai(i * 1000 + j) })));
const candidates: Candidate[] = Array.from({ length: N }, (_, i) => {
  const e = etabs[Math.floor(r() * etabs.length)]!;
  return {
    numero: `24${String(i).padStart(9, '0')}`, nom: `NOM${i}`, prenom: 'Prénom', academie: e.academie, voie: 'scolaire_public', langue: 'anglais',
    ef2: false, ef3: false, dispenses: [], benefices: [], etablissementUai: e.uai, etablissement: `Lycée ${e.uai}`,
  };
});
const centres: Centre[] = ACADEMIES.map((a, i) => ({
  uai: uai(900_000 + i), type: 'ecrit', nom: `Écrit ${a}`, academie: a, epreuves: ['E1', 'E21', 'E3', 'E5'], capacite: N, dates: [], langues: {}, origines: [], zone: 'metropole',
}));
const centreOf = new Map(ACADEMIES.map((a, i) => [a, centres[i]!.uai]));
// Correcteurs in proportion to each académie's copies.
const perAcademie = new Map<string, number>();
for (const c of candidates) perAcademie.set(c.academie, (perAcademie.get(c.academie) ?? 0) + 1);
const examiners: Examiner[] = [];
for (const a of ACADEMIES) {
  const k = Math.max(1, Math.round((CORRECTEURS * (perAcademie.get(a) ?? 0)) / N));
  const local = etabs.filter((e) => e.academie === a);
  for (let j = 0; j < k && examiners.length < CORRECTEURS; j++) {
    examiners.push({
      email: `correcteur${examiners.length}@ac-${a.toLowerCase()}.fr`, nom: `CORR${examiners.length}`, prenom: 'P', profils: [j % 2 ? 'sti' : 'economie-gestion'],
      etablissementUai: local[j % local.length]!.uai, academie: a, epreuves: ['E5'], dates: ['2024-06-01'],
    });
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-bench-copies-'));
const workspace = path.join(dir, 'ccst.db');
console.log(`session : ${N} candidats d’E5, ${ACADEMIES.length} académies, ${etabs.length} établissements, ${examiners.length} correcteurs ; workspace ${workspace}`);
await timed('préparation du workspace (candidats, centres, affectations)', async () => {
  const ws = await openWorkspace(workspace, { create: true });
  const at = new Date('2024-05-01T00:00:00Z');
  await mutate(ws, 'bench-setup', at, async (db) => {
    await writeSession(db, { session: 2024, academie: 'TOULOUSE', regulationId: reg.id }, text);
    await upsertCandidates(db, at, candidates);
    await upsertCentres(db, centres);
    await replaceAssignments(db, candidates.map((c) => ({ numero: c.numero, epreuve: 'E5', centreUai: centreOf.get(c.academie)!, pinned: false })));
    await upsertExaminers(db, at, examiners);
    return { result: undefined, detail: {} };
  });
  await ws.close();
});

// The pure computations alone.
const numeros = candidates.map((c) => c.numero);
const secret = randomBytes(32);
const first = await timed(`domaine : anonymise (${N} nouveaux)`, () => anonymise({ secret, epreuve: 'E5', present: numeros, issued: [] }));
await timed('domaine : anonymise (relance, tous conservés)', () => anonymise({ secret, epreuve: 'E5', present: numeros, issued: first.numbers }));
const etabOf = new Map(candidates.map((c) => [c.numero, c]));
const copies = first.numbers.map((n) => ({ anonymat: n.anonymat, etablissementUai: etabOf.get(n.numero)!.etablissementUai, academie: etabOf.get(n.numero)!.academie }));
const plan = await timed('domaine : planLots (premier calcul)', () => planLots({ reg, epreuve: 'E5', size: 35, copies, examiners, stored: [] }));
if (plan.shortages.length || plan.conflicts.length) throw new Error(`lots impossibles : ${JSON.stringify(plan.shortages.slice(0, 3))} ${plan.conflicts.slice(0, 3).join('; ')}`);
await timed('domaine : planLots (relance, lots conservés)', () => planLots({ reg, epreuve: 'E5', size: 35, copies, examiners, stored: plan.lots }));

// The commands, store included.
const ctx = quietCtx(dir);
await timed('ccst copies anonymise --epreuve E5 (premier)', () => anonymiseCommand(ctx, { workspace, epreuve: 'E5' }));
await timed('ccst copies anonymise --epreuve E5 (relance)', () => anonymiseCommand(ctx, { workspace, epreuve: 'E5' }));
await timed('ccst copies lots --epreuve E5 --size 35 (premier)', () => lotsCommand(ctx, { workspace, epreuve: 'E5', size: '35' }));
await timed('ccst copies lots --epreuve E5 --size 35 (relance)', () => lotsCommand(ctx, { workspace, epreuve: 'E5', size: '35' }));

// What was stored: every copy in one lot, no correcteur with a copy of their établissement, balance per académie.
const ws = await openWorkspace(workspace);
const issued = await issuedNumbers(ws.db);
const stored = await storedLots(ws.db, 'E5');
const facts = new Map((await copiesForLots(ws.db, 'E5')).map((c) => [c.anonymat, c]));
await ws.close();
const etabOfCorrecteur = new Map(examiners.map((e) => [e.email, e]));
const own = stored.reduce((n, l) => n + l.anonymats.filter((a) => facts.get(a)!.etablissementUai === etabOfCorrecteur.get(l.correcteur)!.etablissementUai).length, 0);
const inLots = stored.reduce((n, l) => n + l.anonymats.length, 0);
const gap = Math.max(...ACADEMIES.map((a) => {
  const load = new Map(examiners.filter((e) => e.academie === a).map((e) => [e.email, 0]));
  for (const l of stored) if (load.has(l.correcteur)) load.set(l.correcteur, load.get(l.correcteur)! + l.anonymats.length);
  return Math.max(...load.values()) - Math.min(...load.values());
}));
console.log(`contrôle : ${issued.length} numéros (${new Set(issued.map((i) => i.anonymat)).size} distincts), ${stored.length} lots, ${inLots} copies en lot, ${own} copie(s) chez un correcteur de leur établissement, écart de charge max ${gap} copies dans une académie ; charge machine ${os.loadavg()[0]!.toFixed(1)}`);
if (!process.argv.includes('--keep')) fs.rmSync(dir, { recursive: true, force: true });
