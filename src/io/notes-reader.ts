// Reads a notes file (CSV or XLSX) for `ccst deliberate`: wide (numero + one column per unit, headers U1/E1,
// U21/E2-1/E21… through the regulation's aliases) or long (numero, epreuve, note). Optional identity columns
// (nom, prenom, etablissement, voie) let it work without a workspace. Every bad cell is reported with its row and
// column; nothing is decided on a file with errors.
import type { Regulation } from '../domain/regulation/schema.js';
import { findUnit } from '../domain/regulation/units.js';
import { checkCodeScope, codeScope } from '../domain/regulation/code-scope.js';
import type { CellIssue } from '../domain/validation.js';
import { checkBenefice, parseNoteCell, type NoteCell } from '../domain/deliberation/note-cell.js';
import type { DeliberationRules } from '../domain/deliberation/rules.js';
import type { FileRecord } from '../domain/deliberation/assemble.js';
import { inputError } from '../errors.js';
import { cellText, normalizeHeader, readHeader, type ColumnSpec } from './header-mapping.js';
import fs from 'node:fs';
import { openTable, xlsxSheetNames, type CellValue, type RawRow, type TableInfo } from './table-reader.js';
import { FirstRows } from './first-rows.js';

/** One candidate's row(s) of the notes file: the shape the deliberation assembler takes. */
export type NotesRecord = FileRecord;

export interface NotesFile {
  info: TableInfo;
  layout: 'wide' | 'long';
  /** In file order of first appearance (empty for a wide file read with onRecord). */
  records: Map<string, NotesRecord>;
  /** Unit code → header text, for the units present as columns (wide) or values (long). */
  unitLabels: Map<string, string>;
  hasIdentity: boolean;
  issues: CellIssue[];
  warnings: string[];
}

const NUMERO = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,29}$/;

export const IDENTITY_SPECS: ColumnSpec[] = [
  { name: 'numero', aliases: ['n candidat', 'numero candidat', 'num candidat', 'no candidat', 'numero inscription', 'n inscription', 'matricule'], required: true },
  { name: 'nom', maxLength: 100, aliases: ['nom de famille', 'nom d usage'] },
  { name: 'prenom', maxLength: 100, aliases: ['prenoms'] },
  { name: 'etablissement', maxLength: 150, aliases: ['lycee', 'etablissement de formation', 'etablissement d origine', 'centre de formation'] },
  { name: 'voie', aliases: ['voie de formation', 'statut'] },
];
const LONG_SPECS: ColumnSpec[] = [
  { name: 'epreuve', aliases: ['unite', 'sous epreuve', 'code epreuve', 'code unite'] },
  { name: 'note', aliases: ['note sur 20', 'resultat'] },
];

export function unitSpecs(reg: Regulation): ColumnSpec[] {
  return reg.units.map((u) => ({ name: u.code, aliases: [u.epreuve, ...u.aliases] }));
}

export interface ReadNotesOptions {
  reg: Regulation;
  rules: DeliberationRules;
  sheet?: string;
  stdin?: NodeJS.ReadableStream;
  /**
   * Called with each complete record: as soon as its row is read (wide layout), or at the end (long layout). With
   * it, wide records are not kept in `records` (a 250k-candidate file is then deliberated while it is read).
   */
  onRecord?: (rec: NotesRecord, file: NotesFile) => void;
}

/** Voie by code, label or alias, ignoring case, accents and punctuation. */
export function matchVoie(reg: Regulation, raw: string): string | undefined {
  const key = normalizeHeader(raw);
  return reg.voies.find((v) => [v.code.replace(/_/g, ' '), v.label, ...v.aliases].some((a) => normalizeHeader(a) === key))?.code;
}

/**
 * The notes of `file`. An XLSX workbook read without --sheet whose first sheet is in the long layout (numero,
 * epreuve, note — the bordereaux of `ccst bordereaux`, one sheet per commission) is read sheet after sheet; in the
 * wide layout only the first sheet is read, and the others are named in a warning.
 */
/** Up to this size a long-layout workbook is opened whole to read all its sheets (exceljs: ≈ 5 KB per row in memory). */
const WHOLE_WORKBOOK_BYTES = 20 * 1024 * 1024;

