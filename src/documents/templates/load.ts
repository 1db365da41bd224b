// Reading and validating the document templates bundled under templates/documents/.
import '../../zod-fr.js';
import fs from 'node:fs';
import path from 'node:path';
import { TEMPLATES_DIR } from '../../io/paths.js';
import { documentTemplateSchema, type DocumentTemplate } from './schema.js';

export const DOCUMENT_TEMPLATES_DIR = path.join(TEMPLATES_DIR, 'documents');

/** Parses one template; errors name the file and the JSON path of the faulty value. */
export function parseDocumentTemplate(textContent: string, name: string): DocumentTemplate {
  let json: unknown;
  try {
    json = JSON.parse(textContent);
  } catch (e) {
    throw new Error(`${name} : JSON invalide (${(e as Error).message})`);
  }
  const r = documentTemplateSchema.safeParse(json);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `${name} : ${i.path.join('.') || '(racine)'} : ${i.message}`);
    throw new Error(lines.join('\n'));
  }
  return r.data;
}

let cache: DocumentTemplate[] | undefined;

/** All bundled templates, sorted by unit then order (stable). */
export function loadDocumentTemplates(dir = DOCUMENT_TEMPLATES_DIR): DocumentTemplate[] {
  if (dir === DOCUMENT_TEMPLATES_DIR && cache) return cache;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const list = files.map((f) => parseDocumentTemplate(fs.readFileSync(path.join(dir, f), 'utf8'), f));
  list.sort((a, b) => a.unit.localeCompare(b.unit) || a.order - b.order || a.id.localeCompare(b.id));
  if (dir === DOCUMENT_TEMPLATES_DIR) cache = list;
  return list;
}

export interface GridSet {
  /** Printed once at the start of each PDF (annexes 12 and 24: outils d'aide à l'évaluation). */
  reference: DocumentTemplate[];
  /** Printed for each candidate, in order (grid, then worksheet). */
  perCandidate: DocumentTemplate[];
}

/** The templates for a unit in a form; empty perCandidate when the circular has no model for it. */
export function gridSetFor(templates: DocumentTemplate[], unit: string, form: 'ccf' | 'ponctuel'): GridSet {
  const matching = templates.filter((t) => t.unit === unit && t.forms.includes(form));
  return { reference: matching.filter((t) => t.role === 'reference'), perCandidate: matching.filter((t) => t.role !== 'reference') };
}
