// ccst copies correspondance --epreuve E5 -o table.csv --lever-anonymat: the anonymity number ↔ candidate table of
// a written épreuve. It lifts the anonymity of the copies (issue #13 §3: « exporting it needs an explicit flag and is
// audited »): refused without --lever-anonymat, written only to a file (never to the terminal), through the output
// policy, and recorded in the audit log (who, when, épreuve, file) in the same commit-last step as the file: no file
// without its audit row, no audit row without its file.
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { inputError, usageError } from '../errors.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { claimOutputs } from '../output-policy.js';
import { commitLast } from '../commit-last.js';
import { mutate } from '../../store/workspace.js';
import { sessionRegulation } from '../../store/session.js';
import { correspondence } from '../../store/copies.js';
import { writtenUnit } from '../../domain/examiners/written-copies.js';
import { outputFormat, writeTable, type OutCell } from '../../io/table-writer.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  epreuve: z.string({ message: '--epreuve est obligatoire (ex. --epreuve E5)' }),
  output: z.string({ message: '-o est obligatoire : le fichier de la table de correspondance (ex. -o correspondance-E5.csv)' }),
  leverAnonymat: z.boolean().optional(),
  csvFormat: z.enum(['excel-fr', 'rfc4180']).default('excel-fr'),
  force: z.boolean().optional(),
});

const COLUMNS = ['epreuve', 'anonymat', 'numero', 'nom', 'prenom', 'etablissement_uai', 'lot'];

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  if (!opts.leverAnonymat) {
    throw usageError('la table de correspondance lève l’anonymat des copies : ajoutez --lever-anonymat pour la produire', [
      'Elle relie chaque numéro d’anonymat au candidat ; elle ne doit sortir qu’une fois les notes saisies, pour le jury.',
      'Chaque export est inscrit au journal (ccst status) : qui, quand, quelle épreuve, quel fichier.',
    ]);
  }
  if (opts.output === '-') throw usageError('-o - : la table de correspondance est écrite dans un fichier, jamais sur la sortie standard');
  const target = path.resolve(ctx.cwd, opts.output);
  if (outputFormat(target) === 'pdf') throw usageError(`-o ${opts.output} : attendu un fichier .csv, .xlsx ou .json`);
  await claimOutputs(ctx, [target], { workspace: opts, force: opts.force });
  const ws = await openExistingWorkspace(ctx, opts, 'write');
  try {
    const reg = await sessionRegulation(ws.db);
    const written = writtenUnit(reg, opts.epreuve);
    if ('error' in written) throw usageError(written.error);
    const epreuve = written.unit.epreuve;
    const rows = await correspondence(ws.db, epreuve);
    if (!rows.length) throw inputError(`${epreuve} : aucune copie anonymée (ccst copies anonymise --epreuve ${epreuve})`);
    const cells = rows.map((r): OutCell[] => [epreuve, r.anonymat, r.numero, r.nom ?? '', r.prenom ?? '', r.etablissementUai ?? '', r.lot ?? '']);
    await commitLast({
      targets: [target],
      render: () => writeTable(target, ctx.stdout, { columns: COLUMNS, rows: cells, sheetName: `Correspondance ${epreuve}` }, { csvFormat: opts.csvFormat }),
      commit: () =>
        mutate(ws, 'copies correspondance', ctx.now(), async () => ({
          result: undefined,
          detail: { epreuve, file: target, copies: rows.length, leverAnonymat: true },
        })),
    });
    say(ctx, `Anonymat levé pour ${epreuve} : ${rows.length} copie(s), table écrite dans ${target} (export inscrit au journal).`);
  } finally {
    await ws.close();
  }
}
