// Convocation times per zone (circulaire nationale 2024, annexe 2), extra time, rules of the first and second
// hour, and a calendar imported for another session (circulaire Toulouse 2023) replacing 2024's.
import { describe, expect, it } from 'vitest';
import { loadBundledRegulation } from '../../../src/io/regulation-file.js';
import { buildConvocation, ExtraTimeError, type CentreInfo, type ConvocationInput } from '../../../src/domain/convocation/build.js';
import type { Candidate } from '../../../src/domain/candidate.js';
import type { Regulation } from '../../../src/domain/regulation/schema.js';

const reg = loadBundledRegulation();

function candidate(over: Partial<Candidate> = {}): Candidate {
  return { numero: '1', nom: 'NGUYỄN', prenom: 'Đức', academie: 'TOULOUSE', voie: 'candidat_individuel', langue: 'anglais', ef2: false, ef3: false, dispenses: [], benefices: [], ...over };
}

function conv(c: Candidate, over: Partial<ConvocationInput> = {}, r: Regulation = reg) {
  return buildConvocation({ reg: r, candidate: c, centres: new Map(), orals: new Map(), ...over });
}

const line = (c: ReturnType<typeof conv>, epreuve: string) => c.lines.find((l) => l.epreuve === epreuve);

describe('buildConvocation — written times in the zone (annexe 2)', () => {
  // académie → épreuve → date, start, end, lock-in (circulaire nationale 2024, annexe 2)
  const cases: [string, string, string, string, string, number | undefined][] = [
    ['TOULOUSE', 'E3', '2024-05-14', '14:00', '18:00', undefined],
    ['REUNION', 'E3', '2024-05-14', '16:00', '20:00', undefined],
    // Mayotte is UTC+3, La Réunion UTC+4: the same instant is one hour earlier (issue #11 finding 1).
    ['MAYOTTE', 'E3', '2024-05-14', '15:00', '19:00', undefined],
    ['GUYANE', 'E3', '2024-05-14', '09:00', '13:00', undefined],
    ['GUADELOUPE', 'E3', '2024-05-14', '08:00', '12:00', undefined],
    ['TOULOUSE', 'E21', '2024-05-15', '10:30', '12:30', 120],
    ['REUNION', 'E21', '2024-05-15', '12:30', '14:30', 120],
    ['MARTINIQUE', 'E21', '2024-05-15', '06:30', '08:30', undefined],
    ['TOULOUSE', 'E1', '2024-05-15', '14:30', '18:30', 120],
    ['REUNION', 'E5', '2024-05-16', '16:30', '20:30', 120],
    // « Guadeloupe Martinique Guyane 10h30 – 14h30 » is Antilles time (UTC−4); Guyane (UTC−3) reads 11h30.
    ['GUYANE', 'E5', '2024-05-16', '11:30', '15:30', undefined],
  ];
  it.each(cases)('%s %s → %s %s–%s', (academie, epreuve, date, start, end, lockIn) => {
    const l = line(conv(candidate({ academie })), epreuve)!;
    expect(l).toMatchObject({ date, start, end, nature: 'ecrit' });
    expect(l.lockInMinutes).toBe(lockIn);
  });

  it('uses the zone of the written centre over the académie of the candidate', () => {
    const centre: CentreInfo = { uai: '9740001A', nom: 'Lycée de Saint-Denis', zone: 'reunion' };
    const l = line(conv(candidate({ academie: 'TOULOUSE' }), { centres: new Map([['U3', centre]]) }), 'E3')!;
    expect([l.start, l.end, l.centre?.nom]).toEqual(['16:00', '20:00', 'Lycée de Saint-Denis']);
  });
});

describe('buildConvocation — rules of the hour', () => {
  it('no exit before the end of the 2nd hour for E1, E21, E5 in Métropole and Réunion only (annexe 2)', () => {
    const m = conv(candidate());
    expect(line(m, 'E1')!.noExitBefore).toBe('16:30');
    expect(line(m, 'E21')!.noExitBefore).toBe('12:30');
    expect(line(m, 'E5')!.noExitBefore).toBe('16:30');
    expect(line(m, 'E3')!.noExitBefore).toBeUndefined();
    expect(line(conv(candidate({ academie: 'REUNION' })), 'E1')!.noExitBefore).toBe('18:30');
    expect(line(conv(candidate({ academie: 'GUADELOUPE' })), 'E1')!.noExitBefore).toBeUndefined();
  });

  it('access limited to the first hour only with the académie rule (circulaire Toulouse 2023 §1.1; lateness.test.ts)', () => {
    expect(line(conv(candidate(), { lateness: { minutes: 60, source: 'circulaire Toulouse 2023 §1.1' } }), 'E3')!.noEntryAfter).toBe('15:00');
    expect(line(conv(candidate()), 'E3')!.noEntryAfter).toBeUndefined();
  });
});

