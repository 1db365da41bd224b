// ccst assign-centres: places every candidate, for every épreuve taken on exam day, in a centre (written centre
// of the candidate's académie, oral centre of the organising académie — circulaire nationale §1-B, annexe 1),
// keeps earlier placements and pins, and prints the Toulouse-style table. Infeasible → exit 4, nothing written.
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { inputError, ruleConflict } from '../errors.js';
import { confirmOrRefuse } from '../confirm.js';
import { refuseMissingLanguages } from '../language-check.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { mutate } from '../../store/workspace.js';
import { sessionRegulation } from '../../store/session.js';
import { listCandidates } from '../../store/candidates.js';
import { listCentres } from '../../store/centres.js';
import { listAssignments, replaceAssignments } from '../../store/assignments.js';
import { assignCentres } from '../../domain/assignment/assign.js';
import { buildReport, formatReport } from '../../domain/assignment/report.js';
import type { Shortfall } from '../../domain/assignment/pool.js';
import { parsePinArgs, parseUnpinArgs, readPinsFile } from '../assign-pins.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  dryRun: z.boolean().optional(),
  json: z.boolean().optional(),
  reset: z.boolean().optional(),
  yes: z.boolean().optional(),
  pin: z.array(z.string()).optional(),
  unpin: z.array(z.string()).optional(),
  pins: z.string().optional(),
});

export function describeShortfall(s: Shortfall): string {
  const what = `${s.academie}, ${s.epreuve} (${s.nature === 'ecrit' ? 'écrit' : 'oral'})${s.languages.length ? `, ${s.languages.join('/')}` : ''}`;
  if (s.reason === 'aucun-centre') {
    return `${what} : aucun centre ${s.nature === 'ecrit' ? 'd’écrit' : 'd’oral'} n’organise cette épreuve — ${s.missing} candidat(s) sans centre`;
  }
  if (s.reason === 'designation') {
    return `${what} : les centres désignés (${s.centres.join(', ')}) ne reçoivent que ${s.capacity} des ${s.demand} candidat(s) de l’établissement — il manque ${s.missing} place(s)`;
  }
  return `${what} : il manque ${s.missing} place(s) — ${s.demand} candidat(s) pour ${s.capacity} place(s) disponibles`;
}

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const ws = openExistingWorkspace(ctx, opts, opts.dryRun ? 'read' : 'write');
  try {
    const reg = sessionRegulation(ws.db);
    const pins = [...parsePinArgs(reg, opts.pin ?? []), ...(opts.pins ? await readPinsFile(reg, opts.pins, ctx) : [])];
    const unpin = parseUnpinArgs(reg, opts.unpin ?? []);
    const candidates = listCandidates(ws.db);
    const centres = listCentres(ws.db);
    if (!candidates.length) throw inputError('aucun candidat dans le workspace', ['Importez-les d’abord : ccst import candidats.csv']);
    if (!centres.length) throw inputError('aucun centre dans le workspace', ['Importez-les d’abord : ccst centres import centres.csv']);
    // A language oral goes to a centre offering the candidate's language: without it the candidate cannot be placed.
    refuseMissingLanguages(reg, candidates, 'affectation impossible', { ponctuelOnly: true });
    const existing = listAssignments(ws.db);
    if (opts.reset && !opts.dryRun && existing.some((p) => !p.pinned)) {
      await confirmOrRefuse(ctx, `Replacer les ${existing.filter((p) => !p.pinned).length} affectations existantes (les épinglages sont conservés) ?`, { yes: opts.yes });
    }

    const outcome = assignCentres({ reg, candidates, centres, existing, pins, unpin, reset: Boolean(opts.reset) });
    for (const w of outcome.warnings) say(ctx, ctx.color.yellow(`Attention : ${w}`));
    if (!outcome.ok) {
      const details = [...outcome.conflicts, ...outcome.shortfalls.map(describeShortfall)];
      if (opts.json) ctx.stdout.write(JSON.stringify({ ok: false, conflicts: outcome.conflicts, shortfalls: outcome.shortfalls }, null, 2) + '\n');
      throw ruleConflict(
        `affectation impossible (${details.length} problème(s)) : rien n’a été enregistré`,
        [...details, 'Ajoutez des places ou des centres (ccst centres import), ou corrigez les épinglages, puis relancez.'],
        { conflicts: outcome.conflicts, shortfalls: outcome.shortfalls },
      );
    }

    if (!opts.dryRun) {
      mutate(ws, 'assign-centres', ctx.now(), (db) => {
        replaceAssignments(db, outcome.placements);
        return { result: undefined, detail: { ...outcome.stats, reset: Boolean(opts.reset), pins: pins.length, unpin: unpin.length } };
      });
    }
    const report = buildReport(reg, candidates, centres, outcome.placements);
    if (opts.json) {
      ctx.stdout.write(JSON.stringify({ ok: true, dryRun: Boolean(opts.dryRun), stats: outcome.stats, moves: outcome.moves, warnings: outcome.warnings, report }, null, 2) + '\n');
    } else {
      ctx.stdout.write(formatReport(report).join('\n') + '\n');
    }
    for (const m of outcome.moves) say(ctx, ctx.color.yellow(`Déplacé : ${m.numero} ${m.epreuve} (était ${m.from}) — ${m.reason}`));
    const s = outcome.stats;
    say(ctx, `${s.requirements} épreuve(s) à placer : ${s.kept} conservée(s), ${s.pinned} épinglée(s), ${s.placed} nouvellement placée(s), ${s.moved} déplacée(s)${s.dropped ? `, ${s.dropped} affectation(s) abandonnée(s)` : ''}.`);
    const slots = (ws.db.prepare('SELECT count(*) AS n FROM oral_slots').get() as { n: number }).n;
    if (opts.dryRun) say(ctx, 'Simulation (--dry-run) : rien n’a été enregistré.');
    else say(ctx, ctx.color.green('Affectations enregistrées.') + (slots ? ' Relancez ccst schedule-orals pour mettre à jour les horaires d’oral.' : ''));
  } finally {
    ws.close();
  }
}
