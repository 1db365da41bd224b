// Clock and extra-time arithmetic (exact minutes).
import { describe, expect, it } from 'vitest';
import { extraMinutes, frenchClock, frenchDate, frenchDuration, parseExtraTime } from '../../../src/domain/convocation/time.js';

describe('time helpers', () => {
  it.each([
    ['2024-05-14', 'mardi 14 mai 2024'],
    ['2024-05-01', 'mercredi 1er mai 2024'],
    ['2023-08-15', 'mardi 15 août 2023'],
  ])('frenchDate(%s) = %s', (iso, text) => expect(frenchDate(iso)).toBe(text));

  it.each([
    ['14:00', '14h00'],
    ['09:30', '09h30'],
  ])('frenchClock(%s) = %s', (a, b) => expect(frenchClock(a)).toBe(b));

  it.each([
    [120, '2 h'],
    [90, '1 h 30'],
    [40, '40 min'],
  ])('frenchDuration(%i) = %s', (m, s) => expect(frenchDuration(m)).toBe(s));

  it.each([
    ['', undefined],
    ['1/3', { numerator: 1, denominator: 3 }],
    [' 1 / 4 ', { numerator: 1, denominator: 4 }],
    ['Tiers-temps', { numerator: 1, denominator: 3 }],
    ['1/3 temps', { numerator: 1, denominator: 3 }],
    ['3/2', 'invalid'],
    ['oui', 'invalid'],
  ])('parseExtraTime(%j)', (raw, expected) => expect(parseExtraTime(raw)).toEqual(expected));

  it('rounds extra time up to the minute', () => {
    expect(extraMinutes(240, { numerator: 1, denominator: 3 })).toBe(80);
    expect(extraMinutes(100, { numerator: 1, denominator: 3 })).toBe(34);
  });
});
