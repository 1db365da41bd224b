// npm run bench:examiner-convocations — the convocations of 8,000 examiners and correcteurs (issue #13 item 4): a
// synthetic session of the copies bench (copies-session.ts: 24 académies, 200 établissements each) where 1,200 E4
// commissions of three members (économie-gestion, STI, professionnel) sit two half-days each before 12 candidates,
// and 7,143 lots of 35 E5 copies go to the correcteurs. The views come from the domain builder the command uses
// (buildExaminerConvocations), then the files are rendered the way `ccst examiners convocations -o dir/` renders them
// (renderExaminerConvocations: one PDF per person, temp files renamed at the end), next to `ccst convocations`'
// rendering of candidates' convocations (one PDF per centre) for the rate to compare with.
// Reported: files, pages, CPU seconds (all threads: process.cpuUsage), files and pages per CPU second, the load.
// Not a test: figures depend on the machine. Usage: node dist/bench/examiner-convocations.js [examiners] [--keep]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadBundledRegulation } from '../io/regulation-file.js';
import { buildExaminerConvocations, passageKey, type CandidateFacts, type CentreAddress, type CommissionSeat, type LotFacts } from '../domain/examiners/convocation.js';
import type { PlannedCommission } from '../domain/examiners/planned.js';
import { buildConvocation, type CentreInfo } from '../domain/convocation/build.js';
import type { ConvocationView } from '../documents/convocation.js';
import { startRenderPool, type RenderTask } from '../documents/parallel.js';
import { renderExaminerConvocations } from '../documents/examiner-convocation-files.js';
import { stageOutputs } from '../io/output.js';
import { copiesSession } from './copies-session.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const N = Number(args[0] ?? 8_000);
const KEEP = process.argv.includes('--keep');
const reg = loadBundledRegulation();

/** CPU seconds of the whole process (worker threads included), wall seconds, load at the end. */
async function measured<T>(label: string, unit: string, f: () => Promise<{ value: T; files: number; pages: number }>): Promise<T> {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const { value, files, pages } = await f();
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(
    `  ${label.padEnd(52)} ${String(files).padStart(6)} ${unit} ${String(pages).padStart(6)} pages  CPU ${cpu.toFixed(1).padStart(6)} s  ` +
      `${(files / cpu).toFixed(1).padStart(6)} fichiers/s CPU  ${(pages / cpu).toFixed(1).padStart(6)} pages/s CPU  (écoulé ${wall.toFixed(1)} s, charge ${os.loadavg()[0]!.toFixed(1)})`,
  );
  return value;
}

