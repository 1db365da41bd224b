// A whole row → Candidate or every bad cell (src/domain/candidate-record.ts).
import { describe, expect, it } from 'vitest';
import { loadBundledRegulation } from '../../../src/io/regulation-file.js';
import { validateCandidateRecord, createCandidateValidator, type RecordContext } from '../../../src/domain/candidate-record.js';
import type { RawCell } from '../../../src/domain/candidate-fields.js';

const ctx: RecordContext = { regulation: loadBundledRegulation(), session: 2024, defaultAcademie: 'TOULOUSE' };
const row = (o: Record<string, RawCell>) => new Map(Object.entries(o));
const good = { numero: '2431000101', nom: 'MARTIN', prenom: 'Léa', voie: 'Scolaire public', etablissement_uai: '0310028M' };

describe('validateCandidateRecord', () => {
  it('builds a candidate with defaults (académie of the workspace, no options) and no language when none is given (issue #10 §4)', () => {
    const r = validateCandidateRecord(row(good), ctx);
    expect(r).toEqual({
      ok: true,
      candidate: {
        numero: '2431000101', nom: 'MARTIN', prenom: 'Léa', dateNaissance: undefined, academie: 'TOULOUSE', voie: 'scolaire_public',
        etablissementUai: '0310028M', etablissement: undefined, langue: undefined, ef1: undefined, ef2: false, ef3: false,
        dispenses: [], benefices: [], amenagements: undefined, tempsMajore: undefined, email: undefined, adresse: undefined,
        codePostal: undefined, commune: undefined,
      },
    });
  });

  it('reports every bad cell of the row, not only the first', () => {
    const r = validateCandidateRecord(row({ ...good, nom: '', etablissement_uai: '0310028A', date_naissance: '31/02/2004', academie: 'Gondor', ef2: 'peut-être' }), ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => `${i.field}:${i.kind}`)).toEqual(['nom:obligatoire', 'date_naissance:date', 'academie:academie', 'etablissement_uai:uai-cle', 'ef2:oui-non']);
  });

  it('a CCF voie needs its établissement; a candidat individuel does not', () => {
    const scolaire = validateCandidateRecord(row({ ...good, etablissement_uai: '' }), ctx);
    expect(scolaire.ok ? [] : scolaire.issues.map((i) => i.field)).toEqual(['etablissement_uai']);
    expect(validateCandidateRecord(row({ ...good, voie: 'candidat individuel', etablissement_uai: '' }), ctx).ok).toBe(true);
  });

  it.each([
    // D351-28: extra time is granted as a fraction of the duration; only temps_majore changes the convocation times.
    ['tiers-temps', '', false],
    ['Tiers temps + salle au rez-de-chaussée', '', false],
    ['majoration de temps (1/3)', '', false],
    ['tiers-temps', '1/3', true],
    ['pas de tiers-temps', '', true],
    ['ordinateur sans correcteur', '', true],
  ])('aménagement %j with temps majoré %j → valid: %s', (amenagements, temps, valid) => {
    const r = validateCandidateRecord(row({ ...good, amenagements, temps_majore: temps }), ctx);
    expect(r.ok).toBe(valid);
    if (!r.ok) expect(r.issues).toEqual([expect.objectContaining({ field: 'temps_majore', kind: 'temps-majore' })]);
  });

  it('a unit cannot be both dispensed and in bénéfice', () => {
    const r = validateCandidateRecord(row({ ...good, voie: 'candidat individuel', dispenses: 'U1 U3', benefices: 'U3=12@2023' }), ctx);
    expect(r.ok ? '' : r.issues[0]!.message).toBe('U3 à la fois dispensée(s) et en bénéfice : choisissez l’un ou l’autre');
  });

  it('without a default académie the cell is required', () => {
    const r = validateCandidateRecord(row(good), { ...ctx, defaultAcademie: undefined });
    expect(r.ok ? '' : r.issues[0]!.kind).toBe('obligatoire');
    expect(validateCandidateRecord(row({ ...good, academie: 'ac-toulouse' }), { ...ctx, defaultAcademie: undefined }).ok).toBe(true);
  });

  it('cached parses are shared safely between rows (frozen) and stay per-row correct', () => {
    const validate = createCandidateValidator(ctx);
    const a = validate(row({ ...good, dispenses: 'U1 U2' }));
    const b = validate(row({ ...good, numero: '2', dispenses: 'U1 U2' }));
    expect(a.ok && b.ok && a.candidate.dispenses === b.candidate.dispenses).toBe(true);
    expect(a.ok && Object.isFrozen(a.candidate.dispenses)).toBe(true);
    expect(validate(row({ ...good, numero: '3', langue: 'espagnol', ef1: 'espagnol' })).ok).toBe(false);
    expect(validate(row({ ...good, numero: '4', langue: 'anglais', ef1: 'espagnol' })).ok).toBe(true);
  });
});
