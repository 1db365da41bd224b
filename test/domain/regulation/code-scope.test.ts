// Issue 11 finding 4: one scope for the note codes, from the regulation data, used by the import and by
// `ccst deliberate` with and without a workspace.
import { describe, expect, it } from 'vitest';
import { loadBundledRegulation } from '../../../src/io/regulation-file.js';
import { checkCodeScope, codeScope, nvEffect } from '../../../src/domain/regulation/code-scope.js';
import { parseNoteCell, type NoteCell } from '../../../src/domain/deliberation/note-cell.js';
import { regulationSchema } from '../../../src/domain/regulation/schema.js';

const REG = loadBundledRegulation();
const cell = (t: string): NoteCell => {
  const p = parseNoteCell(t);
  if (!p.ok || !p.value) throw new Error(t);
  return p.value;
};

describe('code scope (bundled 2024 regulation)', () => {
  // [code, unit, accepted, source]
  const cases: [string, string, boolean, string][] = [
    ['DIS', 'U1', true, 'référentiel annexe IV b « dispensés de subir l’épreuve U1 Culture générale et expression »'],
    ['DIS', 'U21', true, 'référentiel annexe IV b « ainsi que l’unité U2 langue vivante étrangère »'],
    ['DIS', 'U3', true, 'référentiel annexe IV b « dispensés de subir l’unité U3 »'],
    ['DIS', 'U4', true, 'référentiel annexe V b C « une dispense des unités 4 et 6, notamment au titre de la VAE »'],
    ['DIS', 'U61', true, 'référentiel annexe V b C « une dispense des unités 4 et 6 »'],
    ['DIS', 'U62', true, 'référentiel annexe V b C « une dispense des unités 4 et 6 »'],
    ['DIS', 'U5', false, 'no text dispenses U5'],
    ['DIS', 'UF1', false, 'an optional unit is not dispensed, it is not chosen'],
    ['NV', 'U4', true, 'circulaire nationale 2024 §H « Le contrôle de conformité concerne les épreuves E4, E61 et E62 »'],
    ['NV', 'U61', true, 'circulaire nationale 2024 §H'],
    ['NV', 'U62', true, 'circulaire nationale 2024 §H'],
    ['NV', 'U1', false, 'circulaire nationale 2024 §H: E1 is not under the contrôle de conformité'],
    ['NV', 'U5', false, 'circulaire nationale 2024 §H: E5 is a written épreuve, no dossier'],
    ['NV', 'UF3', true, 'circulaire nationale 2024, engagement étudiant « En l’absence de cette fiche, l’épreuve ne peut pas se dérouler »'],
    ['NV', 'UF2', true, 'circulaire nationale 2024, EF2 « En l’absence de support, l’épreuve ne peut pas se dérouler »'],
    ['NV', 'UF1', false, 'EF1 (langue) has no support to check'],
    ['BEN 12', 'U5', true, 'D643-23: notes of compulsory units are kept'],
    ['BEN 12', 'UF2', false, 'D643-23: notes of optional units are not kept'],
    ['REP 12', 'UF1', false, 'D643-23'],
    ['ABS', 'U1', true, 'ABS stands anywhere'],
    ['NUL', 'U5', false, 'NUL is written only by ccst incidents close (recorded disciplinary decision), never typed in a file'],
  ];
  it.each(cases)('%s en %s → %s (%s)', (code, unit, accepted) => {
    expect(checkCodeScope(codeScope(REG), unit, cell(code)).ok).toBe(accepted);
  });

  it('NV eliminates at E4/E61/E62, gives no points at an optional épreuve', () => {
    const s = codeScope(REG);
    expect(['U4', 'U61', 'U62'].map((u) => nvEffect(s, u))).toEqual(['elimination', 'elimination', 'elimination']);
    expect(['UF2', 'UF3'].map((u) => nvEffect(s, u))).toEqual(['sans_points', 'sans_points']);
  });

  it('a regulation stored before dispense grounds and nonValide keeps the former scope (general units, dossier units)', () => {
    const old = JSON.parse(JSON.stringify(REG));
    delete old.dispenses;
    for (const u of old.units) delete u.nonValide;
    const s = codeScope(regulationSchema.parse(old));
    expect([...s.dispensable.keys()].sort()).toEqual(['U1', 'U21', 'U22', 'U3']);
    expect([...s.nonValide.keys()].sort()).toEqual(['U4', 'U61', 'U62']);
  });

  it('a dispense ground naming an unknown unit is refused by the schema', () => {
    const bad = JSON.parse(JSON.stringify(REG));
    bad.dispenses.grounds[0].blocks.push(['U9']);
    const r = regulationSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('dispenses.diplome: unité inconnue U9');
  });
});

describe('the import uses the same scope (parseDispenses)', () => {
  it.each([
    ['U5', false, 'U5 is covered by no dispense ground'],
    ['U1', true, 'référentiel annexe IV b'],
  ])('dispense %s at import → %s (%s)', async (unit, accepted) => {
    const { parseDispenses } = await import('../../../src/domain/candidate-units.js');
    const r = parseDispenses(REG, unit);
    expect(r.ok).toBe(accepted);
    if (!r.ok) expect(r.message).toContain(`DIS impossible en ${unit}`);
  });
});
