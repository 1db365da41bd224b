// Several agents at once on one PostgreSQL workspace (issue #12 item 2, « Done when »): two processes changing the
// same candidate's note at once → one wins, the other gets the conflict message (exit 75), the audit shows exactly
// what happened; 20 rounds, nothing lost. The harness (simultaneity made certain by a held table lock):
// test/helpers/pg-agents.ts; the disjoint imports: concurrency-imports.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccst } from '../helpers/cli.js';
import { ROUNDS, useAgents } from '../helpers/pg-agents.js';

const NOTE_OF = ['U1', 'U21', 'U22', 'U3', 'U4', 'U5', 'U61', 'U62'];
const agents = useAgents();
const { together, q } = agents;

describe(`two agents at once on PostgreSQL (${ROUNDS} rounds)`, () => {
  it('the same note changed by two agents: one wins, the other gets the conflict (exit 75); the audit says which', async () => {
    const { dir } = agents;
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
