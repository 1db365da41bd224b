// Roll-call and sign-in sheets (listes d'appel et d'émargement) as XLSX: one workbook per centre and nature
// (a lycée can be both a written and an oral centre), one sheet per épreuve (and language for E22/EF1), written
// with exceljs's streaming writer (NOTES-LIBRARIES.md). The PDF lists are `ccst lists`.
import path from 'node:path';
import { loadExcelJS } from './exceljs-loader.js';
import { writeFileAtomic } from './output.js';
import { neutraliseFormula } from './inert-text.js';
import type { TimetableRow } from '../domain/assignment/timetable-rows.js';

/** Excel forbids : \ / ? * [ ] in sheet names and limits them to 31 characters. */
const sheetName = (s: string) => s.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
const frDate = (iso?: string) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');

export async function writeRollCalls(dir: string, rows: TimetableRow[], title: string): Promise<string[]> {
  const byFile = new Map<string, TimetableRow[]>();
  for (const r of rows) {
    const k = `${r.centre.uai}-${r.nature}`;
    (byFile.get(k) ?? byFile.set(k, []).get(k)!).push(r);
  }
  const ExcelJS = loadExcelJS();
  const written: string[] = [];
  for (const [k, list] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const file = path.join(dir, `emargement-${k}.xlsx`);
    const sheets = new Map<string, TimetableRow[]>();
    for (const r of list) {
      const s = `${r.epreuve}${r.langue ? ` ${r.langue}` : ''}`;
      (sheets.get(s) ?? sheets.set(s, []).get(s)!).push(r);
    }
    await writeFileAtomic(file, async (tmp) => {
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: false, useStyles: true });
      for (const [name, sheetRows] of sheets) {
        const oral = sheetRows[0]!.nature === 'oral';
        if (oral) sheetRows.sort((a, b) => `${a.date}${a.passage}${a.commission}`.localeCompare(`${b.date}${b.passage}${b.commission}`));
        const ws = wb.addWorksheet(sheetName(name), { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
        const c = sheetRows[0]!.centre;
        ws.addRow([neutraliseFormula(`${title} — liste d’appel et d’émargement — ${name}`)]).commit();
        ws.addRow([neutraliseFormula(`${c.nom} (${c.uai})${c.commune ? ` — ${c.commune}` : ''}`)]).commit();
        const dates = [...new Set(sheetRows.map((r) => frDate(r.date)))].filter(Boolean).join(', ');
        ws.addRow([neutraliseFormula(oral ? `Oral — ${dates}` : `Écrit — ${dates} ${sheetRows[0]!.start ?? ''}–${sheetRows[0]!.end ?? ''}`)]).commit();
        ws.addRow([]).commit();
        const head = oral
          ? ['N°', 'Numéro', 'Nom', 'Prénom', 'Date de naissance', 'Établissement', 'Date', 'Convocation', 'Passage', 'Commission', 'Présent', 'Émargement']
          : ['N°', 'Numéro', 'Nom', 'Prénom', 'Date de naissance', 'Établissement', 'Présent', 'Émargement'];
        const h = ws.addRow(head.map((c) => neutraliseFormula(c)));
        h.font = { bold: true };
        h.commit();
        sheetRows.forEach((r, i) => {
          const cd = r.candidate;
          const base = [i + 1, cd.numero, cd.nom, cd.prenom, frDate(cd.dateNaissance), cd.etablissement ?? cd.etablissementUai ?? ''];
          const cells = oral ? [...base, frDate(r.date), r.start ?? '', r.passage ?? '', r.commission ?? '', '', ''] : [...base, '', ''];
          const row = ws.addRow(cells.map((v) => (typeof v === 'string' ? neutraliseFormula(v) : v)));
          row.height = 24; // room for a signature
          row.commit();
        });
        ws.commit();
      }
      await wb.commit();
    });
    written.push(file);
  }
  return written;
}
