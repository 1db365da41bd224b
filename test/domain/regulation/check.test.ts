// Issue 11 finding 9: `ccst regulation check` passes on the bundled file and fails, with precise messages, on broken
// copies. Sources: référentiel annexe IV c (coefficients, forms per column of voies), circulaire nationale 2024
// annexe 1 (regroupements) and annexe 2 (calendar), Code de l'éducation D643-15 1° (number of épreuves).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRegulation } from '../../../src/domain/regulation/check.js';
import { bundledRegulationPath } from '../../../src/io/regulation-file.js';
import { REPO } from '../../helpers/cli.js';

const BUNDLED = JSON.parse(fs.readFileSync(bundledRegulationPath('bts-ccst-2024'), 'utf8'));
const copy = () => JSON.parse(JSON.stringify(BUNDLED));
const unit = (r: { units: { code: string }[] }, code: string) => r.units.find((u) => u.code === code)!;

describe('regulation check', () => {
  it('passes on the bundled bts-ccst-2024 (warnings only for values « à confirmer »)', () => {
    const r = checkRegulation(BUNDLED);
    expect(r.errors).toEqual([]);
    expect(r.regulation?.id).toBe('bts-ccst-2024');
  });

  // [broken copy, what was broken, expected message, source]
  const cases: [string, (r: any) => void, string, string][] = [
    ['wrong coefficient sum', (r) => (unit(r, 'U21').coefficient = 2), 'épreuve E2 : somme des coefficients U21 + U22 = 3,5, le règlement donne 3 à l’épreuve', 'référentiel annexe IV c « E2 Communication en langue vivante étrangère | 3 », U21 1,5 et U22 1,5'],
    ['unit referenced but undefined', (r) => r.deliberation.controleUnits.push('U9'), 'deliberation.controleUnits: unité inconnue U9', 'the contrôle units are units of the règlement'],
    ['form missing for a voie', (r) => delete unit(r, 'U3').forms.B, 'unité U3 : forme manquante pour la colonne B (voies ccf_etendu)', 'référentiel annexe IV c: one form per column of voies'],
    ['calendar épreuve unknown', (r) => (r.calendar.written[0].epreuve = 'E9'), 'calendar: épreuve inconnue E9', 'circulaire nationale 2024 annexe 2: the épreuves of the calendar are the règlement’s'],
    ['regroupement naming an unknown académie', (r) => r.regroupements.groups[0].attached.push('ATLANTIDE'), 'regroupements: académie inconnue ATLANTIDE', 'circulaire nationale 2024 annexe 1: regroupements of académies'],
    ['too many optional épreuves', (r) => (r.limits = { maxCompulsoryEpreuves: 9, maxOptionalEpreuves: 2, source: 'D643-15 1° (décret n° 2024-788)' }), '3 épreuves facultatives : au plus 2 (D643-15 1° (décret n° 2024-788))', 'décret 2024-788: « au plus neuf épreuves obligatoires et, le cas échéant, deux épreuves facultatives »'],
  ];
  it.each(cases)('fails on a copy with %s', (_name, breakIt, message) => {
    const r = copy();
    breakIt(r);
    const out = checkRegulation(r);
    expect(out.regulation).toBeUndefined();
    expect(out.errors).toContain(message);
  });

  it('reports a grid naming a unit the règlement does not have (warning: the grids are to adapt)', () => {
    const out = checkRegulation(BUNDLED, [{ file: 'templates/documents/e9.json', unit: 'U9', forms: ['ccf'] }]);
    expect(out.errors).toEqual([]);
    expect(out.warnings).toContain('modèle templates/documents/e9.json : unité U9 inconnue de ce règlement (grille ou formulaire à adapter)');
  });

  it('passes on the test-only règlement of the new shape (no sub-épreuves, ECTS, 9 + 2 épreuves, correspondence)', () => {
    const file = path.join(REPO, 'test', 'fixtures', 'regulations', 'bts-ccst-reforme-test.json');
    const out = checkRegulation(JSON.parse(fs.readFileSync(file, 'utf8')));
    expect(out.errors).toEqual([]);
    expect(out.regulation!.units.every((u) => u.optional || u.ects !== undefined)).toBe(true);
    expect(out.regulation!.epreuves).toBeUndefined();
  });
});
