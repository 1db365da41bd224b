// Several agents at once on one PostgreSQL workspace (issue #12 item 2): the harness of test/postgres/concurrency-*.
// « At once » is made certain, not left to timing: a third session holds a lock on the table both will write, until
// both processes are seen waiting for it (pg_locks); then it lets them go together. One scenario per file, each on its
// own workspace, so that vitest's workers run them side by side (CI time, README « Développement »).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect } from 'vitest';
import { BIN, ccst, cliEnv } from './cli.js';
import { pgUrl, workspaceFor, databaseOf } from './engine.js';
import { pgPoolConfig } from '../../src/store/pg-config.js';

export const ROUNDS = Number(process.env.CCST_CONCURRENCY_ROUNDS ?? 20);

export interface Run { status: number | null; stdout: string; stderr: string }

export interface Agents {
  dir: string;
  /** Runs both commands while `table` is locked against writes, releasing it once both wait on it. */
  together(table: string, a: string[], b: string[]): Promise<[Run, Run]>;
  /** One value read through the test's own connection (no psql start per query: 20 rounds add up). */
  q(sql: string): Promise<string>;
  end(): Promise<void>;
}

/** A workspace with one candidate (0240000001, CIBLE Léa), and an admin connection to its database. */
export async function agentsWorkspace(): Promise<Agents> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-pg-concurrency-'));
  workspaceFor(dir);
  const admin = new pg.Client(pgPoolConfig(pgUrl(databaseOf(dir)!)));
  await admin.connect();
  expect(ccst(['init', '--session', '2024', '--academie', 'TOULOUSE'], { cwd: dir }).status).toBe(0);
  fs.writeFileSync(path.join(dir, 'base.csv'), 'numero;nom;prenom;voie\n0240000001;CIBLE;Léa;candidat individuel\n');
  expect(ccst(['import', 'base.csv'], { cwd: dir }).status).toBe(0);

  const start = (args: string[]): Promise<Run> => new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: cliEnv(dir) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

  return {
    dir,
    async together(table, a, b) {
      await admin.query('BEGIN');
      await admin.query(`LOCK TABLE ${table} IN EXCLUSIVE MODE`);
      const runs = [start(a), start(b)];
      const deadline = Date.now() + 120_000; // two CLI start-ups on a loaded 2-core machine
      try {
        for (;;) {
          const { rows } = await admin.query<{ n: number }>(
            'SELECT count(DISTINCT pid)::int AS n FROM pg_locks WHERE NOT granted AND relation = $1::regclass', [table]);
          if (rows[0]!.n >= 2) break;
          if (Date.now() > deadline) throw new Error(`les deux commandes n’attendent pas le verrou de ${table}`);
          await new Promise((r) => setTimeout(r, 25));
        }
      } finally {
        await admin.query('COMMIT');
      }
      return Promise.all(runs) as Promise<[Run, Run]>;
    },
    q: async (sql) => String(Object.values((await admin.query(sql)).rows[0] ?? {})[0] ?? ''),
    end: () => admin.end(),
  };
}

/**
 * The file's agents workspace: made before its tests (agentsWorkspace), its admin connection closed after them. What
 * is returned reads the workspace of the moment, so it can be taken at the top of a file, before beforeAll has run.
 */
export function useAgents(): Agents {
  let agents: Agents | undefined;
  beforeAll(async () => {
    agents = await agentsWorkspace();
  }, 300_000);
  afterAll(async () => {
    await agents?.end();
  });
  const made = (): Agents => {
    if (!agents) throw new Error('useAgents : le workspace est fait dans beforeAll, avant les tests');
    return agents;
  };
  return {
    get dir() {
      return made().dir;
    },
    together: (table, a, b) => made().together(table, a, b),
    q: (sql) => made().q(sql),
    end: () => made().end(),
  };
}