export async function readNotes(file: string, opts: ReadNotesOptions): Promise<NotesFile> {
  const first = await readSheet(file, opts);
  // A long-layout workbook small enough to be read whole (bordereaux: a few hundred rows) gets its sheets' real
  // names that way; the streaming reader may know them only as Sheet1, Sheet2… (exceljs writes workbook.xml last).
  const small = first.info.format === 'xlsx' && opts.sheet === undefined && first.layout === 'long' && fs.statSync(file).size < WHOLE_WORKBOOK_BYTES;
  const sheets = small ? await xlsxSheetNames(file) : (first.info.sheets ?? []);
  const others = first.info.format === 'xlsx' && opts.sheet === undefined ? sheets.map((_, i) => i).filter((i) => i !== (first.info.sheetIndex ?? 0)) : [];
  const name = first.info.name;
  if (first.layout === 'long' && others.length && small) {
    const where = (sheet: string) => (i: CellIssue): CellIssue => ({ ...i, column: `${i.column} (feuille « ${sheet} »)` });
    first.issues = first.issues.map(where(sheets[first.info.sheetIndex ?? 0] ?? ''));
    for (const index of others) {
      const sheet = sheets[index]!;
      const more = await readSheet(file, { ...opts, sheet: undefined, onRecord: undefined }, index);
      if (more.layout !== 'long') throw inputError(`${name} : la feuille « ${sheet} » n’a pas les colonnes numero, epreuve, note de la première`, ['Lisez une seule feuille avec --sheet.']);
      first.issues.push(...more.issues.map(where(sheet)));
      for (const w of more.warnings) if (!first.warnings.includes(w)) first.warnings.push(w);
      for (const [code, l] of more.unitLabels) first.unitLabels.set(code, l);
      for (const [numero, rec] of more.records) {
        const mine = first.records.get(numero);
        if (!mine) {
          first.records.set(numero, rec);
          continue;
        }
        for (const [unit, cell] of rec.cells) {
          if (mine.cells.has(unit)) first.issues.push({ row: rec.row, column: `numero (feuille « ${sheet} »)`, kind: 'doublon', message: `deuxième note de ${numero} en ${unit}` });
          else mine.cells.set(unit, cell);
        }
      }
    }
  } else if (others.length) {
    first.warnings.push(`${name} : seule la première feuille (« ${sheets[first.info.sheetIndex ?? 0]} ») est lue ; autres feuilles : ${others.map((i) => sheets[i]).join(', ')} (--sheet pour en choisir une)`);
  }
  // Long layout: a candidate's notes may be anywhere in the file (or the workbook), so records are complete only now.
  if (first.layout === 'long' && opts.onRecord) for (const rec of first.records.values()) opts.onRecord(rec, first);
  return first;
}

