// ccst candidates export: every candidate with its canonical columns and the derived form of each unit
// (CCF / ponctuel / dispensé / bénéfice), as French-Excel CSV (default), RFC 4180 CSV, XLSX or JSON.
// The CSV/XLSX headers are import aliases, so exporting then re-importing reports every candidate unchanged.
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { usageError } from '../errors.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { outputFormat, writeTable } from '../../io/table-writer.js';
import { candidateExportRow, exportColumns } from '../../io/candidate-columns.js';
import { sessionRegulation } from '../../store/session.js';
import { fromRow } from '../../store/candidates.js';
import type { Candidate } from '../../domain/candidate.js';
import type { Db } from '../../store/workspace.js';
import { claimOutputs } from '../output-policy.js';

const optionsSchema = z.object({
  force: z.boolean().optional(),
  workspace: z.string().optional(),
  output: z.string().min(1).default('-'),
  csvFormat: z.enum(['excel-fr', 'rfc4180'], { message: '--csv-format : excel-fr ou rfc4180' }).default('excel-fr'),
  json: z.boolean().optional(),
});

/**
 * Candidates in the house order (STYLE.md: nom, prénom, numéro with French collation, as compareCandidates),
 * streamed: only the sort keys are held in memory, each row is read when written.
 */
export function* candidatesInOrder(db: Db): Generator<Candidate> {
  const keys = db.prepare('SELECT numero, nom, prenom FROM candidates').all() as { numero: string; nom: string; prenom: string }[];
  const base = new Intl.Collator('fr', { sensitivity: 'base' });
  const numeric = new Intl.Collator('fr', { numeric: true });
  keys.sort(
    (a, b) =>
      base.compare(a.nom, b.nom) ||
      base.compare(a.prenom, b.prenom) ||
      numeric.compare(a.numero, b.numero) ||
      (a.numero < b.numero ? -1 : a.numero > b.numero ? 1 : 0),
  );
  const get = db.prepare('SELECT * FROM candidates WHERE numero = ?');
  for (const k of keys) yield fromRow(get.get(k.numero) as Parameters<typeof fromRow>[0]);
}

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  await claimOutputs(ctx, [opts.output], { workspace: opts, force: opts.force });
  const fileFormat = opts.output === '-' ? undefined : outputFormat(opts.output);
  if (opts.json && fileFormat && fileFormat !== 'json') {
    throw usageError(`--json et -o ${opts.output} se contredisent : utilisez -o fichier.json, ou --json seul pour stdout.`);
  }
  const json = Boolean(opts.json) || fileFormat === 'json';
  const ws = openExistingWorkspace(ctx, opts, 'read');
  try {
    const reg = sessionRegulation(ws.db);
    let count = 0;
    function* rows() {
      for (const c of candidatesInOrder(ws.db)) {
        count++;
        yield candidateExportRow(reg, c);
      }
    }
    await writeTable(
      opts.output,
      ctx.stdout,
      { columns: exportColumns(reg, json ? 'names' : 'labels'), rows: rows(), sheetName: 'Candidats' },
      { format: json ? 'json' : undefined, csvFormat: opts.csvFormat },
    );
    say(ctx, `${count} candidat(s) exporté(s)${opts.output === '-' ? '' : ` vers ${opts.output}`}.`);
  } finally {
    ws.close();
  }
}
