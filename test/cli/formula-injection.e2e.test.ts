// Issue #9 item 2: no live formula in any export. A session whose names, establishments and centre carry the OWASP
// CSV-injection payloads (behind format characters, white space, and — stored by an older ccst — NUL, tab, CR, ESC)
// goes through every tabular export: candidates (CSV, RFC 4180, XLSX), assignments and roll-calls, lists and blank
// bordereaux, conformity summary, PV with and without workspace (CSV, XLSX), contrôle lists, bordereaux, stats.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hostileSession, type HostileSession } from '../helpers/hostile-session.js';
import { carriesPayload, liveFormula, textCells } from '../helpers/hostile.js';

let s: HostileSession;
beforeAll(() => {
  s = hostileSession();
}, 180_000);

describe('#9 item 2: formula injection through every export', () => {
  it('every command of the session succeeds', () => {
    for (const r of s.runs) expect(r.result.status, `${r.args.join(' ')}\n${r.result.stderr}`).toBe(0);
  });

  it('writes the exports, each carrying payloads, none of them live', async () => {
    const names = s.outputs.map((f) => path.relative(path.join(s.dir, 'out'), f)).sort();
    for (const expected of ['candidats.csv', 'candidats-rfc.csv', 'candidats.xlsx', 'affectations.csv', 'affectations.xlsx', 'conformite.csv', 'pv.csv', 'pv.xlsx', 'controle-eligibles.csv', 'controle-horaires.csv', 'controle-bordereaux.xlsx', 'pv-controle.csv', 'bordereaux-E4.xlsx', 'stats.xlsx', 'pv-sans-workspace.csv', 'pv-sans-workspace.xlsx']) {
      expect(names).toContain(expected);
    }
    expect(names.some((n) => n.startsWith('emargement/'))).toBe(true);
    expect(names.some((n) => n.startsWith('listes/') && n.endsWith('.xlsx'))).toBe(true);
    let total = 0;
    for (const f of s.outputs) {
      const cells = await textCells(f);
      const carrying = cells.filter(carriesPayload);
      const name = path.basename(f);
      // No names in these: the stats (counts per établissement code), conformity summary and contrôle timetable.
      if (!/^(stats|conformite|controle-horaires)/.test(name)) expect(carrying.length, `${name}: no payload found`).toBeGreaterThan(0);
      expect(cells.filter(liveFormula), name).toEqual([]);
      total += carrying.length;
    }
    expect(total).toBeGreaterThan(1000);
  });
});
