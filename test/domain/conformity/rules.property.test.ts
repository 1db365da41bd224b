// Properties of the contrôle de conformité: more evidence never hurts, and a decision is never taken on a guess.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkDossier, type DossierFacts } from '../../../src/domain/conformity/rules.js';

const STAGE = { minimumWeeks: 14, maximumWeeks: 16, minimumWeeksWithAmenagement: 10, firstYearConsecutiveWeeks: 4 };
const VOIES = ['scolaire_public', 'apprentissage_habilite', 'experience_professionnelle', 'formation_continue_habilitee', 'candidat_individuel', 'voie_inconnue'];
const yesNo = fc.option(fc.boolean(), { nil: undefined });
const weeks = fc.option(fc.integer({ min: 0, max: 5200 }), { nil: undefined });

const facts = fc.record({
  epreuve: fc.constantFrom('E4' as const, 'E61' as const, 'E62' as const),
  depot: fc.option(fc.constantFrom('2024-03-01', '2024-03-08', '2024-03-09'), { nil: undefined }),
  attestationStage: yesNo,
  semainesStage: weeks,
  semainesConsecutives1reAnnee: weeks,
  certificatTravail: yesNo,
  signatures: yesNo,
  ficheDescriptive: yesNo,
  amenagementDuree: fc.boolean(),
});
const who = fc.record({ voie: fc.constantFrom(...VOIES), dispenses: fc.subarray(['U4', 'U61', 'U62']) });

describe('checkDossier properties', () => {
  it('adding weeks never turns a conforming dossier into a non-conforming one (référentiel annexe V b)', () => {
    fc.assert(
      fc.property(facts, who, fc.integer({ min: 0, max: 800 }), (f, c, extra) => {
        const before = checkDossier(f as DossierFacts, c, STAGE, '2024-03-08');
        const more: DossierFacts = { ...f, semainesStage: f.semainesStage === undefined ? undefined : f.semainesStage + extra };
        const after = checkDossier(more, c, STAGE, '2024-03-08');
        if (before.status === 'checked' && before.conforme) expect(after).toMatchObject({ status: 'checked', conforme: true });
      }),
    );
  });

  it('a deposited dossier with an empty cell the rules need is never decided (neither NV nor valid)', () => {
    fc.assert(
      fc.property(facts, who, (f, c) => {
        const out = checkDossier(f as DossierFacts, c, STAGE);
        if (f.depot !== undefined && (f.signatures === undefined || f.ficheDescriptive === undefined)) expect(out.status).toBe('incomplete');
      }),
    );
  });

  it('no deposit is always NV, whatever the other cells say (circulaire Toulouse 2023 §1.2.2)', () => {
    fc.assert(
      fc.property(facts, who, (f, c) => {
        expect(checkDossier({ ...(f as DossierFacts), depot: undefined }, c, STAGE)).toMatchObject({ status: 'checked', conforme: false });
      }),
    );
  });

  it('a non-conforming decision always names at least one annexe 4 motif', () => {
    fc.assert(
      fc.property(facts, who, (f, c) => {
        const out = checkDossier(f as DossierFacts, c, STAGE, '2024-03-08');
        if (out.status === 'checked') expect(out.conforme).toBe(out.motifs.length === 0);
      }),
    );
  });
});
