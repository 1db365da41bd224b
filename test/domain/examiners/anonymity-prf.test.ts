// The batch PRF of anonymity numbers is a speed trick (anonymity-prf.ts): it must be the plain AES CBC-MAC, one message
// at a time, exactly. And the rare case it leaves to anonymise — two newcomers drawing the same number — is exercised.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prfKey, prfValuePlain, prfValuesBatch } from '../../../src/domain/examiners/anonymity-prf.js';
import { anonymise } from '../../../src/domain/examiners/anonymity.js';

describe('prfValuesBatch = prfValuePlain', () => {
  it('on random messages (ASCII, accents, any length up to 63 bytes) and random keys', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 40 }), fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }).filter((m) => Buffer.byteLength(m) <= 63), { maxLength: 30 }), (secret, messages) => {
        const key = prfKey(secret);
        const batch = prfValuesBatch(key, messages);
        expect(Array.from(batch)).toEqual(messages.map((m) => prfValuePlain(key, m)));
        for (const v of batch) expect(v).toBeLessThan(100_000_000);
      }),
      { numRuns: 300 },
    );
  });
  it('messages of different lengths differ (the length byte), and a message over 63 bytes is refused', () => {
    const key = prfKey(new Uint8Array(16).fill(1));
    expect(prfValuePlain(key, 'E5\u000012\u00000')).not.toBe(prfValuePlain(key, 'E5\u000012\u00000\u0000'));
    expect(() => prfValuePlain(key, 'x'.repeat(64))).toThrow(/trop long/);
    expect(() => prfValuesBatch(key, ['é'.repeat(32)])).toThrow(/trop long/);
  });
});

describe('two newcomers drawing the same number', () => {
  it('both get distinct numbers, whatever the order of the list (30,000 candidates: a few first draws collide)', () => {
    const secret = new Uint8Array(32).map((_, i) => i);
    const present = Array.from({ length: 30_000 }, (_, i) => String(24_100_000 + i));
    const draws = prfValuesBatch(prfKey(secret), present.map((n) => `E5\u0000${n}\u00000`));
    const seen = new Map<number, string>();
    const pairs: [string, string][] = [];
    draws.forEach((v, i) => (seen.has(v) ? pairs.push([seen.get(v)!, present[i]!]) : seen.set(v, present[i]!)));
    expect(pairs.length).toBeGreaterThan(0);
    const out = anonymise({ secret, epreuve: 'E5', present, issued: [] });
    const of = new Map(out.numbers.map((n) => [n.numero, n.anonymat]));
    expect(new Set(of.values()).size).toBe(30_000);
    for (const [a, b] of pairs) expect(of.get(a)).not.toBe(of.get(b));
    const shuffled = [...present].sort((a, b) => (a.split('').reverse().join('') < b.split('').reverse().join('') ? -1 : 1));
    expect(anonymise({ secret, epreuve: 'E5', present: shuffled, issued: [] }).numbers).toEqual(out.numbers);
  });
});
