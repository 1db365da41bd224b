// What `ccst import` does with each data row, wherever it runs (the importing thread, or the import worker):
// validate every cell, reject both rows of a numero met twice, write valid candidates through the ImportWriter
// (whose transaction stays open until the whole file has passed), and collect the cell issues.
import type { CellValue } from '../../io/table-reader.js';
import { createCandidateValidator, type RecordContext } from '../../domain/candidate-record.js';
import { parseNumero } from '../../domain/candidate-fields.js';
import type { CellIssue } from '../../domain/validation.js';
import type { ImportWriter } from '../../store/candidate-import-writer.js';

/** Plain data (it crosses to the worker): how to read a row and name its columns in messages. */
export interface RowSetup {
  context: RecordContext;
  /** Column index → canonical field, derived export columns left out. */
  fields: [number, string][];
  /** Canonical field → header text as written in the file. */
  labels: [string, string][];
}

export interface RowProcessor {
  row(rowNumber: number, cells: CellValue[]): void;
  issues(): CellIssue[];
}

export function createRowProcessor(setup: RowSetup, writer: ImportWriter): RowProcessor {
  const validate = createCandidateValidator(setup.context);
  const index = new Map(setup.fields.map(([i, name]) => [name, i]));
  const labels = new Map(setup.labels);
  const label = (field: string) => labels.get(field) ?? field;
  const numeroLabel = label('numero');
  // One record object for all rows (no Map per row): field → cell of the current row.
  const record = {
    cells: [] as CellValue[],
    get(field: string): CellValue | undefined {
      const i = index.get(field);
      return i === undefined ? undefined : (this.cells[i] ?? null);
    },
  };
  const issues: CellIssue[] = [];
  // First row of each numero (negative when that row was invalid, so not written), to report it and undo its
  // write when the numero comes again.
  const firstOf = new Map<string, number>();
  const duplicated = new Set<string>();

  return {
    row(rowNumber, cells) {
      record.cells = cells;
      const result = validate(record);
      let numero: string;
      if (result.ok) {
        numero = result.candidate.numero;
      } else {
        for (const i of result.issues) issues.push({ row: rowNumber, column: label(i.field), kind: i.kind, message: i.message });
        const n = parseNumero(record.get('numero'));
        if (!n.ok) return;
        numero = n.value;
      }
      const twin = writer.zeroPaddedTwin(numero);
      if (twin !== undefined) {
        // Never a silent new candidate: « 231000001 » beside a stored « 0231000001 » is the same person whose file
        // went through Excel (a CSV opened and saved there loses leading zeros).
        issues.push({
          row: rowNumber, column: numeroLabel, kind: 'zeros-perdus',
          message: `numéro ${numero} : le workspace contient ${twin} — zéros initiaux perdus (fichier enregistré par Excel ?) ; rétablissez-les (colonne au format Texte) ou importez l’export XLSX`,
        });
        return;
      }
      const first = firstOf.get(numero);
      if (first === undefined) {
        if (result.ok) writer.put(rowNumber, result.candidate);
        firstOf.set(numero, result.ok ? rowNumber : -rowNumber);
        return;
      }
      const firstRow = Math.abs(first);
      issues.push({ row: rowNumber, column: numeroLabel, kind: 'doublon', message: `numéro ${numero} déjà présent ligne ${firstRow}` });
      if (!duplicated.has(numero)) {
        duplicated.add(numero);
        issues.push({ row: firstRow, column: numeroLabel, kind: 'doublon', message: `numéro ${numero} présent aussi ligne ${rowNumber}` });
        if (first > 0) writer.retract(numero);
      }
    },
    issues: () => issues,
  };
}
