// Local times of the written épreuves overseas (issue #11 finding 1).
// Source: circulaire nationale 2024, annexe 2 « Calendrier des épreuves »: « Mardi 14 mai 2024 | E.3 | Métropole
// 14h00 - 18h00 | Guadeloupe Martinique Guyane 08h00 – 12h00 | La Réunion 16h00 – 20h00 » (the same instant), and
// « Cet horaire doit être impérativement respecté. Aucune modification ne peut être envisagée. »
// Reference for the territories no column names: a published calendar of the 2026 session, for an épreuve at
// 14h–18h in Métropole: « Antilles 8h–12h, Guyane 9h–13h, La Réunion 16h–20h, Mayotte 15h–19h ».
import { describe, expect, it } from 'vitest';
import { loadBundledRegulation } from '../../src/io/regulation-file.js';
import { clockAt, instantOf, localWrittenTime, utcLabel } from '../../src/domain/calendar/local-time.js';
import { regulationSchema, type Regulation, type WrittenCalendarEntry } from '../../src/domain/regulation/schema.js';

const reg = loadBundledRegulation();
const entry = (e: string) => reg.calendar.written.find((w) => w.epreuve === e)!;
const show = (r: ReturnType<typeof localWrittenTime>) => (r.kind === 'time' ? `${r.slot.date} ${r.slot.start}–${r.slot.end}` : 'REFUSÉ');

describe('local time of a written épreuve from the annexe 2 instant (Intl time zones)', () => {
  // académie, épreuve, printed, UTC offset that day
  const cases: [string, string, string, string][] = [
    ['TOULOUSE', 'E3', '2024-05-14 14:00–18:00', 'UTC+2'],
    ['CORSE', 'E3', '2024-05-14 14:00–18:00', 'UTC+2'],
    ['REUNION', 'E3', '2024-05-14 16:00–20:00', 'UTC+4'],
    ['MAYOTTE', 'E3', '2024-05-14 15:00–19:00', 'UTC+3'],
    ['GUADELOUPE', 'E3', '2024-05-14 08:00–12:00', 'UTC−4'],
    ['MARTINIQUE', 'E3', '2024-05-14 08:00–12:00', 'UTC−4'],
    ['GUYANE', 'E3', '2024-05-14 09:00–13:00', 'UTC−3'],
    // Pacific: Métropole 14h00 is 23h00 in Nouméa and 02h00 in Papeete: refused until an académie calendar.
    ['NOUVELLE-CALEDONIE', 'E3', 'REFUSÉ', 'UTC+11'],
    ['POLYNESIE-FRANCAISE', 'E3', 'REFUSÉ', 'UTC−10'],
    // E21 « 10h30 – 12h30 » in Métropole but « 06h30 – 08h30 » in Antilles-Guyane: not the same instant (it would be
    // 04h30); the annexe's time is printed on the clock of each territory of the column.
    ['MARTINIQUE', 'E21', '2024-05-15 06:30–08:30', 'UTC−4'],
    ['GUYANE', 'E21', '2024-05-15 07:30–09:30', 'UTC−3'],
    ['REUNION', 'E21', '2024-05-15 12:30–14:30', 'UTC+4'],
    ['MAYOTTE', 'E21', '2024-05-15 11:30–13:30', 'UTC+3'],
    ['GUYANE', 'E1', '2024-05-15 11:30–15:30', 'UTC−3'],
    ['MAYOTTE', 'E5', '2024-05-16 15:30–19:30', 'UTC+3'],
  ];
  it.each(cases)('%s %s → %s (%s)', (academie, epreuve, printed, utc) => {
    const r = localWrittenTime(reg, entry(epreuve), { academie });
    expect(show(r)).toBe(printed);
    expect(r.utc).toBe(utc);
  });

  it('summer time is the platform’s: in winter Métropole is UTC+1 (Réunion +3 h, Mayotte +2 h, Guadeloupe −5 h)', () => {
    const winter: WrittenCalendarEntry = { epreuve: 'E3', date: '2024-01-16', times: { metropole: { start: '14:00', end: '18:00' } } };
    expect(show(localWrittenTime(reg, winter, { academie: 'REUNION' }))).toBe('2024-01-16 17:00–21:00');
    expect(show(localWrittenTime(reg, winter, { academie: 'MAYOTTE' }))).toBe('2024-01-16 16:00–20:00');
    expect(show(localWrittenTime(reg, winter, { academie: 'GUADELOUPE' }))).toBe('2024-01-16 09:00–13:00');
    // The day Paris changes clocks (31 March 2024, 02:00 → 03:00): 14h00 is already UTC+2.
    expect(clockAt(instantOf('2024-03-31', '14:00', 'Europe/Paris'), 'UTC').time).toBe('12:00');
    expect(clockAt(instantOf('2024-03-30', '14:00', 'Europe/Paris'), 'UTC').time).toBe('13:00');
    expect(utcLabel(instantOf('2024-05-14', '14:00', 'Europe/Paris'), 'Asia/Kolkata')).toBe('UTC+5:30');
  });

  it('reports the column a printed time departs from, and says what is printed and why', () => {
    const guyane = localWrittenTime(reg, entry('E3'), { academie: 'GUYANE' });
    expect(guyane.kind === 'time' && guyane.checks).toEqual([
      'E3, Guyane (America/Cayenne, UTC−3) : la colonne « Guadeloupe, Martinique, Guyane » indique 08h00–12h00, heure de America/Martinique (UTC−4) ; la convocation imprime 09h00–13h00, le même instant à l’heure locale',
    ]);
    const mayotte = localWrittenTime(reg, entry('E3'), { academie: 'MAYOTTE' });
    expect(mayotte.kind === 'time' && mayotte.checks.join()).toContain('« La Réunion » indique 16h00–20h00');
    const e21 = localWrittenTime(reg, entry('E21'), { academie: 'MARTINIQUE' });
    expect(e21.kind === 'time' && e21.checks.join()).toContain('pas le même instant que Métropole 10h30–12h30 (04h30 à l’heure locale)');
    const toulouse = localWrittenTime(reg, entry('E3'), { academie: 'TOULOUSE' });
    expect(toulouse.kind === 'time' && toulouse.checks).toEqual([]);
  });

  it('a Pacific académie calendar (zone = the académie) is printed as imported', () => {
    const e3: WrittenCalendarEntry = { ...entry('E3'), local: { 'NOUVELLE-CALEDONIE': { date: '2024-05-15', start: '08:00', end: '12:00' } } };
    const r = localWrittenTime(reg, e3, { academie: 'NOUVELLE-CALEDONIE' });
    expect([r.kind, show(r), r.kind === 'time' && r.source]).toEqual(['time', '2024-05-15 08:00–12:00', 'academie']);
    expect(show(localWrittenTime(reg, e3, { academie: 'POLYNESIE-FRANCAISE' }))).toBe('REFUSÉ');
  });

  it('every académie of the bundled regulation has a time zone the platform knows; an unknown one is refused', () => {
    expect(reg.academies.filter((a) => !a.timeZone)).toEqual([]);
    const broken = JSON.parse(JSON.stringify(reg)) as Regulation;
    broken.academies[0]!.timeZone = 'Europe/Toulouse';
    const parsed = regulationSchema.safeParse(broken);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('fuseau horaire IANA inconnu');
  });
});
