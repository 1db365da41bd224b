// vitest globalSetup of the « hostile » project: the files of the battery each write their figures to one folder
// (test/helpers/hostile-run.ts publishFigures); at the end of the run they are summed into one table shaped like the
// baseline table of issue #9, printed with every problem found.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIGURES_ENV } from '../helpers/hostile-run.js';

export default function setup(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-hostile-figures-'));
  process.env[FIGURES_ENV] = dir;
  return () => {
    const sums = new Map<string, number>();
    const failures: string[] = [];
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
    for (const f of files) {
      const r = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { figures: Record<string, number>; failures: string[] };
      for (const [k, v] of Object.entries(r.figures)) sums.set(k, (sums.get(k) ?? 0) + v);
      failures.push(...r.failures);
    }
    fs.rmSync(dir, { recursive: true, force: true });
    delete process.env[FIGURES_ENV];
    if (!files.length) return;
    const full = process.env.CCST_HOSTILE_FULL === '1';
    const rows = [...sums].map(([k, v]) => `| ${k} | ${v} |`).join('\n');
    console.log(`\n#9 hostile battery${full ? ' (full)' : ''}, ${files.map((f) => f.replace(/\.json$/, '')).join(' + ')}\n| measure | now |\n|---|---|\n${rows}\n${failures.length ? `\nproblems:\n- ${failures.join('\n- ')}\n` : ''}`);
  };
}
