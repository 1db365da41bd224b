// ccst controle convocations | bordereaux: the documents of the épreuves de contrôle from the stored timetable
// (ccst controle schedule). Convocations: one page per candidate; bordereaux: one per unit, day and commission,
// with the first-session note and the contrôle note once entered. PDF (bordereaux also XLSX), written atomically.
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { say } from '../context.js';
import { parseOptions } from '../options.js';
import { ruleConflict, usageError } from '../errors.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { centresByUai } from '../../store/rosters.js';
import { candidatesByNumero } from '../../store/candidates.js';
import { modelHeading, academieLabel } from '../../documents/heading.js';
import { centreText } from '../../documents/convocation.js';
import { formatHundredths } from '../../domain/candidate.js';
import { formatNoteCell } from '../../domain/deliberation/note-cell.js';
import { parseTempsMajore } from '../../domain/scheduling/durations.js';
import { durationOf } from '../../domain/controle/schedule.js';
import type { ControleBordereauView, ControleConvocationView } from '../../documents/controle.js';
import { loadControleData } from '../controle/session-data.js';
import { claimOutputs } from '../output-policy.js';

const optionsSchema = z.object({
  kind: z.enum(['convocations', 'bordereaux']),
  workspace: z.string().optional(),
  output: z.string().optional(),
  force: z.boolean().optional(),
});

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const output = path.resolve(ctx.cwd, opts.output ?? `controle-${opts.kind}.pdf`);
  const ext = path.extname(output).toLowerCase();
  if (ext !== '.pdf' && !(opts.kind === 'bordereaux' && ext === '.xlsx')) {
    throw usageError(`${opts.output} : attendu un fichier .pdf${opts.kind === 'bordereaux' ? ' ou .xlsx' : ''}`);
  }
  await claimOutputs(ctx, [output], { workspace: opts, force: opts.force });
  const ws = await openExistingWorkspace(ctx, opts, 'read');
  try {
    const data = await loadControleData(ws.db);
    if (!data.slots.length) throw ruleConflict('aucun oral de contrôle planifié', ['ccst controle schedule --centre UAI --dates AAAA-MM-JJ']);
    const heading = modelHeading(data.reg, data.session);
    const label = (u: string) => data.regime.epreuves.find((e) => e.unite === u)?.label ?? u;
    const centres = new Map<string, string>();
    for (const uai of new Set(data.slots.map((s) => s.centre_uai))) {
      const c = (await centresByUai(ws.db, uai))[0];
      centres.set(uai, c ? centreText({ uai: c.uai, nom: c.nom, adresse: c.adresse ?? undefined, codePostal: c.code_postal ?? undefined, commune: c.commune ?? undefined }) : uai);
    }
    const centreOf = (uai: string) => centres.get(uai)!;
    const registered = await candidatesByNumero(ws.db, [...new Set(data.slots.map((s) => s.numero))]);
    const { writePdfFile } = await import('../../documents/render/index.js');
    if (opts.kind === 'convocations') {
      const { drawControleConvocation } = await import('../../documents/controle.js');
      const views: ControleConvocationView[] = [...groupBy(data.slots, (s) => s.numero)].sort(([a], [b]) => (a < b ? -1 : 1)).map(([numero, slots]) => {
        const r = data.results.get(numero)!;
        const c = registered.get(numero);
        const t = parseTempsMajore(c?.tempsMajore);
        const extra = t.ok ? t.value : undefined;
        return {
          heading, academie: academieLabel(data.reg, data.academie), regimeLabel: data.regime.label,
          candidate: { numero, nom: r.nom, prenom: r.prenom, etablissement: r.etablissement, adresse: c?.adresse, codePostal: c?.codePostal, commune: c?.commune, tempsMajore: c?.tempsMajore },
          firstMotif: `CONTROLE — ${r.motif}`,
          centre: centreOf(slots[0]!.centre_uai),
          orals: slots.sort((a, b) => (a.date + a.start < b.date + b.start ? -1 : 1)).map((s) => {
            const d = durationOf(data.regime, s.unite, extra);
            return { unite: s.unite, label: label(s.unite), date: s.date, start: s.start, passage: s.passage, end: s.end, commission: s.commission, preparation: d.preparation, interrogation: d.interrogation };
          }),
        };
      });
      const { pages } = await writePdfFile(output, { title: 'Convocations aux épreuves de contrôle', creationDate: ctx.now() }, async (w) => {
        for (const v of views) drawControleConvocation(w, v);
      });
      say(ctx, `Convocations aux épreuves de contrôle : ${output} (${views.length} candidat(s), ${pages} page(s)).`);
      return;
    }
    const views: ControleBordereauView[] = [...groupBy(data.slots, (s) => `${s.date} ${s.unite} ${s.commission}`)].map(([, slots]) => {
      const s0 = slots[0]!;
      return {
        heading, unite: s0.unite, label: label(s0.unite), date: s0.date, commission: s0.commission, centre: centreOf(s0.centre_uai),
        lines: slots.sort((a, b) => (a.passage < b.passage ? -1 : 1)).map((s) => {
          const r = data.results.get(s.numero)!;
          const n = data.notes.get(s.numero)?.get(s.unite);
          return { numero: s.numero, nom: r.nom, prenom: r.prenom, passage: s.passage, premiere: formatNoteCell(r.cells.get(s.unite)), note: n === undefined ? undefined : n === 'ABS' ? 'ABS' : formatHundredths(n) };
        }),
      };
    });
    if (ext === '.xlsx') {
      const { writeWorkbook } = await import('../../documents/workbook.js');
      await writeWorkbook(output, views.map((v) => ({
        name: `${v.unite} ${v.date.slice(5)} C${v.commission}`,
        title: [heading, `BORDEREAU DE NOTATION — ÉPREUVES DE CONTRÔLE — ${v.unite} ${v.label}`, `${v.date} — commission ${v.commission} — ${v.centre}`],
        columns: ['numero', 'nom', 'prenom', 'passage', 'note_premiere_session', 'note_controle'],
        widths: [12, 24, 20, 8, 12, 12],
        rows: v.lines.map((l) => [l.numero, l.nom, l.prenom, l.passage, l.premiere, l.note ?? null]),
      })));
    } else {
      const { drawControleBordereau } = await import('../../documents/controle.js');
      await writePdfFile(output, { title: 'Bordereaux des épreuves de contrôle', creationDate: ctx.now() }, async (w) => {
        for (const v of views) drawControleBordereau(w, v);
      });
    }
    say(ctx, `Bordereaux des épreuves de contrôle : ${output} (${views.length} bordereau(x)).`);
  } finally {
    await ws.close();
  }
}

function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of list) m.set(key(t), [...(m.get(key(t)) ?? []), t]);
  return m;
}
