// ccst incidents close <id> --decision "…" --effet <code> [--duree N] [--unites U5,U6] [--dry-run]: records the
// disciplinary decision and applies its effect to the result (templates/discipline/bts-fraude.json): the voided
// épreuves become NUL (« réputé avoir été présent sans l'avoir subie », counted 0), audited in note_audit, in the one
// transaction that closes the incident — all or nothing. The result then needs « une nouvelle délibération »: the
// relevé stays withheld until a deliberation stored after the closing (cli/incidents/withheld.ts).
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { say } from '../context.js';
import { inputError, ruleConflict, usageError } from '../errors.js';
import { terminalSafe } from '../terminal-text.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { mutate, type Db } from '../../store/workspace.js';
import { sessionRegulation } from '../../store/session.js';
import { applyVoidPlan, closeIncident, getIncident } from '../../store/incidents.js';
import { notesOfCandidates } from '../../store/attendance.js';
import { loadDiscipline } from '../../io/discipline-file.js';
import { changesResult, disciplineSource, effectByCode, effetLabel, formatEffet, voidPlan, type Effect, type VoidPlan } from '../../domain/incidents/effects.js';
import { isOpen, type Incident } from '../../domain/incidents/incident.js';
import type { Regulation } from '../../domain/regulation/schema.js';

const id = z.coerce.number({ error: 'numéro d’incident attendu (ccst incidents list)' }).int().positive('numéro d’incident attendu (ccst incidents list)');
export const closeSchema = z.object({
  workspace: z.string().optional(),
  json: z.boolean().optional(),
  dryRun: z.boolean().optional(),
  id,
  decision: z.string({ error: '--decision "…" est obligatoire' }).trim().min(3).max(2000),
  effet: z.string({ error: '--effet <code> est obligatoire' }).trim(),
  duree: z.coerce.number({ error: '--duree attend un nombre d’années, ex. 2' }).int('--duree attend un nombre entier d’années').positive('--duree attend au moins 1 an').optional(),
  unites: z.string().trim().min(1).optional(),
  sursis: z.boolean().optional(),
});
type CloseOptions = z.infer<typeof closeSchema>;

/** The effect and its parameters, checked against the template before the workspace is opened (exit 2). */
function checkedEffect(o: CloseOptions): { effect: Effect; years?: number; group?: string[]; sursis: boolean } {
  const discipline = loadDiscipline();
  const effect = effectByCode(discipline, o.effet);
  if (!effect) throw usageError(`--effet ${o.effet} : code inconnu`, discipline.effects.map((e) => `  ${e.code} : ${e.label}`));
  if (effect.duration) {
    if (o.duree === undefined) throw usageError(`--effet ${effect.code} : --duree <années> est obligatoire (durée fixée par la commission, au plus ${effect.duration.maxYears} ans)`);
    if (o.duree > effect.duration.maxYears) throw usageError(`--duree ${o.duree} : au plus ${effect.duration.maxYears} ans (${effect.source})`);
  } else if (o.duree !== undefined) throw usageError(`--duree ne s’applique qu’à une sanction à durée (interdiction), pas à ${effect.code}`);
  // « Cette sanction peut être prononcée avec sursis si l'interdiction n'excède pas deux ans » (the template's sursis).
  const sursis = effect.duration?.sursis;
  if (o.sursis && !sursis) throw usageError(`--sursis ne s’applique qu’à une sanction qui peut être prononcée avec sursis (interdiction), pas à ${effect.code}`);
  if (o.sursis && sursis && o.duree! > sursis.maxYears) throw usageError(`--sursis : pas de sursis pour une interdiction de plus de ${sursis.maxYears} ans (--duree ${o.duree}) — ${sursis.source}`);
  if (effect.voids === 'groupe' && !o.unites) throw usageError(`--effet ${effect.code} : --unites U5,U6 est obligatoire (les unités que la décision annule)`);
  if (effect.voids !== 'groupe' && o.unites) throw usageError(`--unites ne s’applique qu’à nullite_groupe`);
  const group = o.unites?.split(/[,;\s]+/).filter(Boolean).map((u) => u.toUpperCase());
  return { effect, ...(o.duree !== undefined ? { years: o.duree } : {}), ...(group ? { group } : {}), sursis: Boolean(o.sursis) };
}

/** Unit codes, or épreuve codes (E5 → U5), of the regulation. */
function groupUnits(reg: Regulation, group: string[] | undefined): string[] | undefined {
  if (!group) return undefined;
  return group.map((g) => {
    const u = reg.units.find((x) => x.code === g || x.epreuve === g);
    if (!u) throw inputError(`--unites : ${g} n’est ni une unité ni une épreuve du règlement (${reg.units.map((x) => x.code).join(', ')})`);
    return u.code;
  });
}

interface Planned {
  incident: Incident;
  plan: VoidPlan;
  deliberated: boolean;
}

