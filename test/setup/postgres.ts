// vitest globalSetup of the « postgres » project (issue #12 item 5): a PostgreSQL server for the run. .ci/run starts
// one and exports CCST_TEST_PG_URL + PGPASSFILE; otherwise (`npm test` on a workstation) a throw-away cluster is
// started here with .ci/pg-cluster and stopped at the end. Test workers and the CLIs they spawn inherit the variables.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from '../helpers/cli.js';

function dropLeftovers(): void {
  // Databases of test files that crashed before their afterAll (names: test/helpers/engine.ts).
  const list = spawnSync('psql', [process.env.CCST_TEST_PG_URL!, '-X', '-At', '-c', "SELECT datname FROM pg_database WHERE datname LIKE 'ccst\\_t\\_%'"], { encoding: 'utf8' });
  for (const name of list.stdout.split('\n').filter(Boolean)) {
    spawnSync('psql', [process.env.CCST_TEST_PG_URL!, '-X', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
  }
}

export default function setup(): () => void {
  if (process.env.CCST_TEST_PG_URL) return dropLeftovers;
  // /tmp itself, not the run's private folder (0700, root's): the cluster's owner must reach its data directory.
  const dir = fs.mkdtempSync(path.join('/tmp', 'ccst-pg-'));
  const script = path.join(REPO, '.ci', 'pg-cluster');
  const r = spawnSync('bash', [script, 'start', dir], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
  if (r.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL : le cluster de test n’a pas démarré (.ci/pg-cluster) :\n${r.stderr}`);
  }
  process.stderr.write(r.stderr);
  for (const line of fs.readFileSync(path.join(dir, 'env'), 'utf8').split('\n')) {
    const m = /^export (\w+)=(.*)$/.exec(line);
    if (m) process.env[m[1]!] = m[2]!;
  }
  return () => {
    spawnSync('bash', [script, 'stop', dir], { stdio: 'inherit' });
    delete process.env.CCST_TEST_PG_URL;
  };
}
