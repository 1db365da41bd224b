// ccst convocations [--centre UAI] [--candidat N] [-o file.pdf|dir]
// One page per candidate: each épreuve sat on exam day with its date and times in the zone of the centre
// (circulaire nationale 2024, annexe 2), mise en loge, extended end for a temps majoré, the centre, oral passage
// times, what to bring, the rules of the circular and, for dossiers, the conformity reminder (annexe 4).
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { requireKnownCentre } from '../centre-option.js';
import { startProgress } from '../progress.js';
import { say } from '../context.js';
import { inputError, ruleConflict, usageError } from '../errors.js';
import { refuseMissingLanguages } from '../language-check.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { centrePart, isDirectoryTarget } from '../pdf-output.js';
import { readCalendarSource, readLateness, readSessionInfo, sessionRegulation } from '../../store/session.js';
import { listCandidates } from '../../store/candidates.js';
import { centreFor, readDocumentInputs } from '../../store/document-inputs.js';
import { formFor } from '../../domain/regulation/units.js';
import { compareCandidates, type Candidate } from '../../domain/candidate.js';
import { buildConvocation, ExtraTimeError, unitsTaken, type CentreInfo, type OralAppointment } from '../../domain/convocation/build.js';
import { academieLabel } from '../../documents/grids.js';
import type { ConvocationView } from '../../documents/convocation.js';
import { startRenderPool, type RenderPool, type RenderTask } from '../../documents/parallel.js';
import { claimOutputs } from '../output-policy.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  centre: z.string().transform((s) => s.trim().toUpperCase()).optional(),
  candidat: z.string().optional(),
  output: z.string().optional(),
  force: z.boolean().optional(),
  strict: z.boolean().optional(),
  jobs: z.coerce.number().int().positive({ error: '--jobs attend un entier ≥ 1' }).optional(),
});

interface Prepared {
  candidate: Candidate;
  view: ConvocationView;
  /** The centre the candidate is filed under: the first centre of their convocation. */
  mainCentre?: string;
}

type Options = z.infer<typeof optionsSchema>;

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const target = path.resolve(ctx.cwd, opts.output ?? 'convocations.pdf');
  // One file per centre: the render threads start now and warm up while the workspace is read (parallel.ts).
  const pool = startRenderPool(isDirectoryTarget(target) ? opts.jobs : 1);
  try {
    await convocations(ctx, opts, target, pool);
  } finally {
    await pool.close();
  }
}

