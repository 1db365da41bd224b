// Several agents at once on one PostgreSQL workspace (issue #12 item 2, « Done when »): two processes importing
// disjoint files at once → both land; two processes changing the same candidate's note at once → one wins, the other
// gets the conflict message (exit 75), the audit shows exactly what happened; 20 rounds, nothing lost.
// « At once » is made certain, not left to timing: a third session holds a lock on the table both will write, until
// both processes are seen waiting for it (pg_locks); then it lets them go together.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ccst, cliEnv } from '../helpers/cli.js';
import { pgUrl, workspaceFor, databaseOf } from '../helpers/engine.js';
import { pgPoolConfig } from '../../src/store/pg-config.js';

const ROUNDS = Number(process.env.CCST_CONCURRENCY_ROUNDS ?? 20);
const NOTE_OF = ['U1', 'U21', 'U22', 'U3', 'U4', 'U5', 'U61', 'U62'];
let dir: string;
let admin: pg.Client;

interface Run { status: number | null; stdout: string; stderr: string }

function start(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: cliEnv(dir) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs both commands while `table` is locked against writes, releasing it once both wait on it. */
async function together(table: string, a: string[], b: string[]): Promise<[Run, Run]> {
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
}

/** One value read through the test's own connection (no psql start per query: 20 rounds add up). */
const q = async (sql: string): Promise<string> => String(Object.values((await admin.query(sql)).rows[0] ?? {})[0] ?? '');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-pg-concurrency-'));
  workspaceFor(dir);
  admin = new pg.Client(pgPoolConfig(pgUrl(databaseOf(dir)!)));
  await admin.connect();
  expect(ccst(['init', '--session', '2024', '--academie', 'TOULOUSE'], { cwd: dir }).status).toBe(0);
  fs.writeFileSync(path.join(dir, 'base.csv'), 'numero;nom;prenom;voie\n0240000001;CIBLE;Léa;candidat individuel\n');
  expect(ccst(['import', 'base.csv'], { cwd: dir }).status).toBe(0);
}, 300_000);

afterAll(async () => {
  await admin?.end();
});

describe(`two agents at once on PostgreSQL (${ROUNDS} rounds)`, () => {
  it('disjoint imports both land, each audited under its own row', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const files = ['a', 'b'].map((side, s) => {
        const rows = Array.from({ length: 50 }, (_, i) => `0${24100 + round * 2 + s}${String(i).padStart(5, '0')};${side.toUpperCase()}${round};Prénom ${i};candidat individuel`);
        const f = `import-${round}-${side}.csv`;
        fs.writeFileSync(path.join(dir, f), ['numero;nom;prenom;voie', ...rows].join('\n') + '\n');
        return f;
      });
      const before = Number(await q('SELECT count(*) FROM candidates'));
      const audits = Number(await q("SELECT count(*) FROM audit_log WHERE command = 'import'"));
      const [a, b] = await together('candidates', ['import', files[0]!], ['import', files[1]!]);
      expect([a.status, b.status], `${a.stderr}\n${b.stderr}`).toEqual([0, 0]);
      expect(Number(await q('SELECT count(*) FROM candidates'))).toBe(before + 100);
      expect(Number(await q(`SELECT count(*) FROM candidates WHERE nom IN ('A${round}', 'B${round}')`))).toBe(100);
      expect(Number(await q("SELECT count(*) FROM audit_log WHERE command = 'import'"))).toBe(audits + 2);
    }
  }, ROUNDS * 120_000);

  it('the same note changed by two agents: one wins, the other gets the conflict (exit 75); the audit says which', async () => {
    const notes = (u1: string) => `numero;${NOTE_OF.join(';')}\n0240000001;${u1};10;10;10;10;10;10;10\n`;
    fs.writeFileSync(path.join(dir, 'notes-0.csv'), notes('10'));
    expect(ccst(['deliberate', 'notes-0.csv', '-o', 'pv-0.csv'], { cwd: dir }).status).toBe(0);
    // How the workspace writes a note (its own text form); the first deliberation stored U1 = 10.
    const ten = await q("SELECT value FROM notes WHERE numero = '0240000001' AND unite = 'U1'");
    const stored = (n: string) => ten.replace('10', n);
    let current = ten;
    for (let round = 0; round < ROUNDS; round++) {
      const [x, y] = [String(11 + (round % 4)), String(15 + (round % 4))];
      fs.writeFileSync(path.join(dir, `n-${round}-a.csv`), notes(x));
      fs.writeFileSync(path.join(dir, `n-${round}-b.csv`), notes(y));
      const noteAudits = Number(await q('SELECT count(*) FROM note_audit'));
      const delibs = Number(await q("SELECT count(*) FROM audit_log WHERE command = 'deliberate'"));
      const [a, b] = await together('notes', ['deliberate', `n-${round}-a.csv`, '-o', `pv-${round}-a.csv`], ['deliberate', `n-${round}-b.csv`, '-o', `pv-${round}-b.csv`]);
      const statuses = [a.status, b.status].sort();
      expect(statuses, `${a.stderr}\n${b.stderr}`).toEqual([0, 75]);
      const [winner, loser, value] = a.status === 0 ? [a, b, x] : [b, a, y];
      // PostgreSQL does not say which row a serialization failure is about: the message names the command and the
      // workspace, says nothing was stored and asks to re-run.
      expect(loser.stderr).toMatch(/conflit/i);
      expect(loser.stderr).toMatch(/rien n’a été enregistré/);
      expect(loser.stderr).toMatch(/réessayez|relancez/i);
      expect(loser.stdout).toBe('');
      expect(winner.stderr).not.toMatch(/conflit/i);
      // Exactly the winner's change is stored and audited; the loser left nothing (no PV either: commit-last).
      expect(await q("SELECT value FROM notes WHERE numero = '0240000001' AND unite = 'U1'")).toBe(stored(value));
      expect(Number(await q('SELECT count(*) FROM note_audit'))).toBe(noteAudits + 1);
      expect(await q("SELECT old_value || '>' || new_value FROM note_audit ORDER BY id DESC LIMIT 1")).toBe(`${current}>${stored(value)}`);
      expect(Number(await q("SELECT count(*) FROM audit_log WHERE command = 'deliberate'"))).toBe(delibs + 1);
      const loserPv = loser === a ? `pv-${round}-a.csv` : `pv-${round}-b.csv`;
      expect(fs.existsSync(path.join(dir, loserPv))).toBe(false);
      current = stored(value);
    }
  }, ROUNDS * 120_000);
});
