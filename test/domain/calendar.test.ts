import { describe, expect, it } from 'vitest';
import { parseCalendarDate, parseClock, parseLockIn, parseTimeRange, parseZone } from '../../src/domain/calendar/fields.js';

const value = <T>(r: { ok: boolean; value?: T }) => (r.ok ? r.value : 'ERR');

describe('calendar cells as written in académie circulars (e.g. circulaire Toulouse 2023, calendrier)', () => {
  it.each([
    ['Lundi 15 mai 2023', '2023-05-15'],
    ['15/05/2023', '2023-05-15'],
    ['2024-05-14', '2024-05-14'],
    ['1er juin 2024', '2024-06-01'],
    ['31/02/2024', 'ERR'],
    ['demain', 'ERR'],
  ])('date %j → %j', (raw, iso) => expect(value(parseCalendarDate(raw))).toBe(iso));

  it('an Excel date cell (UTC midnight)', () => expect(value(parseCalendarDate(new Date(Date.UTC(2023, 4, 16))))).toBe('2023-05-16'));

  it.each([
    ['14h00', '14:00'], ['9h30', '09:30'], ['14h', '14:00'], ['14:30', '14:30'], ['25h00', 'ERR'],
  ])('clock %j → %j', (raw, hm) => expect(value(parseClock(raw))).toBe(hm));

  it.each([
    ['14h00 – 18h00', { start: '14:00', end: '18:00' }],
    ['10h00 - 12h00', { start: '10:00', end: '12:00' }],
    ['18h00 – 14h00', 'ERR'],
  ])('range %j', (raw, r) => expect(value(parseTimeRange(raw))).toEqual(r));

  it.each([
    ['Mise en loge 2 heures', 120], ['2 h', 120], ['1h30', 90], ['120', 120], ['', undefined], ['beaucoup', 'ERR'],
  ])('loge %j → %j', (raw, m) => expect(value(parseLockIn(raw))).toBe(m));

  it.each([
    ['', 'metropole'], ['Métropole', 'metropole'], ['La Réunion', 'reunion'], ['Guadeloupe Martinique Guyane', 'antilles_guyane'], ['Mars', 'ERR'],
  ])('zone %j → %j', (raw, z) => expect(value(parseZone(raw))).toBe(z));
});
