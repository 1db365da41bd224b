// ccst copies lots --epreuve E5 --size 35: the anonymous copies of a written épreuve in lots, each to one correcteur
// qualified for it, never one of their own établissement's copies, balanced within each académie (rules:
// domain/examiners/lots.ts; kept from run to run: lots-stable.ts). A shortage of correcteurs is reported exactly
// (académie, copies, lots, reason), exit 4, nothing stored. --json gives what was decided — lot, correcteur, anonymity
// numbers — and never a candidate's numéro or name (issue #13 §6).
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { inputError, ruleConflict, usageError } from '../errors.js';
import { terminalSafe } from '../terminal-text.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { mutate } from '../../store/workspace.js';
import { lotsWithNotes } from '../../store/notes-by-lot.js';
import { sessionRegulation } from '../../store/session.js';
import { listExaminers } from '../../store/examiners.js';
import { copiesForLots, replaceLots, storedLots } from '../../store/copies.js';
import { planLots, type PlannedLot } from '../../domain/examiners/lots-stable.js';
import { writtenUnit } from '../../domain/examiners/written-copies.js';
import type { Examiner } from '../../domain/examiners/examiner.js';

/** « --pin E5-03 --pin e5-07,E5-08 » → [E5-03, E5-07, E5-08]. */
const lotList = (values?: string[]) => values?.flatMap((v) => v.split(',')).map((v) => v.trim().toUpperCase()).filter(Boolean);

