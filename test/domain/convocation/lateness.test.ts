// Issue #11 finding 2: the late-arrival limit is an académie's rule, the no-exit rule is national.
// Sources: circulaire Toulouse 2023 §1.1 « Retards aux épreuves » : « l'accès aux salles de composition lors des
// épreuves écrites peut être autorisé dans la limite de la première heure » ; circulaire nationale 2024, annexe 2
// (Métropole – Réunion) : « aucune sortie des salles n'est autorisée avant la fin de la 2ème heure des épreuves ».
import { describe, expect, it } from 'vitest';
import { loadBundledRegulation } from '../../../src/io/regulation-file.js';
import { buildConvocation } from '../../../src/domain/convocation/build.js';
import { latenessText, type LatenessRule } from '../../../src/domain/convocation/lateness.js';
import type { Candidate } from '../../../src/domain/candidate.js';

const reg = loadBundledRegulation();
const TOULOUSE: LatenessRule = { minutes: 60, source: 'circulaire Toulouse 2023 §1.1' };
const candidate = (academie: string): Candidate => ({
  numero: '1', nom: 'N', prenom: 'P', academie, voie: 'candidat_individuel', langue: 'anglais', ef2: false, ef3: false, dispenses: [], benefices: [],
});

describe('late arrival (académie) and no exit before the 2nd hour (national)', () => {
  // source, rule, académie, épreuve, latest arrival, no exit before
  const cases: [string, LatenessRule | undefined, string, string, string | undefined, string | undefined][] = [
    ['circulaire nationale: silent on late arrivals', undefined, 'TOULOUSE', 'E3', undefined, undefined],
    ['annexe 2: no exit before the end of the 2nd hour, E1', undefined, 'TOULOUSE', 'E1', undefined, '16:30'],
    ['annexe 2: Métropole – Réunion only', undefined, 'GUADELOUPE', 'E1', undefined, undefined],
    ['Toulouse §1.1: within the first hour', TOULOUSE, 'TOULOUSE', 'E3', '15:00', undefined],
    ['Toulouse §1.1 and annexe 2', TOULOUSE, 'TOULOUSE', 'E1', '15:30', '16:30'],
    ['an académie rule of 30 min, on local time (Mayotte)', { minutes: 30, source: 'circulaire Mayotte' }, 'MAYOTTE', 'E3', '15:30', undefined],
  ];
  it.each(cases)('%s', (_source, lateness, academie, epreuve, noEntryAfter, noExitBefore) => {
    const l = buildConvocation({ reg, candidate: candidate(academie), centres: new Map(), orals: new Map(), lateness }).lines.find((x) => x.epreuve === epreuve)!;
    expect([l.noEntryAfter, l.noExitBefore]).toEqual([noEntryAfter, noExitBefore]);
  });

  it('the national regulation data carries no late-arrival limit', () => {
    expect(Object.keys(reg.calendar)).not.toContain('noEntryAfterMinutes');
    expect(JSON.stringify(reg)).not.toContain('noEntryAfter');
  });

  it.each([
    [60, "dans la limite de la première heure de l'épreuve"],
    [90, "dans la limite de 1 h 30 après le début de l'épreuve"],
  ])('printed text for %i min', (minutes, text) => expect(latenessText({ minutes, source: 's' })).toContain(text));
});
