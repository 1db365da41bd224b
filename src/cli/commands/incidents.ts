// ccst incidents add | list | close | report (issue #14 §4): incidents and fraud suspicions reported from the rooms,
// the disciplinary decision that closes them and its effect on the result (cli/incidents/close.ts), and the report for the division
// des examens (documents/fraud-report.ts). Every add and close is one transaction with its audit_log row.
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { say } from '../context.js';
import { parseOptions } from '../options.js';
import { inputError, usageError } from '../errors.js';
import { terminalSafe } from '../terminal-text.js';
import { claimOutputs } from '../output-policy.js';
import { commitLast } from '../commit-last.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { attendanceContext } from '../attendance/context.js';
import { mutate } from '../../store/workspace.js';
import { readSessionInfo, sessionRegulation } from '../../store/session.js';
import { listCentres } from '../../store/centres.js';
import { addIncident, getIncident, listIncidents } from '../../store/incidents.js';
import { loadDiscipline } from '../../io/discipline-file.js';
import { effetLabel, parseEffet } from '../../domain/incidents/effects.js';
import { closeCommand, closeSchema } from '../incidents/close.js';
import { isOpen, type Incident } from '../../domain/incidents/incident.js';
import { academieLabel, modelHeading } from '../../documents/heading.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '--heure attend HH:MM (heure locale du centre), ex. 15:10');
const id = z.coerce.number({ error: 'numéro d’incident attendu (ccst incidents list)' }).int().positive('numéro d’incident attendu (ccst incidents list)');
const common = { workspace: z.string().optional(), json: z.boolean().optional() };

const addSchema = z.object({
  ...common,
  numero: z.string({ error: '--numero est obligatoire' }).trim().min(1),
  epreuve: z.string({ error: '--epreuve est obligatoire' }).regex(/^E[A-Z0-9]+$/i, '--epreuve attend un code, ex. E5').transform((s) => s.toUpperCase()),
  salle: z.string().trim().min(1).max(100).optional(),
  heure: z.string({ error: '--heure est obligatoire (HH:MM)' }).pipe(hhmm),
  faits: z.string({ error: '--faits "…" est obligatoire' }).trim().min(3, '--faits : décrivez les faits').max(3000),
  pieces: z.string().trim().min(1).max(1500).optional(),
  fraude: z.boolean().optional(),
});
const reportSchema = z.object({ ...common, id, output: z.string().optional(), force: z.boolean().optional() });

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  switch (input.sub) {
    case 'add': return add(ctx, parseOptions(addSchema, input));
    case 'list': return list(ctx, parseOptions(z.object(common), input));
    case 'close': return closeCommand(ctx, parseOptions(closeSchema, input));
    case 'report': return report(ctx, parseOptions(reportSchema, input));
    default: throw usageError(`sous-commande inconnue : ${String(input.sub)}`);
  }
}

async function add(ctx: Ctx, o: z.infer<typeof addSchema>): Promise<void> {
  const ws = await openExistingWorkspace(ctx, o, 'write');
  try {
    const reg = await sessionRegulation(ws.db);
    const ac = await attendanceContext(ws.db, reg);
    if (!ac.candidates.has(o.numero)) throw inputError(`candidat ${o.numero} absent du workspace`);
    if (!ac.epreuves.has(o.epreuve)) throw inputError(`épreuve ${o.epreuve} inconnue du règlement (${[...ac.epreuves].join(', ')})`);
    const incident = { numero: o.numero, epreuve: o.epreuve, centreUai: ac.centreOf(o.numero, o.epreuve), salle: o.salle, heure: o.heure, faits: o.faits, pieces: o.pieces, fraude: Boolean(o.fraude) };
    const newId = await mutate(ws, 'incidents add', ctx.now(), async (trx) => {
      const n = await addIncident(trx, ctx.now(), incident);
      return { result: n, detail: { id: n, numero: o.numero, epreuve: o.epreuve, fraude: incident.fraude } };
    });
    if (o.json) ctx.stdout.write(JSON.stringify({ id: newId, ...incident }, null, 2) + '\n');
    say(ctx, `Incident n° ${newId} enregistré : ${terminalSafe(o.numero)}, ${o.epreuve}, ${o.heure}${incident.fraude ? ' — suspicion de fraude' : ''}.`);
    if (incident.fraude) {
      say(ctx, `Procédure de fraude ouverte : le PV de délibération la signale et le relevé de notes est retenu jusqu’à la décision (ccst incidents close ${newId}).`);
      say(ctx, `Rapport pour la division des examens : ccst incidents report ${newId} -o fraude-${newId}.pdf`);
    }
  } finally {
    await ws.close();
  }
}

