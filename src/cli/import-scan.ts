// The row loop of `ccst import`: every data row is validated; valid candidates are written at once (the
// transaction stays open until the whole file has passed); a numero met twice rejects both rows.
// This loop runs 250k times for a big file, so it avoids per-row allocations where it cheaply can.
import type { Ctx } from './context.js';
import type { HeaderMap } from '../io/header-mapping.js';
import { isDerivedColumn } from '../io/candidate-columns.js';
import type { RawRow, CellValue } from '../io/table-reader.js';
import { createCandidateValidator, type RecordContext } from '../domain/candidate-record.js';
import { parseNumero } from '../domain/candidate-fields.js';
import type { CellIssue } from '../domain/validation.js';
import type { ImportWriter, PutOutcome } from '../store/candidate-import-writer.js';

export interface Scan {
  rowsRead: number;
  issues: CellIssue[];
}

const OUTCOMES: (PutOutcome | undefined)[] = [undefined, 'created', 'updated', 'unchanged'];

const blankCell = (c: CellValue) => c === null || c === '' || (typeof c === 'string' && c.trim() === '');

export async function scanRows(
  ctx: Ctx,
  rows: AsyncIterable<RawRow>,
  header: HeaderMap,
  context: RecordContext,
  writer: ImportWriter,
): Promise<Scan> {
  const issues: CellIssue[] = [];
  const validate = createCandidateValidator(context);
  // Derived export columns ("Forme U4") are recognised but never read.
  const columns = [...header.columns].filter(([, name]) => !isDerivedColumn(name));
  const label = (field: string) => header.labels.get(field) ?? field;
  const numeroLabel = label('numero');
  // First row of each numero, with what writing it did (row × 4 + index in OUTCOMES: one number, not an object
  // per row), so that it can be undone when the numero comes again.
  const firstOf = new Map<string, number>();
  const duplicated = new Set<string>();
  const progress = ctx.isTTY;
  let rowsRead = 0;
  for await (const raw of rows) {
    if (raw.cells.every(blankCell)) continue;
    rowsRead++;
    if (progress && rowsRead % 10_000 === 0) ctx.stderr.write(`\r${rowsRead} lignes lues…`);
    const values = new Map<string, CellValue>();
    for (const [i, name] of columns) values.set(name, raw.cells[i] ?? null);
    const result = validate(values);
    let numero: string;
    if (result.ok) {
      numero = result.candidate.numero;
    } else {
      for (const i of result.issues) issues.push({ row: raw.row, column: label(i.field), kind: i.kind, message: i.message });
      const n = parseNumero(values.get('numero'));
      if (!n.ok) continue;
      numero = n.value;
    }
    const first = firstOf.get(numero);
    if (first === undefined) {
      const outcome = result.ok ? writer.put(raw.row, result.candidate) : undefined;
      firstOf.set(numero, raw.row * 4 + OUTCOMES.indexOf(outcome));
      continue;
    }
    const firstRow = Math.floor(first / 4);
    issues.push({ row: raw.row, column: numeroLabel, kind: 'doublon', message: `numéro ${numero} déjà présent ligne ${firstRow}` });
    if (!duplicated.has(numero)) {
      duplicated.add(numero);
      issues.push({ row: firstRow, column: numeroLabel, kind: 'doublon', message: `numéro ${numero} présent aussi ligne ${raw.row}` });
      const outcome = OUTCOMES[first % 4];
      if (outcome) writer.retract(numero, outcome);
    }
  }
  if (progress && rowsRead >= 10_000) ctx.stderr.write(`\r${rowsRead} lignes lues.\n`);
  return { rowsRead, issues };
}
