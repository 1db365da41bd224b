// ccst copies anonymise --epreuve E5: an anonymity number for every candidate present at a written épreuve (issue
// #13 §3; who is present: domain/examiners/written-copies.ts; the numbers: domain/examiners/anonymity.ts). Numbers
// already issued are kept, only newcomers get one; all in one transaction with the session secret drawn on the first
// run. The correspondence never leaves this command: the summary and --json give counts only.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { CcstError, EXIT, inputError, usageError } from '../errors.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { mutate, type Db } from '../../store/workspace.js';
import { sessionRegulation } from '../../store/session.js';
import { createAnonymitySecret, insertIssued, issuedNumbers, presenceGroups, readAnonymitySecret } from '../../store/copies.js';
import { issueNumbers } from '../../domain/examiners/anonymity.js';
import { presenceByGroups, writtenUnit } from '../../domain/examiners/written-copies.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  epreuve: z.string({ message: '--epreuve est obligatoire (ex. --epreuve E5)' }),
  dryRun: z.boolean().optional(),
  json: z.boolean().optional(),
});

const sample = (list: string[]) => `${list.slice(0, 5).join(', ')}${list.length > 5 ? '…' : ''}`;

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const ws = await openExistingWorkspace(ctx, opts, opts.dryRun ? 'read' : 'write');
  try {
    const reg = await sessionRegulation(ws.db);
    const written = writtenUnit(reg, opts.epreuve);
    if ('error' in written) throw usageError(written.error);
    const { unit } = written;
    const epreuve = unit.epreuve;
    const who = presenceByGroups(reg, unit, await presenceGroups(ws.db, epreuve));
    if (!who.present.length) {
      throw inputError(`${epreuve} : aucun candidat placé dans un centre d’écrit`, [
        who.unplaced.length ? `${who.unplaced.length} candidat(s) passent ${epreuve} à l’écrit sans centre : lancez ccst assign-centres` : 'Importez les candidats (ccst import) et les centres, puis lancez ccst assign-centres.',
      ]);
    }
    if (who.unplaced.length) say(ctx, ctx.color.yellow(`Attention : ${who.unplaced.length} candidat(s) passent ${epreuve} à l’écrit sans centre d’écrit affecté (${sample(who.unplaced)}) : pas de numéro d’anonymat ; lancez ccst assign-centres puis relancez cette commande`));
    if (who.stale.length) say(ctx, ctx.color.yellow(`Attention : ${who.stale.length} candidat(s) affecté(s) à un centre d’écrit pour ${epreuve} ne la passent plus (dispense, bénéfice ou voie modifiés) : pas de numéro ; relancez ccst assign-centres`));

    // Inside the transaction (or, for --dry-run, on the read connection): the numbers issued so far, the decision.
    const decide = async (db: Db, secret: Uint8Array) => {
      const issued = await issuedNumbers(db);
      const o = issueNumbers({ secret, epreuve, present: who.present, issued });
      refuseConflicts(epreuve, o.conflicts);
      let had = 0;
      for (const n of issued) if (n.epreuve === epreuve) had++;
      return { o, fresh: o.fresh, retired: had - o.kept };
    };
    let outcome: Awaited<ReturnType<typeof decide>>;
    if (opts.dryRun) {
      // Counts only: without a stored secret a throw-away one gives the same counts (nothing is stored or shown).
      outcome = await decide(ws.db, (await readAnonymitySecret(ws.db)) ?? randomBytes(32));
    } else {
      outcome = await mutate(ws, 'copies anonymise', ctx.now(), async (trx) => {
        const d = await decide(trx, (await readAnonymitySecret(trx)) ?? (await createAnonymitySecret(trx)));
        await insertIssued(trx, ctx.now(), d.fresh);
        return { result: d, detail: { epreuve, present: who.present.length, kept: d.o.kept, created: d.o.created } };
      });
    }
    // An ABS recorded later, a dispense granted after the written: the number issued stays (notes may refer to it).
    if (outcome.retired) say(ctx, `${outcome.retired} numéro(s) déjà émis pour ${epreuve} concernent des candidats qui ne sont plus présents : conservés.`);
    const summary = {
      epreuve,
      dryRun: Boolean(opts.dryRun),
      present: who.present.length,
      kept: outcome.o.kept,
      created: outcome.o.created,
      retired: outcome.retired,
      unplaced: who.unplaced.length,
      stale: who.stale.length,
    };
    if (opts.json) ctx.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    say(
      ctx,
      (opts.dryRun ? 'Calcul seul (--dry-run) : rien n’a été enregistré. ' : '') +
        `${epreuve} : ${who.present.length} copie(s) anonymée(s) — ${summary.kept} numéro(s) conservé(s), ${summary.created} ${opts.dryRun ? 'à créer' : 'créé(s)'}.`,
    );
  } finally {
    await ws.close();
  }
}

/** The stored numbers contradict themselves: only a hand-edited workspace can do that (the table's keys forbid it). */
function refuseConflicts(epreuve: string, conflicts: string[]): void {
  if (conflicts.length) throw new CcstError('INVALID_INPUT', EXIT.INVALID_INPUT, `${epreuve} : numéros d’anonymat enregistrés incohérents ; rien n’a été enregistré`, conflicts);
}
