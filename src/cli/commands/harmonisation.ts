// ccst harmonisation --epreuve E4: the commission d'harmonisation's report of one épreuve (issue 15 item 1) — per
// oral commission, per établissement for CCF, per lot of copies and per correcteur for a written épreuve: counts,
// mean, quartiles, shares < 8 / 8–10 / ≥ 10, difference from the rest with Welch's test, flags; PDF with charts,
// XLSX, JSON, PNG charts. The adjustments the commission decides: `ccst harmonisation apply` (harmonisation-apply.ts).
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { say } from '../context.js';
import { parseOptions } from '../options.js';
import { usageError } from '../errors.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { readSessionInfo, sessionRegulation } from '../../store/session.js';
import { findUnit } from '../../domain/regulation/units.js';
import { countUnit, epreuveNotes, GROUPINGS, harmonisationSection, PARS } from '../statistics/harmonisation-data.js';
import { harmonisationView, VERDICT_TEXT, type HarmonisationView } from '../../documents/statistics/harmonisation-view.js';
import { decimal, pValue } from '../../documents/statistics/format.js';
import { writeReport } from '../statistics/report-outputs.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  epreuve: z.string({ message: '--epreuve est obligatoire (ex. --epreuve E4)' }),
  par: z.enum(PARS).optional(),
  output: z.string().optional(),
  png: z.string().optional(),
  json: z.boolean().optional(),
  force: z.boolean().optional(),
});

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const format = opts.output ? path.extname(opts.output).toLowerCase() : undefined;
  if (format !== undefined && !['.pdf', '.xlsx', '.json'].includes(format)) throw usageError(`-o ${opts.output} : .pdf, .xlsx ou .json attendu`);
  const ws = await openExistingWorkspace(ctx, opts, 'read');
  let view: HarmonisationView;
  try {
    const reg = await sessionRegulation(ws.db);
    const unit = findUnit(reg, opts.epreuve);
    if (!unit) throw usageError(`épreuve inconnue : ${opts.epreuve}`, [`Connues : ${reg.units.map((u) => u.epreuve).join(', ')}`]);
    const wanted = opts.par ? [GROUPINGS[opts.par]] : Object.values(GROUPINGS).filter((g) => g.applies(reg, unit));
    if (opts.par && !GROUPINGS[opts.par].applies(reg, unit)) {
      throw usageError(`${unit.epreuve} ne se passe ${GROUPINGS[opts.par].absent} dans aucune voie : --par ${opts.par} impossible.`);
    }
    if (wanted.length === 0) throw usageError(`${unit.epreuve} n’a ni écrit, ni commission d’oral, ni CCF à harmoniser.`);
    const counted = await countUnit(ws.db, reg, unit, wanted);
    const sections = wanted.map((g) => harmonisationSection(unit, counted, g)).filter((s) => s.report.groups.length > 0);
    if (sections.length === 0) {
      throw usageError(`aucune note de ${unit.epreuve} rattachée à ${wanted.map((g) => g.attachedTo).join(' ni à ')}.`, [
        'Les notes entrent dans le workspace par ccst notes import (bordereaux de lots, notes par numéro) ou ccst deliberate.',
      ]);
    }
    const notes = epreuveNotes(counted);
    const info = await readSessionInfo(ws.db);
    view = harmonisationView(info?.session ?? reg.session, info?.academie ?? null, { unite: unit.code, epreuve: unit.epreuve, ...notes }, sections);
  } finally {
    await ws.close();
  }

  await writeReport(ctx, opts, format, view, {
    charts: async (v) => (await import('../../documents/statistics/harmonisation-pdf.js')).harmonisationCharts(v),
    pdf: async (file, v, now) => (await import('../../documents/statistics/harmonisation-pdf.js')).writeHarmonisationPdf(file, v, now),
    xlsx: async (file, v) => (await import('../../documents/statistics/harmonisation-xlsx.js')).writeHarmonisationXlsx(file, v),
    text: textReport,
  });
  const flagged = view.sections.flatMap((s) => s.groupes.filter((g) => g.avis === 'ecart'));
  if (flagged.length) say(ctx, ctx.color.yellow(`${flagged.length} groupe(s) avec un écart significatif : ${flagged.map((g) => g.libelle).join(' ; ')}`));
}

/** The table for a terminal: one line per group. */
function textReport(v: HarmonisationView): string {
  const n = (x: number | null) => (x === null ? '—' : decimal(x));
  const lines = [`Commission d’harmonisation ${v.epreuve} (${v.unite}) — session ${v.session} : ${v.notes.effectif} note(s), moyenne ${n(v.notes.moyenne)}`];
  for (const s of v.sections) {
    lines.push('', `${s.titre} (${s.effectif} note(s), moyenne ${n(s.moyenne)}) :`);
    for (const g of s.groupes) {
      const diff = g.ecartAuReste === null ? '' : `, écart au reste ${g.ecartAuReste > 0 ? '+' : ''}${n(g.ecartAuReste)} (p = ${pValue(g.p)}, × k = ${pValue(g.pBonferroni)})`;
      lines.push(`  [${g.groupe}] ${g.libelle} : ${g.effectif} note(s), moyenne ${n(g.moyenne)}, médiane ${n(g.mediane)}${diff} — ${VERDICT_TEXT[g.avis]}`);
    }
  }
  return lines.join('\n') + '\n';
}