async function convocations(ctx: Ctx, opts: Options, target: string, pool: RenderPool): Promise<void> {
  const ws = await openExistingWorkspace(ctx, opts, 'read');
  const prepared: Prepared[] = [];
  // Issue #11 finding 1: convocations whose local time makes no sense (Pacific) are listed, not produced (exit 4);
  // the differences with annexe 2's columns are reported once each.
  const refused: string[] = [];
  const checks = new Set<string>();
  let session: number;
  try {
    const reg = await sessionRegulation(ws.db);
    const info = await readSessionInfo(ws.db);
    session = info?.session ?? reg.session;
    (await requireKnownCentre(ws.db, opts.centre));
    // A regulation's dates belong to its own session: « session 2025 » over « mardi 14 mai 2024 » is never printed.
    const cal = await (await readCalendarSource(ws.db));
    if (cal.source === 'none') {
      throw ruleConflict(`pas de calendrier des écrits pour la session ${cal.session} : le règlement du workspace est celui de la session ${cal.regulationSession}`, [
        `Importez le calendrier de la session ${cal.session} : ccst calendar import calendrier-${cal.session}.csv (colonnes epreuve, date, zone, debut, fin, loge)`,
      ]);
    }
    const inputs = await readDocumentInputs(ws.db, reg);
    const lateness = await readLateness(ws.db);
    let candidates = await listCandidates(ws.db);
    if (opts.candidat !== undefined) {
      candidates = candidates.filter((c) => c.numero === opts.candidat);
      if (candidates.length === 0) throw usageError(`candidat inconnu : ${opts.candidat}`);
    }
    refuseMissingLanguages(reg, candidates, 'convocations impossibles', { ponctuelOnly: true });
    const problems: string[] = [];
    for (const c of candidates) {
      const centres = new Map<string, CentreInfo>();
      for (const unit of unitsTaken(reg, c)) {
        const form = formFor(reg, unit, c.voie);
        if (form.form !== 'ponctuel') continue;
        const centre = centreFor(inputs, c.numero, unit.code, form.nature === 'ecrit' ? 'ecrit' : 'oral');
        if (centre) centres.set(unit.code, centre);
      }
      const orals = new Map<string, OralAppointment>(inputs.orals.get(c.numero) ?? []);
      try {
        const nonConforming = new Set(reg.units.filter((u) => inputs.nonConforming.has(`${c.numero}:${u.code}`)).map((u) => u.code));
        const nonConformityMotifs = new Map([...nonConforming].map((u) => [u, inputs.nonConformityMotifs.get(`${c.numero}:${u}`) ?? []]));
        const convocation = buildConvocation({ reg, candidate: c, centres, orals, nonConforming, nonConformityMotifs, lateness });
        const mainCentre = convocation.lines.find((l) => l.centre)?.centre?.uai;
        if (opts.centre !== undefined && !convocation.lines.some((l) => l.centre?.uai === opts.centre)) continue;
        for (const l of convocation.lines) for (const m of l.checks ?? []) checks.add(m);
        const night = convocation.lines.filter((l) => l.refused);
        if (night.length > 0) {
          refused.push(`candidat ${c.numero} (${c.nom} ${c.prenom}) : ${night.map((l) => l.refused).join(' ; ')}`);
          continue;
        }
        prepared.push({
          candidate: c,
          mainCentre,
          view: { session, diplome: reg.diplome, academie: academieLabel(reg, c.academie), candidate: c, convocation, zoneLabels: reg.zones, lateness },
        });
      } catch (e) {
        if (!(e instanceof ExtraTimeError)) throw e;
        problems.push(`candidat ${c.numero} (${c.nom} ${c.prenom}) : ${e.message}`);
      }
    }
    // An aménagement that cannot be read must not silently become a normal timetable.
    if (problems.length > 0) throw inputError(`${problems.length} convocation(s) impossible(s) : temps majoré illisible`, problems);
  } finally {
    await ws.close();
  }
  if (checks.size > 0) {
    say(ctx, ctx.color.yellow(`Heures locales différentes d’une colonne de l’annexe 2 (${checks.size}) :`));
    for (const m of [...checks].sort()) say(ctx, `  ${m}`);
  }
  const refuse = () =>
    ruleConflict(`${refused.length} convocation(s) non produite(s) : l’horaire des écrits n’a pas de sens à l’heure locale`, [
      ...refused,
      'Importez le calendrier de l’académie pour cette zone : ccst calendar import calendrier.csv (colonne zone = l’académie, ex. « Nouvelle-Calédonie »).',
    ]);
  if (prepared.length === 0 && refused.length > 0) throw refuse();
  if (prepared.length === 0) {
    say(ctx, ctx.color.yellow(`Aucun candidat${opts.centre ? ` convoqué au centre ${opts.centre}` : ''} : aucun fichier écrit.`));
    return;
  }
  // A written épreuve without date or time on a convocation (calendar incomplete): counted, refused with --strict.
  const undated = prepared.filter((p) => p.view.convocation.lines.some((l) => l.nature === 'ecrit' && (!l.date || !l.start)));
  const undatedEpreuves = [...new Set(undated.flatMap((p) => p.view.convocation.lines.filter((l) => l.nature === 'ecrit' && (!l.date || !l.start)).map((l) => l.epreuve)))];
  if (undated.length > 0 && opts.strict) {
    throw ruleConflict(`${undated.length} convocation(s) avec une épreuve écrite sans date ni horaire (${undatedEpreuves.join(', ')}) : rien n’a été écrit (--strict)`, [
      'Complétez le calendrier : ccst calendar import calendrier.csv (les épreuves absentes du fichier sont conservées).',
    ]);
  }
  prepared.sort(
    (a, b) => (a.mainCentre ?? '\uffff').localeCompare(b.mainCentre ?? '\uffff') || compareCandidates(a.candidate, b.candidate),
  );
  const meta = { title: `Convocations — BTS CCST session ${session}`, creationDate: ctx.now() };
  let tasks: RenderTask[];
  if (isDirectoryTarget(target)) {
    const groups = new Map<string | undefined, ConvocationView[]>();
    for (const p of prepared) {
      const list = groups.get(p.mainCentre) ?? [];
      if (list.length === 0) groups.set(p.mainCentre, list);
      list.push(p.view);
    }
    tasks = [...groups].map(([uai, views]) => ({ kind: 'convocations', file: path.join(target, `convocations-${centrePart(uai)}.pdf`), meta, views }));
  } else {
    tasks = [{ kind: 'convocations', file: target, meta, views: prepared.map((p) => p.view) }];
  }
  await claimOutputs(ctx, tasks.map((t) => t.file), { workspace: opts, force: opts.force });
  const progress = startProgress(ctx, 'Convocations', { total: prepared.length });
  const results = await pool.run(tasks, (n) => progress.add(n));
  progress.done();
  for (const r of results) say(ctx, `  ${r.file} : ${r.documents} convocation(s), ${r.pages} page(s)`);
  const pending = prepared.filter((p) => p.view.convocation.lines.some((l) => !l.centre && !l.nonConforming)).length;
  if (undated.length > 0) {
    say(ctx, ctx.color.yellow(`${undated.length} convocation(s) avec une épreuve écrite sans date ni horaire (${undatedEpreuves.join(', ')}) : complétez le calendrier (ccst calendar import) ; --strict les refuse.`));
  }
  if (pending > 0) say(ctx, ctx.color.yellow(`${pending} convocation(s) avec « centre communiqué ultérieurement » (lancez ccst assign-centres / schedule-orals).`));
  say(ctx, ctx.color.green(`Convocations : ${prepared.length} candidat(s), ${results.length} fichier(s).`));
  if (refused.length > 0) throw refuse();
}