const optionsSchema = z.object({
  workspace: z.string().optional(),
  epreuve: z.string({ message: '--epreuve est obligatoire (ex. --epreuve E5)' }),
  size: z.coerce.number({ message: '--size est obligatoire : nombre de copies par lot (ex. --size 35)' }).int('--size attend un entier').min(1, '--size attend un entier ≥ 1').max(10_000, '--size : au plus 10 000 copies par lot'),
  reset: z.boolean().optional(),
  force: z.boolean().optional(),
  pin: z.array(z.string()).optional().transform(lotList),
  unpin: z.array(z.string()).optional().transform(lotList),
  dryRun: z.boolean().optional(),
  json: z.boolean().optional(),
});

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const ws = await openExistingWorkspace(ctx, opts, opts.dryRun ? 'read' : 'write');
  try {
    const reg = await sessionRegulation(ws.db);
    const written = writtenUnit(reg, opts.epreuve);
    if ('error' in written) throw usageError(written.error);
    const epreuve = written.unit.epreuve;
    const examiners = await listExaminers(ws.db);
    if (!examiners.length) throw inputError('aucun correcteur : lancez d’abord ccst examiners import examinateurs.csv');
    const all = await copiesForLots(ws.db, epreuve);
    if (!all.length) throw inputError(`${epreuve} : aucune copie anonymée : lancez d’abord ccst copies anonymise --epreuve ${epreuve}`);
    // A copy whose candidate left the workspace has no établissement to keep away from its teachers: left out, said.
    const orphans = all.filter((c) => c.orphan);
    if (orphans.length) say(ctx, ctx.color.yellow(`Attention : ${orphans.length} copie(s) de ${epreuve} dont le candidat n’est plus dans le workspace : laissée(s) hors des lots`));
    const copies = all.filter((c) => !c.orphan);
    const stored = await storedLots(ws.db, epreuve);
    const names = new Set(stored.map((l) => l.name));
    const unknown = [...(opts.pin ?? []), ...(opts.unpin ?? [])].filter((n) => !names.has(n));
    if (unknown.length) throw usageError(`lot(s) inconnu(s) : ${unknown.join(', ')} (lots de ${epreuve} : ${[...names].join(', ') || 'aucun encore'})`);

    // Notes already imported from these lots' bordereaux are stored under their lot (notes.source): lots remade
    // from scratch would hold other copies under the same names, and a bordereau sent again would no longer match.
    if (opts.reset && !opts.force) {
      const noted = await lotsWithNotes(ws.db, [...names]);
      if (noted.length) {
        throw ruleConflict(
          `--reset : des notes ont déjà été importées pour ${noted.length} lot(s) de ${epreuve} ; les refaire séparerait ces notes de leurs bordereaux — rien n’a été enregistré`,
          [`lots avec des notes : ${noted.slice(0, 50).join(', ')}${noted.length > 50 ? ` … (${noted.length - 50} autre(s))` : ''}`, 'Relancez avec --force pour refaire les lots quand même (les notes restent enregistrées).'],
          { lots: noted },
        );
      }
    }
    const plan = planLots({
      reg, epreuve, size: opts.size, copies, examiners, stored, reset: opts.reset,
      pin: new Set(opts.pin ?? []), unpin: new Set(opts.unpin ?? []),
    });
    if (plan.shortages.length || plan.conflicts.length) {
      const lines = [
        ...plan.shortages.map((s) => `académie ${s.academie} : ${s.copies} copie(s) sans correcteur (lots ${s.lots.join(', ')}) — ${s.reason}`),
        ...plan.conflicts,
      ];
      const missing = plan.shortages.reduce((n, s) => n + s.copies, 0);
      const what = [missing ? `${missing} copie(s) sans correcteur` : '', plan.conflicts.length ? `${plan.conflicts.length} conflit(s)` : ''].filter(Boolean).join(' et ');
      throw ruleConflict(`lots de ${epreuve} impossibles : ${what} ; rien n’a été enregistré`, lines, { shortages: plan.shortages, conflicts: plan.conflicts });
    }
    for (const d of plan.dissolved) if (d.reason !== 'refait (--reset)') say(ctx, ctx.color.yellow(`Attention : lot ${d.name} refait : ${terminalSafe(d.reason)}`));
    // A re-run that changes nothing writes nothing (250,000 copies: rewriting the same lots costs seconds).
    const unchanged = sameLots(stored, plan.lots);
    if (!opts.dryRun && !unchanged) {
      await mutate(ws, 'copies lots', ctx.now(), async (trx) => {
        await replaceLots(trx, ctx.now(), epreuve, plan.lots);
        return { result: undefined, detail: { epreuve, size: opts.size, reset: Boolean(opts.reset), lots: plan.lots.length, kept: plan.kept, created: plan.created, copies: copies.length } };
      });
    }
    const byEmail = new Map(examiners.map((e) => [e.email, e]));
    if (opts.json) ctx.stdout.write(JSON.stringify(lotsJson(epreuve, plan.lots, byEmail, { dryRun: Boolean(opts.dryRun), kept: plan.kept, created: plan.created, dissolved: plan.dissolved }), null, 2) + '\n');
    const people = new Set(plan.lots.map((l) => l.correcteur)).size;
    say(
      ctx,
      (opts.dryRun ? 'Calcul seul (--dry-run) : rien n’a été enregistré. ' : '') +
        `${epreuve} : ${copies.length} copie(s) en ${plan.lots.length} lot(s) pour ${people} correcteur(s) — ${plan.kept} lot(s) conservé(s), ${plan.created} ${opts.dryRun ? 'à créer' : 'créé(s)'}` +
        (plan.dissolved.length ? `, ${plan.dissolved.length} refait(s)` : '') + '.',
    );
  } finally {
    await ws.close();
  }
}

type LotFacts = { name: string; correcteur: string; pinned: boolean; anonymats: readonly string[] };
/** The same lots, in the same order: names, correcteurs, pins and copies in their order. */
function sameLots(a: readonly LotFacts[], b: readonly LotFacts[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i]!, b[i]!];
    if (x.name !== y.name || x.correcteur !== y.correcteur || x.pinned !== y.pinned || x.anonymats.length !== y.anonymats.length) return false;
    for (let k = 0; k < x.anonymats.length; k++) if (x.anonymats[k] !== y.anonymats[k]) return false;
  }
  return true;
}

/**
 * What a script reads: per lot its correcteur and anonymity numbers. Built field by field from the lot and the
 * correcteur (never from a candidate): no numéro or name of a candidate can slip in.
 */
export function lotsJson(epreuve: string, lots: readonly PlannedLot[], examiners: ReadonlyMap<string, Examiner>, extra: object) {
  return {
    epreuve,
    ...extra,
    lots: lots.map((l) => {
      const e = examiners.get(l.correcteur);
      return {
        lot: l.name, epreuve: l.epreuve, academie: l.academie,
        correcteur: { nom: e?.nom ?? '', prenom: e?.prenom ?? '', email: l.correcteur },
        count: l.anonymats.length, pinned: l.pinned, kept: l.kept, anonymats: [...l.anonymats],
      };
    }),
  };
}
