// ccst examiners convocations -o dossier/ [--epreuve E4] [--examinateur email] [--entente "…"] [--harmonisation "…"]
// One PDF per examiner or correcteur (issue #13 §4): the oral commissions they sit on with the candidates and their
// passage times, the lots of copies they correct (anonymity numbers only), the réunion d'entente and the commission
// d'harmonisation when given. Circulaire Toulouse 2023 §1.2.1: « Le bureau des examens DEC5 fournira à chaque jury la
// liste des candidats lui étant affectés 2 semaines à l'avance » — a list produced later is warned about.
// Commissions that no longer match the timetable (schedule-orals re-run) are refused: exit 4, the list to rebuild.
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { inputError, ruleConflict, usageError } from '../errors.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { claimOutputs } from '../output-policy.js';
import { commitLast } from '../commit-last.js';
import { readSessionInfo, sessionRegulation } from '../../store/session.js';
import { listCentres } from '../../store/centres.js';
import { listCommissions, listExaminers, type StoredCommission } from '../../store/examiners.js';
import { lotSummaries } from '../../store/lot-summaries.js';
import { findUnit } from '../../domain/regulation/units.js';
import { commissionName, sameAsTarget } from '../../domain/examiners/planned.js';
import { staleCommissions } from '../../domain/examiners/staleness.js';
import { buildExaminerConvocations, lateLists, parseMeeting, passageKey, type CentreAddress, type ExaminerConvocation } from '../../domain/examiners/convocation.js';
import { frenchDate } from '../../domain/convocation/time.js';
import { academieLabel, modelHeading } from '../../documents/heading.js';
import { renderExaminerConvocations } from '../../documents/examiner-convocation-files.js';
import { startRenderPool, type RenderPool } from '../../documents/parallel.js';
import { startProgress } from '../progress.js';
import { readPlanned, type PlannedInput } from '../commissions/planned-input.js';
import { readBasis, REBUILD_HINT, staleLines } from '../commissions/staleness.js';

/** Circulaire Toulouse 2023 §1.2.1: the list 2 weeks ahead. */
const NOTICE_DAYS = 14;

const meeting = z.string().trim().min(1, 'texte vide : attendu « AAAA-MM-JJ HH:MM lieu »').max(500, '500 caractères au plus');
const optionsSchema = z.object({
  workspace: z.string().optional(),
  output: z.string().default('convocations-examinateurs'),
  epreuve: z.string().optional(),
  examinateur: z.string().trim().toLowerCase().optional(),
  entente: meeting.optional(),
  harmonisation: meeting.optional(),
  force: z.boolean().optional(),
  dryRun: z.boolean().optional(),
  json: z.boolean().optional(),
  jobs: z.coerce.number().int().positive({ error: '--jobs attend un entier ≥ 1' }).optional(),
});

