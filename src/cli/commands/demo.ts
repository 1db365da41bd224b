// ccst demo: a whole session on the bundled fixtures, in a fresh directory, each step printed as the
// command an agent would type. It runs the real commands in-process: nothing here is simulated.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { say } from '../context.js';
import { FIXTURES_DIR } from '../../io/paths.js';

const optionsSchema = z.object({ dir: z.string().optional() });

interface Step {
  /** What the agent would type, shown before the step runs. */
  show: string;
  load: () => Promise<{ run(ctx: Ctx, input: Record<string, unknown>): Promise<void> }>;
  input: Record<string, unknown>;
}

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = optionsSchema.parse(input);
  const dir = opts.dir ? path.resolve(ctx.cwd, opts.dir) : fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-demo-'));
  fs.mkdirSync(dir, { recursive: true });
  const workspace = path.join(dir, 'ccst.db');
  if (fs.existsSync(workspace)) fs.rmSync(workspace);
  const fixture = (name: string) => path.join(FIXTURES_DIR, name);
  const out = (name: string) => path.join(dir, name);

  const steps: Step[] = [
    { show: 'ccst init --session 2024 --academie TOULOUSE', load: () => import('./init.js'), input: { session: '2024', academie: 'TOULOUSE' } },
    { show: 'ccst import candidats-demo.csv', load: () => import('./import.js'), input: { file: fixture('candidats-demo.csv') } },
    { show: 'ccst candidates export -o candidats.xlsx', load: () => import('./candidates-export.js'), input: { output: out('candidats.xlsx'), csvFormat: 'excel-fr' } },
    { show: 'ccst status', load: () => import('./status.js'), input: {} },
  ];

  say(ctx, ctx.color.bold(`Démonstration dans ${dir}`));
  const stepCtx: Ctx = { ...ctx, cwd: dir };
  for (const [i, step] of steps.entries()) {
    say(ctx, '');
    say(ctx, ctx.color.cyan(`[${i + 1}/${steps.length}] $ ${step.show}`));
    const mod = await step.load();
    await mod.run(stepCtx, { workspace, ...step.input });
  }
  say(ctx, '');
  say(ctx, ctx.color.green(`Démonstration terminée. Fichiers produits dans ${dir}`));
}
