// binaryTextArray (src/store/pg-arrays.ts): PostgreSQL's binary array format, read back here as array_recv reads it
// (src/backend/utils/adt/arrayfuncs.c): header, then each element's length (-1: NULL) and UTF-8 bytes. The stored
// rows of both ways are compared on a server by test/store/bulk-write.test.ts.
import { describe, expect, it } from 'vitest';
import { binaryTextArray } from '../../src/store/pg-arrays.js';

function decode(buf: Buffer): { ndim: number; hasNull: number; oid: number; cells: (string | null)[] } {
  const ndim = buf.readInt32BE(0);
  const hasNull = buf.readInt32BE(4);
  const oid = buf.readInt32BE(8);
  const cells: (string | null)[] = [];
  if (ndim === 0) return { ndim, hasNull, oid, cells };
  const n = buf.readInt32BE(12);
  expect(buf.readInt32BE(16)).toBe(1); // lower bound
  let o = 20;
  for (let i = 0; i < n; i++) {
    const len = buf.readInt32BE(o);
    o += 4;
    if (len < 0) cells.push(null);
    else {
      cells.push(buf.toString('utf8', o, o + len));
      o += len;
    }
  }
  expect(o).toBe(buf.length);
  return { ndim, hasNull, oid, cells };
}

describe('binaryTextArray', () => {
  it.each([
    { name: 'plain text', cells: ['a', 'bc'], hasNull: 0 },
    { name: 'NULL and undefined are NULL', cells: ['a', null, undefined, ''], hasNull: 1, expected: ['a', null, null, ''] },
    { name: 'quotes, backslashes, braces are not escaped', cells: ['"{a,b}"\\', "l'été"], hasNull: 0 },
    { name: 'multi-byte and astral characters', cells: ['Nguyễn Đức', '😀𝒳', 'e\u0301'], hasNull: 0 },
    { name: 'one long cell', cells: ['é'.repeat(100_000)], hasNull: 0 },
  ])('$name', ({ cells, hasNull, expected }) => {
    const d = decode(binaryTextArray(cells)!);
    expect(d).toEqual({ ndim: 1, hasNull, oid: 25, cells: expected ?? cells });
  });

  it('an empty array has one dimension of length 0', () => {
    expect(binaryTextArray([])!.length).toBe(20);
    expect(decode(binaryTextArray([])!)).toEqual({ ndim: 1, hasNull: 0, oid: 25, cells: [] });
  });

  it.each([[1], [true], [new Date(0)], [{}]])('leaves a cell that is not text to the driver: %o', (cell) => {
    expect(binaryTextArray(['a', cell, null])).toBeUndefined();
  });
});