describe('buildConvocation — temps majoré', () => {
  // temps_majore, épreuve, extended end (end + duration × fraction, rounded up to the minute)
  const cases: [string, string, string][] = [
    ['1/3', 'E3', '19:20'], // 4 h + 1 h 20
    ['1/3', 'E21', '13:10'], // 2 h + 40 min
    ['tiers-temps', 'E1', '19:50'],
    ['1/4', 'E5', '19:30'],
  ];
  it.each(cases)('%s on %s ends at %s', (tm, epreuve, end) => {
    expect(line(conv(candidate({ tempsMajore: tm })), epreuve)!.extendedEnd).toBe(end);
  });
  it('no extended end without an aménagement', () => {
    expect(line(conv(candidate()), 'E3')!.extendedEnd).toBeUndefined();
  });
  it('refuses an unreadable value instead of ignoring an aménagement', () => {
    expect(() => conv(candidate({ tempsMajore: 'beaucoup' }))).toThrow(ExtraTimeError);
  });
});

describe('buildConvocation — which épreuves', () => {
  it('a CCF voie sits only the ponctuel units on exam day; the CCF ones are listed apart', () => {
    const c = conv(candidate({ voie: 'scolaire_public' }));
    expect(c.lines.map((l) => l.epreuve)).toEqual(['E3', 'E1', 'E5']);
    expect(c.ccfUnits.map((u) => u.code)).toEqual(['U21', 'U22', 'U4', 'U61', 'U62']);
  });
  it('dispensed units and kept bénéfices are not convened; optional units only when chosen', () => {
    const c = conv(candidate({ dispenses: ['U1'], benefices: [{ unite: 'U3', note: 1200, session: 2023 }], ef3: true }));
    const eps = c.lines.map((l) => l.epreuve);
    expect(eps).not.toContain('E1');
    expect(eps).not.toContain('E3');
    expect(eps).toContain('EF3');
    expect(eps).not.toContain('EF1');
  });
  it('orals take their slot, or say they will be communicated; EF3 follows E61', () => {
    const c = conv(candidate({ ef3: true }), { orals: new Map([['U61', { date: '2024-06-03', start: '09:00', end: '09:30', centreUai: '0310001A' }]]) });
    expect(line(c, 'E61')).toMatchObject({ date: '2024-06-03', start: '09:00', end: '09:30' });
    expect(line(c, 'EF3')!.pending).toBe("à la suite de l'épreuve E61");
    expect(line(c, 'E4')!.pending).toBe('date et heure de passage communiquées ultérieurement');
    expect(line(c, 'E4')!.dossier).toBe(true);
  });
  it('orders lines by date and time, undated last', () => {
    const c = conv(candidate());
    const dated = c.lines.filter((l) => l.date).map((l) => `${l.date} ${l.start}`);
    expect(dated).toEqual([...dated].sort());
    expect(c.lines.findIndex((l) => !l.date)).toBeGreaterThan(c.lines.findLastIndex((l) => l.date));
  });
});

describe('buildConvocation — imported calendar', () => {
  it('a calendar imported for another session (Toulouse 2023) replaces the 2024 one', () => {
    const slot = (start: string, end: string, lockInMinutes?: number) => ({ start, end, ...(lockInMinutes ? { lockInMinutes } : {}) });
    const toulouse2023: Regulation = {
      ...reg,
      calendar: {
        ...reg.calendar,
        written: [
          { epreuve: 'E3', date: '2023-05-15', times: { metropole: slot('14:00', '18:00'), antilles_guyane: slot('08:00', '12:00'), reunion: slot('16:00', '20:00') } },
          { epreuve: 'E1', date: '2023-05-16', times: { metropole: slot('14:00', '18:00', 120), antilles_guyane: slot('10:00', '14:00'), reunion: slot('16:00', '20:00', 120) } },
        ],
      },
    };
    const c = conv(candidate(), {}, toulouse2023);
    expect(line(c, 'E3')).toMatchObject({ date: '2023-05-15', start: '14:00', end: '18:00' });
    expect(line(c, 'E1')).toMatchObject({ date: '2023-05-16', start: '14:00', lockInMinutes: 120, noExitBefore: '16:00' });
    // E5 is not in that calendar: no 2024 date leaks through.
    expect(line(c, 'E5')!.date).toBeUndefined();
    expect(line(c, 'E5')!.pending).toBe('date et heure communiquées ultérieurement');
  });
});

