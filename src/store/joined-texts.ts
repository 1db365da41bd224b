// Many rows' texts read as one text per group (group_concat on SQLite, string_agg on PostgreSQL), split here: each
// cell of each row read one by one becomes a JavaScript value, which costs more than the query on a national session
// (harmonisation.ts measured it first: ≈ 1.0 s of CPU for 250,000 notes in better-sqlite3 alone; split, a few tens of
// milliseconds). The count of each group is read beside its texts and checked, so that a text holding the separator
// cannot go unnoticed.
import { sql, type RawBuilder } from 'kysely';
import { engineOf, type Db } from './workspace.js';

/** Between two texts of a group: a control character that no numéro, anonymity number or lot name holds. */
export const SEP = '\u001f';
/** Between two rows of one aggregated text whose fields are joined by SEP (notes-by-lot.ts). */
export const ROW_SEP = '\u001e';

/** `expr` of every row of each group as one text, joined by `separator`, in `order` when given (both engines honour it). */
export function aggregatedText<T extends string | null = string>(db: Db, expr: RawBuilder<unknown> | ReturnType<typeof sql.ref>, separator: string, order: RawBuilder<unknown> = sql``): RawBuilder<T> {
  return engineOf(db) === 'postgres' ? sql<T>`string_agg(${expr}, ${separator}${order})` : sql<T>`group_concat(${expr}, ${separator}${order})`;
}

/** The texts of `column` in each group, joined by SEP; in `orderBy` order when given. */
export function joinedTexts(db: Db, column: string, orderBy?: string): RawBuilder<string> {
  return aggregatedText(db, sql.ref(column), SEP, orderBy ? sql` ORDER BY ${sql.ref(orderBy)}` : sql``);
}

/** The texts of one group, checked against its count. */
export function splitJoined(texts: string | null, count: number | string | bigint, what: string): string[] {
  const n = Number(count);
  const out = n === 0 || texts === null ? [] : texts.split(SEP);
  if (out.length !== n) throw new Error(`${what} : ${out.length} textes pour ${n} lignes (séparateur dans une valeur ?)`);
  return out;
}
