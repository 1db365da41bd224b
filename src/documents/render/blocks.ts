// The building blocks of the national models (circulaire nationale 2024, annexes 4–24): title block, header
// fields, criteria × TI / I / S / TS scale, note boxes, observation areas, signature table, lists, tick lists.
import { FONT } from './fonts.js';
import { type PdfWriter } from './pdf-writer.js';
import { table, HEADER_FILL, type Cell, type Row } from './table.js';

/** Centred bold title lines (first line larger), then a gap. */
export function titleBlock(w: PdfWriter, lines: string[], opts: { size?: number } = {}): void {
  const size = opts.size ?? 11;
  lines.forEach((line, i) => w.paragraph(line, { font: FONT.bold, size: i === 0 ? size : size - 1, align: 'center' }, 2));
  w.space(6);
}

/** A bold section heading, kept with at least `keep` points of what follows. */
export function heading(w: PdfWriter, text: string, opts: { size?: number; keep?: number; align?: 'left' | 'center' } = {}): void {
  w.ensureSpace((opts.keep ?? 60) + 14);
  w.space(4);
  w.paragraph(text, { font: FONT.bold, size: opts.size ?? 10, align: opts.align ?? 'left' }, 3);
}

export interface Field {
  label: string;
  /** Blank when unknown: the line is left to be filled in by hand. */
  value?: string;
}

/** Label : value pairs in a bordered grid of `columns` columns (annexes: "Académie | Session 2024"). */
export function fields(w: PdfWriter, list: Field[], opts: { columns?: number; minHeight?: number } = {}): void {
  const columns = opts.columns ?? 2;
  const rows: Row[] = [];
  for (let i = 0; i < list.length; i += columns) {
    const cells: Cell[] = [];
    for (let j = 0; j < columns; j++) {
      const f = list[i + j];
      cells.push(f ? { label: f.label + (f.label.endsWith(' ') ? '' : ' : '), text: f.value ?? '', valign: 'middle' } : '');
    }
    rows.push({ cells, minHeight: opts.minHeight ?? 18 });
  }
  table(w, { columns: Array(columns).fill(1), rows });
  w.space(6);
}

export const LEVELS = ['TI', 'I', 'S', 'TS'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LEGEND = 'TI : Très insuffisant - I : Insuffisant - S : Satisfaisant - TS : Très satisfaisant';

export interface CriteriaSpec {
  /** Header of the criteria column (annexe 10: "Critères d'évaluation"). */
  title?: string;
  criteria: string[];
  levels?: readonly string[];
  /** Ticked level per criterion index (filled forms); empty boxes otherwise. */
  ticked?: Record<number, string>;
  /** Note row under the scale, e.g. "Note sur 10 points". */
  note?: string;
  noteValue?: string;
  legend?: string;
}

/** Criteria rows with one tick box per level; the header (title + levels) repeats on a page break. */
export function criteriaScale(w: PdfWriter, s: CriteriaSpec): void {
  const levels = s.levels ?? LEVELS;
  const header: Row[] = [
    [{ text: s.title ?? "Critères d'évaluation", bold: true, fill: HEADER_FILL }, ...levels.map((l) => ({ text: l, bold: true, align: 'center' as const, fill: HEADER_FILL }))],
  ];
  const rows: Row[] = s.criteria.map((text, i) => ({
    cells: [text, ...levels.map((l) => ({ box: s.ticked?.[i] === l ? ('checked' as const) : true }))],
    minHeight: 16,
  }));
  if (s.note) {
    rows.push({ cells: [{ text: s.note, bold: true, align: 'right' }, { text: s.noteValue ?? '', colSpan: levels.length, align: 'center' }], minHeight: 22 });
  }
  if (s.legend) rows.push([{ text: s.legend, italic: true, size: 7, colSpan: levels.length + 1 }]);
  table(w, { columns: [levels.length * 3.2, ...levels.map(() => 1)], header, rows, keepWithHeader: 2, keepTogether: true });
  w.space(6);
}

/** "SITUATION 1 SUR 10 POINTS | ____" rows: a label and a box to write the note in. */
export function noteBoxes(w: PdfWriter, rows: { label: string; value?: string }[], opts: { title?: string } = {}): void {
  const header: Row[] = opts.title ? [[{ text: opts.title, bold: true, fill: HEADER_FILL, colSpan: 2 }]] : [];
  table(w, {
    columns: [3, 1],
    header,
    rows: rows.map((r) => ({ cells: [{ text: r.label, bold: true }, { text: r.value ?? '', align: 'center' as const }], minHeight: 22 })),
    keepTogether: true,
  });
  w.space(6);
}

/** A bordered area with a label at the top and room to write (`height` points), optionally pre-filled. */
export function observation(w: PdfWriter, label: string, opts: { height?: number; text?: string } = {}): void {
  const body = opts.text ? `${label}\n${opts.text}` : label;
  table(w, { columns: [1], rows: [{ cells: [{ text: body, valign: 'top', bold: !opts.text }], minHeight: opts.height ?? 70 }], keepTogether: true });
  w.space(6);
}

/** "Émargement des membres de la commission": a header row of column titles and empty signature rows. */
export function signatures(w: PdfWriter, opts: { title?: string; columns: string[]; rows?: number; height?: number }): void {
  const header: Row[] = [];
  if (opts.title) header.push([{ text: opts.title, bold: true, fill: HEADER_FILL, colSpan: opts.columns.length, align: 'center' }]);
  header.push(opts.columns.map((c) => ({ text: c, bold: true, align: 'center' as const })));
  const rows: Row[] = Array.from({ length: opts.rows ?? 1 }, () => ({ cells: opts.columns.map(() => ''), minHeight: opts.height ?? 55 }));
  table(w, { columns: opts.columns.map(() => 1), header, rows, keepTogether: true });
  w.space(6);
}

/** A bulleted list of sentences (rules, what to bring). */
export function bullets(w: PdfWriter, items: string[], opts: { size?: number } = {}): void {
  for (const item of items) w.paragraph(`•  ${item}`, { size: opts.size }, 2);
  w.space(4);
}

/** Items with a tick box each, ticked when `checked` (annexe 4: motifs de non-conformité). */
export function checklist(w: PdfWriter, items: { text: string; checked?: boolean }[]): void {
  table(w, {
    columns: [1, 14],
    rows: items.map((i) => ({ cells: [{ box: i.checked ? ('checked' as const) : true }, i.text], minHeight: 15 })),
  });
  w.space(6);
}