/** File name of a convocation: the e-mail, which is unique (accents and odd characters replaced). */
export const convocationFile = (email: string) => `convocation-${email.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;

type Options = z.infer<typeof optionsSchema>;

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  // The render threads start now and warm up while the workspace is read (parallel.ts); one file needs none.
  const pool = startRenderPool(opts.dryRun || opts.examinateur !== undefined ? 1 : opts.jobs);
  try {
    await convocations(ctx, opts, pool);
  } finally {
    await pool.close();
  }
}

async function convocations(ctx: Ctx, opts: Options, pool: RenderPool): Promise<void> {
  const dir = path.resolve(ctx.cwd, opts.output);
  if (path.extname(dir).toLowerCase() === '.pdf') throw usageError(`-o ${opts.output} : un dossier est attendu (un PDF par examinateur), ex. -o convocations-examinateurs/`);
  const ws = await openExistingWorkspace(ctx, opts, 'read');
  let views: ExaminerConvocation[];
  let heading: string;
  let session: number;
  let academie: string | undefined;
  let profileLabels: Map<string, string>;
  const unknownMembers = new Set<string>();
  try {
    const reg = await sessionRegulation(ws.db);
    const info = await readSessionInfo(ws.db);
    session = info?.session ?? reg.session;
    heading = modelHeading(reg, session);
    academie = academieLabel(reg, info?.academie);
    profileLabels = new Map((reg.commissions?.profiles ?? []).map((p) => [p.code, p.label]));
    const examiners = await listExaminers(ws.db);
    if (!examiners.length) throw inputError('aucun examinateur : lancez d’abord ccst examiners import examinateurs.csv');
    if (opts.examinateur !== undefined && !examiners.some((e) => e.email === opts.examinateur)) {
      throw usageError(`--examinateur ${opts.examinateur} : examinateur inconnu (liste : ccst examiners export)`);
    }
    // --epreuve: its commissions and its lots; EF3 sits with the U61 commission (« la même que celle de l'épreuve U61 »).
    let epreuve: string | undefined;
    let commissionEpreuve: string | undefined;
    if (opts.epreuve !== undefined) {
      epreuve = findUnit(reg, opts.epreuve)?.epreuve;
      if (!epreuve) throw usageError(`--epreuve ${opts.epreuve} : épreuve inconnue (épreuves du règlement : ${reg.units.map((u) => u.epreuve).join(', ')})`);
      const target = sameAsTarget(reg, epreuve, 'ponctuel');
      commissionEpreuve = target ? (findUnit(reg, target)?.epreuve ?? target) : epreuve;
    }
    let stored: StoredCommission[] = await listCommissions(ws.db);
    const lots = await lotSummaries(ws.db, { epreuve });
    let planned: PlannedInput | undefined;
    if (stored.length) {
      planned = await readPlanned(ws.db, reg);
      // The stored commissions must match the timetable before anyone is convened to them (issue #13 §2).
      const stale = staleCommissions(stored, await readBasis(ws.db), planned.planned).filter((s) => commissionEpreuve === undefined || s.name.startsWith(`${commissionEpreuve}-`));
      if (stale.length) {
        throw ruleConflict(`${stale.length} commission(s) ne correspondent plus aux horaires d’oral : aucune convocation produite`, [...staleLines(stale), REBUILD_HINT], { stale });
      }
      if (commissionEpreuve !== undefined) stored = stored.filter((c) => c.epreuve === commissionEpreuve);
    }
    if (!stored.length && !lots.length) {
      throw inputError(`rien à convoquer${epreuve ? ` pour ${epreuve}` : ''} : aucune commission (ccst commissions build) ni lot de copies (ccst copies lots)`);
    }
    const centres = new Map<string, CentreAddress>();
    for (const c of await listCentres(ws.db)) {
      if (c.type === 'oral' || !centres.has(c.uai)) centres.set(c.uai, { uai: c.uai, nom: c.nom, adresse: c.adresse, codePostal: c.codePostal, commune: c.commune, academie: c.academie, zone: c.zone });
    }
    const known = new Set(examiners.map((e) => e.email));
    for (const c of stored) for (const m of c.members) if (!known.has(m.email)) unknownMembers.add(`${m.email} (${c.name})`);
    for (const l of lots) if (!known.has(l.correcteur)) unknownMembers.add(`${l.correcteur} (lot ${l.name})`);
    views = buildExaminerConvocations({
      reg, examiners, commissions: stored,
      planned: new Map((planned?.planned ?? []).map((p) => [commissionName(p), p])),
      passages: new Map((planned?.slots ?? []).map((s) => [passageKey(s.numero, s.epreuve), { start: s.start, passage: s.passage, end: s.end }])),
      candidates: planned?.candidates ?? new Map(),
      centres, lots,
      ...(opts.entente ? { entente: parseMeeting(opts.entente) } : {}),
      ...(opts.harmonisation ? { harmonisation: parseMeeting(opts.harmonisation) } : {}),
      noticeDays: NOTICE_DAYS,
    });
    if (opts.examinateur !== undefined) views = views.filter((v) => v.examiner.email === opts.examinateur);
  } finally {
    await ws.close();
  }
  if (unknownMembers.size) say(ctx, ctx.color.yellow(`Attention : ${unknownMembers.size} membre(s) ou correcteur(s) absent(s) de la liste des examinateurs, sans convocation : ${[...unknownMembers].slice(0, 10).join(', ')}${unknownMembers.size > 10 ? '…' : ''} (ccst examiners import, puis ccst commissions build)`));
  if (!views.length) {
    say(ctx, ctx.color.yellow(`Aucune convocation : ${opts.examinateur ?? 'aucun examinateur'} ne siège dans aucune commission et ne corrige aucun lot${opts.epreuve ? ` de ${opts.epreuve}` : ''}. Aucun fichier écrit.`));
    if (opts.json) ctx.stdout.write(JSON.stringify({ dryRun: Boolean(opts.dryRun), directory: dir, convocations: [], late: [] }, null, 2) + '\n');
    return;
  }
  const today = ctx.now().toISOString().slice(0, 10);
  const late = lateLists(views, today);
  const files = views.map((v) => path.join(dir, convocationFile(v.examiner.email)));
  const write = await claimOutputs(ctx, files, { workspace: opts, force: opts.force, dryRun: opts.dryRun });
  if (opts.json) {
    ctx.stdout.write(JSON.stringify({
      dryRun: Boolean(opts.dryRun),
      directory: dir,
      convocations: views.map((v, i) => ({
        file: files[i], email: v.examiner.email, nom: v.examiner.nom, prenom: v.examiner.prenom,
        commissions: v.commissions.map((k) => ({ name: k.name, epreuve: k.epreuve, date: k.date, start: k.start, end: k.end, role: k.role, candidates: k.candidates.length, listDue: k.listDue })),
        lots: v.lots.map((l) => ({ name: l.name, epreuve: l.epreuve, copies: l.copies })),
      })),
      late,
    }, null, 2) + '\n');
  }
  if (late.length) {
    say(ctx, ctx.color.yellow(`Attention : liste des candidats remise moins de ${NOTICE_DAYS} jours avant l’oral pour ${late.length} commission(s) (circulaire académique §1.2.1 : « 2 semaines à l'avance ») :`));
    for (const l of late.slice(0, 20)) say(ctx, `  ${l.name} : oral le ${frenchDate(l.date)}, liste due le ${frenchDate(l.due)}`);
    if (late.length > 20) say(ctx, `  … et ${late.length - 20} autre(s).`);
  }
  const commissions = new Set(views.flatMap((v) => v.commissions.map((k) => k.name))).size;
  const lotCount = views.reduce((n, v) => n + v.lots.length, 0);
  const summary = `${views.length} convocation(s) : ${commissions} commission(s), ${lotCount} lot(s) de copies`;
  if (!write) {
    say(ctx, `Calcul seul (--dry-run) : ${summary} ; aucun fichier écrit.`);
    return;
  }
  const meta = (v: ExaminerConvocation) => ({ title: `Convocation — ${v.examiner.nom} ${v.examiner.prenom} — BTS CCST session ${session}`, creationDate: ctx.now() });
  // Commit last: every file rendered to its temp sibling, then all renamed (a failure leaves none of them).
  let pages = 0;
  await commitLast({
    targets: files,
    render: async () => {
      const progress = startProgress(ctx, 'Convocations', { total: views.length });
      pages = await renderExaminerConvocations(pool, views.map((v, i) => ({ file: files[i]!, meta: meta(v), view: { heading, session, academie, convocation: v, profileLabels, noticeDays: NOTICE_DAYS } })), (n) => progress.add(n));
      progress.done();
    },
  });
  say(ctx, ctx.color.green(`${summary} ; ${pages} page(s) dans ${dir}`));
}
