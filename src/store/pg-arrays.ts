// One text[] parameter of PostgreSQL's unnest() writes (bulk-write.ts) in the server's binary array format, instead of
// the pg driver's text literal '{"…","…"}'. Measured (issue #12 bench, 25k candidates, PostgreSQL 15, pg 8.23): the
// driver builds the literal by escaping every element with two regex replaces and concatenating 10,000 of them — on
// `deliberate`'s results (1.3 KB of JSON each, full of quotes) that was 8.7 s of client CPU for 25k rows, and the
// Bind message then measured and copied that rope again (Buffer.byteLength flattening it: GC and system time). In
// binary each element is its length then its UTF-8 bytes, no escaping: the same 25k results cost 1.4 s (making their
// JSON included), and the server reads them with array_recv instead of parsing the literal (1.7 s → 1.2 s).
// A Buffer parameter is sent by pg in binary format; `$n::text[]` tells the server its type, whose binary input
// (array_recv) checks the element type named in the header. Text cells only: a column with anything else (a number
// written to a text column, a Date) keeps the driver's literal, which turns those into text its own way.
// The plain way (the driver's literal) is what test/store/bulk-write.test.ts compares the stored rows with.

/** pg_type.oid of text: array_recv refuses an array whose header names another element type than the cast's. */
const TEXT_OID = 25;
/** ndim, has-nulls flag, element type, then one dimension: its length and lower bound. */
const HEADER_BYTES = 20;

/**
 * The cells as a binary text[] (NULL for null/undefined), or undefined when a cell is neither a string nor null (the
 * caller then sends the array as the driver does). A NUL character is refused by the server, as in a text literal.
 */
export function binaryTextArray(cells: readonly unknown[]): Buffer | undefined {
  const n = cells.length;
  const lengths = new Int32Array(n);
  let size = HEADER_BYTES;
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    const v = cells[i];
    if (v === null || v === undefined) {
      lengths[i] = -1;
      nulls = 1;
      size += 4;
    } else if (typeof v === 'string') {
      const len = Buffer.byteLength(v, 'utf8');
      lengths[i] = len;
      size += 4 + len;
    } else return undefined;
  }
  const buf = Buffer.allocUnsafe(size);
  buf.writeInt32BE(1, 0);
  buf.writeInt32BE(nulls, 4);
  buf.writeInt32BE(TEXT_OID, 8);
  buf.writeInt32BE(n, 12);
  buf.writeInt32BE(1, 16);
  let o = HEADER_BYTES;
  for (let i = 0; i < n; i++) {
    const len = lengths[i]!;
    buf.writeInt32BE(len, o);
    o += 4;
    if (len > 0) o += buf.write(cells[i] as string, o, len, 'utf8');
  }
  return buf;
}
