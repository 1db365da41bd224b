// Several agents at once on one PostgreSQL workspace (issue #12 item 2, « Done when »): two processes importing
// disjoint files at once → both land, each audited; 20 rounds, nothing lost. The harness (simultaneity made certain
// by a held table lock): test/helpers/pg-agents.ts; the same note changed by two agents: concurrency-notes.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUNDS, useAgents } from '../helpers/pg-agents.js';

const agents = useAgents();
const { together, q } = agents;

describe(`two agents at once on PostgreSQL (${ROUNDS} rounds)`, () => {
  it('disjoint imports both land, each audited under its own row', async () => {
    const { dir } = agents;
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
});
