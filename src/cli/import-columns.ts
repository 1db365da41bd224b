// Columns the aliases did not recognise: mapped by --map "Colonne=champ" (the flag path), or at a terminal by
// answering one question per column (never required). Derived export columns ("Forme U4") are ignored.
import type { Ctx } from './context.js';
import { usageError } from './errors.js';
import { buildAliasIndex, normalizeHeader, type ColumnSpec, type HeaderMap } from '../io/header-mapping.js';
import { CANDIDATE_COLUMNS, isDerivedColumn } from '../io/candidate-columns.js';

const sameLabel = (a: string, b: string) => normalizeHeader(a) === normalizeHeader(b);

function assign(header: HeaderMap, index: number, label: string, field: string): void {
  const previous = header.columns.get(index);
  if (previous) header.labels.delete(previous);
  for (const [i, name] of header.columns) {
    if (name === field && i !== index) {
      throw usageError(`--map : le champ ${field} est déjà donné par la colonne « ${header.labels.get(field)} »`);
    }
  }
  header.columns.set(index, field);
  header.labels.set(field, label);
  header.unknown = header.unknown.filter((u) => u.index !== index);
}

/** Applies --map entries ("Num Cand=numero"); the field may be a canonical name or any alias. */
export function applyColumnMap(header: HeaderMap, entries: string[], specs: ColumnSpec[]): void {
  const index = buildAliasIndex(specs);
  for (const entry of entries) {
    const eq = entry.lastIndexOf('=');
    if (eq <= 0 || eq === entry.length - 1) {
      throw usageError(`--map « ${entry} » : attendu "Colonne=champ", ex. "Num Cand=numero"`);
    }
    const label = entry.slice(0, eq).trim();
    const fieldText = entry.slice(eq + 1).trim();
    const field = index.get(normalizeHeader(fieldText).replace(/ /g, ''));
    if (!field || isDerivedColumn(field)) {
      throw usageError(`--map « ${entry} » : champ inconnu « ${fieldText} »`, [`Champs : ${CANDIDATE_COLUMNS.map((c) => c.name).join(', ')}`]);
    }
    const unknown = header.unknown.find((u) => sameLabel(u.label, label));
    const known = [...header.columns].find(([, name]) => sameLabel(header.labels.get(name) ?? '', label));
    const target = unknown ? { index: unknown.index, label: unknown.label } : known ? { index: known[0], label } : undefined;
    if (!target) throw usageError(`--map « ${entry} » : pas de colonne « ${label} » dans l’en-tête du fichier`);
    assign(header, target.index, target.label, field);
  }
  header.missing = specs.filter((s) => s.required && !header.labels.has(s.name)).map((s) => s.name);
}

/** At a terminal, asks what each unknown column holds; "(ignorer)" keeps it out. */
export async function promptUnknownColumns(ctx: Ctx, header: HeaderMap, specs: ColumnSpec[]): Promise<void> {
  for (const u of [...header.unknown]) {
    const free = CANDIDATE_COLUMNS.filter((c) => !header.labels.has(c.name));
    if (free.length === 0) return;
    const choices = [{ name: '(ignorer cette colonne)', value: '' }, ...free.map((c) => ({ name: `${c.name} (${c.label})`, value: c.name }))];
    const field = await ctx.prompt.select(`Colonne « ${u.label} » : quel champ contient-elle ?`, choices, '');
    if (field) assign(header, u.index, u.label, field);
  }
  header.missing = specs.filter((s) => s.required && !header.labels.has(s.name)).map((s) => s.name);
}
