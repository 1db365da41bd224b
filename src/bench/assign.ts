// npm run bench:assign — 250,000 synthetic candidates over 2,000 centres (written and oral, 24 académies with
// their regroupements), then in-process: assignCentres (first run and a stable re-run) and scheduleOrals.
// Not a test: figures depend on the machine. Usage: node dist/bench/assign.js [candidates] [centres] [commissions]
import os from 'node:os';
import { loadBundledRegulation } from '../io/regulation-file.js';
import { assignCentres } from '../domain/assignment/assign.js';
import { scheduleOrals } from '../domain/scheduling/oral-timetable.js';
import { examDayRequirements } from '../domain/assignment/requirements.js';
import { uaiCheckLetter } from '../domain/uai.js';
import type { Candidate } from '../domain/candidate.js';
import type { Centre } from '../domain/assignment/centre.js';
import { measure, prng } from './scaffold.js';

const N = Number(process.argv[2] ?? 250_000);
const CENTRES = Number(process.argv[3] ?? 2_000);
const COMMISSIONS = Number(process.argv[4] ?? 6);
const reg = loadBundledRegulation();

const rand = prng(2024); // the same session on every run
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const weighted = <T>(xs: [T, number][]): T => {
  let r = rand();
  for (const [x, w] of xs) if ((r -= w) < 0) return x;
  return xs[xs.length - 1]![0];
};
const uai = (dept: number, n: number) => {
  const seven = `${String(dept).padStart(3, '0')}${String(n).padStart(4, '0')}`;
  return seven + uaiCheckLetter(seven);
};

// Metropolitan académies (the overseas ones would need their own calendar times); each gets its départements.
const ACADEMIES = reg.academies.map((a) => a.code).filter((a) => !['GUADELOUPE', 'GUYANE', 'MARTINIQUE', 'MAYOTTE', 'REUNION', 'NOUVELLE-CALEDONIE', 'POLYNESIE-FRANCAISE', 'CORSE', 'SIEC'].includes(a));
const deptsOf = new Map([...ACADEMIES, 'SIEC'].map((a, i) => [a, [1 + i * 4, 2 + i * 4, 3 + i * 4]]));
const organiser = (a: string) =>
  reg.regroupements.groups.find((g) => g.attached.includes(a))?.pilot ?? a;

const VOIES: [string, number][] = [
  ['scolaire_public', 0.55], ['scolaire_prive_sous_contrat', 0.08], ['apprentissage_habilite', 0.12], ['formation_continue_habilitee', 0.03],
  ['ccf_etendu', 0.02], ['scolaire_prive_hors_contrat', 0.08], ['enseignement_distance', 0.05], ['candidat_individuel', 0.05], ['experience_professionnelle', 0.02],
];
const LANGS: [string, number][] = [['anglais', 0.8], ['espagnol', 0.15], ['allemand', 0.05]];

