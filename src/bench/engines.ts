// npm run bench:engines — the same session on both engines (issue #12 « Benches »): `ccst import` of 250,000
// synthetic candidates (CSV) into a new workspace, then `ccst deliberate` of their notes with that workspace (notes,
// results and note audit stored) — and with --again the same deliberation a second time (the update path).
// Through the built CLI, as an office runs it; best of ROUNDS by CPU time (client + PostgreSQL server: on a loaded
// machine the wall time says more about the neighbours than about ccst), wall time beside. Targets: PostgreSQL ≤ 2×
// SQLite.
// Not a test: figures depend on the machine and its load.
// Usage: node dist/bench/engines.js [rows] [--engines sqlite,postgres] [--baseline other/bin/ccst.js] [--rounds n] [--again]
// (--baseline: another build, e.g. the previous release, measured on SQLite in the same rounds for comparison)
// PostgreSQL: CCST_BENCH_PG_URL (an admin URL: databases are created and dropped), else a throw-away cluster with
// durable settings (fsync on, as an office's server) started by .ci/pg-cluster for the run.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { PACKAGE_ROOT } from '../io/paths.js';
import { writeSyntheticCsv, writeSyntheticNotes } from './synthetic-candidates.js';
import { benchDir } from './scaffold.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const ROWS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 250_000);
const ROUNDS = Number(arg('--rounds') ?? 2);
const BIN = path.join(PACKAGE_ROOT, 'bin', 'ccst.js');
const ENGINES = (arg('--engines') ?? 'sqlite,postgres').split(',');
/** --again: deliberate a second time (every note already stored: the update path). */
const AGAIN = process.argv.includes('--again');

/** Wall and CPU seconds of one step: the CLI process (GNU time) and, on PostgreSQL, the server's processes. */
interface Step { wall: number; cpu: number; server: number }

function cli(args: string[], cwd: string, bin: string, serverPid?: number): Step {
  const s0 = serverPid ? serverCpu(serverPid) : 0;
  const r = spawnSync('/usr/bin/time', ['-f', '@@time %e %U %S', process.execPath, bin, ...args], {
    cwd, env: { ...process.env, CCST_WORKSPACE: '', NO_COLOR: '1', CI: 'true' }, encoding: 'utf8', maxBuffer: 1 << 28,
  });
  const server = serverPid ? serverCpu(serverPid) - s0 : 0;
  if (r.status !== 0 && !(args[0] === 'deliberate' && r.status === 4)) throw new Error(`ccst ${args.join(' ')} : code ${r.status}\n${r.stderr.slice(-2000)}`);
  const m = /@@time ([\d.]+) ([\d.]+) ([\d.]+)/.exec(r.stderr);
  if (!m) throw new Error(`/usr/bin/time : ${r.stderr.slice(-500)}`);
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), server };
}

/**
 * CPU seconds used so far by a PostgreSQL cluster: the postmaster (its own time, and that of the backends it has
 * reaped — each CLI's connections end with it) plus its children still running (/proc, Linux). Under a loaded machine
 * CPU time is what stays comparable; wall time is reported beside it.
 */
function serverCpu(postmaster: number): number {
  const tick = 100; // sysconf(_SC_CLK_TCK) on Linux
  const fields = (pid: number) => {
    try {
      return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    } catch {
      return undefined;
    }
  };
  const own = fields(postmaster);
  if (!own) return 0;
  // After « (comm) »: state is field 0, utime 11, stime 12, cutime 13, cstime 14.
  let total = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const child of fs.readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) {
    const f = fields(Number(child));
    if (f) total += Number(f[11]) + Number(f[12]);
  }
  return total / tick;
}

