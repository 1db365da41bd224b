// The synthetic national session of the issue #13 benches (npm run bench:copies, npm run bench:notes): N candidates
// of E5 in 24 académies (200 établissements each, one big written centre each), C correcteurs in proportion to each
// académie's copies; and its SQLite workspace as `ccst import`, `ccst centres import`, `ccst assign-centres` and
// `ccst examiners import` would leave it. Same seed, same session on every run.
import type { Regulation } from '../domain/regulation/schema.js';
import type { Candidate } from '../domain/candidate.js';
import type { Centre } from '../domain/assignment/centre.js';
import type { Examiner } from '../domain/examiners/examiner.js';
import { uaiCheckLetter } from '../domain/uai.js';
import { mutate, openWorkspace } from '../store/workspace.js';
import { writeSession } from '../store/session.js';
import { upsertCandidates } from '../store/candidates.js';
import { upsertCentres } from '../store/centres.js';
import { replaceAssignments } from '../store/assignments.js';
import { upsertExaminers } from '../store/examiners.js';

/** mulberry32: the same session on every run. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const uai = (k: number) => {
  const seven = String(100000 + k).padStart(7, '0');
  return seven + uaiCheckLetter(seven);
};

export interface CopiesSession {
  academies: string[];
  etablissements: number;
  candidates: Candidate[];
  centres: Centre[];
  examiners: Examiner[];
}

export function copiesSession(reg: Regulation, n: number, correcteurs: number): CopiesSession {
  const r = prng(2024);
  const academies = reg.academies.map((a) => a.code).filter((a) => !['GUADELOUPE', 'GUYANE', 'MARTINIQUE', 'MAYOTTE', 'REUNION', 'NOUVELLE-CALEDONIE', 'POLYNESIE-FRANCAISE', 'CORSE', 'SIEC'].includes(a));
  const etabs = academies.flatMap((a, i) => Array.from({ length: 200 }, (_, j) => ({ academie: a, uai: uai(i * 1000 + j) })));
  const candidates: Candidate[] = Array.from({ length: n }, (_, i) => {
    const e = etabs[Math.floor(r() * etabs.length)]!;
    return {
      numero: `24${String(i).padStart(9, '0')}`, nom: `NOM${i}`, prenom: 'Prénom', academie: e.academie, voie: 'scolaire_public', langue: 'anglais',
      ef2: false, ef3: false, dispenses: [], benefices: [], etablissementUai: e.uai, etablissement: `Lycée ${e.uai}`,
    };
  });
  const centres: Centre[] = academies.map((a, i) => ({
    uai: uai(900_000 + i), type: 'ecrit', nom: `Écrit ${a}`, academie: a, epreuves: ['E1', 'E21', 'E3', 'E5'], capacite: n, dates: [], langues: {}, origines: [], zone: 'metropole',
  }));
  // Correcteurs in proportion to each académie's copies.
  const perAcademie = new Map<string, number>();
  for (const c of candidates) perAcademie.set(c.academie, (perAcademie.get(c.academie) ?? 0) + 1);
  const examiners: Examiner[] = [];
  for (const a of academies) {
    const k = Math.max(1, Math.round((correcteurs * (perAcademie.get(a) ?? 0)) / n));
    const local = etabs.filter((e) => e.academie === a);
    for (let j = 0; j < k && examiners.length < correcteurs; j++) {
      examiners.push({
        email: `correcteur${examiners.length}@ac-${a.toLowerCase()}.fr`, nom: `CORR${examiners.length}`, prenom: 'P', profils: [j % 2 ? 'sti' : 'economie-gestion'],
        etablissementUai: local[j % local.length]!.uai, academie: a, epreuves: ['E5'], dates: ['2024-06-01'],
      });
    }
  }
  return { academies, etablissements: etabs.length, candidates, centres, examiners };
}

/** A new SQLite workspace holding the session: candidates, centres, E5 assignments, correcteurs. */
export async function plantSession(workspace: string, reg: Regulation, regulationText: string, s: CopiesSession): Promise<void> {
  const ws = await openWorkspace(workspace, { create: true });
  const at = new Date('2024-05-01T00:00:00Z');
  const centreOf = new Map(s.academies.map((a, i) => [a, s.centres[i]!.uai]));
  try {
    await mutate(ws, 'bench-setup', at, async (db) => {
      await writeSession(db, { session: 2024, academie: 'TOULOUSE', regulationId: reg.id }, regulationText);
      await upsertCandidates(db, at, s.candidates);
      await upsertCentres(db, s.centres);
      await replaceAssignments(db, s.candidates.map((c) => ({ numero: c.numero, epreuve: 'E5', centreUai: centreOf.get(c.academie)!, pinned: false })));
      await upsertExaminers(db, at, s.examiners);
      return { result: undefined, detail: {} };
    });
  } finally {
    await ws.close();
  }
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

export interface Timing<T> {
  value: T;
  wall: number;
  cpu: number;
}

/** Wall time and this process's CPU time (less sensitive than wall time to the other jobs on a shared machine). */
export async function timed<T>(label: string, f: () => Promise<T> | T): Promise<Timing<T>> {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const value = await f();
  const c = process.cpuUsage(c0);
  const out = { value, wall: ms(t0) / 1000, cpu: (c.user + c.system) / 1e6 };
  console.log(`${label.padEnd(60)} ${out.wall.toFixed(2).padStart(7)} s (CPU ${out.cpu.toFixed(2)} s)`);
  return out;
}
