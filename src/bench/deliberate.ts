// npm run bench:deliberate — 250,000 synthetic candidates' notes (wide CSV, French Excel style, with identity,
// codes, bénéfices and optional units), then: raw csv-parse read of the file vs the full deliberation (read →
// decide → PV CSV written to a file; on such a file the notes are read by a worker thread while the main thread
// decides), in-process and through the built CLI. Target: deliberation ≤ 3× raw parse.
// Not a test: figures depend on the machine. Usage: node dist/bench/deliberate.js [rows] [--keep]
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { run } from '../cli/commands/deliberate.js';
import { PACKAGE_ROOT } from '../io/paths.js';
import { quietCtx } from './quiet-ctx.js';
import { benchDir, best, fmt, measure, prng, rawParse, type Measure } from './scaffold.js';

const ROWS = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 250_000);
const ROUNDS = 3;
const NOMS = ['Nguyễn', 'Ødegård', 'Alençon', 'Lefèvre', 'Martin', 'Bénazet', 'Þórsdóttir', 'Quéré', 'Hæggström', 'Durand'];
const PRENOMS = ['Đức', 'Åsa', 'Françoise', 'Loïc', 'Zoé', 'Maël', 'Hélène', 'Benoît'];
const ETABS = ['Lycée Déodat de Séverac', 'Lycée Rascol', 'Lycée Hessel', 'CFA Occitanie', ''];
const HEADER = 'numero;nom;prenom;etablissement;voie;U1;E2-1;E2-2;U3;E4;U5;E6-1;E6-2;EF1;EF2';

/** NV only where the regulation allows it (conformity épreuves E4, E6-1, E6-2; EF2, EF3): elsewhere ABS instead. */
function noteText(r: () => number, nv = false): string {
  const x = r();
  if (x < 0.004) return 'ABS';
  if (x < 0.006) return 'ABJ';
  if (x < 0.008) return nv ? 'NV' : 'ABS';
  if (x < 0.012) return '';
  const h = Math.floor(r() * 2001);
  return `${Math.floor(h / 100)}${h % 100 ? ',' + String(h % 100).padStart(2, '0') : ''}`;
}

async function writeNotes(file: string, rows: number): Promise<void> {
  const r = prng(2024);
  const out = fs.createWriteStream(file);
  const write = (s: string) => (out.write(s) ? undefined : new Promise<void>((res) => out.once('drain', () => res())));
  await write(HEADER + '\r\n');
  for (let i = 0; i < rows; i++) {
    const cells = Array.from({ length: 8 }, (_, k) => noteText(r, k === 4 || k === 6 || k === 7));
    if (r() < 0.03) cells[0] = 'DIS';
    if (r() < 0.03) cells[4] = `BEN ${10 + Math.floor(r() * 10)}@2022`;
    const opt = [r() < 0.2 ? noteText(r) : '', r() < 0.1 ? noteText(r, true) : ''];
    const line = [String(24_000_000 + i), NOMS[i % NOMS.length]! + ' ' + (i % 997), PRENOMS[i % PRENOMS.length], ETABS[i % ETABS.length], 'scolaire public', ...cells, ...opt];
    const p = write(line.join(';') + '\r\n');
    if (p) await p;
  }
  out.end();
  await new Promise<void>((res) => out.on('finish', () => res()));
}


const { dir, done } = benchDir('ccst-bench-delib-');
const notes = path.join(dir, 'notes.csv');
process.stderr.write(`Génération de ${ROWS} candidats dans ${notes}…\n`);
await writeNotes(notes, ROWS);
process.stderr.write(`  fichier : ${(fs.statSync(notes).size / 1e6).toFixed(1)} Mo\n`);

await rawParse(notes); // warm the file cache so that both measures read from memory
// Alternate the two measures (other processes may load the machine) and keep the best of each.
const raws: Measure[] = [];
const runs: Measure[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  raws.push(await measure(() => rawParse(notes)));
  runs.push(await measure(() => run(quietCtx(dir), { notes, output: path.join(dir, 'pv.csv'), force: true })));
  process.stderr.write(`  tour ${round} : csv-parse brut ${fmt(raws.at(-1)!)} · ccst deliberate en processus ${fmt(runs.at(-1)!)}\n`);
}
const cliStart = process.hrtime.bigint();
const r = spawnSync(process.execPath, [path.join(PACKAGE_ROOT, 'bin', 'ccst.js'), 'deliberate', notes, '-o', path.join(dir, 'pv-cli.csv')], {
  cwd: dir, env: { ...process.env, CCST_WORKSPACE: '', NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'],
});
if (r.status !== 0) throw new Error(`ccst deliberate a échoué (${r.status}) : ${r.stderr}`);
const cli = Number(process.hrtime.bigint() - cliStart) / 1e9;

const pvRows = fs.readFileSync(path.join(dir, 'pv.csv'), 'utf8').split('\r\n').length - 2;
if (pvRows !== ROWS) throw new Error(`PV incomplet : ${pvRows} lignes pour ${ROWS} candidats`);
const raw = best(raws);
const full = best(runs);
process.stdout.write(
  [
    `deliberate, ${ROWS} candidats (meilleur de ${ROUNDS} tours) :`,
    `  csv-parse brut                      ${fmt(raw)}`,
    `  lecture → décisions → PV CSV        ${fmt(full)}  soit ×${(full.wall / raw.wall).toFixed(2)} (CPU ×${(full.cpu / raw.cpu).toFixed(2)})`,
    `  CLI compilée (démarrage inclus)     ${cli.toFixed(2)} s  soit ×${(cli / raw.wall).toFixed(2)}`,
    `  objectif ≤ ×3 : ${full.wall <= 3 * raw.wall ? 'atteint' : 'NON atteint'}`,
  ].join('\n') + '\n',
);
done();
