// ccst stats: the session's figures after a deliberation (issue 15 item 3) — inscrits, présents, délibérés,
// admis, pass rate and decisions overall and per établissement / voie / académie / centre, the moyenne générale
// and each épreuve's distribution, the CONTROLE candidates; PDF with charts, XLSX, JSON, PNG charts; optionally
// beside a previous session's PV.
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { usageError } from '../errors.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { readSessionInfo, sessionRegulation } from '../../store/session.js';
import { resultCount } from '../../store/statistics.js';
import { BREAKDOWNS, sessionStatistics, type SessionCandidate } from '../../domain/statistics/session.js';
import { formatRate } from '../../domain/statistics/rate.js';
import { DECISIONS } from '../../domain/deliberation/decide.js';
import { sessionTally, unitNotes } from '../statistics/session-data.js';
import { sessionView, type SessionView } from '../../documents/statistics/session-view.js';
import { readPv } from '../../io/pv-reader.js';
import { writeReport } from '../statistics/report-outputs.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  output: z.string().optional(),
  by: z.enum(BREAKDOWNS).optional(),
  compare: z.string().optional(),
  png: z.string().optional(),
  json: z.boolean().optional(),
  force: z.boolean().optional(),
});

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const format = opts.output ? path.extname(opts.output).toLowerCase() : undefined;
  if (format !== undefined && !['.pdf', '.xlsx', '.json'].includes(format)) throw usageError(`-o ${opts.output} : .pdf, .xlsx ou .json attendu`);
  const ws = await openExistingWorkspace(ctx, opts, 'read');
  let view: SessionView;
  try {
    if ((await (await resultCount(ws.db))) === 0) {
      throw usageError('aucune délibération dans ce workspace : les statistiques de session se font après `ccst deliberate`.');
    }
    const reg = await sessionRegulation(ws.db);
    const info = await readSessionInfo(ws.db);
    const by = opts.by ? [opts.by] : BREAKDOWNS;
    const stats = (await sessionTally(ws.db, reg, by)).statistics();
    view = sessionView(info?.session ?? reg.session, info?.academie ?? null, stats, await (await unitNotes(ws.db, reg)));
  } finally {
    await ws.close();
  }
  if (opts.compare) {
    const pv = await readPv(opts.compare);
    const previous = sessionStatistics(
      pv.lines.map((l): SessionCandidate => ({
        keys: { etablissement: l.etablissement, voie: '', academie: '', centre: '' },
        // A PV lists deliberated candidates: each was present (the PV does not say otherwise).
        present: true,
        decision: l.decision,
        moyenneH: l.moyenneH,
        firstDecision: null,
        controleRaised: 0,
      })),
      ['etablissement'],
    );
    view.comparaison = { fichier: pv.name, total: previous.total, parEtablissement: previous.breakdowns.etablissement!, moyennes: { effectif: previous.moyennes, repartition: previous.moyenneBins } };
  }

  await writeReport(ctx, opts, format, view, {
    charts: async (v) => (await import('../../documents/statistics/session-pdf.js')).sessionCharts(v),
    pdf: async (file, v, now) => (await import('../../documents/statistics/session-pdf.js')).writeSessionPdf(file, v, now),
    xlsx: async (file, v) => (await import('../../documents/statistics/session-xlsx.js')).writeSessionXlsx(file, v),
    text: textReport,
  }, [opts.compare]);
}

/** The figures for a terminal (stdout): totals, decisions, each breakdown. */
function textReport(v: SessionView): string {
  const t = v.total;
  const lines = [
    `Session ${v.session}${v.academie ? ` — académie de ${v.academie}` : ''}`,
    `Inscrits ${t.inscrits} — présents ${t.presents} — délibérés ${t.deliberes} — admis ${t.admis} (${formatRate(t.admis, t.deliberes)})`,
    'Décisions : ' + DECISIONS.map((d) => `${d} ${t.decisions[d]}`).join(', '),
    `Contrôle : ${v.controle.total} candidat(s), ${v.controle.pending} en attente, après contrôle ADMIS ${v.controle.after.ADMIS}, AJOURNE ${v.controle.after.AJOURNE}`,
  ];
  if (v.comparaison) {
    const c = v.comparaison.total;
    lines.push(`${v.comparaison.fichier} : délibérés ${c.deliberes} — admis ${c.admis} (${formatRate(c.admis, c.deliberes)})`);
  }
  for (const g of v.parGroupe) {
    lines.push('', `${g.titre} :`);
    for (const x of g.groupes) lines.push(`  ${x.key} : ${x.admis} / ${x.deliberes} admis (${formatRate(x.admis, x.deliberes)}), ${x.inscrits} inscrit(s)`);
  }
  lines.push('', 'Épreuves :');
  for (const e of v.epreuves) lines.push(`  ${e.epreuve} : ${e.effectif} note(s), moyenne ${e.moyenne === null ? '—' : String(e.moyenne).replace('.', ',')}`);
  return lines.join('\n') + '\n';
}
