// ccst examiners import <file>: the examiners and correcteurs of the session (issue #13 §1), with the reading
// standards of `ccst import`: the header found and mapped through aliases, every row checked by the domain's row
// validator (domain/examiners/examiner.ts) before anything is written, issues grouped by kind with row and column,
// exit 3 and nothing stored on a bad file. Upsert by e-mail in one transaction: re-importing a file changes nothing.
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { inputError } from '../errors.js';
import { formatIssues } from '../issue-report.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { recordOf, type ColumnSpec } from '../../io/header-mapping.js';
import { openKeyedTable } from '../import/keyed-table.js';
import { mutate } from '../../store/workspace.js';
import { readSessionInfo, sessionRegulation } from '../../store/session.js';
import { listExaminers, upsertExaminers } from '../../store/examiners.js';
import { validateExaminerRows, type Examiner, type ExaminerRow } from '../../domain/examiners/examiner.js';

const SPECS: ColumnSpec[] = [
  { name: 'nom', maxLength: 100, aliases: ['nom de famille', 'nom d usage'], required: true },
  { name: 'prenom', maxLength: 100, aliases: ['prenoms'], required: true },
  { name: 'email', maxLength: 254, aliases: ['courriel', 'mail', 'e mail', 'adresse electronique', 'adresse mail'], required: true },
  { name: 'profil', aliases: ['profils', 'discipline', 'qualite'], required: true },
  { name: 'etablissement_uai', aliases: ['uai', 'rne', 'code uai', 'etablissement', 'uai etablissement', 'etablissement d exercice'] },
  { name: 'academie', aliases: ['acad'], required: true },
  { name: 'epreuves', aliases: ['epreuve', 'unites', 'epreuves evaluees'], required: true },
  { name: 'dates', aliases: ['date', 'disponibilites', 'jours', 'dates disponibles'], required: true },
  { name: 'max_candidats', aliases: ['nombre max de candidats', 'candidats max', 'max candidats'] },
  { name: 'max_copies', aliases: ['nombre max de copies', 'copies max', 'max copies'] },
];

const optionsSchema = z.object({
  file: z.string().min(1, 'fichier des examinateurs attendu'),
  workspace: z.string().optional(),
  sheet: z.string().optional(),
  dryRun: z.boolean().optional(),
  json: z.boolean().optional(),
});

const same = (a: Examiner, b: Examiner) => JSON.stringify(a) === JSON.stringify(b);

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const ws = await openExistingWorkspace(ctx, opts, opts.dryRun ? 'read' : 'write');
  try {
    const reg = await sessionRegulation(ws.db);
    if (!reg.commissions) throw inputError('le règlement du workspace ne décrit pas les commissions (profils d’examinateurs) : impossible de vérifier les profils');
    const session = (await readSessionInfo(ws.db))?.session ?? reg.session;
    const { name, header, rest } = await openKeyedTable(ctx, opts.file, opts.sheet, SPECS);
    if (header.unknown.length) say(ctx, ctx.color.yellow(`Colonnes ignorées (inconnues) : ${header.unknown.map((u) => `« ${u.label} »`).join(', ')}`));
    const rows: ExaminerRow[] = [];
    for await (const raw of rest) {
      const rec = recordOf(raw, header);
      if (rec.blank) continue;
      rows.push({ row: rec.row, get: (f) => rec.values.get(f) ?? null });
    }
    const { examiners, issues } = validateExaminerRows(rows, { regulation: reg, session, columnOf: (f) => header.labels.get(f) ?? f });
    if (issues.length) throw inputError(`${name} : ${issues.length} erreur(s), aucun examinateur enregistré`, formatIssues(name, issues), { issues });
    if (!examiners.length) throw inputError(`${name} : aucun examinateur dans le fichier`);

    const before = new Map((await listExaminers(ws.db)).map((e) => [e.email, e]));
    const created = examiners.filter((e) => !before.has(e.email)).length;
    const changed = examiners.filter((e) => before.has(e.email) && !same(before.get(e.email)!, e)).length;
    if (!opts.dryRun && created + changed > 0) {
      await mutate(ws, 'examiners import', ctx.now(), async (trx) => {
        await upsertExaminers(trx, ctx.now(), examiners);
        return { result: undefined, detail: { file: name, examiners: examiners.length, created, updated: changed } };
      });
    }
    const summary = {
      file: name,
      dryRun: Boolean(opts.dryRun),
      examiners: examiners.length,
      created,
      updated: changed,
      unchanged: examiners.length - created - changed,
      list: examiners,
    };
    if (opts.json) ctx.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    say(
      ctx,
      (opts.dryRun ? 'Vérification seule (--dry-run) : rien n’a été enregistré. ' : '') +
        `${examiners.length} examinateur(s) : ${created} nouveau(x), ${changed} mis à jour, ${summary.unchanged} inchangé(s).`,
    );
  } finally {
    await ws.close();
  }
}