const stateOf = (i: Incident) => (isOpen(i) ? 'ouvert' : `clos (${i.effet})`);
/** « interdiction:2:sursis » → effet interdiction, dureeAnnees 2, sursis (the stored form, effects.ts formatEffet). */
function effetFields(stored: string): { effet: string; dureeAnnees?: number; sursis?: boolean } {
  const { code, years, sursis } = parseEffet(stored);
  return years === undefined ? { effet: code } : { effet: code, dureeAnnees: years, sursis: Boolean(sursis) };
}

async function list(ctx: Ctx, o: { workspace?: string; json?: boolean }): Promise<void> {
  const ws = await openExistingWorkspace(ctx, o, 'read');
  try {
    const incidents = await listIncidents(ws.db);
    if (o.json) {
      ctx.stdout.write(JSON.stringify(incidents.map((i) => ({ ...i, ...(i.effet ? effetFields(i.effet) : {}), etat: isOpen(i) ? 'ouvert' : 'clos' })), null, 2) + '\n');
    } else {
      for (const i of incidents) {
        ctx.stdout.write(terminalSafe(`${i.id}\t${i.numero}\t${i.epreuve}\t${i.centreUai ?? '-'}\t${i.salle ?? '-'}\t${i.heure}\t${i.fraude ? 'fraude' : 'incident'}\t${stateOf(i)}\t${i.faits.replace(/\s+/g, ' ').slice(0, 80)}`) + '\n');
      }
    }
    const open = incidents.filter((i) => i.fraude && isOpen(i)).length;
    say(ctx, `${incidents.length} incident(s), dont ${open} procédure(s) de fraude en cours.`);
  } finally {
    await ws.close();
  }
}

async function report(ctx: Ctx, o: z.infer<typeof reportSchema>): Promise<void> {
  const output = o.output ?? `fraude-${o.id}.pdf`;
  if (path.extname(output).toLowerCase() !== '.pdf') throw usageError(`-o ${output} : un fichier .pdf est attendu`);
  await claimOutputs(ctx, [output], { workspace: o, force: o.force });
  const ws = await openExistingWorkspace(ctx, o, 'read');
  try {
    const i = await getIncident(ws.db, o.id);
    if (!i) throw inputError(`incident n° ${o.id} inconnu (ccst incidents list)`);
    const reg = await sessionRegulation(ws.db);
    const info = await readSessionInfo(ws.db);
    const ac = await attendanceContext(ws.db, reg);
    const c = ac.candidates.get(i.numero);
    const centre = i.centreUai ? (await listCentres(ws.db)).find((x) => x.uai === i.centreUai) : undefined;
    const day = reg.calendar.written.find((e) => e.epreuve === i.epreuve)?.date;
    const unit = reg.units.find((u) => u.epreuve === i.epreuve);
    const view = {
      runningTitle: modelHeading(reg, info?.session ?? reg.session), academie: academieLabel(reg, info?.academie), id: i.id, fraude: i.fraude,
      numero: i.numero, nom: c?.nom, prenom: c?.prenom, dateNaissance: c?.dateNaissance ? `${c.dateNaissance.slice(8, 10)}/${c.dateNaissance.slice(5, 7)}/${c.dateNaissance.slice(0, 4)}` : undefined,
      etablissement: c?.etablissement ?? c?.etablissementUai, epreuve: i.epreuve, epreuveTitle: unit?.title, date: day ? `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}` : undefined,
      centre: centre ? `${centre.nom}${centre.commune ? ` – ${centre.commune}` : ''} (${centre.uai})` : i.centreUai, salle: i.salle, heure: i.heure, faits: i.faits, pieces: i.pieces,
      decision: i.decision ? `${i.decision} (effet : ${effetLabel(loadDiscipline(), i.effet!)}, le ${i.closedAt!.slice(0, 10)})` : undefined,
    };
    const { writePdfFile } = await import('../../documents/render/index.js');
    const { drawFraudReport } = await import('../../documents/fraud-report.js');
    const file = path.resolve(ctx.cwd, output);
    await commitLast({ targets: [output], cwd: ctx.cwd, render: async () => {
      await writePdfFile(file, { title: `Rapport ${i.fraude ? 'de fraude' : 'd’incident'} n° ${i.id}`, creationDate: ctx.now() }, async (w) => drawFraudReport(w, view));
    } });
    say(ctx, ctx.color.green(`Rapport ${i.fraude ? 'de fraude' : 'd’incident'} n° ${i.id} : ${file}`));
  } finally {
    await ws.close();
  }
}
