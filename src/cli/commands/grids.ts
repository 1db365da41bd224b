// ccst grids --epreuve E4 [--forme ccf|ponctuel] [--centre UAI] [--blank] [--split-by centre] [-o file.pdf|dir]
// Evaluation grids of the national models (circulaire nationale 2024, annexes 5, 8–13, 16, 17, 20, 21, 23, 24),
// pre-filled for each candidate taking the épreuve in that form, in one PDF (or one PDF per centre).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { requireKnownCentre } from '../centre-option.js';
import { startProgress } from '../progress.js';
import { say } from '../context.js';
import { usageError } from '../errors.js';
import { refuseMissingLanguages } from '../language-check.js';
import { openExistingWorkspace, workspacePath } from '../workspace-access.js';
import { centrePart, isDirectoryTarget, requirePdfName } from '../pdf-output.js';
import { readSessionInfo, sessionRegulation } from '../../store/session.js';
import { listCandidates } from '../../store/candidates.js';
import { isPostgresUrl, openWorkspace, WorkspaceMissingError } from '../../store/workspace.js';
import { readDocumentInputs } from '../../store/document-inputs.js';
import { loadBundledRegulation } from '../../io/regulation-file.js';
import { findUnit } from '../../domain/regulation/units.js';
import { zoneOfAcademie } from '../../domain/academie.js';
import { localWrittenTime } from '../../domain/calendar/local-time.js';
import type { Regulation, UnitDef } from '../../domain/regulation/schema.js';
import { selectGridCandidates, type Appointment } from '../../domain/grids/scope.js';
import { loadDocumentTemplates, gridSetFor, type GridSet } from '../../documents/templates/load.js';
import { academieLabel, gridFooter, gridViewModel, type GridBatch, type GridJob } from '../../documents/grids.js';
import { renderTask, startRenderPool, type RenderPool, type RenderTask } from '../../documents/parallel.js';
import { claimOutputs } from '../output-policy.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  epreuve: z.string({ error: '--epreuve est obligatoire (ex. --epreuve E4)' }).min(1, '--epreuve est obligatoire'),
  forme: z.enum(['ccf', 'ponctuel'], { error: '--forme attend ccf ou ponctuel' }).default('ponctuel'),
  centre: z.string().transform((s) => s.trim().toUpperCase()).optional(),
  blank: z.boolean().optional(),
  splitBy: z.enum(['centre'], { error: '--split-by attend « centre »' }).optional(),
  output: z.string().optional(),
  force: z.boolean().optional(),
  jobs: z.coerce.number().int().positive({ error: '--jobs attend un entier ≥ 1' }).optional(),
});
type Options = z.infer<typeof optionsSchema>;

function unitOrFail(reg: Regulation, raw: string): UnitDef {
  const unit = findUnit(reg, raw);
  if (!unit) throw usageError(`épreuve inconnue : ${raw}`, [`Connues : ${reg.units.map((u) => u.epreuve).join(', ')} (ou U4, E6-1, U61…).`]);
  return unit;
}

function setOrFail(reg: Regulation, unit: UnitDef, form: 'ccf' | 'ponctuel'): GridSet {
  const set = gridSetFor(loadDocumentTemplates(), unit.code, form);
  if (set.perCandidate.length > 0) return set;
  const forms = new Map<string, Set<string>>();
  for (const t of loadDocumentTemplates().filter((x) => x.role === 'grid')) {
    const epreuve = reg.units.find((u) => u.code === t.unit)?.epreuve ?? t.unit;
    for (const f of t.forms) forms.set(epreuve, (forms.get(epreuve) ?? new Set()).add(f === 'ccf' ? 'CCF' : 'ponctuel'));
  }
  const list = [...forms].map(([e, f]) => `${e} (${[...f].join(', ')})`).join(', ');
  throw usageError(`pas de grille nationale pour ${unit.epreuve} en forme ${form === 'ccf' ? 'CCF' : 'ponctuelle'}`, [
    `La circulaire nationale 2024 fournit des grilles pour : ${list}.`,
  ]);
}

