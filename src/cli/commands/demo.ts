// ccst demo: a whole session on the bundled fixtures, in a fresh directory, each step printed as the
// command an agent would type. It runs the real commands in-process: nothing here is simulated.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { FIXTURES_DIR } from '../../io/paths.js';
import { systemTempDir } from '../../io/temp-files.js';
import { holdCommits } from '../../io/interrupt.js';
import { claimDemoFolder, discardDemoFolder, publishDemoFolder, renaming, stageDemoFolder } from '../demo-folder.js';

const optionsSchema = z.object({ dir: z.string().optional(), force: z.boolean().optional() });

interface Step {
  /** What the agent would type, shown before the step runs. */
  show: string;
  load: () => Promise<{ run(ctx: Ctx, input: Record<string, unknown>): Promise<void> }>;
  input: Record<string, unknown>;
}

/** The demo's steps writing into `work`; `entries` are the names they put there, `inputs` the fixtures they read. */
function demoSteps(work: string): { steps: Step[]; entries: string[]; inputs: string[] } {
  const inputs: string[] = [];
  const fixture = (name: string) => {
    inputs.push(path.join(FIXTURES_DIR, name));
    return path.join(FIXTURES_DIR, name);
  };
  const entries = new Set<string>(['ccst.db']);
  const out = (name: string) => {
    entries.add(name);
    return path.join(work, name);
  };

  // The Toulouse 2023 session (fixtures/toulouse-2023: the circular's 170 candidates, 13 établissements, 8 written
  // centres and 3 oral centres; invented names and notes), from the first import to the relevés de notes.
  const t = (name: string) => fixture(path.join('toulouse-2023', name));
  const steps: Step[] = [
    {
      show: 'ccst init --session 2023 --academie TOULOUSE --retard-max 60 --retard-source "circulaire Toulouse 2023 §1.1"',
      load: () => import('./init.js'),
      input: { session: '2023', academie: 'TOULOUSE', retardMax: '60', retardSource: 'circulaire Toulouse 2023 §1.1' },
    },
    { show: 'ccst calendar import calendrier-toulouse-2023.csv', load: () => import('./calendar-import.js'), input: { file: fixture('calendrier-toulouse-2023.csv') } },
    { show: 'ccst import candidats.csv', load: () => import('./import.js'), input: { file: t('candidats.csv') } },
    { show: 'ccst candidates export -o candidats.xlsx', load: () => import('./candidates-export.js'), input: { output: out('candidats.xlsx'), csvFormat: 'excel-fr' } },
    { show: 'ccst centres import centres.csv', load: () => import('./centres-import.js'), input: { file: t('centres.csv') } },
    { show: 'ccst assign-centres', load: () => import('./assign-centres.js'), input: {} },
    { show: 'ccst schedule-orals --commissions 2', load: () => import('./schedule-orals.js'), input: { commissions: '2', dayStart: '08:00', dayEnd: '18:00' } },
    // Issue #13: the examiners (invented) and the oral commissions made of them, for the orals just scheduled.
    { show: 'ccst examiners import examinateurs.csv', load: () => import('./examiners-import.js'), input: { file: t('examinateurs.csv') } },
    { show: 'ccst commissions build', load: () => import('./commissions-build.js'), input: {} },
    { show: 'ccst commissions list -o commissions.xlsx', load: () => import('./commissions-list.js'), input: { output: out('commissions.xlsx'), csvFormat: 'excel-fr' } },
    // The written copies of E5 made anonymous, shared out in lots to its correcteurs, a bordereau per lot (issue #13).
    { show: 'ccst copies anonymise --epreuve E5', load: () => import('./copies-anonymise.js'), input: { epreuve: 'E5' } },
    { show: 'ccst copies lots --epreuve E5 --size 35', load: () => import('./copies-lots.js'), input: { epreuve: 'E5', size: '35' } },
    { show: 'ccst copies bordereaux --epreuve E5 -o bordereaux-copies-E5', load: () => import('./copies-bordereaux.js'), input: { epreuve: 'E5', output: out('bordereaux-copies-E5') } },
    { show: 'ccst examiners convocations -o convocations-examinateurs', load: () => import('./examiners-convocations.js'), input: { output: out('convocations-examinateurs') } },
    { show: 'ccst assignments export -o affectations.xlsx --rollcall listes-xlsx', load: () => import('./assignments-export.js'), input: { output: out('affectations.xlsx'), csvFormat: 'excel-fr', rollcall: out('listes-xlsx') } },
    { show: 'ccst convocations -o convocations.pdf', load: () => import('./convocations.js'), input: { output: out('convocations.pdf') } },
    { show: 'ccst grids --epreuve E4 --forme ponctuel -o grilles-E4-ponctuel.pdf', load: () => import('./grids.js'), input: { epreuve: 'E4', forme: 'ponctuel', output: out('grilles-E4-ponctuel.pdf') } },
    { show: 'ccst lists --centre 0311201M -o listes-myriam', load: () => import('./lists.js'), input: { centre: '0311201M', output: out('listes-myriam') } },
    { show: 'ccst conformity dossiers.csv --date-limite 2023-03-15 -o non-conformes.pdf --summary conformite.csv', load: () => import('./conformity.js'), input: { file: t('dossiers.csv'), dateLimite: '2023-03-15', output: out('non-conformes.pdf'), summary: out('conformite.csv') } },
    // Issue #13 §5: the notes gathered in the workspace (here the session's notes file), then the deliberation on them.
    { show: 'ccst notes import notes.csv', load: () => import('./notes-import.js'), input: { files: [t('notes.csv')] } },
    { show: 'ccst notes status', load: () => import('./notes-status.js'), input: {} },
    { show: 'ccst deliberate -o pv.csv', load: () => import('./deliberate.js'), input: { output: out('pv.csv'), csvFormat: 'excel-fr' } },
    // Between the two deliberations: the CONTROLE candidates choose, are scheduled, convened and noted (issue 11).
    { show: 'ccst controle eligible -o controle-eligibles.csv', load: () => import('./controle-eligible.js'), input: { output: out('controle-eligibles.csv'), csvFormat: 'excel-fr' } },
    { show: 'ccst controle choices controle-choix.csv', load: () => import('./controle-choices.js'), input: { file: t('controle-choix.csv') } },
    { show: 'ccst controle schedule --centre 0311201M --dates 2023-07-06,2023-07-07', load: () => import('./controle-schedule.js'), input: { centre: '0311201M', dates: '2023-07-06,2023-07-07', dayStart: '08:00', dayEnd: '18:00', commissions: '1', csvFormat: 'excel-fr' } },
    { show: 'ccst controle convocations -o controle-convocations.pdf', load: () => import('./controle-documents.js'), input: { kind: 'convocations', output: out('controle-convocations.pdf') } },
    { show: 'ccst controle bordereaux -o controle-bordereaux.pdf', load: () => import('./controle-documents.js'), input: { kind: 'bordereaux', output: out('controle-bordereaux.pdf') } },
    { show: 'ccst controle deliberate controle-notes.csv -o pv-controle.csv', load: () => import('./controle-deliberate.js'), input: { notes: t('controle-notes.csv'), output: out('pv-controle.csv'), csvFormat: 'excel-fr' } },
    { show: 'ccst bordereaux --epreuve E4 -o bordereaux-E4.pdf', load: () => import('./bordereaux.js'), input: { epreuve: 'E4', output: out('bordereaux-E4.pdf') } },
    { show: 'ccst releves -o releves.pdf', load: () => import('./releves.js'), input: { output: out('releves.pdf') } },
    { show: 'ccst status', load: () => import('./status.js'), input: {} },
  ];

  return { steps, entries: [...entries], inputs };
}

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  // Without --dir, a fresh folder of its own (0700); with --dir, the demo is built in a temp folder inside it and
  // moved in at the end (demo-folder.ts): a failed or cancelled demo leaves --dir as it was.
  const dir = opts.dir ? path.resolve(ctx.cwd, opts.dir) : fs.mkdtempSync(path.join(systemTempDir(), 'ccst-demo-'));
  if (opts.dir) {
    const { entries, inputs } = demoSteps(dir);
    await claimDemoFolder(ctx, dir, entries, { inputs, force: opts.force });
  }
  const staging = opts.dir ? stageDemoFolder(dir) : undefined;
  const { steps } = demoSteps(staging ?? dir);
  say(ctx, ctx.color.bold(`Démonstration dans ${dir}`));
  // The steps store into the temp folder's workspace: until it is moved into --dir, a Ctrl-C cancels the demo.
  if (staging) holdCommits(true);
  try {
    // The steps' messages name the files where they will be once the demo is moved into place.
    const stepCtx: Ctx = staging ? { ...ctx, cwd: staging, stderr: renaming(ctx.stderr, staging, dir) } : { ...ctx, cwd: dir };
    for (const [i, step] of steps.entries()) {
      say(ctx, '');
      say(ctx, ctx.color.cyan(`[${i + 1}/${steps.length}] $ ${step.show}`));
      const mod = await step.load();
      await mod.run(stepCtx, { workspace: path.join(staging ?? dir, 'ccst.db'), ...step.input });
    }
    if (staging) await publishDemoFolder(staging, dir);
  } finally {
    holdCommits(false);
    if (staging) discardDemoFolder(staging);
  }
  say(ctx, '');
  say(ctx, ctx.color.green(`Démonstration terminée. Fichiers produits dans ${dir}`));
}