/** N people of the copies session (8,000 by default): 45 % sit on E4 commissions; lots of E5 copies go round all of them. */
function session() {
  const s = copiesSession(reg, 250_000, N);
  const examiners = s.examiners.map((e, i) => (i < (3_600 * N) / 8_000 ? { ...e, profils: [['economie-gestion', 'sti', 'professionnel'][i % 3]!], epreuves: ['E4', 'E5'] } : e));
  const centres = new Map<string, CentreAddress>(s.centres.map((c) => [c.uai, { uai: c.uai, nom: `Lycée ${c.nom}`, adresse: '12 avenue de l’Europe', codePostal: '31000', commune: 'Toulouse', academie: c.academie, zone: 'metropole' }]));
  const centreList = [...centres.keys()];
  const commissions: CommissionSeat[] = [];
  const planned = new Map<string, PlannedCommission>();
  const passages = new Map<string, { start: string; passage: string; end: string }>();
  const candidates = new Map<string, CandidateFacts>();
  let k = 0;
  for (let c = 0; c < Math.floor((1_200 * N) / 8_000); c++) {
    const members = [0, 1, 2].map((j) => examiners[c * 3 + j]!);
    for (const [d, date] of ['2024-06-18', '2024-06-19'].entries()) {
      const name = `E4-${centreList[c % centreList.length]}-${date}-${c}`;
      commissions.push({
        name, centreUai: centreList[c % centreList.length]!, date, epreuve: 'E4', number: c + 1, start: d ? '13:30' : '08:00', end: d ? '17:40' : '12:10',
        members: members.map((m, j) => ({ email: m.email, role: ['Professeur d’économie et gestion', 'Professeur STI', 'Professionnel'][j]!, how: 'profile' as const })),
      });
      const list: PlannedCommission['candidates'] = [];
      for (let i = 0; i < 12; i++) {
        const numero = `24${String(k++).padStart(9, '0')}`;
        const m = (d ? 13 * 60 + 30 : 8 * 60) + i * 20;
        const hhmm = (x: number) => `${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
        candidates.set(numero, { nom: ['NGUYỄN', 'ØDEGÅRD', 'LEFÈVRE', 'BÉNAZET'][i % 4]!, prenom: ['Đức', 'Åsa', 'Françoise', 'Loïc'][i % 4]! });
        passages.set(passageKey(numero, 'E4'), { start: hhmm(m - 30), passage: hhmm(m), end: hhmm(m + 20) });
        list.push({ numero, epreuve: 'E4' });
      }
      planned.set(name, { centreUai: centreList[c % centreList.length]!, date, epreuve: 'E4', form: 'ponctuel', number: c + 1, start: d ? '13:30' : '08:00', end: d ? '17:40' : '12:10', candidates: list });
    }
  }
  // Lots of 35 anonymous copies, dealt round the correcteurs.
  const lots: LotFacts[] = Array.from({ length: Math.floor((250_000 * N) / 8_000 / 35) }, (_, i) => ({
    name: `E5-${String(i + 1).padStart(4, '0')}`, epreuve: 'E5', correcteur: examiners[(i * 7) % examiners.length]!.email,
    anonymats: Array.from({ length: 35 }, (_, j) => `${String(10_000_000 + ((i * 35 + j) * 7_919) % 89_999_999)}K`),
  }));
  return buildExaminerConvocations({ reg, examiners, commissions, planned, passages, candidates, centres, lots, noticeDays: 14 });
}

/** Candidates' convocations, as `ccst convocations -o dir/` renders them (one file per centre), for the same count. */
function candidateTasks(dir: string, n: number): RenderTask[] {
  const byCentre = new Map<string, ConvocationView[]>();
  for (let i = 0; i < n; i++) {
    const k = i % 12;
    const centre: CentreInfo = { uai: `03100${String(k).padStart(2, '0')}A`, nom: `Lycée n° ${k + 1}`, adresse: `${k + 1} avenue de l'Europe`, codePostal: '31000', commune: 'Toulouse', zone: 'metropole' };
    const candidate = {
      numero: String(2400000000 + i), nom: ['NGUYỄN', 'ØDEGÅRD', 'LEFÈVRE'][i % 3]!, prenom: 'Đức', dateNaissance: '2004-03-15', academie: 'TOULOUSE', voie: 'scolaire_public',
      etablissement: 'Lycée Déodat de Séverac', langue: 'anglais', ef2: false, ef3: false, dispenses: [], benefices: [], adresse: '12 rue des Lois', codePostal: '31000', commune: 'Toulouse',
    };
    const convocation = buildConvocation({ reg, candidate, centres: new Map(reg.units.map((u) => [u.code, centre])), orals: new Map() });
    const list = byCentre.get(centre.uai) ?? [];
    byCentre.set(centre.uai, list);
    list.push({ session: 2024, diplome: reg.diplome, academie: 'TOULOUSE', candidate, convocation, zoneLabels: reg.zones });
  }
  const meta = { title: 'bench', creationDate: new Date('2024-04-01T08:00:00Z') };
  return [...byCentre].map(([uai, views]) => ({ kind: 'convocations', file: path.join(dir, `convocations-${uai}.pdf`), meta, views }));
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-bench-exconv-'));
const views = session();
const commissions = views.reduce((n, v) => n + v.commissions.length, 0);
const lots = views.reduce((n, v) => n + v.lots.length, 0);
console.log(`bench:examiner-convocations — ${views.length} convocations (${commissions} sièges de commission, ${lots} lots) ; ${os.cpus().length} cœur(s) ; charge ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} ; ${dir}`);
const view = { heading: 'Examen : BTS Conseil et commercialisation de solutions techniques', session: 2024, academie: 'TOULOUSE', profileLabels: new Map((reg.commissions?.profiles ?? []).map((p) => [p.code, p.label])), noticeDays: 14 };
const pool = startRenderPool();
try {
  await measured('ccst examiners convocations (un PDF par personne)', 'fichiers', async () => {
    const files = views.map((v) => path.join(dir, 'exam', `convocation-${v.examiner.email}.pdf`));
    let pages = 0;
    const staged = await stageOutputs(async () => {
      pages = await renderExaminerConvocations(pool, views.map((v, i) => ({ file: files[i]!, meta: { title: 'bench', creationDate: new Date('2024-04-01T08:00:00Z') }, view: { ...view, convocation: v } })));
    });
    staged.publish();
    return { value: undefined, files: files.length, pages };
  });
  await measured('ccst convocations (candidats, un PDF par centre)', 'convoc.', async () => {
    const results = await pool.run(candidateTasks(path.join(dir, 'cand'), views.length));
    return { value: undefined, files: results.reduce((n, r) => n + r.documents, 0), pages: results.reduce((n, r) => n + r.pages, 0) };
  });
} finally {
  await pool.close();
}
console.log(`charge en fin de mesure : ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
