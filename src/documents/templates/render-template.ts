// ONE generic renderer for every template: each block maps to a primitive of ../render. The view-model fills the
// bound fields; an empty view-model prints the blank model.
import {
  criteriaScale,
  fields,
  heading,
  noteBoxes,
  signatures,
  table,
  titleBlock,
  HEADER_FILL,
  FONT,
  type CellSpec,
  type PdfWriter,
  type Row,
} from '../render/index.js';
import type { DocumentTemplate, TemplateBlock, TemplateCell, TemplateRow, ViewModel } from './schema.js';

/** "{session}" in fixed text takes the view-model value (annexe 23: "Grille évaluation - Session 2024"). */
function interpolate(text: string, vm: ViewModel): string {
  return text.replace(/\{([a-z]+)\}/g, (m, key: string) => (key in vm ? (vm[key as keyof ViewModel] ?? '') : m));
}

function cellOf(c: TemplateCell, vm: ViewModel): CellSpec {
  if (typeof c === 'string') return { text: c };
  const bound = c.bind ? (vm[c.bind] ?? '') : undefined;
  return {
    text: bound !== undefined ? (c.text ?? '') + bound : c.text,
    label: c.label,
    bold: c.bold,
    italic: c.italic,
    align: c.align,
    valign: c.valign,
    fill: c.fill ? HEADER_FILL : undefined,
    colSpan: c.colSpan,
    box: c.box,
  };
}

function rowOf(r: TemplateRow, vm: ViewModel): Row {
  if (Array.isArray(r)) return r.map((c) => cellOf(c, vm));
  return { cells: r.cells.map((c) => cellOf(c, vm)), minHeight: r.minHeight };
}

/** A labelled box to write in: the label line, then the writing area (annexes: "Observations au regard…"). */
function observationBox(w: PdfWriter, label: string, sublabel: string | undefined, height: number): void {
  const rows: Row[] = [[{ text: label, bold: true }]];
  rows.push({ cells: [{ text: sublabel ?? '', valign: 'top', italic: true }], minHeight: height });
  // Label and area stay on the same page.
  table(w, { columns: [1], rows, keepTogether: true });
  w.space(6);
}

function renderBlock(w: PdfWriter, b: TemplateBlock, vm: ViewModel): void {
  switch (b.type) {
    case 'title':
      return titleBlock(w, b.lines.map((l) => interpolate(l, vm)));
    case 'fields':
      return fields(w, b.fields.map((f) => ({ label: f.label, value: f.bind ? vm[f.bind] : undefined })), { columns: b.columns });
    case 'heading':
      return heading(w, interpolate(b.text, vm), { align: b.align });
    case 'paragraph':
      return w.paragraph(interpolate(b.text, vm), { font: b.bold ? FONT.bold : b.italic ? FONT.italic : FONT.regular }, 5);
    case 'observation':
      return observationBox(w, b.label, b.sublabel, b.height ?? 80);
    case 'criteria':
      return criteriaScale(w, { title: b.title, criteria: b.criteria, levels: b.levels, note: b.note, legend: b.legend });
    case 'notes':
      return noteBoxes(w, b.rows.map((label) => ({ label })), { title: b.title });
    case 'signatures':
      return signatures(w, { title: b.title, columns: b.columns, rows: b.rows, height: b.height });
    case 'table':
      table(w, { columns: b.columns, header: b.header?.map((r) => rowOf(r, vm)), rows: b.rows.map((r) => rowOf(r, vm)), fontSize: b.fontSize });
      return w.space(6);
    case 'pageBreak':
      return w.newPage();
  }
}

/** Draws the template's blocks at the cursor of the current page group. */
export function renderTemplate(w: PdfWriter, t: DocumentTemplate, vm: ViewModel): void {
  for (const b of t.blocks) renderBlock(w, b, vm);
}
