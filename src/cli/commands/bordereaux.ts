// ccst bordereaux --epreuve E4: bordereaux de notation per centre/commission (orals), written centre, CCF
// établissement, with the notes stored in the workspace (NV printed in place of the note, circulaire Toulouse 2023
// §1.2.2); PDF or XLSX.
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { requireKnownCentre } from '../centre-option.js';
import { say } from '../context.js';
import { usageError } from '../errors.js';
import { refuseGroupsWithoutLanguage } from '../language-check.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { sessionRegulation } from '../../store/session.js';
import { notesOfUnit } from '../../store/rosters.js';
import { findUnit } from '../../domain/regulation/units.js';
import { groupLabel, type RosterGroup } from '../../domain/rosters/groups.js';
import type { OutCell } from '../../io/table-writer.js';
import { loadGroups, rosterContext } from '../roster-data.js';
import { claimOutputs } from '../output-policy.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  epreuve: z.string({ message: '--epreuve est obligatoire (ex. --epreuve E4)' }),
  centre: z.string().transform((s) => s.trim().toUpperCase()).optional(),
  output: z.string().optional(),
  blank: z.boolean().optional(),
  force: z.boolean().optional(),
});

/** "12,5" → 12.5 for Excel; codes (ABS, NV, BEN 14@2022) stay text. */
export function noteForSheet(v: string | undefined): OutCell {
  if (v === undefined) return null;
  const m = /^(\d{1,2})(?:,(\d{1,2}))?$/.exec(v);
  return m ? (Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || 0)) / 100 : v;
}

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const ws = await openExistingWorkspace(ctx, opts, 'read');
  try {
    const reg = await sessionRegulation(ws.db);
    (await requireKnownCentre(ws.db, opts.centre));
    const unit = findUnit(reg, opts.epreuve);
    if (!unit) throw usageError(`épreuve inconnue : ${opts.epreuve}`, [`Connues : ${reg.units.map((u) => u.epreuve).join(', ')}`]);
    const output = path.resolve(ctx.cwd, opts.output ?? `bordereaux-${unit.epreuve}${opts.centre ? `-${opts.centre}` : ''}.pdf`);
    const ext = path.extname(output).toLowerCase();
    if (ext !== '.pdf' && ext !== '.xlsx') throw usageError(`${opts.output} : attendu un fichier .pdf ou .xlsx`);
    await claimOutputs(ctx, [output], { workspace: opts, force: opts.force });
    const rctx = await rosterContext(ws.db, reg);
    const groups = await loadGroups(ws.db, reg, [unit], { centre: opts.centre });
    if (groups.length === 0) {
      throw usageError(`aucun candidat pour ${unit.epreuve}${opts.centre ? ` au centre ${opts.centre}` : ''}`, ['Importez les candidats (ccst import) et, pour un centre, affectez-les (ccst assign-centres).']);
    }
    refuseGroupsWithoutLanguage(groups, `bordereaux ${unit.epreuve} impossibles`);
    const notes = opts.blank ? undefined : (await notesOfUnit(ws.db, unit.code));
    if (ext === '.pdf') {
      const { writePdfFile } = await import('../../documents/render/index.js');
      const { drawBordereau } = await import('../../documents/rosters.js');
      const { pages } = await writePdfFile(output, { title: `Bordereaux de notation ${unit.epreuve}`, creationDate: ctx.now() }, async (w) => {
        for (const [i, g] of groups.entries()) {
          drawBordereau(w, rctx, g, notes);
          if (i % 50 === 49) await w.yieldToStream();
        }
      });
      say(ctx, `Bordereaux ${unit.epreuve} : ${output} (${groups.length} bordereau(x), ${pages} page(s)).`);
    } else {
      const { writeWorkbook } = await import('../../documents/workbook.js');
      const { epreuveLine } = await import('../../documents/rosters.js');
      await writeWorkbook(output, groups.map((g) => bordereauSheet(rctx.heading, epreuveLine(g), g, notes)));
      say(ctx, `Bordereaux ${unit.epreuve} : ${output} (${groups.length} feuille(s)).`);
    }
    const missing = notes ? groups.flatMap((g) => g.lines).filter((l) => !notes.has(l.candidate.numero)).length : 0;
    if (notes && missing > 0) say(ctx, `${missing} candidat(s) sans note enregistrée pour ${unit.code} : case laissée vide.`);
  } finally {
    await ws.close();
  }
}

export function bordereauSheet(heading: string, epreuve: string, g: RosterGroup, notes?: Map<string, string>) {
  const oral = g.kind === 'oral';
  return {
    name: `${g.unit.epreuve} ${g.centre?.uai ?? g.etablissement?.uai ?? g.kind}${g.commission !== undefined ? ` C${g.commission}` : ''}${g.date ? ` ${g.date.slice(5)}` : ''}${g.room ? ` ${g.room}` : ''}`,
    title: [heading, `BORDEREAU DE NOTATION — ${epreuve}`, groupLabel(g)],
    // numero + epreuve + note: the filled sheet is a notes file `ccst deliberate` reads back (long layout).
    columns: ['numero', 'nom', 'prenom', ...(oral ? ['heure'] : []), 'note', 'observations', 'epreuve'],
    widths: [12, 24, 20, ...(oral ? [8] : []), 10, 30, 9],
    rows: g.lines.map((l): OutCell[] => [
      l.candidate.numero, l.candidate.nom, l.candidate.prenom, ...(oral ? [l.passage ?? l.start ?? ''] : []),
      // Circulaire Toulouse 2023 §1.2.2: a non-conforming dossier is written NV on the bordereau.
      noteForSheet(notes?.get(l.candidate.numero) ?? (l.nv ? 'NV' : undefined)), l.nv ? 'dossier non conforme, pas d’interrogation' : '',
      g.unit.epreuve,
    ]),
  };
}
