// ccst commissions list: what `commissions build` decided (issue #13 §6) — centre, day, épreuve, commission, members
// with their seat, profile and établissement, and the candidates schedule-orals placed before it (by commission
// number; EF3 passages sit before their U61 commission) — as CSV/XLSX (one row per commission) or JSON (nested).
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { inputError } from '../errors.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { claimOutputs } from '../output-policy.js';
import { sessionRegulation } from '../../store/session.js';
import { listCentres } from '../../store/centres.js';
import { listCommissions, listExaminers } from '../../store/examiners.js';
import { commissionName } from '../../domain/examiners/planned.js';
import { writeTable, type OutCell } from '../../io/table-writer.js';
import { readPlanned } from '../commissions/planned-input.js';
import { readBasis, REBUILD_HINT, staleLines } from '../commissions/staleness.js';
import { staleCommissions } from '../../domain/examiners/staleness.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  output: z.string().default('-'),
  csvFormat: z.enum(['excel-fr', 'rfc4180']).default('excel-fr'),
  json: z.boolean().optional(),
  force: z.boolean().optional(),
});

const COLUMNS = ['centre_uai', 'centre_nom', 'date', 'epreuve', 'commission', 'debut', 'fin', 'membres', 'nb_candidats', 'candidats'];

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  await claimOutputs(ctx, [opts.json ? undefined : opts.output], { workspace: opts, force: opts.force });
  const ws = await openExistingWorkspace(ctx, opts, 'read');
  try {
    const reg = await sessionRegulation(ws.db);
    const stored = await listCommissions(ws.db);
    if (!stored.length) throw inputError('aucune commission : lancez d’abord ccst commissions build');
    const examiners = new Map((await listExaminers(ws.db)).map((e) => [e.email, e]));
    const { planned, slots, candidates } = await readPlanned(ws.db, reg);
    const plannedByName = new Map(planned.map((p) => [commissionName(p), p]));
    const passage = new Map(slots.map((s) => [`${s.numero}\u0000${s.epreuve}`, s.passage]));
    const centreName = new Map((await listCentres(ws.db)).filter((c) => c.type === 'oral').map((c) => [c.uai, c.nom]));

    // Issue #13 §2: stored commissions that no longer match the timetable are named, never listed silently.
    const staleList = staleCommissions(stored, await readBasis(ws.db), planned);
    const stale = staleList.filter((s) => s.kind !== 'unbuilt').map((s) => s.name);
    const unbuilt = staleList.filter((s) => s.kind === 'unbuilt').map((s) => s.name);
    if (staleList.length) {
      say(ctx, ctx.color.yellow(`Attention : ${staleList.length} commission(s) ne correspondent plus aux horaires d’oral :`));
      for (const l of staleLines(staleList).slice(0, 20)) say(ctx, `  ${l}`);
      if (staleList.length > 20) say(ctx, `  … et ${staleList.length - 20} autre(s).`);
      say(ctx, REBUILD_HINT);
    }

    const view = stored.map((c) => {
      const p = plannedByName.get(c.name);
      const members = c.members.map((m) => {
        const e = examiners.get(m.email);
        return {
          email: m.email, nom: e?.nom ?? '', prenom: e?.prenom ?? '', role: m.role, how: m.how, profils: e?.profils ?? [],
          etablissementUai: e?.etablissementUai ?? null, pinned: m.pinned,
        };
      });
      const cands = (p?.candidates ?? []).map((k) => {
        const cand = candidates.get(k.numero);
        return { numero: k.numero, nom: cand?.nom ?? '', prenom: cand?.prenom ?? '', epreuve: k.epreuve, passage: passage.get(`${k.numero}\u0000${k.epreuve}`) ?? null, etablissementUai: k.etablissementUai ?? null };
      }).sort((a, b) => (a.passage ?? '').localeCompare(b.passage ?? '') || a.numero.localeCompare(b.numero));
      return { name: c.name, centreUai: c.centreUai, centreNom: centreName.get(c.centreUai) ?? '', date: c.date, epreuve: c.epreuve, number: c.number, start: c.start, end: c.end, pinned: c.pinned, members, candidates: cands };
    });

    if (opts.json) {
      ctx.stdout.write(JSON.stringify({ commissions: view, stale, unbuilt, staleDetails: staleList }, null, 2) + '\n');
      return;
    }
    const rows = view.map((c): OutCell[] => [
      c.centreUai, c.centreNom, c.date, c.epreuve, c.name, c.start, c.end,
      c.members.map((m) => `${m.nom} ${m.prenom} <${m.email}> — ${m.role}${m.how === 'fallback' ? ' (à défaut)' : ''} ; ${m.profils.join(', ')} ; ${m.etablissementUai ?? 'sans établissement'}${m.pinned ? ' ; épinglé' : ''}`).join(' | '),
      c.candidates.length,
      c.candidates.map((k) => `${k.passage ?? ''} ${k.numero} ${k.nom} ${k.prenom}${k.epreuve !== c.epreuve ? ` (${k.epreuve})` : ''}`.trim()).join(' | '),
    ]);
    const target = opts.output === '-' ? '-' : path.resolve(ctx.cwd, opts.output);
    await writeTable(target, ctx.stdout, { columns: COLUMNS, rows, sheetName: 'Commissions' }, { csvFormat: opts.csvFormat });
    if (target !== '-') say(ctx, `${rows.length} commission(s) écrite(s) dans ${target}`);
  } finally {
    await ws.close();
  }
}
