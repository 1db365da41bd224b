// Many rows' texts read as one text per group (group_concat on SQLite, string_agg on PostgreSQL), split here: each
// cell of each row read one by one becomes a JavaScript value, which costs more than the query on a national session
// (harmonisation.ts measured it first: ≈ 1.0 s of CPU for 250,000 notes in better-sqlite3 alone; split, a few tens of
// milliseconds). The count of each group is read beside its texts and checked, so that a text holding the separator
// cannot go unnoticed.
import { sql, type RawBuilder } from 'kysely';
import { engineOf, type Db } from './workspace.js';

/** Between two texts of a group: a control character that no numéro, anonymity number or lot name holds. */
export const SEP = '\u001f';

/** The texts of `column` in each group, joined by SEP; in `orderBy` order when given (both engines honour it). */
export function joinedTexts(db: Db, column: string, orderBy?: string): RawBuilder<string> {
  const order = orderBy ? sql` ORDER BY ${sql.ref(orderBy)}` : sql``;
  return engineOf(db) === 'postgres' ? sql<string>`string_agg(${sql.ref(column)}, ${SEP}${order})` : sql<string>`group_concat(${sql.ref(column)}, ${SEP}${order})`;
}

/** The texts of one group, checked against its count. */
export function splitJoined(texts: string | null, count: number | string | bigint, what: string): string[] {
  const n = Number(count);
  const out = n === 0 || texts === null ? [] : texts.split(SEP);
  if (out.length !== n) throw new Error(`${what} : ${out.length} textes pour ${n} lignes (séparateur dans une valeur ?)`);
  return out;
}
