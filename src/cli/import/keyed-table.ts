// A data file with a header row (centres, salles, examinateurs, présences): opened with the shared table reader, its
// header found against the command's column specs, and the two refusals every such import makes — no header row,
// a mandatory column missing — in one place, with the same French messages.
import type { Ctx } from '../context.js';
import { inputError } from '../errors.js';
import { openTable, type RawRow } from '../../io/table-reader.js';
import { readHeader, type ColumnSpec, type HeaderMap } from '../../io/header-mapping.js';

export interface KeyedTable {
  /** The file's name as messages give it (« stdin » for -). */
  name: string;
  header: HeaderMap;
  /** The rows after the header. */
  rest: AsyncIterable<RawRow>;
  /** A field's column as the file labels it, for row/column messages. */
  label: (field: string) => string;
}

export async function openKeyedTable(ctx: Ctx, file: string, sheet: string | undefined, specs: ColumnSpec[]): Promise<KeyedTable> {
  const table = await openTable(file, { sheet, stdin: ctx.stdin });
  const { header, rest } = await readHeader(table.rows, specs);
  const name = table.info.name;
  if (!header) throw inputError(`${name} : ligne d’en-tête introuvable (colonnes attendues : ${specs.map((s) => s.name).join(', ')})`);
  if (header.missing.length) throw inputError(`${name} : colonne(s) obligatoire(s) absente(s) : ${header.missing.join(', ')}`);
  return { name, header, rest, label: (f) => header.labels.get(f) ?? f };
}
