// npm run bench:harmonisation — `ccst harmonisation --epreuve E4` on a workspace of 250,000 synthetic candidates
// (every unit noted: 2.25 million stored notes; 80 % CCF in 500 établissements, 20 % oral in 400 commissions),
// against reading the same notes with a raw csv-parse: the E4 notes with their group (numero;groupe;note, 250k
// rows) and the whole wide notes file (one row per candidate, every unit). Target: report ≤ 3× raw parse.
// With --stats, the workspace is then deliberated (ccst deliberate on its notes, not timed: minutes at 250,000) and
// `ccst stats --json` is measured against the same raw parse of the wide notes file (issue 15: ≤ 3×).
// Not a test: figures depend on the machine. Usage: node dist/bench/harmonisation.js [rows] [--keep] [--stats]
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { run } from '../cli/commands/harmonisation.js';
import { run as deliberate } from '../cli/commands/deliberate.js';
import { run as stats } from '../cli/commands/stats.js';
import { mutate, openWorkspace } from '../store/workspace.js';
import { writeSession } from '../store/session.js';
import { upsertCandidates } from '../store/candidates.js';
import type { Candidate } from '../domain/candidate.js';
import { replaceOralSlots } from '../store/assignments.js';
import { writeNotes, type NoteWrite } from '../store/deliberation.js';
import { bundledRegulationPath, DEFAULT_REGULATION_ID, readRegulationFile } from '../io/regulation-file.js';
import { uaiCheckLetter } from '../domain/uai.js';
import type { OralSlot } from '../domain/scheduling/oral-timetable.js';
import { quietCtx } from './quiet-ctx.js';
import { benchDir, best, fmt, measure, prng, rawParse, type Measure } from './scaffold.js';

const ROWS = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 250_000);
const ROUNDS = 3;
const UNITS = ['U1', 'U21', 'U22', 'U3', 'U4', 'U5', 'U61', 'U62', 'UF1'];

const uai = (k: number) => {
  const first7 = String(310000 + k * 37).padStart(7, '0');
  return first7 + uaiCheckLetter(first7);
};
function noteText(r: () => number, shift: number): string {
  const x = r();
  if (x < 0.004) return 'ABS';
  if (x < 0.006) return 'ABJ';
  const h = Math.max(0, Math.min(2000, Math.floor(r() * 1600) + 200 + shift));
  return `${Math.floor(h / 100)}${h % 100 ? ',' + String(h % 100).padStart(2, '0') : ''}`;
}

const { dir, done } = benchDir('ccst-bench-harmo-');
const dbFile = path.join(dir, 'ccst.db');
const narrow = path.join(dir, 'notes-E4.csv');
const wide = path.join(dir, 'notes.csv');
process.stderr.write(`Workspace de ${ROWS} candidats (${ROWS * UNITS.length} notes) dans ${dir}…\n`);
{
  const r = prng(2023);
  const ws = await openWorkspace(dbFile, { create: true });
  const narrowOut = fs.createWriteStream(narrow);
  const wideOut = fs.createWriteStream(wide);
  narrowOut.write('numero;groupe;note\r\n');
  wideOut.write(`numero;etablissement;commission;${UNITS.join(';')}\r\n`);
  const { regulation, text } = readRegulationFile(bundledRegulationPath(DEFAULT_REGULATION_ID));
  const at = new Date('2023-06-20T00:00:00Z');
  const slots: OralSlot[] = [];
  const notes: NoteWrite[] = [];
  const lines: { n: string; w: string }[] = [];
  await mutate(ws, 'bench-setup', at, async (db) => {
    await writeSession(db, { session: 2023, academie: 'TOULOUSE', regulationId: regulation.id }, text);
    const candidates: Candidate[] = [];
    const up = (c: Candidate) => candidates.push(c);
    for (let i = 0; i < ROWS; i++) {
      const numero = String(23_000_000 + i);
      const oral = r() < 0.2;
      const k = Math.floor(r() * 500);
      const commission = 1 + Math.floor(r() * 10);
      const centre = uai(1000 + Math.floor(r() * 40));
      // A few groups a little more severe or lenient than the others: the test has something to find.
      const shift = oral ? (commission === 3 ? -150 : 0) : k % 50 === 0 ? 120 : 0;
      up({
        numero, nom: `NOM ${i % 997}`, prenom: 'Prénom', academie: 'TOULOUSE', voie: oral ? 'scolaire_prive_hors_contrat' : 'scolaire_public', langue: 'anglais',
        ef2: false, ef3: false, dispenses: [], benefices: [], etablissementUai: oral ? undefined : uai(k), etablissement: oral ? undefined : `Lycée ${k}`,
      });
      if (oral) slots.push({ numero, epreuve: 'E4', centreUai: centre, date: '2023-06-01', start: '08:00', passage: '08:00', end: '09:00', commission });
      const values = UNITS.map((u) => noteText(r, u === 'U4' ? shift : 0));
      UNITS.forEach((unite, j) => notes.push({ numero, unite, value: values[j]!, source: 'notes.csv' }));
      lines.push({ n: `${numero};${oral ? `${centre} C${commission}` : uai(k)};${values[4]}\r\n`, w: `${numero};${oral ? '' : uai(k)};${oral ? commission : ''};${values.join(';')}\r\n` });
      if (notes.length >= 90_000) {
        await upsertCandidates(db, at, candidates.splice(0));
        await writeNotes(db, at, notes.splice(0), new Set(), new Map());
      }
    }
    await upsertCandidates(db, at, candidates.splice(0));
    await writeNotes(db, at, notes.splice(0), new Set(), new Map());
    await replaceOralSlots(db, slots);
    return { result: undefined, detail: {} };
  });
  await ws.close();
  for (const l of lines) {
    if (!narrowOut.write(l.n)) await once(narrowOut, 'drain');
    if (!wideOut.write(l.w)) await once(wideOut, 'drain');
  }
  narrowOut.end();
  wideOut.end();
  await Promise.all([once(narrowOut, 'finish'), once(wideOut, 'finish')]);
}
process.stderr.write(`  base ${(fs.statSync(dbFile).size / 1e6).toFixed(0)} Mo, notes-E4.csv ${(fs.statSync(narrow).size / 1e6).toFixed(1)} Mo, notes.csv ${(fs.statSync(wide).size / 1e6).toFixed(1)} Mo\n`);

