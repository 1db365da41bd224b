// npm run bench:import — 250,000 synthetic candidates with long accented names (Vietnamese, Nordic, French),
// written as CSV and XLSX, then: raw csv-parse read vs `ccst import` of the CSV, raw exceljs streaming read vs
// `ccst import` of the XLSX (both in-process, into fresh workspaces), and a character-exact round-trip check
// through `ccst candidates export`. Not a test: figures depend on the machine (best of 3 runs each).
// Usage: node dist/bench/import.js [rows] [runs]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse';
import { loadExcelJS } from '../io/exceljs-loader.js';
import { syntheticByNumero, writeSyntheticFiles } from './synthetic-candidates.js';
import { quietCtx } from './quiet-ctx.js';
import { benchDir, measure, rawParse } from './scaffold.js';

const ROWS = Number(process.argv[2] ?? 250_000);


/** Wall time, and CPU time of every thread of the process (the import writes from a worker thread). */
async function timed<T>(label: string, fn: () => Promise<T>): Promise<{ seconds: number; cpu: number; value: T }> {
  const { wall: seconds, cpu, value } = await measure(fn);
  process.stderr.write(`  ${label} : ${seconds.toFixed(2)} s (CPU ${cpu.toFixed(2)} s)\n`);
  return { seconds, cpu, value };
}

const RUNS = Number(process.argv[3] ?? 3);

async function best<T>(label: string, fn: () => Promise<T>): Promise<{ seconds: number; cpu: number; value: T }> {
  let kept: { seconds: number; cpu: number; value: T } | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t = await timed(`${label} #${i + 1}`, fn);
    if (!kept || t.seconds < kept.seconds) kept = t;
  }
  return kept!;
}

/** ccst's own reader (encoding detection, strict decoding, row numbers), without validation or database. */
async function tableRead(file: string): Promise<number> {
  const { openTable } = await import('../io/table-reader.js');
  let n = 0;
  for await (const _ of (await openTable(file)).rows) n++;
  return n - 1;
}

async function rawXlsx(file: string): Promise<number> {
  const ExcelJS = loadExcelJS();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(fs.createReadStream(file), {
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit',
  });
  let n = 0;
  for await (const ws of reader as unknown as AsyncIterable<AsyncIterable<{ values: unknown }>>) {
    for await (const r of ws) if (r.values) n++;
  }
  return n - 1;
}

/** Exports the workspace as CSV and checks every field of every candidate against what was generated. */
async function roundTrip(dir: string, workspace: string): Promise<string[]> {
  const out = path.join(dir, `export-${path.basename(workspace)}.csv`);
  const exporter = await import('../cli/commands/candidates-export.js');
  await exporter.run(quietCtx(dir), { workspace, output: out, csvFormat: 'excel-fr' });
  const problems: string[] = [];
  let n = 0;
  let header: string[] = [];
  for await (const rec of fs.createReadStream(out).pipe(parse({ delimiter: ';', bom: true })) as AsyncIterable<string[]>) {
    if (header.length === 0) {
      header = rec;
      continue;
    }
    n++;
    const got = Object.fromEntries(header.map((h, i) => [h, rec[i] ?? '']));
    const want = syntheticByNumero(got['N° candidat']!);
    if (!want) {
      problems.push(`numéro inattendu ${got['N° candidat']}`);
      continue;
    }
    for (const [col, value] of Object.entries(want.exported)) {
      if (got[col] !== value) problems.push(`${want.numero} ${col} : ${JSON.stringify(got[col])} ≠ ${JSON.stringify(value)}`);
    }
  }
  if (n !== ROWS) problems.push(`${n} candidats exportés, ${ROWS} attendus`);
  return problems;
}

