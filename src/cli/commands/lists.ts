// ccst lists --centre UAI: for one centre, the liste d'appel and the liste d'émargement of every épreuve (written:
// per épreuve; orals: per day and commission), PDF and XLSX, and the blank bordereaux de notation of each group.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { startProgress } from '../progress.js';
import { say } from '../context.js';
import { ruleConflict, usageError } from '../errors.js';
import { refuseGroupsWithoutLanguage } from '../language-check.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { sessionRegulation } from '../../store/session.js';
import { requireKnownCentre } from '../centre-option.js';
import { groupLabel, type RosterGroup } from '../../domain/rosters/groups.js';
import { parseRooms, splitIntoRooms } from '../../domain/rosters/rooms.js';
import type { OutCell } from '../../io/table-writer.js';
import type { PdfWriter } from '../../documents/render/index.js';
import { loadGroups, rosterContext } from '../roster-data.js';
import { bordereauSheet } from './bordereaux.js';
import { amenagementText } from '../../domain/amenagements.js';
import { claimOutputs } from '../output-policy.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  centre: z.string({ message: '--centre est obligatoire (code UAI du centre, ex. --centre 0310028M)' }).transform((s) => s.trim().toUpperCase()),
  output: z.string().optional(),
  salles: z.string().optional(),
  force: z.boolean().optional(),
});

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const ws = await openExistingWorkspace(ctx, opts, 'read');
  try {
    const reg = await sessionRegulation(ws.db);
    (await requireKnownCentre(ws.db, opts.centre));
    const byEpreuve = await loadGroups(ws.db, reg, reg.units, { centre: opts.centre });
    if (byEpreuve.length === 0) throw usageError(`aucun candidat affecté au centre ${opts.centre}`, ['Lancez d’abord `ccst assign-centres` (et `ccst schedule-orals` pour les oraux).']);
    refuseGroupsWithoutLanguage(byEpreuve, `listes du centre ${opts.centre} impossibles`);
    const groups = opts.salles ? splitWritten(byEpreuve, opts.salles) : byEpreuve;
    const dir = path.resolve(ctx.cwd, opts.output ?? `listes-${opts.centre}`);
    const file = (name: string) => path.join(dir, `${name}-${opts.centre}`);
    await claimOutputs(ctx, [...['appel', 'emargement', 'bordereaux-vierges'].map((n) => `${file(n)}.pdf`), `${file('listes')}.xlsx`, `${file('bordereaux-vierges')}.xlsx`], { workspace: opts, force: opts.force });
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 }); // personal data: owner only, like the files (issue #9 item 9)
    const rctx = await rosterContext(ws.db, reg);
    const { writePdfFile } = await import('../../documents/render/index.js');
    const { drawRollCall, drawSignInSheet, drawBordereau, epreuveLine } = await import('../../documents/rosters.js');
    const { writeWorkbook } = await import('../../documents/workbook.js');
    const written: string[] = [];
    // Three PDFs (appel, émargement, bordereaux), one page set per group each.
    const progress = startProgress(ctx, 'Listes', { total: groups.length * 3 });
    const withWriter = async (name: string, title: string, draw: (w: PdfWriter, g: RosterGroup) => void) => {
      const target = `${file(name)}.pdf`;
      const { pages } = await writePdfFile(target, { title: `${title} — ${opts.centre}`, creationDate: ctx.now() }, async (w) => {
        for (const [i, g] of groups.entries()) {
          draw(w, g);
          progress.add(1);
          if (i % 50 === 49) await w.yieldToStream();
        }
      });
      written.push(`${path.basename(target)} (${pages} page(s))`);
    };
    await withWriter('appel', 'Listes d’appel', (w, g) => drawRollCall(w, rctx, g));
    await withWriter('emargement', 'Listes d’émargement', (w, g) => drawSignInSheet(w, rctx, g));
    await withWriter('bordereaux-vierges', 'Bordereaux de notation', (w, g) => drawBordereau(w, rctx, g));

    progress.done();
    await writeWorkbook(`${file('listes')}.xlsx`, groups.map((g) => listSheet(rctx.heading, epreuveLine(g), g)));
    written.push(path.basename(`${file('listes')}.xlsx`));
    await writeWorkbook(`${file('bordereaux-vierges')}.xlsx`, groups.map((g) => bordereauSheet(rctx.heading, epreuveLine(g), g)));
    written.push(path.basename(`${file('bordereaux-vierges')}.xlsx`));

    say(ctx, `Centre ${opts.centre} : ${groups.length} groupe(s) (épreuve × jour × commission), ${groups.reduce((n, g) => n + g.lines.length, 0)} convocation(s).`);
    for (const g of groups) say(ctx, `  ${g.unit.epreuve.padEnd(4)} ${groupLabel(g)} : ${g.lines.length} candidat(s)`);
    say(ctx, ctx.color.green(`Écrit dans ${dir} : ${written.join(', ')}`));
  } finally {
    await ws.close();
  }
}

/** Written épreuves are split across the rooms given by --salles; orals keep their commissions. */
function splitWritten(groups: RosterGroup[], spec: string): RosterGroup[] {
  const rooms = parseRooms(spec);
  if (!rooms.ok) throw usageError(`--salles : ${rooms.message}`);
  const out: RosterGroup[] = [];
  const short: string[] = [];
  for (const g of groups) {
    if (g.kind !== 'ecrit' && g.kind !== 'centre') {
      out.push(g);
      continue;
    }
    const split = splitIntoRooms(g, rooms.value);
    if (split.ok) out.push(...split.groups);
    else short.push(`${g.unit.epreuve} : ${split.candidates} candidat(s) pour ${split.seats} place(s)`);
  }
  if (short.length > 0) throw ruleConflict('places insuffisantes dans les salles données (--salles) : aucune liste écrite', short);
  return out;
}

/** One sheet per group: the roll-call and sign-in columns together (présent/absent ticked, signature). */
function listSheet(heading: string, epreuve: string, g: RosterGroup) {
  const oral = g.kind === 'oral';
  return {
    name: `${g.unit.epreuve}${g.commission !== undefined ? ` C${g.commission}` : ''}${g.date ? ` ${g.date.slice(5)}` : ''}${g.room ? ` ${g.room}` : ''}`,
    title: [heading, `LISTE D’APPEL ET D’ÉMARGEMENT — ${epreuve}`, groupLabel(g)],
    columns: ['numero', 'nom', 'prenom', ...(oral ? ['heure'] : []), 'amenagement', 'present', 'absent', 'signature'],
    widths: [12, 24, 20, ...(oral ? [8] : []), 30, 9, 9, 24],
    rows: g.lines.map((l): OutCell[] => [
      l.candidate.numero, l.candidate.nom, l.candidate.prenom, ...(oral ? [l.nv ? 'NV' : (l.passage ?? l.start ?? '')] : []),
      l.nv ? 'NV : dossier non conforme, pas d’interrogation' : amenagementText(l.candidate), '', '', '',
    ]),
  };
}
