// Where a statistics report goes (`ccst stats`, `ccst harmonisation`): -o .pdf|.xlsx|.json, each chart as a PNG
// with --png dir/, then --json or the terminal table on stdout. The two commands differ only by their view and
// layouts; the output rule (--force) and the lazy loading of the heavy writers are the same.
import path from 'node:path';
import type { Ctx } from '../context.js';
import { say } from '../context.js';
import { writeFileAtomic } from '../../io/output.js';
import { claimOutputs } from '../output-policy.js';
import type { ChartSpec } from '../../documents/charts/specs.js';

export interface ReportOutputOptions {
  output?: string;
  png?: string;
  json?: boolean;
  force?: boolean;
  workspace?: string;
}

/** A report's layouts, each loading its module only when that output is asked for (start-up stays small). */
export interface ReportLayouts<V> {
  charts: (view: V) => Promise<ChartSpec[]>;
  pdf: (file: string, view: V, now: Date) => Promise<{ pages: number }>;
  xlsx: (file: string, view: V) => Promise<void>;
  text: (view: V) => string;
}

/** `format` is the output's extension (checked by the command); `inputs` are files the outputs must not replace. */
export async function writeReport<V>(
  ctx: Ctx,
  opts: ReportOutputOptions,
  format: string | undefined,
  view: V,
  layouts: ReportLayouts<V>,
  inputs: (string | undefined)[] = [],
): Promise<void> {
  const targets = [opts.output].filter((t): t is string => Boolean(t));
  // The output rule covers the PNG files too (output-policy.ts): one per chart, named after it.
  const charts = opts.png ? await layouts.charts(view) : [];
  for (const c of charts) targets.push(path.join(path.resolve(ctx.cwd, opts.png!), `${c.name}.png`));
  await claimOutputs(ctx, targets, { workspace: opts, inputs, force: opts.force });
  if (format === '.pdf') {
    const r = await layouts.pdf(opts.output!, view, ctx.now());
    say(ctx, `${opts.output} : ${r.pages} page(s).`);
  } else if (format === '.xlsx') {
    await layouts.xlsx(opts.output!, view);
    say(ctx, `${opts.output} écrit.`);
  } else if (format === '.json') {
    await writeFileAtomic(opts.output!, async (tmp) => (await import('node:fs')).writeFileSync(tmp, JSON.stringify(view, null, 2) + '\n'));
    say(ctx, `${opts.output} écrit.`);
  }
  if (opts.png) {
    const { writePngs } = await import('../../documents/charts/render.js');
    const files = await writePngs(opts.png, charts);
    say(ctx, `${files.length} graphique(s) PNG dans ${opts.png}`);
  }
  if (opts.json) ctx.stdout.write(JSON.stringify(view, null, 2) + '\n');
  else if (!opts.output && !opts.png) ctx.stdout.write(layouts.text(view));
}