describe('buildConvocation — calendar without overseas times', () => {
  // Issue #11 finding 1: written épreuves are sat at the same instant everywhere (annexe 2): a calendar giving
  // Métropole's times only still gives each territory its local time; the Pacific is refused, never Métropole's.
  const r: Regulation = { ...reg, calendar: { ...reg.calendar, written: [{ epreuve: 'E3', date: '2023-05-15', times: { metropole: { start: '14:00', end: '18:00' } } }] } };
  it.each([
    ['REUNION', '16:00', '20:00', 'La Réunion (UTC+4)'],
    ['MAYOTTE', '15:00', '19:00', 'Mayotte (UTC+3)'],
    ['GUYANE', '09:00', '13:00', 'Guyane (UTC−3)'],
    ['TOULOUSE', '14:00', '18:00', undefined],
  ])('%s reads %s–%s', (academie, start, end, place) => {
    const l = line(conv(candidate({ academie }), {}, r), 'E3')!;
    expect([l.date, l.start, l.end, l.place && `${l.place} (${l.utc})`]).toEqual(['2023-05-15', start, end, place]);
  });

  it('a Nouméa candidate gets no time (refused, the reason said) until an académie calendar is imported', () => {
    const l = line(conv(candidate({ academie: 'NOUVELLE-CALEDONIE' }), {}, r), 'E3')!;
    expect(l.start).toBeUndefined();
    expect(l.refused).toContain('tombe de 23h00 le 2023-05-15 à 03h00 le 2023-05-16');
    const withLocal: Regulation = { ...r, calendar: { ...r.calendar, written: [{ ...r.calendar.written[0]!, local: { 'NOUVELLE-CALEDONIE': { date: '2023-05-16', start: '08:00', end: '12:00' } } }] } };
    const ok = line(conv(candidate({ academie: 'NOUVELLE-CALEDONIE' }), {}, withLocal), 'E3')!;
    expect([ok.refused, ok.date, ok.start, ok.end]).toEqual([undefined, '2023-05-16', '08:00', '12:00']);
  });

  it('a Mayotte centre is on Mayotte time whatever the candidate’s académie', () => {
    const centre: CentreInfo = { uai: '9760001A', nom: 'Lycée de Mamoudzou', zone: 'reunion', academie: 'MAYOTTE' };
    const l = line(conv(candidate({ academie: 'REUNION' }), { centres: new Map([['U3', centre]]) }, r), 'E3')!;
    expect([l.start, l.end]).toEqual(['15:00', '19:00']);
  });
});

describe('buildConvocation — non-conforming dossier', () => {
  it('does not convene to the interrogation of an épreuve whose dossier is non-conforming (annexe 4)', () => {
    const c = conv(candidate(), { nonConforming: new Set(['U4']), orals: new Map([['U4', { date: '2024-05-21', start: '08:00', end: '10:00', centreUai: 'X' }]]) });
    const l = line(c, 'E4')!;
    expect(l.date).toBeUndefined();
    expect(l.pending).toContain('votre dossier a été déclaré non conforme. Vous ne serez pas interrogé(e)');
    expect(l.pending).toContain('(circulaire nationale, annexe 4)');
    expect(l.nonConforming).toBe(true);
    expect(line(c, 'E61')?.nonConforming).toBeUndefined();
  });

  it('#10 item 8: says why, with the motifs recorded by the contrôle de conformité', () => {
    const c = conv(candidate(), { nonConforming: new Set(['U4']), nonConformityMotifs: new Map([['U4', ['durée de stage insuffisante (12 semaines pour 14 requises)']]]) });
    const l = line(c, 'E4')!;
    expect(l.pending).toBe('Vous ne passerez pas cette épreuve : votre dossier a été déclaré non conforme (durée de stage insuffisante (12 semaines pour 14 requises)). Vous ne serez pas interrogé(e) ; la mention « non valide » (NV) vous est attribuée et le diplôme ne peut vous être délivré (circulaire nationale, annexe 4).');
    expect(l.centre).toBeUndefined();
  });
});