function warnUnverified(ctx: Ctx, set: GridSet): void {
  for (const t of [...set.reference, ...set.perCandidate]) {
    if (t.unverified) say(ctx, ctx.color.yellow(`Attention : ${t.unverified}.`));
  }
}

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  if (opts.blank && (opts.centre || opts.splitBy)) throw usageError('--blank imprime le modèle vierge : sans --centre ni --split-by');
  if (opts.blank) return runBlank(ctx, opts);
  return runFilled(ctx, opts);
}

async function runBlank(ctx: Ctx, opts: Options): Promise<void> {
  // The empty model needs no workspace; when one exists its session and académie are printed.
  const file = workspacePath(ctx, opts);
  let reg = loadBundledRegulation();
  let session = reg.session;
  let academie = '';
  // A PostgreSQL database without ccst's tables is no workspace, like a missing file (openWorkspace says which).
  const ws = isPostgresUrl(file) || fs.existsSync(file)
    ? await openWorkspace(file, { create: false, readonly: true }).catch((e) => {
      if (e instanceof WorkspaceMissingError) return undefined;
      throw e;
    })
    : undefined;
  if (ws) {
    try {
      reg = await sessionRegulation(ws.db);
      const info = await readSessionInfo(ws.db);
      session = info?.session ?? reg.session;
      academie = academieLabel(reg, info?.academie);
    } finally {
      await ws.close();
    }
  }
  const unit = unitOrFail(reg, opts.epreuve);
  const set = setOrFail(reg, unit, opts.forme);
  const target = path.resolve(ctx.cwd, opts.output ?? `grille-vierge-${unit.epreuve}-${opts.forme}.pdf`);
  requirePdfName(target);
  await claimOutputs(ctx, [target], { workspace: opts, force: opts.force });
  warnUnverified(ctx, set);
  const common = { session: String(session), academie };
  const batch: GridBatch = { ...set, common, jobs: [{ footer: `BTS CCST ${session} — ${set.perCandidate[0]!.title} — modèle vierge`, vm: common }] };
  const r = await renderTask({ kind: 'grids', file: target, meta: { title: `Grille vierge ${unit.epreuve} ${opts.forme}`, creationDate: ctx.now() }, batch });
  say(ctx, ctx.color.green(`Modèle vierge ${unit.epreuve} (${opts.forme}) : ${r.pages} page(s) → ${target}`));
}

async function runFilled(ctx: Ctx, opts: Options): Promise<void> {
  // One file per centre: the render threads start now and warm up while the workspace is read (parallel.ts).
  const pool = startRenderPool(opts.splitBy === 'centre' ? opts.jobs : 1);
  try {
    await filledGrids(ctx, opts, pool);
  } finally {
    await pool.close();
  }
}