function session(): { candidates: Candidate[]; centres: Centre[] } {
  const etabs = ACADEMIES.flatMap((a) => Array.from({ length: 200 }, (_, i) => ({ academie: a, uai: uai(pick(deptsOf.get(a)!), 100 + i) })));
  const candidates: Candidate[] = [];
  for (let i = 0; i < N; i++) {
    const voie = weighted(VOIES);
    const etab = pick(etabs);
    const langue = weighted(LANGS);
    const ef1 = rand() < 0.2 ? (langue === 'anglais' ? 'espagnol' : 'anglais') : undefined;
    candidates.push({
      numero: `24${String(i).padStart(9, '0')}`, nom: `NOM${i}`, prenom: 'Prénom', academie: etab.academie, voie,
      etablissementUai: voie === 'candidat_individuel' ? undefined : etab.uai, langue, ef1,
      ef2: rand() < 0.03, ef3: rand() < 0.05, dispenses: [], benefices: [], tempsMajore: rand() < 0.03 ? '1/3' : undefined,
    });
  }
  // Centres in proportion to the demand of each académie (written) and organiser (orals), with 30 % spare.
  const written = new Map<string, number>();
  const oral = new Map<string, number>();
  for (const c of candidates) {
    for (const r of examDayRequirements(reg, c)) {
      const m = r.nature === 'ecrit' ? written : oral;
      const k = `${r.organiser}|${r.epreuve}`;
      m.set(k, (m.get(k) ?? 0) + 1);
    }
  }
  const maxPer = (m: Map<string, number>, a: string) => Math.max(0, ...[...m].filter(([k]) => k.startsWith(a + '|')).map(([, n]) => n));
  const writtenCount = Math.round(CENTRES * 0.7);
  const oralCount = CENTRES - writtenCount;
  const centres: Centre[] = [];
  const organisers = [...new Set(ACADEMIES.map(organiser))];
  const totalW = ACADEMIES.reduce((s, a) => s + maxPer(written, a), 0);
  const totalO = organisers.reduce((s, a) => s + maxPer(oral, a), 0);
  let serial = 5000;
  for (const a of ACADEMIES) {
    const k = Math.max(1, Math.round((writtenCount * maxPer(written, a)) / totalW));
    const seats = Math.ceil((maxPer(written, a) * 1.3) / k);
    const local = etabs.filter((e) => e.academie === a);
    for (let i = 0; i < k; i++) {
      // A quarter of the centres receive designated establishments (circulaire nationale §1-B).
      const origines = i % 4 === 0 ? [local[i % local.length]!.uai] : [];
      centres.push({ uai: uai(pick(deptsOf.get(a)!), serial++), type: 'ecrit', nom: `Écrit ${a} ${i}`, academie: a, epreuves: ['E1', 'E21', 'E3', 'E5'], capacite: seats, dates: [], langues: {}, origines, zone: 'metropole' });
    }
  }
  for (const a of organisers) {
    const k = Math.max(1, Math.round((oralCount * maxPer(oral, a)) / totalO));
    const perDay = Math.ceil((maxPer(oral, a) * 1.3) / k / 3);
    for (let i = 0; i < k; i++) {
      const langs = ['anglais', 'espagnol', ...(i % 3 === 0 ? ['allemand'] : [])];
      centres.push({
        uai: uai(pick(deptsOf.get(a)!), serial++), type: 'oral', nom: `Oral ${a} ${i}`, academie: a,
        epreuves: ['E22', 'E4', 'E61', 'E62', 'EF1', 'EF2', 'EF3'], capacite: perDay, dates: ['2024-06-17', '2024-06-18', '2024-06-19'],
        langues: { '*': langs }, origines: [], zone: 'metropole',
      });
    }
  }
  return { candidates, centres };
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const t0 = process.hrtime.bigint();
const { candidates, centres } = session();
console.log(`session : ${candidates.length} candidats, ${centres.length} centres (${centres.filter((c) => c.type === 'ecrit').length} d’écrit, ${centres.filter((c) => c.type === 'oral').length} d’oral) — générée en ${ms(t0).toFixed(0)} ms`);

// CPU time of this process (all threads, GC included) beside the wall time: less sensitive to other jobs on the machine.
const assigned = await measure(() => assignCentres({ reg, candidates, centres, existing: [], pins: [], reset: false }));
const first = assigned.value;
if (!first.ok) {
  // A bench script is its own entry point: failing loudly is the whole point.
  throw new Error(`affectation impossible : ${JSON.stringify({ shortfalls: first.shortfalls.slice(0, 5), conflicts: first.conflicts.slice(0, 5) })}`);
}
console.log(`assignCentres : ${first.placements.length} affectations en ${(assigned.wall * 1000).toFixed(0)} ms (CPU ${(assigned.cpu * 1000).toFixed(0)} ms)`);

const scheduled = await measure(() => scheduleOrals({ reg, candidates, centres, placements: first.placements, existing: [], reset: false, options: { commissions: COMMISSIONS, dayStart: '08:00', dayEnd: '18:00' } }));
const sched = scheduled.value;
if (!sched.ok) {
  throw new Error(`horaires impossibles : ${JSON.stringify({ shortfalls: sched.shortfalls.slice(0, 5), conflicts: sched.conflicts.slice(0, 5) })}`);
}
console.log(`scheduleOrals : ${sched.slots.length} passages d’oral en ${(scheduled.wall * 1000).toFixed(0)} ms (CPU ${(scheduled.cpu * 1000).toFixed(0)} ms, ${COMMISSIONS} commissions par centre, jour et épreuve)`);
console.log(`TOTAL affectation + horaires : ${(assigned.wall + scheduled.wall).toFixed(2)} s (CPU ${(assigned.cpu + scheduled.cpu).toFixed(2)} s ; objectif < 3 s ; charge machine ${os.loadavg()[0]!.toFixed(1)})`);

const t3 = process.hrtime.bigint();
const again = assignCentres({ reg, candidates: candidates.slice(1000), centres, existing: first.placements, pins: [], reset: false });
console.log(`ré-exécution stable (1 000 candidats retirés) : ${ms(t3).toFixed(0)} ms, ${again.ok ? `${again.stats.kept} conservées, ${again.stats.placed} nouvelles` : 'ÉCHEC'}`);
console.log(`mémoire : ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} Mo RSS`);
