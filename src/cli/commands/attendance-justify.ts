// ccst attendance justify <numero> <epreuve> --motif "…": records the justification of an absence (issue #14 §4).
// D643-24: « l'absence d'un candidat à une épreuve pour une cause de force majeure dûment constatée est sanctionnée
// par la note zéro » — the ABS the PV set becomes ABJ (counted 0, no elimination), audited with the motif in
// note_audit and audit_log. A note entered meanwhile is never replaced (exit 4).
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { say } from '../context.js';
import { parseOptions } from '../options.js';
import { inputError, ruleConflict } from '../errors.js';
import { terminalSafe } from '../terminal-text.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { mutate } from '../../store/workspace.js';
import { sessionRegulation } from '../../store/session.js';
import { applyAbsencePlan, attendanceOf, notesOfCandidates, recordJustification } from '../../store/attendance.js';
import { ATTENDANCE_SOURCE, planAbsenceNotes } from '../../domain/attendance/absence-notes.js';

const optionsSchema = z.object({
  numero: z.string().trim().min(1, 'numéro de candidat attendu'),
  epreuve: z.string().regex(/^E[A-Z0-9]+$/i, 'épreuve attendue, ex. E5').transform((s) => s.toUpperCase()),
  motif: z.string({ error: '--motif "…" est obligatoire : la justification est enregistrée avec son motif' }).trim().min(3, '--motif : indiquez la justification (au moins 3 caractères)').max(500),
  workspace: z.string().optional(),
  json: z.boolean().optional(),
});

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const ws = await openExistingWorkspace(ctx, opts, 'write');
  try {
    const reg = await sessionRegulation(ws.db);
    const unite = reg.units.find((u) => u.epreuve === opts.epreuve)?.code;
    if (!unite) throw inputError(`épreuve ${opts.epreuve} inconnue du règlement`);
    const source = `${ATTENDANCE_SOURCE}:justification`;
    const outcome = await mutate(ws, 'attendance justify', ctx.now(), async (trx) => {
      const line = await attendanceOf(trx, opts.numero, opts.epreuve);
      if (!line) throw inputError(`aucune présence enregistrée pour ${opts.numero} à ${opts.epreuve} : importez d’abord le PV de salle (ccst attendance import)`);
      if (line.statut !== 'absent') throw inputError(`${opts.numero} est « ${line.statut} » à ${opts.epreuve} selon le PV de salle (${line.source}) : seule une absence se justifie`);
      const stored = await notesOfCandidates(trx, [opts.numero]);
      const plan = planAbsenceNotes([{ numero: opts.numero, epreuve: opts.epreuve, unite, statut: 'absent', justification: opts.motif }], (n, u) => stored.get(`${n}\u0000${u}`));
      const c = plan.conflicts[0];
      if (c) throw ruleConflict(`${opts.numero} : ${unite} = « ${terminalSafe(c.stored.value)} » (source ${terminalSafe(c.stored.source)}) : ABJ ne la remplace pas ; rien n’a été enregistré`);
      const before = line.justification;
      const deliberated = await trx.selectFrom('results').select('decision').where('numero', '=', opts.numero).executeTakeFirst();
      await recordJustification(trx, ctx.now(), opts.numero, opts.epreuve, opts.motif);
      await applyAbsencePlan(trx, ctx.now(), source, plan);
      return { result: { before, abj: plan.writes.length > 0, decision: deliberated?.decision }, detail: { numero: opts.numero, epreuve: opts.epreuve, unite, motif: opts.motif, previousMotif: before ?? null } };
    });
    if (opts.json) ctx.stdout.write(JSON.stringify({ numero: opts.numero, epreuve: opts.epreuve, unite, note: 'ABJ', motif: opts.motif, previousMotif: outcome.before ?? null }, null, 2) + '\n');
    say(ctx, `${terminalSafe(opts.numero)} : absence à ${opts.epreuve} justifiée (${terminalSafe(opts.motif)}) — ${unite} = ABJ${outcome.abj ? '' : ' (déjà)'} ; compté 0, sans élimination (D643-24).`);
    if (outcome.abj && outcome.decision) say(ctx, ctx.color.yellow(`Attention : ${terminalSafe(opts.numero)} a déjà été délibéré (${outcome.decision}) : délibérez à nouveau pour que le PV et le relevé tiennent compte de l’ABJ.`));
  } finally {
    await ws.close();
  }
}
