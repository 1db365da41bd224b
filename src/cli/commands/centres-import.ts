// ccst centres import <file>: the written and oral centres of the session (circulaire nationale §1-B: each rector
// designates the written centres, the pilot académie the oral centres). All rows are checked before anything is
// written; one transaction; re-importing the same file changes nothing (upsert by UAI and type).
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { inputError } from '../errors.js';
import { formatIssues } from '../issue-report.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { cellText, recordOf, type ColumnSpec } from '../../io/header-mapping.js';
import { openKeyedTable } from '../import/keyed-table.js';
import { mutate } from '../../store/workspace.js';
import { readSessionInfo, sessionRegulation } from '../../store/session.js';
import { checkSessionDate, sessionWindow } from '../../domain/calendar/session-window.js';
import { centreKeys, upsertCentres } from '../../store/centres.js';
import { parseCentreRow, type CentreCells, type CentreField } from '../../domain/assignment/centre-row.js';
import { formatLangues, type Centre } from '../../domain/assignment/centre.js';
import type { CellIssue } from '../../domain/validation.js';

const SPECS: (ColumnSpec & { name: CentreField })[] = [
  { name: 'uai', aliases: ['code uai', 'rne', 'code rne', 'uai centre', 'numero uai'], required: true },
  { name: 'nom', maxLength: 150, aliases: ['nom du centre', 'centre', 'etablissement', 'libelle'], required: true },
  { name: 'adresse', maxLength: 200, aliases: ['adresse postale', 'rue'] },
  { name: 'code_postal', aliases: ['cp', 'code postal'] },
  { name: 'commune', maxLength: 100, aliases: ['ville', 'localite'] },
  { name: 'academie', aliases: ['academie du centre', 'acad'], required: true },
  { name: 'type', aliases: ['type de centre', 'nature'], required: true },
  { name: 'epreuves', aliases: ['epreuve', 'epreuves organisees', 'unites'], required: true },
  { name: 'capacite', aliases: ['places', 'nombre de places', 'capacite d accueil'], required: true },
  { name: 'dates', aliases: ['date', 'jours', 'dates des oraux', 'dates d oral'] },
  { name: 'langues', aliases: ['langue', 'langues proposees'] },
  { name: 'origines', aliases: ['origine', 'etablissements d origine', 'origine des candidats'] },
  { name: 'zone', aliases: ['zone horaire'] },
];

const optionsSchema = z.object({
  file: z.string().min(1, 'fichier des centres attendu'),
  workspace: z.string().optional(),
  sheet: z.string().optional(),
  dryRun: z.boolean().optional(),
  json: z.boolean().optional(),
});

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const ws = await openExistingWorkspace(ctx, opts);
  try {
    const reg = (await sessionRegulation(ws.db));
    const window = sessionWindow(reg, (await readSessionInfo(ws.db))?.session ?? reg.session);
    const { name, header, rest, label } = await openKeyedTable(ctx, opts.file, opts.sheet, SPECS);
    const issues: CellIssue[] = [];
    const centres: Centre[] = [];
    const seen = new Map<string, number>();
    for await (const raw of rest) {
      const rec = recordOf(raw, header);
      if (rec.blank) continue;
      const cells: CentreCells = {};
      for (const [k, v] of rec.values) cells[k as CentreField] = v instanceof Date && k === 'dates' ? v : cellText(v);
      const res = parseCentreRow(reg, cells);
      for (const i of res.issues) issues.push({ row: rec.row, column: label(i.field), kind: i.kind, message: i.message });
      if (!res.centre) continue;
      // An oral day outside the session (12/06/2023 in a 2024 workspace, 25/12/2024) is a typing error (issue #10 §1).
      const outside = res.centre.dates.map((d) => checkSessionDate(d, window)).filter((r) => !r.ok);
      for (const r of outside) if (!r.ok) issues.push({ row: rec.row, column: label('dates'), kind: r.kind, message: r.message });
      if (outside.length) continue;
      const key = `${res.centre.type}:${res.centre.uai}`;
      const first = seen.get(key);
      if (first !== undefined) {
        issues.push({ row: rec.row, column: label('uai'), kind: 'doublon', message: `centre ${res.centre.uai} (${res.centre.type}) déjà décrit ligne ${first}` });
        continue;
      }
      seen.set(key, rec.row);
      centres.push(res.centre);
    }
    if (issues.length) {
      throw inputError(`${name} : ${issues.length} erreur(s), aucun centre enregistré`, formatIssues(name, issues), { issues });
    }
    if (!centres.length) throw inputError(`${name} : aucun centre dans le fichier`);

    const before = (await centreKeys(ws.db));
    const created = centres.filter((c) => !before.has(`${c.type}:${c.uai}`)).length;
    if (!opts.dryRun) {
      await mutate(ws, 'centres import', ctx.now(), async (db) => {
        await upsertCentres(db, centres);
        return { result: undefined, detail: { file: name, centres: centres.length, created } };
      });
    }
    const noDates = centres.filter((c) => c.type === 'oral' && !c.dates.length);
    const summary = {
      file: name,
      dryRun: Boolean(opts.dryRun),
      centres: centres.length,
      created,
      updated: centres.length - created,
      ecrit: centres.filter((c) => c.type === 'ecrit').length,
      oral: centres.filter((c) => c.type === 'oral').length,
      list: centres.map((c) => ({ ...c, langues: formatLangues(c.langues) })),
    };
    if (opts.json) ctx.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    for (const c of noDates) say(ctx, ctx.color.yellow(`Attention : centre d’oral ${c.uai} sans dates — ccst schedule-orals les demandera.`));
    say(
      ctx,
      (opts.dryRun ? 'Vérification seule (--dry-run) : rien n’a été enregistré. ' : '') +
        `${centres.length} centre(s) (${summary.ecrit} d’écrit, ${summary.oral} d’oral) : ${created} nouveau(x), ${summary.updated} mis à jour.`,
    );
  } finally {
    await ws.close();
  }
}