const input = { workspace: dbFile, epreuve: 'E4', json: true };
await rawParse(narrow);
await rawParse(wide);
const raws: Measure[] = [];
const wides: Measure[] = [];
const reports: Measure[] = [];
const pdfs: Measure[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  raws.push(await measure(() => rawParse(narrow)));
  wides.push(await measure(() => rawParse(wide)));
  reports.push(await measure(() => run(quietCtx(dir), input)));
  pdfs.push(await measure(() => run(quietCtx(dir), { ...input, json: false, output: path.join(dir, `h${round}.pdf`) })));
  process.stderr.write(`  tour ${round} : csv-parse E4 ${fmt(raws.at(-1)!)} · csv-parse large ${fmt(wides.at(-1)!)} · harmonisation --json ${fmt(reports.at(-1)!)} · -o .pdf ${fmt(pdfs.at(-1)!)}\n`);
}
const raw = best(raws);
const rawWide = best(wides);
const rep = best(reports);
const pdf = best(pdfs);
const x = (a: number, b: number) => `×${(a / b).toFixed(2)}`;
process.stdout.write(
  [
    `harmonisation --epreuve E4, ${ROWS} candidats, ${ROWS * UNITS.length} notes en base (meilleur de ${ROUNDS} tours) :`,
    `  csv-parse brut, notes E4 (numero;groupe;note)      ${fmt(raw)}`,
    `  csv-parse brut, fichier de notes large (9 unités)  ${fmt(rawWide)}`,
    `  ccst harmonisation --json                          ${fmt(rep)}  soit ${x(rep.wall, raw.wall)} (CPU ${x(rep.cpu, raw.cpu)}) des notes E4, ${x(rep.wall, rawWide.wall)} (CPU ${x(rep.cpu, rawWide.cpu)}) du fichier large`,
    `  ccst harmonisation -o .pdf (graphiques compris)    ${fmt(pdf)}  soit ${x(pdf.wall, raw.wall)} (CPU ${x(pdf.cpu, raw.cpu)})`,
    // On a loaded machine (other processes) wall times mislead: the CPU ratio is the steadier one.
    `  objectif ≤ ×3 (rapport JSON / notes E4, temps CPU) : ${rep.cpu <= 3 * raw.cpu ? 'atteint' : 'NON atteint'}`,
  ].join('\n') + '\n',
);
if (process.argv.includes('--stats')) {
  process.stderr.write('Délibération du workspace (non chronométrée)…\n');
  await deliberate(quietCtx(dir), { workspace: dbFile, output: path.join(dir, 'pv.csv') });
  const statsRuns: Measure[] = [];
  const rawRuns: Measure[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    rawRuns.push(await measure(() => rawParse(wide)));
    statsRuns.push(await measure(() => stats(quietCtx(dir), { workspace: dbFile, json: true })));
    process.stderr.write(`  tour ${round} : csv-parse large ${fmt(rawRuns.at(-1)!)} · stats --json ${fmt(statsRuns.at(-1)!)}\n`);
  }
  const r = best(rawRuns);
  const st = best(statsRuns);
  process.stdout.write(
    [
      `stats, ${ROWS} candidats délibérés (meilleur de ${ROUNDS} tours) :`,
      `  csv-parse brut, fichier de notes large (9 unités)  ${fmt(r)}`,
      `  ccst stats --json                                  ${fmt(st)}  soit ${x(st.wall, r.wall)} (CPU ${x(st.cpu, r.cpu)})`,
      `  objectif ≤ ×3 (stats JSON / fichier large, temps CPU) : ${st.cpu <= 3 * r.cpu ? 'atteint' : 'NON atteint'}`,
    ].join('\n') + '\n',
  );
}
done();
