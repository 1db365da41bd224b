// A document layout as data (templates/documents/*.json): the national models of the circulaire nationale 2024
// (annexes 5, 8–13, 16, 17, 20, 21, 23, 24) transcribed block by block, criteria verbatim. Validated by zod
// when loaded, so a typo in a template is reported with its path instead of printing a wrong grid.
import { z } from 'zod';

/** Values a template may pull from the view-model (one candidate, or blanks for an empty model). */
export const BINDINGS = ['academie', 'session', 'candidat', 'nom', 'prenom', 'numero', 'date', 'centre', 'langue', 'epreuve'] as const;
export type Binding = (typeof BINDINGS)[number];
export type ViewModel = Partial<Record<Binding, string>>;

const text = z.string().min(1);

const cellSchema = z.union([
  z.string(),
  z
    .object({
      text: z.string().optional(),
      /** Bold prefix, e.g. "Nom et prénom : ". */
      label: z.string().optional(),
      /** Value taken from the view-model, drawn after the label. */
      bind: z.enum(BINDINGS).optional(),
      bold: z.boolean().optional(),
      italic: z.boolean().optional(),
      align: z.enum(['left', 'center', 'right']).optional(),
      valign: z.enum(['top', 'middle']).optional(),
      fill: z.boolean().optional(),
      colSpan: z.number().int().positive().optional(),
      box: z.boolean().optional(),
    })
    .strict(),
]);
export type TemplateCell = z.infer<typeof cellSchema>;

const rowSchema = z.union([
  z.array(cellSchema).min(1),
  z.object({ cells: z.array(cellSchema).min(1), minHeight: z.number().positive().optional() }).strict(),
]);
export type TemplateRow = z.infer<typeof rowSchema>;

const blockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('title'), lines: z.array(text).min(1) }).strict(),
  z
    .object({
      type: z.literal('fields'),
      columns: z.number().int().min(1).max(3).default(2),
      fields: z.array(z.object({ label: text, bind: z.enum(BINDINGS).optional() }).strict()).min(1),
    })
    .strict(),
  z.object({ type: z.literal('heading'), text, align: z.enum(['left', 'center']).optional() }).strict(),
  z.object({ type: z.literal('paragraph'), text, bold: z.boolean().optional(), italic: z.boolean().optional() }).strict(),
  z
    .object({ type: z.literal('observation'), label: text, sublabel: text.optional(), height: z.number().positive().optional() })
    .strict(),
  z
    .object({
      type: z.literal('criteria'),
      title: z.string().optional(),
      criteria: z.array(text).min(1),
      levels: z.array(text).min(2).optional(),
      note: text.optional(),
      legend: text.optional(),
    })
    .strict(),
  z.object({ type: z.literal('notes'), title: text.optional(), rows: z.array(text).min(1) }).strict(),
  z
    .object({
      type: z.literal('signatures'),
      title: text.optional(),
      columns: z.array(text).min(1),
      rows: z.number().int().positive().optional(),
      height: z.number().positive().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('table'),
      columns: z.array(z.number().positive()).min(1),
      header: z.array(rowSchema).optional(),
      rows: z.array(rowSchema).min(1),
      fontSize: z.number().positive().optional(),
    })
    .strict(),
  z.object({ type: z.literal('pageBreak') }).strict(),
]);
export type TemplateBlock = z.infer<typeof blockSchema>;

export const documentTemplateSchema = z
  .object({
    $comment: z.string().optional(),
    id: z.string().regex(/^[a-z0-9-]+$/),
    /** Annexe number(s) of the circulaire nationale this template transcribes. */
    annexe: z.string().min(1),
    /** Unit code in the regulation (U4, U61, UF3…). */
    unit: z.string().regex(/^U[A-Z0-9]+$/),
    forms: z.array(z.enum(['ccf', 'ponctuel'])).min(1),
    /** grid: one per candidate; worksheet: one per candidate, after the grid; reference: once per PDF. */
    role: z.enum(['grid', 'worksheet', 'reference']),
    order: z.number().int(),
    title: text,
    /** Source paragraph, e.g. "Circulaire nationale 2024, annexe 10". */
    source: text,
    /** Set when the reference text of the model is not available and the layout is reconstructed: warned. */
    unverified: z.string().optional(),
    blocks: z.array(blockSchema).min(1),
  })
  .strict();
export type DocumentTemplate = z.infer<typeof documentTemplateSchema>;

/** Every criterion sentence of a template (criteria blocks), for verbatim checks. */
export function criteriaOf(t: DocumentTemplate): string[] {
  return t.blocks.flatMap((b) => (b.type === 'criteria' ? b.criteria : []));
}
