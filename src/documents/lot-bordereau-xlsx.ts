// The XLSX bordereau of one lot, to be returned filled (issue #13 §4-5). Its shape is a contract with `ccst notes
// import` — keep it exactly:
//   - one worksheet named after the lot (« E5-03 »);
//   - a title block in the first rows (heading, session, épreuve, lot, correcteur, the instruction);
//   - then a header row whose cells are exactly `lot`, `anonymat`, `note`, `observation`;
//   - then one row per copy: lot and anonymat filled, note and observation empty; nothing after them.
// The note cells accept only a number from 0 to 20 or one of the codes (Excel data validation); the sheet is
// protected (no password: against slips, not people) except the note and observation cells. A lot is at most a few
// hundred rows: the in-memory workbook is used (the streaming writer cannot protect a sheet).
import { loadExcelJS } from '../io/exceljs-loader.js';
import { writeFileAtomic } from '../io/output.js';
import { neutraliseFormula } from '../io/inert-text.js';
import { sheetNames } from './workbook.js';
import { lotInstruction, type LotBordereauView } from './lot-bordereau.js';

export const LOT_SHEET_COLUMNS = ['lot', 'anonymat', 'note', 'observation'] as const;

/** Title rows above the header (lot-bordereau-xlsx contract: the header row follows them). */
export function lotTitleRows(v: LotBordereauView): string[] {
  return [
    v.heading,
    `Bordereau de notation — copies anonymes — session ${v.session}`,
    `Épreuve : ${v.epreuveLine}`,
    `Lot : ${v.lot} (${v.anonymats.length} copie(s))${v.academie ? ` — académie ${v.academie}` : ''}`,
    `Correcteur : ${v.correcteur.nom} ${v.correcteur.prenom} <${v.correcteur.email}>`,
    `Consigne : ${lotInstruction(v)}`,
  ];
}

export async function writeLotWorkbook(file: string, v: LotBordereauView, now: Date): Promise<void> {
  const ExcelJS = loadExcelJS();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ccst';
  wb.created = now;
  wb.modified = now;
  const title = lotTitleRows(v);
  const ws = wb.addWorksheet(sheetNames([v.lot])[0], {
    views: [{ state: 'frozen', ySplit: title.length + 1 }],
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 10 }, { width: 14 }, { width: 10 }, { width: 48 }];
  for (const t of title) ws.addRow([neutraliseFormula(t)]).font = { bold: true };
  const header = ws.addRow([...LOT_SHEET_COLUMNS]);
  header.font = { bold: true };
  const first = title.length + 2;
  const codes = v.codes.map((c) => `C{r}="${c}"`).join(',');
  v.anonymats.forEach((a, i) => {
    const r = first + i;
    ws.addRow([v.lot, a, null, null]);
    const note = ws.getCell(r, 3);
    // Excel keeps « 12,5 » typed in a French Excel as the number 12.5; a code stays text.
    note.dataValidation = {
      type: 'custom',
      allowBlank: true,
      formulae: [`OR(AND(ISNUMBER(C${r}),C${r}>=0,C${r}<=20),${codes.replaceAll('{r}', String(r))})`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Note refusée',
      error: `Une note de 0 à 20 (ex. 12,5) ou un code : ${v.codes.join(', ')}`,
      showInputMessage: true,
      promptTitle: 'Note sur 20',
      prompt: `Note de 0 à 20 ou ${v.codes.join(' / ')}`,
    };
    note.protection = { locked: false };
    ws.getCell(r, 4).protection = { locked: false };
  });
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  await writeFileAtomic(file, async (tmp) => {
    await wb.xlsx.writeFile(tmp);
  });
}
