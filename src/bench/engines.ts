// npm run bench:engines — the same session on both engines (issue #12 « Benches »): `ccst import` of 250,000
// synthetic candidates (CSV) into a new workspace, then `ccst deliberate` of their notes with that workspace (notes,
// results and note audit stored) — and with --again the same deliberation a second time (the update path).
// Through the built CLI, as an office runs it; wall time, best of ROUNDS. Targets: PostgreSQL ≤ 2× SQLite.
// Not a test: figures depend on the machine and its load.
// Usage: node dist/bench/engines.js [rows] [--engines sqlite,postgres] [--bin other/bin/ccst.js] [--rounds n] [--again]
// PostgreSQL: CCST_BENCH_PG_URL (an admin URL: databases are created and dropped), else a throw-away cluster with
// durable settings (fsync on, as an office's server) started by .ci/pg-cluster for the run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { PACKAGE_ROOT } from '../io/paths.js';
import { syntheticCandidate, writeSyntheticCsv } from './synthetic-candidates.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const ROWS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 250_000);
const ROUNDS = Number(arg('--rounds') ?? 2);
const BIN = path.resolve(arg('--bin') ?? path.join(PACKAGE_ROOT, 'bin', 'ccst.js'));
const ENGINES = (arg('--engines') ?? 'sqlite,postgres').split(',');
/** --again: deliberate a second time (every note already stored: the update path). */
const AGAIN = process.argv.includes('--again');
const UNITS = ['U1', 'U21', 'U22', 'U3', 'U4', 'U5', 'U61', 'U62'];

/** mulberry32, as the other benches: the notes are the same on every run. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One row per registered candidate: a note per unit, nothing where a dispense or a bénéfice of the registration holds. */
function writeNotes(file: string, rows: number): void {
  const r = prng(2025);
  const lines = ['numero;' + UNITS.join(';')];
  for (let i = 0; i < rows; i++) {
    const c = syntheticCandidate(i);
    const held = `${c.cells[12]} ${c.cells[13]}`;
    const cells = UNITS.map((u) => {
      if (new RegExp(`\\b${u}\\b`).test(held)) return '';
      if (r() < 0.004) return 'ABS';
      const h = Math.floor(r() * 2001);
      return `${Math.floor(h / 100)},${String(h % 100).padStart(2, '0')}`;
    });
    lines.push(`${c.numero};${cells.join(';')}`);
  }
  fs.writeFileSync(file, lines.join('\r\n') + '\r\n');
}

function cli(args: string[], cwd: string): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, CCST_WORKSPACE: '', NO_COLOR: '1', CI: 'true' }, encoding: 'utf8', maxBuffer: 1 << 28 });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && !(args[0] === 'deliberate' && r.status === 4)) throw new Error(`ccst ${args.join(' ')} : code ${r.status}\n${r.stderr.slice(0, 2000)}`);
  return s;
}

function psql(url: string, sqlText: string): string {
  const r = spawnSync('psql', [url, '-X', '-v', 'ON_ERROR_STOP=1', '-At', '-c', sqlText], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
  return r.stdout;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-bench-engines-'));
const cands = path.join(dir, 'candidats.csv');
const notes = path.join(dir, 'notes.csv');
process.stderr.write(`Génération de ${ROWS} candidats et de leurs notes dans ${dir}…\n`);
await writeSyntheticCsv(ROWS, cands);
writeNotes(notes, ROWS);

let adminUrl = process.env.CCST_BENCH_PG_URL;
let cluster: string | undefined;
if (ENGINES.includes('postgres') && !adminUrl) {
  cluster = fs.mkdtempSync(path.join('/tmp', 'ccst-bench-pg-'));
  const r = spawnSync('bash', [path.join(PACKAGE_ROOT, '.ci', 'pg-cluster'), 'start', cluster, 'durable'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error('PostgreSQL : le cluster du banc n’a pas démarré');
  for (const line of fs.readFileSync(path.join(cluster, 'env'), 'utf8').split('\n')) {
    const m = /^export (\w+)=(.*)$/.exec(line);
    if (m) process.env[m[1]!] = m[2]!;
  }
  adminUrl = process.env.CCST_TEST_PG_URL;
}

interface Figures { import: number; deliberate: number; again: number }
const results: Record<string, Figures> = {};
try {
  for (const engine of ENGINES) {
    const best: Figures = { import: Infinity, deliberate: Infinity, again: Infinity };
    for (let round = 1; round <= ROUNDS; round++) {
      let ws: string;
      let drop = () => {};
      if (engine === 'postgres') {
        const name = `ccst_bench_${process.pid}_${round}`;
        psql(adminUrl!, `CREATE DATABASE ${name}`);
        const u = new URL(adminUrl!);
        u.pathname = `/${name}`;
        ws = u.toString();
        drop = () => psql(adminUrl!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } else {
        ws = path.join(dir, `bench-${round}.db`);
      }
      try {
        cli(['init', '--session', '2024', '--academie', 'TOULOUSE', '--workspace', ws], dir);
        const f: Figures = {
          import: cli(['import', cands, '--workspace', ws], dir),
          deliberate: cli(['deliberate', notes, '--workspace', ws, '-o', path.join(dir, `pv-${engine}-${round}.csv`)], dir),
          again: AGAIN ? cli(['deliberate', notes, '--workspace', ws, '-o', path.join(dir, `pv2-${engine}-${round}.csv`)], dir) : NaN,
        };
        process.stderr.write(`  ${engine} tour ${round} : import ${f.import.toFixed(2)} s · deliberate ${f.deliberate.toFixed(2)} s${AGAIN ? ` · à nouveau ${f.again.toFixed(2)} s` : ''}\n`);
        for (const k of ['import', 'deliberate', 'again'] as const) best[k] = Math.min(best[k], f[k]);
      } finally {
        drop();
        if (engine === 'sqlite') fs.rmSync(ws, { force: true });
      }
    }
    results[engine] = best;
  }
} finally {
  if (cluster) spawnSync('bash', [path.join(PACKAGE_ROOT, '.ci', 'pg-cluster'), 'stop', cluster], { stdio: 'inherit' });
}

const s = results.sqlite;
const line = (label: string, k: keyof Figures) =>
  `  ${label.padEnd(38)}${ENGINES.map((e) => `${e} ${results[e]![k].toFixed(2)} s`).join('   ')}${s && results.postgres ? `   PostgreSQL/SQLite ×${(results.postgres[k] / s[k]).toFixed(2)}` : ''}`;
process.stdout.write(
  [
    `ccst par la CLI compilée (${path.relative(process.cwd(), BIN) || BIN}), ${ROWS} candidats, meilleur de ${ROUNDS} tour(s) :`,
    line('import CSV (workspace neuf)', 'import'),
    line('deliberate avec workspace', 'deliberate'),
    ...(AGAIN ? [line('deliberate à nouveau (mises à jour)', 'again')] : []),
  ].join('\n') + '\n',
);
if (process.argv.includes('--keep')) process.stderr.write(`Fichiers conservés : ${dir}\n`);
else fs.rmSync(dir, { recursive: true, force: true });