async function filledGrids(ctx: Ctx, opts: Options, pool: RenderPool): Promise<void> {
  const ws = await openExistingWorkspace(ctx, opts, 'read');
  let tasks: RenderTask[];
  let set: GridSet;
  let unit: UnitDef;
  let count: number;
  try {
    const reg = await sessionRegulation(ws.db);
    const info = await readSessionInfo(ws.db);
    const session = info?.session ?? reg.session;
    (await requireKnownCentre(ws.db, opts.centre));
    unit = unitOrFail(reg, opts.epreuve);
    set = setOrFail(reg, unit, opts.forme);
    const inputs = await readDocumentInputs(ws.db, reg);
    const appointments = new Map<string, Appointment>();
    const assignedCentres = new Map<string, string>();
    const nonConforming = new Set<string>();
    const candidates = await listCandidates(ws.db);
    const written = reg.calendar.written.find((w) => w.epreuve === unit.epreuve);
    for (const c of candidates) {
      const slot = inputs.orals.get(c.numero)?.get(unit.code);
      const assigned = inputs.assignments.get(c.numero)?.get(unit.code);
      if (slot) appointments.set(c.numero, { date: slot.date, time: slot.passage, centreUai: slot.centreUai });
      else if (written && opts.forme === 'ponctuel') {
        // Written épreuve (E5, annexe 13): date and start of the calendar in the zone of the written centre.
        // Local time of the centre's académie (issue #11 finding 1): none when it makes no sense there.
        const centre = assigned ? inputs.centres.get(`ecrit:${assigned}`) : undefined;
        const local = localWrittenTime(reg, written, centre ? { academie: centre.academie, zone: centre.zone } : { academie: c.academie, zone: zoneOfAcademie(reg, c.academie) });
        appointments.set(c.numero, { date: local.kind === 'time' ? local.slot.date : written.date, time: local.kind === 'time' ? local.slot.start : undefined, centreUai: assigned });
      }
      if (assigned) assignedCentres.set(c.numero, assigned);
      if (inputs.nonConforming.has(`${c.numero}:${unit.code}`)) nonConforming.add(c.numero);
    }
    const scope = selectGridCandidates({ reg, unit, form: opts.forme, candidates, appointments, assignedCentres, nonConforming, centre: opts.centre });
    if (unit.language) refuseMissingLanguages(reg, scope.entries.map((e) => e.candidate), `grilles ${unit.epreuve} impossibles`, { epreuve: unit.epreuve });
    for (const x of scope.excluded) say(ctx, ctx.color.yellow(`${x.numero} : pas de grille — ${x.reason}`));
    if (scope.entries.length === 0) {
      const hint = scope.otherForm > 0 ? ` (${scope.otherForm} candidat(s) passent ${unit.epreuve} en forme ${opts.forme === 'ccf' ? 'ponctuelle' : 'CCF'} : --forme ${opts.forme === 'ccf' ? 'ponctuel' : 'ccf'})` : '';
      say(ctx, ctx.color.yellow(`Aucun candidat ne passe ${unit.epreuve} en forme ${opts.forme}${opts.centre ? ` au centre ${opts.centre}` : ''} : aucun fichier écrit${hint}.`));
      return;
    }
    count = scope.entries.length;
    const centreName = (uai?: string) => (uai ? (inputs.centres.get(`oral:${uai}`) ?? inputs.centres.get(`ecrit:${uai}`))?.nom : undefined);
    const jobOf = (e: (typeof scope.entries)[number]): GridJob => {
      const vm = gridViewModel(reg, session, e, centreName(e.centreUai));
      return { footer: gridFooter(set.perCandidate[0]!.title, session, vm), vm };
    };
    const common = { session: String(session), academie: academieLabel(reg, info?.academie) };
    const meta = { title: `Grilles ${unit.epreuve} ${opts.forme} — session ${session}`, creationDate: ctx.now() };
    const base = `grilles-${unit.epreuve}-${opts.forme}`;
    if (opts.splitBy === 'centre') {
      const dir = path.resolve(ctx.cwd, opts.output ?? base);
      if (!isDirectoryTarget(dir)) throw usageError(`--split-by centre : -o doit être un dossier (reçu ${opts.output})`);
      const groups = new Map<string | undefined, GridJob[]>();
      for (const e of scope.entries) {
        const list = groups.get(e.centreUai) ?? [];
        if (list.length === 0) groups.set(e.centreUai, list);
        list.push(jobOf(e));
      }
      tasks = [...groups].map(([uai, jobs]) => ({ kind: 'grids', file: path.join(dir, `${base}-${centrePart(uai)}.pdf`), meta, batch: { ...set, common, jobs } }));
    } else {
      const file = path.resolve(ctx.cwd, opts.output ?? `${base}.pdf`);
      requirePdfName(file);
      tasks = [{ kind: 'grids', file, meta, batch: { ...set, common, jobs: scope.entries.map(jobOf) } }];
    }
  } finally {
    await ws.close();
  }
  await claimOutputs(ctx, tasks.map((t) => t.file), { workspace: opts, force: opts.force });
  warnUnverified(ctx, set);
  const total = tasks.reduce((n, t) => n + (t.kind === 'grids' ? t.batch.jobs.length : 0), 0);
  const progress = startProgress(ctx, 'Grilles', { total });
  const results = await pool.run(tasks, (n) => progress.add(n));
  progress.done();
  for (const r of results) say(ctx, `  ${r.file} : ${r.documents} candidat(s), ${r.pages} page(s)`);
  const pages = results.reduce((a, r) => a + r.pages, 0);
  say(ctx, ctx.color.green(`Grilles ${unit.epreuve} (${opts.forme}) : ${count} candidat(s), ${pages} page(s), ${results.length} fichier(s).`));
}
