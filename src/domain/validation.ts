// A problem found in one cell of an input file. Kept as data so that the CLI can group them by kind
// (French messages, row- and column-precise) and --json can return them whole.
export interface CellIssue {
  /** 1-based row in the file. */
  row: number;
  /** The column as the user wrote it in the header (or the canonical name). */
  column: string;
  /** Short stable key used to group messages: "uai-cle", "date", "voie", "doublon"… */
  kind: string;
  /** French, self-contained: « clé UAI incorrecte : 0310028A (attendu 0310028M) ». */
  message: string;
}

/** The outcome of parsing one field: a value, or an issue without position (the caller adds row/column). */
export type FieldResult<T> = { ok: true; value: T } | { ok: false; kind: string; message: string };

export const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
export const fail = <T = never>(kind: string, message: string): FieldResult<T> => ({ ok: false, kind, message });
