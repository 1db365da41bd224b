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
 * streamed: only the sort keys are held in memory; the rows are read 500 at a time in that order (one query per
 * chunk, not per row: on PostgreSQL each query is a round trip).
 */
export async function* candidatesInOrder(db: Db): AsyncGenerator<Candidate> {
  const keys = await db.selectFrom('candidates').select(['numero', 'nom', 'prenom']).execute();
  const base = new Intl.Collator('fr', { sensitivity: 'base' });
  const numeric = new Intl.Collator('fr', { numeric: true });
  keys.sort(
    (a, b) =>
      base.compare(a.nom, b.nom) ||
      base.compare(a.prenom, b.prenom) ||
      numeric.compare(a.numero, b.numero) ||
      (a.numero < b.numero ? -1 : a.numero > b.numero ? 1 : 0),
  );
  const CHUNK = 500;
  for (let i = 0; i < keys.length; i += CHUNK) {
    const numeros = keys.slice(i, i + CHUNK).map((k) => k.numero);
    const byNumero = new Map((await db.selectFrom('candidates').selectAll().where('numero', 'in', numeros).execute()).map((r) => [r.numero, r]));
    for (const n of numeros) {
      const r = byNumero.get(n);
      if (r) yield fromRow(r);
    }
  }
}

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  await claimOutputs(ctx, [opts.output], { workspace: opts, force: opts.force });
  const fileFormat = opts.output === '-' ? undefined : outputFormat(opts.output);
  if (opts.json && fileFormat && fileFormat !== 'json') {
    throw usageError(`--json et -o ${opts.output} se contredisent : utilisez -o fichier.json, ou --json seul pour stdout.`);
  }
  const json = Boolean(opts.json) || fileFormat === 'json';
  const ws = await openExistingWorkspace(ctx, opts, 'read');
  try {
    const reg = (await sessionRegulation(ws.db));
    let count = 0;
    async function* rows() {
      for await (const c of candidatesInOrder(ws.db)) {
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
    await ws.close();
  }
}
