// Candidate columns (src/io/candidate-columns.ts): aliases never collide, export headers are import aliases.
import { describe, expect, it } from 'vitest';
import { detectHeader, normalizeHeader } from '../../src/io/header-mapping.js';
import { CANDIDATE_COLUMNS, exportColumns, importColumnSpecs } from '../../src/io/candidate-columns.js';
import { loadBundledRegulation } from '../../src/io/regulation-file.js';

const reg = loadBundledRegulation();
const specs = importColumnSpecs(reg);

describe('candidate columns', () => {
  it('no alias names two fields', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const s of specs) {
      for (const a of [s.name, ...s.aliases]) {
        const key = normalizeHeader(a).replace(/ /g, '');
        const other = owner.get(key);
        if (other && other !== s.name) clashes.push(`${a}: ${other} / ${s.name}`);
        owner.set(key, s.name);
      }
    }
    expect(clashes).toEqual([]);
  });

  it.each([
    ['N° candidat', 'numero'], ['N°_Inscription', 'numero'], ["Numéro d'inscription", 'numero'], ['NOM DE FAMILLE', 'nom'],
    ['Prénoms', 'prenom'], ['Né(e) le', 'date_naissance'], ['Statut', 'voie'], ['Code RNE', 'etablissement_uai'],
    ['LV1', 'langue'], ['Langue facultative', 'ef1'], ['Engagement étudiant', 'ef3'], ['Tiers-temps', 'temps_majore'],
    ['Courriel', 'email'], ['CP', 'code_postal'], ['Ville', 'commune'], ['Forme E6-1', 'forme_U61'],
  ])('%j → %s', (label, name) => {
    const h = detectHeader([{ row: 1, cells: [label, 'Nom', 'N° candidat'] }], specs)!;
    expect(h.columns.get(0)).toBe(name);
  });

  it('every export header is recognised on import, in order', () => {
    const labels = exportColumns(reg, 'labels');
    const h = detectHeader([{ row: 1, cells: labels }], specs)!;
    expect(h.unknown).toEqual([]);
    expect([...h.columns.values()]).toEqual(exportColumns(reg, 'names'));
    expect(labels.slice(0, CANDIDATE_COLUMNS.length)).toEqual(CANDIDATE_COLUMNS.map((c) => c.label));
  });
});