function psql(url: string, sqlText: string): string {
  const r = spawnSync('psql', [url, '-X', '-v', 'ON_ERROR_STOP=1', '-At', '-c', sqlText], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
  return r.stdout;
}

const { dir, done } = benchDir('ccst-bench-engines-');
const cands = path.join(dir, 'candidats.csv');
const notes = path.join(dir, 'notes.csv');
process.stderr.write(`Génération de ${ROWS} candidats et de leurs notes dans ${dir}…\n`);
await writeSyntheticCsv(ROWS, cands);
writeSyntheticNotes(ROWS, notes);

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

interface Variant { name: string; engine: string; bin: string }
const BASELINE = arg('--baseline');
const variants: Variant[] = [
  ...(BASELINE ? [{ name: 'sqlite (référence)', engine: 'sqlite', bin: path.resolve(BASELINE) }] : []),
  ...ENGINES.map((engine) => ({ name: engine, engine, bin: BIN })),
];
const postmaster = cluster ? Number(fs.readFileSync(path.join(cluster, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]) : undefined;
type Kind = 'import' | 'deliberate' | 'again';
const KINDS: Kind[] = AGAIN ? ['import', 'deliberate', 'again'] : ['import', 'deliberate'];
const best = new Map<string, Record<Kind, Step>>();
const keep = (v: string, k: Kind, s: Step) => {
  const b = best.get(v) ?? ({} as Record<Kind, Step>);
  const cur = b[k];
  if (!cur || s.cpu + s.server < cur.cpu + cur.server) b[k] = s;
  best.set(v, b);
};

try {
  // Rounds outside, variants inside: whatever else loads the machine weighs on each variant alike.
  for (let round = 1; round <= ROUNDS; round++) {
    for (const v of variants) {
      let ws: string;
      let drop = () => {};
      if (v.engine === 'postgres') {
        const name = `ccst_bench_${process.pid}_${round}`;
        psql(adminUrl!, `CREATE DATABASE ${name}`);
        const u = new URL(adminUrl!);
        u.pathname = `/${name}`;
        ws = u.toString();
        drop = () => psql(adminUrl!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } else {
        ws = path.join(dir, `bench-${round}.db`);
      }
      const pid = v.engine === 'postgres' ? postmaster : undefined;
      try {
        cli(['init', '--session', '2024', '--academie', 'TOULOUSE', '--workspace', ws], dir, v.bin);
        const steps: [Kind, Step][] = [['import', cli(['import', cands, '--workspace', ws], dir, v.bin, pid)]];
        steps.push(['deliberate', cli(['deliberate', notes, '--workspace', ws, '-o', path.join(dir, `pv-${round}-${variants.indexOf(v)}.csv`)], dir, v.bin, pid)]);
        if (AGAIN) steps.push(['again', cli(['deliberate', notes, '--workspace', ws, '-o', path.join(dir, `pv2-${round}-${variants.indexOf(v)}.csv`)], dir, v.bin, pid)]);
        for (const [k, s] of steps) keep(v.name, k, s);
        process.stderr.write(`  tour ${round}, ${v.name} : ${steps.map(([k, s]) => `${k} ${fmt(s)}`).join(' · ')}\n`);
      } finally {
        drop();
        if (v.engine === 'sqlite') fs.rmSync(ws, { force: true });
      }
    }
  }
} finally {
  if (cluster) spawnSync('bash', [path.join(PACKAGE_ROOT, '.ci', 'pg-cluster'), 'stop', cluster], { stdio: 'inherit' });
}

function fmt(s: Step): string {
  return `${s.wall.toFixed(1)} s (CPU ${(s.cpu + s.server).toFixed(1)} s${s.server ? ` dont serveur ${s.server.toFixed(1)} s` : ''})`;
}
const LABEL: Record<Kind, string> = { import: 'import CSV (workspace neuf)', deliberate: 'deliberate avec workspace', again: 'deliberate à nouveau' };
const lines = [`ccst par la CLI compilée, ${ROWS} candidats, meilleur de ${ROUNDS} tour(s) (temps écoulé ; CPU client + serveur) :`];
for (const k of KINDS) {
  lines.push(`  ${LABEL[k]}`);
  const sqlite = best.get('sqlite')?.[k];
  for (const v of variants) {
    const s = best.get(v.name)?.[k];
    if (!s) continue;
    const ratio = sqlite && v.name !== 'sqlite' ? `   ×${((s.cpu + s.server) / (sqlite.cpu + sqlite.server)).toFixed(2)} du CPU de sqlite` : '';
    lines.push(`    ${v.name.padEnd(20)}${fmt(s)}${ratio}`);
  }
}
process.stdout.write(lines.join('\n') + '\n');
done();