async function main(): Promise<void> {
  const { dir, done } = benchDir('ccst-bench-');
  const csv = path.join(dir, 'candidats.csv');
  const xlsx = path.join(dir, 'candidats.xlsx');
  process.stderr.write(`ccst bench:import — ${ROWS} candidats, ${os.cpus().length} cœur(s), charge ${os.loadavg()[0]!.toFixed(1)}, Node ${process.version}, dossier ${dir}\n`);
  await timed('génération CSV + XLSX', () => writeSyntheticFiles(ROWS, csv, xlsx));
  process.stderr.write(`  tailles : CSV ${(fs.statSync(csv).size / 1e6).toFixed(1)} Mo, XLSX ${(fs.statSync(xlsx).size / 1e6).toFixed(1)} Mo\n`);

  const importer = await import('../cli/commands/import.js');
  // Each measure is taken RUNS times, the best kept: on a shared machine a run can lose its second core to
  // another process, which says nothing about the code. Every import goes into a fresh workspace.
  let n = 0;
  const importInto = (file: string) => {
    const ws = path.join(dir, `ws-${++n}.db`);
    return async () => {
      await importer.run(quietCtx(dir), { file, workspace: ws });
      return ws;
    };
  };
  const rawCsvRun = await best('lecture brute csv-parse', () => rawParse(csv, { bom: true }));
  const readerCsv = await best('lecture openTable (CSV, sans validation)', () => tableRead(csv));
  const csvImport = await best('ccst import (CSV)', () => importInto(csv)());
  const rawXlsxRun = await best('lecture brute exceljs (streaming)', () => rawXlsx(xlsx));
  const xlsxImport = await best('ccst import (XLSX)', () => importInto(xlsx)());
  const csvWs = csvImport.value;
  const xlsxWs = xlsxImport.value;
  const reimport = await best('ccst import (CSV, ré-import idempotent)', () => importer.run(quietCtx(dir), { file: csv, workspace: csvWs }));

  for (const [what, n] of [['csv-parse', rawCsvRun.value], ['exceljs', rawXlsxRun.value]] as const) {
    if (n !== ROWS) throw new Error(`${what} a lu ${n} lignes au lieu de ${ROWS}`);
  }
  const rate = (s: number) => Math.round(ROWS / s);
  const csvRatio = rawCsvRun.seconds / csvImport.seconds;
  const xlsxRatio = rawXlsxRun.seconds / xlsxImport.seconds;
  const lines = [
    '',
    `| ${ROWS} lignes (meilleur de ${RUNS}) | lignes/s | secondes | CPU s (tous threads) |`,
    '|---|---:|---:|---:|',
    ...([
      ['lecture brute csv-parse', rawCsvRun],
      ['lecteur ccst openTable CSV (sans validation ni base)', readerCsv],
      ['ccst import CSV', csvImport],
      ['ccst import CSV (ré-import, tout inchangé)', reimport],
      ['lecture brute exceljs streaming', rawXlsxRun],
      ['ccst import XLSX', xlsxImport],
    ] as const).map(([what, t]) => `| ${what} | ${rate(t.seconds)} | ${t.seconds.toFixed(2)} | ${t.cpu.toFixed(2)} |`),
    '',
    `CSV : import = ${(csvRatio * 100).toFixed(0)} % du débit csv-parse brut (objectif ≥ 50 %) ${csvRatio >= 0.5 ? 'OK' : 'NON ATTEINT'}`,
    `XLSX : import = ${(xlsxRatio * 100).toFixed(0)} % du débit exceljs brut (objectif ≥ 70 %) ${xlsxRatio >= 0.7 ? 'OK' : 'NON ATTEINT'}`,
  ];
  for (const [what, ws] of [['CSV', csvWs], ['XLSX', xlsxWs]] as const) {
    const problems = await roundTrip(dir, ws);
    lines.push(problems.length === 0
      ? `Aller-retour ${what} → workspace → export : ${ROWS} candidats, chaque caractère identique.`
      : `Aller-retour ${what} : ${problems.length} écart(s), ex. ${problems.slice(0, 5).join(' | ')}`);
    if (problems.length > 0) process.exitCode = 1;
  }
  lines.push(`RSS max du processus (génération des fichiers comprise) : ${Math.round(process.resourceUsage().maxRSS / 1024)} Mo ; charge moyenne ${os.loadavg()[0]!.toFixed(1)} sur ${os.cpus().length} cœurs`);
  process.stdout.write(lines.join('\n') + '\n');
  done();
}

await main();
