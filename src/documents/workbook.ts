// Several sheets in one XLSX (lists per épreuve and commission, bordereaux), written with the streaming writer
// through a temp file (NOTES-LIBRARIES.md: the non-streaming writer is memory-hungry). Title lines sit above the
// header row; ccst's readers skip them (header-mapping.ts), so a bordereau filled in Excel can be read back.
import { loadExcelJS } from '../io/exceljs-loader.js';
import { writeFileAtomic } from '../io/output.js';
import type { OutCell } from '../io/table-writer.js';
import { neutraliseFormula } from '../io/inert-text.js';

export interface SheetSpec {
  name: string;
  title: string[];
  columns: string[];
  rows: OutCell[][];
  widths?: number[];
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ and unique (case-insensitive). */
export function sheetNames(wanted: string[]): string[] {
  const used = new Set<string>();
  return wanted.map((raw) => {
    const base = raw.replace(/[[\]:*?/\\]/g, '-').slice(0, 31).trim() || 'Feuille';
    let name = base;
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)}~${i}`;
    used.add(name.toLowerCase());
    return name;
  });
}

export async function writeWorkbook(file: string, sheets: SheetSpec[]): Promise<void> {
  const ExcelJS = loadExcelJS();
  const names = sheetNames(sheets.map((s) => s.name));
  await writeFileAtomic(file, async (tmp) => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: false, useStyles: true });
    sheets.forEach((s, i) => {
      const ws = wb.addWorksheet(names[i], { views: [{ state: 'frozen', ySplit: s.title.length + 1 }], pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
      ws.columns = s.columns.map((c, j) => ({ key: `c${j}`, width: s.widths?.[j] ?? Math.max(10, c.length + 2) }));
      for (const t of s.title) {
        const r = ws.addRow([neutraliseFormula(t)]);
        r.font = { bold: true };
        r.commit();
      }
      const header = ws.addRow(s.columns.map((c) => neutraliseFormula(c)));
      header.font = { bold: true };
      header.commit();
      for (const r of s.rows) ws.addRow(r.map((v) => (typeof v === 'string' ? neutraliseFormula(v) : (v ?? null)))).commit();
      ws.commit();
    });
    await wb.commit();
  });
}
