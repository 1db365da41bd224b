// ccst commissions build: for every centre, day and épreuve schedule-orals planned, a named commission of examiners
// with the profiles the épreuve's « Composition de la commission » requires (circulaire nationale 2024, as the
// regulation data encodes it; the rules are in domain/examiners/commissions-builder.ts). A shortage of examiners is
// reported exactly (centre, day, épreuve, seat, how many missing) with exit 4 and nothing stored; pins are kept by
// every re-run. With --epreuve only that épreuve's commissions are rebuilt; the others stay as stored and their
// members stay busy.
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { inputError, ruleConflict } from '../errors.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { mutate } from '../../store/workspace.js';
import { sessionRegulation } from '../../store/session.js';
import { listCentres } from '../../store/centres.js';
import { listCommissions, listExaminers, replaceCommissions } from '../../store/examiners.js';
import { buildCommissions, type Pin } from '../../domain/examiners/commissions-builder.js';
import { commissionName, sameAsTarget } from '../../domain/examiners/planned.js';
import { findUnit } from '../../domain/regulation/units.js';
import { readPlanned } from '../commissions/planned-input.js';
import { parsePinRequests, resolvePins } from '../commissions/pins.js';
import { readBasis, staleLines, writeBasis } from '../commissions/staleness.js';
import { basisOf, staleCommissions } from '../../domain/examiners/staleness.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  epreuve: z.string().optional(),
  pin: z.array(z.string()).optional(),
  unpin: z.array(z.string()).optional(),
  dryRun: z.boolean().optional(),
  json: z.boolean().optional(),
});

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const pinReq = parsePinRequests('--pin', opts.pin);
  const unpinReq = parsePinRequests('--unpin', opts.unpin);
  const ws = await openExistingWorkspace(ctx, opts, opts.dryRun ? 'read' : 'write');
  try {
    const reg = await sessionRegulation(ws.db);
    if (!reg.commissions) throw inputError('le règlement du workspace ne décrit pas la composition des commissions');
    const examiners = await listExaminers(ws.db);
    if (!examiners.length) throw inputError('aucun examinateur : lancez d’abord ccst examiners import examinateurs.csv');
    const { planned } = await readPlanned(ws.db, reg);
    let epreuve: string | undefined;
    if (opts.epreuve !== undefined) {
      epreuve = findUnit(reg, opts.epreuve)?.epreuve;
      if (!epreuve) throw inputError(`--epreuve ${opts.epreuve} : épreuve inconnue (épreuves du règlement : ${reg.units.map((u) => u.epreuve).join(', ')})`);
      // EF3: « la même que celle de l'épreuve U61 » — its passages sit before the U61 commission.
      const target = sameAsTarget(reg, epreuve, 'ponctuel');
      if (target) {
        say(ctx, `${epreuve} siège avec la commission de ${findUnit(reg, target)?.epreuve ?? target} : ce sont ces commissions qui sont recomposées.`);
        epreuve = findUnit(reg, target)?.epreuve ?? target;
      }
      if (!planned.some((p) => p.epreuve === epreuve)) throw inputError(`--epreuve ${epreuve} : aucun oral de cette épreuve planifié par schedule-orals`);
    }
    const stored = await listCommissions(ws.db);
    const oldBasis = await readBasis(ws.db);
    // Issue #13 §2: what changed in the timetable since the last build — said, then rebuilt.
    const stale = staleCommissions(stored, oldBasis, planned).filter((s) => s.kind !== 'unbuilt' || stored.length > 0);
    const plannedNames = new Set(planned.map(commissionName));
    const pinSet = resolvePins(stored, plannedNames, pinReq, unpinReq);
    for (const d of pinSet.dropped) say(ctx, ctx.color.yellow(`Attention : épinglage ${d} abandonné (commission qui n’est plus planifiée par schedule-orals)`));

    // --epreuve: the other épreuves' stored commissions take part as they are (their members are busy), pinned whole.
    const others = epreuve === undefined ? [] : stored.filter((c) => c.epreuve !== epreuve && plannedNames.has(c.name));
    const otherNames = new Set(others.map((c) => c.name));
    const pins: Pin[] = [
      ...pinSet.pins.filter((p) => !otherNames.has(p.commission)),
      ...others.flatMap((c) => c.members.map((m) => ({ commission: c.name, email: m.email, seat: m.seat }))),
    ];
    const input2 = epreuve === undefined ? planned : planned.filter((p) => p.epreuve === epreuve || otherNames.has(commissionName(p)));
    const out = buildCommissions({ reg, planned: input2, examiners, pins });
    const mine = (name: string) => !otherNames.has(name);
    const built = out.commissions.filter((c) => mine(c.name));
    // A stored member of a commission not rebuilt who can no longer sit there is not this run's conflict: said, kept.
    const ofOthers = (m: string) => [...otherNames].some((n) => m.includes(`→ ${n} :`));
    const conflicts = out.conflicts.filter((m) => !ofOthers(m));
    for (const m of out.conflicts.filter(ofOthers)) say(ctx, ctx.color.yellow(`Attention : commission non recomposée (--epreuve ${epreuve}) : ${m} — relancez ccst commissions build sans --epreuve`));
    const shortages = out.shortages.filter((s) => s.commissions.some(mine));
    const warnings = out.warnings.filter((w) => mine(w.commission));

    const centreName = new Map((await listCentres(ws.db)).filter((c) => c.type === 'oral').map((c) => [c.uai, c.nom]));
    const where = (uai: string) => (centreName.has(uai) ? `${uai} (${centreName.get(uai)})` : uai);
    if (conflicts.length || shortages.length) {
      const lines = [
        ...shortages.map((s) => `centre ${where(s.centreUai)}, ${s.date}, ${s.epreuve} : siège « ${s.role} » (profil ${s.profiles.join(' ou ')}) — ${s.missing} examinateur(s) manquant(s) (${s.commissions.join(', ')})`),
        ...conflicts,
      ];
      const what = [shortages.length ? `${shortages.reduce((n, s) => n + s.missing, 0)} siège(s) obligatoire(s) sans examinateur` : '', conflicts.length ? `${conflicts.length} conflit(s)` : ''].filter(Boolean).join(' et ');
      throw ruleConflict(`commissions impossibles à composer : ${what} ; rien n’a été enregistré`, lines, { shortages, conflicts });
    }
    for (const w of warnings) say(ctx, ctx.color.yellow(`Attention : ${w.message}`));
    const restaled = stale.filter((s) => epreuve === undefined || !otherNames.has(s.name));
    if (restaled.length) {
      say(ctx, `Horaires d’oral modifiés depuis la dernière composition : ${restaled.length} commission(s) ${opts.dryRun ? 'à recomposer' : 'recomposée(s)'} :`);
      for (const l of staleLines(restaled).slice(0, 30)) say(ctx, `  ${l}`);
      if (restaled.length > 30) say(ctx, `  … et ${restaled.length - 30} autre(s).`);
    }
    if (!opts.dryRun) {
      await mutate(ws, 'commissions build', ctx.now(), async (trx) => {
        await replaceCommissions(trx, ctx.now(), built, pinSet.whole, epreuve);
        // The basis of each stored commission: the candidates and hours it was composed for (domain/examiners/staleness.ts).
        const builtNames = new Set(built.map((c) => c.name));
        const kept = Object.entries(oldBasis ?? {}).filter(([name]) => otherNames.has(name));
        await writeBasis(trx, { ...Object.fromEntries(kept), ...basisOf(input2.filter((p) => builtNames.has(commissionName(p)))) });
        return { result: undefined, detail: { epreuve: epreuve ?? null, commissions: built.length, members: built.reduce((n, c) => n + c.members.length, 0), pins: pins.length, warnings: warnings.length } };
      });
    }
    const vacant = built.reduce((n, c) => n + c.vacant.length, 0);
    if (opts.json) {
      ctx.stdout.write(JSON.stringify({
        dryRun: Boolean(opts.dryRun),
        epreuve: epreuve ?? null,
        commissions: built.map((c) => ({
          name: c.name, centreUai: c.centreUai, date: c.date, epreuve: c.epreuve, number: c.number, start: c.start, end: c.end,
          members: c.members, vacant: c.vacant, candidates: c.candidates.length,
        })),
        warnings,
      }, null, 2) + '\n');
    }
    const people = new Set(built.flatMap((c) => c.members.map((m) => m.email))).size;
    say(
      ctx,
      (opts.dryRun ? 'Calcul seul (--dry-run) : rien n’a été enregistré. ' : '') +
        `${built.length} commission(s)${epreuve ? ` de ${epreuve}` : ''} composée(s) avec ${people} examinateur(s)` +
        (vacant ? ` ; ${vacant} siège(s) facultatif(s) vacant(s)` : '') + (warnings.length ? ` ; ${warnings.length} avertissement(s)` : '') + '.',
    );
  } finally {
    await ws.close();
  }
}