async function readSheet(file: string, opts: ReadNotesOptions, sheetIndex?: number): Promise<NotesFile> {
  const { reg, rules } = opts;
  const table = await openTable(file, { sheet: opts.sheet, sheetIndex, stdin: opts.stdin });
  const specs = [...IDENTITY_SPECS, ...LONG_SPECS, ...unitSpecs(reg)];
  const { header, rest } = await readHeader(table.rows, specs);
  const name = table.info.name;
  if (!header || !header.labels.has('numero')) {
    throw inputError(`${name} : en-tête introuvable`, [
      'Attendu : une colonne numero et une colonne par unité (U1, E2-1, U4…), ou les colonnes numero, epreuve, note.',
    ]);
  }
  const unitCols = [...header.columns].filter(([, n]) => reg.units.some((u) => u.code === n));
  const isLong = header.labels.has('epreuve') && header.labels.has('note');
  if (isLong && unitCols.length) {
    throw inputError(`${name} : format ambigu, colonnes epreuve/note et colonnes d’unités à la fois`, ['Gardez un seul des deux formats.']);
  }
  if (!isLong && !unitCols.length) {
    throw inputError(`${name} : aucune colonne d’unité (U1, E2-1, U4…) ni colonnes epreuve et note`);
  }
  const out: NotesFile = {
    info: table.info,
    layout: isLong ? 'long' : 'wide',
    records: new Map(),
    unitLabels: new Map(unitCols.map(([, n]) => [n, header.labels.get(n)!])),
    hasIdentity: header.labels.has('nom') || header.labels.has('prenom'),
    issues: [],
    warnings: header.unknown.map((u) => `${name} : colonne « ${u.label} » ignorée (inconnue)`),
  };
  const label = (n: string) => header.labels.get(n) ?? n;
  const col = (n: string) => [...header.columns].find(([, c]) => c === n)?.[0];
  const nomCol = col('nom');
  const prenomCol = col('prenom');
  const etablissementCol = col('etablissement');
  const voieCol = col('voie');
  const numeroCol = col('numero')!;
  const epreuveCol = col('epreuve');
  const noteCol = col('note');
  const benefice = { minimumHundredths: rules.beneficeMinimumH, validityYears: rules.beneficeValidityYears, session: rules.session };
  const issue = (row: number, column: string, kind: string, message: string) => out.issues.push({ row, column, kind, message });
  /** Wide layout: numéro → its row, to report a second row of the same candidate. */
  const firstRows = new FirstRows();
  const unitsByText = new Map<string, ReturnType<typeof findUnit>>();
  /** Voie text → code (null: unknown), matched once per distinct spelling. */
  const voies = new Map<string, string | null>();

  /** Parses one note cell, checks its code's scope (code-scope.ts) and a bénéfice's age and value (D643-20). */
  const scope = codeScope(reg);
  const note = (row: number, column: string, raw: CellValue, unit: string): NoteCell | undefined | null => {
    const parsed = parseNoteCell(raw);
    if (!parsed.ok) return void issue(row, column, parsed.kind, parsed.message), null;
    // The same scope as at import, with or without a workspace: DIS where a dispense ground covers the unit, NV on
    // the contrôle de conformité units (and optional épreuves without support), BEN/REP on compulsory units only.
    if (parsed.value && parsed.value.kind !== 'note') {
      const inScope = checkCodeScope(scope, unit, parsed.value);
      if (!inScope.ok) return void issue(row, column, inScope.kind, inScope.message), null;
    }
    if (parsed.value?.kind === 'BEN') {
      const b = checkBenefice(parsed.value, benefice);
      if (!b.ok) return void issue(row, column, b.kind, b.message), null;
    }
    return parsed.value;
  };

  // After readHeader, a generator-backed table (openTable's) goes on from the row after the header by itself:
  // iterating it directly spares one async-generator step per row (250k rows).
  const selfIterating = (table.rows[Symbol.asyncIterator]() as unknown) === table.rows;
  const body: AsyncIterable<RawRow> = selfIterating ? table.rows : rest;
  // Plain arrays for the loop over two million cells (no Map lookup per cell).
  const unitIndexes = unitCols.map(([i]) => i);
  const unitCodes = unitCols.map(([, code]) => code);
  const unitHeaders = unitCodes.map((code) => label(code));
  const text = (cells: CellValue[], i: number | undefined) => (i === undefined ? '' : cellText(cells[i] ?? null));
  const handle = (r: RawRow): void => {
    const cells = r.cells;
    if (isBlankRow(cells)) return;
    const numero = cellText(cells[numeroCol] ?? null);
    if (!numero) {
      issue(r.row, label('numero'), 'numero', 'numéro de candidat manquant');
      return;
    }
    // The rule of candidate-fields.ts's parseNumero: without a workspace nothing else checks the numéro, which went
    // into the PV as it was (issue #9 item 9).
    if (!NUMERO.test(numero)) {
      issue(r.row, label('numero'), 'numero', `numéro de candidat invalide : « ${numero.length > 40 ? `${numero.slice(0, 40)}…` : numero} » (lettres, chiffres, - . / _ ; 30 caractères au plus)`);
      return;
    }
    let rec = isLong ? out.records.get(numero) : undefined;
    if (!isLong) {
      const first = firstRows.firstOrAdd(numero, r.row);
      if (first !== undefined) {
        issue(r.row, label('numero'), 'doublon', `candidat ${numero} déjà présent ligne ${first}`);
        return;
      }
    }
    if (!rec) {
      rec = { numero, row: r.row, cells: new Map() };
      const nom = text(cells, nomCol);
      if (nom) rec.nom = nom;
      const prenom = text(cells, prenomCol);
      if (prenom) rec.prenom = prenom;
      const etablissement = text(cells, etablissementCol);
      if (etablissement) rec.etablissement = etablissement;
      const voieText = text(cells, voieCol);
      if (voieText) {
        let voie = voies.get(voieText);
        if (voie === undefined) voies.set(voieText, (voie = matchVoie(reg, voieText) ?? null));
        if (!voie) issue(r.row, label('voie'), 'voie', `voie « ${voieText} » inconnue (${reg.voies.map((v) => v.code).join(', ')})`);
        else rec.voie = voie;
      }
      if (isLong || !opts.onRecord) out.records.set(numero, rec);
    }
    if (isLong) {
      const unitText = cellText(cells[epreuveCol!] ?? null);
      let unit = unitsByText.get(unitText);
      if (!unitsByText.has(unitText)) unitsByText.set(unitText, (unit = unitText ? findUnit(reg, unitText) : undefined));
      if (!unit) {
        issue(r.row, label('epreuve'), 'epreuve', unitText ? `épreuve « ${unitText} » inconnue du règlement` : 'épreuve manquante');
        return;
      }
      if (rec.cells.has(unit.code)) {
        issue(r.row, label('epreuve'), 'doublon', `deuxième note de ${numero} en ${unit.code}`);
        return;
      }
      out.unitLabels.set(unit.code, unit.code);
      const v = note(r.row, label('note'), cells[noteCol!] ?? null, unit.code);
      if (v) rec.cells.set(unit.code, v);
      else if (v === undefined) issue(r.row, label('note'), 'note', `note vide pour ${numero} en ${unit.code} (laissez la ligne de côté s’il n’y a pas encore de note)`);
      return;
    }
    for (let u = 0; u < unitIndexes.length; u++) {
      const v = note(r.row, unitHeaders[u]!, cells[unitIndexes[u]!] ?? null, unitCodes[u]!);
      if (v) rec.cells.set(unitCodes[u]!, v);
    }
    opts.onRecord?.(rec, out);
  };
  for await (const r of body) {
    handle(r);
    // The rows the CSV parser already holds, without a promise each (table-reader.ts).
    if (table.takeBuffered) for (const b of table.takeBuffered()) handle(b);
  }
  return out;
}

/** Cheaper than cellText on every cell: most rows have a non-blank first cell (the numéro). */
function isBlankRow(cells: CellValue[]): boolean {
  for (const c of cells) if (c !== null && c !== '' && cellText(c) !== '') return false;
  return true;
}
