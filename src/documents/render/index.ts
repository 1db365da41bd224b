/**
 * The generic PDF renderer (pdfkit 0.20, A4, DejaVu Sans embedded by file path, pdfkit imported lazily).
 *
 * Usage — many documents (one per candidate, room, commission…) in ONE PDF, written atomically:
 *
 *   import { writePdfFile, titleBlock, fields, table, criteriaScale, signatures } from '../render/index.js';
 *   const { pages } = await writePdfFile('out.pdf', { title: 'Listes d’appel', creationDate: ctx.now() }, async (w) => {
 *     for (const [i, room] of rooms.entries()) {
 *       w.beginDocument(`BTS CCST 2024 — liste d’appel — salle ${room.name}`); // new page, footer "… page x/y"
 *       titleBlock(w, ['LISTE D’APPEL', 'Session 2024']);
 *       fields(w, [{ label: 'Académie', value: 'TOULOUSE' }, { label: 'Salle', value: room.name }]);
 *       table(w, { columns: [2, 4, 4, 3], header: [['N°', 'Nom', 'Prénom', 'Signature']], rows: room.rows });
 *       if (i % 50 === 49) await w.yieldToStream(); // let the file stream drain in long loops
 *     }
 *   });
 *
 * - `PdfWriter` (w): `beginDocument(footer)` starts a page group (its pages get "footer … page x/y");
 *   `endDocument()` is implicit at the next beginDocument / at the end. `w.y` is the layout cursor,
 *   `w.ensureSpace(h)`, `w.newPage()`, `w.space(pt)`, `w.paragraph(text, {font, size, align})`,
 *   `w.measure(text, width, style)`, `w.textAt(text, x, y, width, style)`; `w.doc` is the raw pdfkit document.
 * - `table(w, {columns: relative widths, header?: rows repeated on every page, rows, fontSize?, keepWithHeader?})`:
 *   cells are strings or {text, label (bold prefix), bold, italic, size, align, valign, fill, colSpan,
 *   box: true | 'checked'}; a row is Cell[] or {cells, minHeight}. Text wraps; rows never split.
 * - Blocks of the national models: `titleBlock`, `heading`, `fields` (label : value grid), `criteriaScale`
 *   (criteria × TI/I/S/TS tick boxes + "Note sur N points" + legend), `noteBoxes`, `observation`,
 *   `signatures` ("Émargement des membres de la commission"), `bullets`, `checklist` (ticked motifs).
 * - Speed: a text drawn again in the same file (same style and box) is reused as a form XObject instead of being
 *   laid out again (text-replay.ts); fonts are parsed once per thread (fonts.ts). Nothing to do for callers.
 * - Output: `writePdfFile(file, meta, draw)` (temp + rename), `writePdf(target|'-', stdout, meta, draw)`,
 *   `renderPdfBuffer(meta, draw)`. `meta.creationDate` fixes the metadata so output is byte-stable in tests.
 * - Template-driven documents (grids): `templates/documents/*.json`, schema in `../templates/schema.ts`,
 *   rendered by `renderTemplate(w, template, viewModel)` from `../templates/render-template.ts`.
 */
export { PdfWriter, PAGE, DEFAULT_SIZE, loadPdfKit, type PdfMeta, type TextStyle } from './pdf-writer.js';
export { FONT, fontFiles, registerFonts } from './fonts.js';
export { table, columnWidths, HEADER_FILL, type Cell, type CellSpec, type ColumnSpec, type Row, type RowSpec, type TableSpec } from './table.js';
export {
  titleBlock,
  heading,
  fields,
  criteriaScale,
  noteBoxes,
  observation,
  signatures,
  bullets,
  checklist,
  LEVELS,
  LEVEL_LEGEND,
  type Field,
  type Level,
  type CriteriaSpec,
} from './blocks.js';
export { writePdfFile, writePdf, renderPdfBuffer, type Draw, type PdfResult } from './output.js';
