import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LineArena } from '../../src/io/line-arena.js';

// The PV's CSV lines wait in a LineArena until sorted: what is written must be exactly the lines, UTF-8, in the
// order asked — whatever their characters (accents, Vietnamese, emoji as surrogate pairs) and sizes.
describe('LineArena', () => {
  it('gives back the lines in any order, as UTF-8, across growths and chunk boundaries', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 200 }), fc.integer({ min: 8, max: 64 }), (lines, chunkBytes) => {
        const arena = new LineArena();
        lines.forEach((l, i) => expect(arena.add(l)).toBe(i));
        const order = lines.map((_, i) => i).reverse();
        const bytes = Buffer.concat([...arena.chunks(order, chunkBytes)]);
        expect(bytes.equals(Buffer.from(order.map((i) => lines[i]).join(''), 'utf8'))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('holds more than one buffer of lines', () => {
    const arena = new LineArena();
    const line = 'Nguyễn Đức;Ødegård;12,5\r\n';
    for (let i = 0; i < 300_000; i++) arena.add(line);
    const out = Buffer.concat([...arena.chunks(Array.from({ length: arena.size }, (_, i) => i))]);
    expect(out.length).toBe(300_000 * Buffer.byteLength(line));
    expect(out.subarray(0, Buffer.byteLength(line)).toString()).toBe(line);
  });
});