async function planClose(db: Db, reg: Regulation, o: CloseOptions, effect: Effect, group: string[] | undefined): Promise<Planned> {
  const i = await getIncident(db, o.id);
  if (!i) throw inputError(`incident n° ${o.id} inconnu (ccst incidents list)`);
  if (!isOpen(i)) throw ruleConflict(`incident n° ${o.id} déjà clos le ${i.closedAt!.slice(0, 10)} (effet ${i.effet}) : la décision enregistrée n’est pas remplacée`);
  if (!i.fraude && changesResult(effect)) throw ruleConflict(`incident n° ${o.id} : pas une suspicion de fraude, aucune sanction disciplinaire ne s’y applique (--effet aucune_sanction)`);
  const unit = reg.units.find((u) => u.epreuve === i.epreuve)?.code;
  if (!unit) throw inputError(`incident n° ${o.id} : épreuve ${i.epreuve} absente du règlement`);
  const notes = await notesOfCandidates(db, [i.numero]);
  const stored = new Map<string, string>();
  for (const [key, n] of notes) stored.set(key.split('\u0000')[1]!, n.value);
  const plan = voidPlan({ effect, unit, group, stored });
  if (plan.refused.length) {
    throw ruleConflict(`incident n° ${o.id} : ${plan.refused.map((r) => `${r.unite} = « ${terminalSafe(r.stored)} »`).join(', ')} : pas une épreuve de cette session (bénéfice, report ou dispense), la décision ne l’annule pas ; rien n’a été enregistré`);
  }
  const deliberated = (await db.selectFrom('results').select('numero').where('numero', '=', i.numero).executeTakeFirst()) !== undefined;
  return { incident: i, plan, deliberated };
}

export async function closeCommand(ctx: Ctx, o: CloseOptions): Promise<void> {
  const { effect, years, group, sursis } = checkedEffect(o);
  // The sursis is recorded with the duration and printed wherever the decision is; the notes are those of the sanction.
  const effet = formatEffet(effect.code, years, sursis);
  const discipline = loadDiscipline();
  const ws = await openExistingWorkspace(ctx, o, o.dryRun ? 'read' : 'write');
  try {
    const reg = await sessionRegulation(ws.db);
    const units = groupUnits(reg, group);
    const source = disciplineSource(o.id);
    const motif = `sanction disciplinaire (incident n° ${o.id}, ${effetLabel(discipline, effet)}) : réputé présent sans avoir subi l’épreuve`;
    const planned = o.dryRun
      ? await planClose(ws.db, reg, o, effect, units)
      : await mutate(ws, 'incidents close', ctx.now(), async (trx) => {
          const p = await planClose(trx, reg, o, effect, units);
          await closeIncident(trx, ctx.now(), o.id, o.decision, effet);
          await applyVoidPlan(trx, ctx.now(), source, p.incident.numero, p.plan, motif);
          return { result: p, detail: { id: o.id, numero: p.incident.numero, epreuve: p.incident.epreuve, decision: o.decision, effet, voided: p.plan.writes } };
        });
    const { incident, plan } = planned;
    const again = changesResult(effect);
    if (o.json) {
      ctx.stdout.write(JSON.stringify({ id: o.id, numero: incident.numero, decision: o.decision, effet: effect.code, dureeAnnees: years ?? null, sursis, notesAnnulees: plan.writes, nouvelleDeliberation: again, aConfirmer: effect.aConfirmer, dryRun: Boolean(o.dryRun) }, null, 2) + '\n');
    }
    const numero = terminalSafe(incident.numero);
    if (o.dryRun) say(ctx, 'Simulation (--dry-run) : rien n’a été enregistré.');
    say(ctx, `Incident n° ${o.id} ${o.dryRun ? 'serait clos' : 'clos'} : ${terminalSafe(o.decision)} — effet : ${effetLabel(discipline, effet)}.`);
    for (const w of plan.writes) say(ctx, `  ${numero} ${w.unite} : ${w.old === undefined ? '(pas de note)' : terminalSafe(w.old)} → NUL (épreuve annulée : réputé présent sans l’avoir subie, comptée 0)`);
    if (effect.aConfirmer) say(ctx, ctx.color.yellow(`Attention : effet à confirmer — ${effect.source} (templates/discipline/bts-fraude.json).`));
    const sursisRule = effect.duration?.sursis;
    if (sursis && sursisRule?.aConfirmer) say(ctx, ctx.color.yellow(`Attention : effet à confirmer — sursis : ${sursisRule.source} (templates/discipline/bts-fraude.json).`));
    if (!incident.fraude) return;
    if (again) {
      say(ctx, `Nouvelle délibération nécessaire (« la commission d’examen est saisie pour une nouvelle délibération sur les résultats obtenus par l’intéressé ») : le relevé de ${numero} reste retenu jusqu’à la prochaine délibération (ccst deliberate)${planned.deliberated ? '' : ' — le candidat n’a pas encore été délibéré'}.`);
    } else {
      say(ctx, `Le résultat délibéré de ${numero} s’applique : son relevé de notes peut être édité (ccst releves).`);
    }
  } finally {
    await ws.close();
  }
}
