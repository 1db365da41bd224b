// Issue #9 item 3: every imported text field has a maximum length (README « Longueurs maximales »), checked as the
// table is read (row, column, length, maximum; every cell listed; exit 3); a record past a million characters is
// refused before it is held; an XLSX past its size is refused before it is read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTable, DEFAULT_MAX_CELL_LENGTH, SHORTEST_MAX_LENGTH } from '../../src/io/table-reader.js';
import { readHeader } from '../../src/io/header-mapping.js';
import { importColumnSpecs, CANDIDATE_COLUMNS } from '../../src/io/candidate-columns.js';
import { DOSSIER_COLUMNS } from '../../src/io/dossiers-reader.js';
import { IDENTITY_SPECS } from '../../src/io/notes-reader.js';
import { CcstError } from '../../src/cli/errors.js';
import { bundledRegulationPath, readRegulationFile, DEFAULT_REGULATION_ID } from '../../src/io/regulation-file.js';

const write = (name: string, data: string) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-len-')), name);
  fs.writeFileSync(file, data);
  return file;
};
const reg = readRegulationFile(bundledRegulationPath(DEFAULT_REGULATION_ID)).regulation;

async function refusal(file: string): Promise<CcstError> {
  try {
    const { rest } = await readHeader((await openTable(file)).rows, importColumnSpecs(reg));
    for await (const _ of rest) void _;
  } catch (e) {
    return e as CcstError;
  }
  throw new Error('accepted');
}

describe('#9 item 3: maximum lengths at import', () => {
  it.each([
    ['nom', 'Nom', 100],
    ['prenom', 'Prénom', 100],
    ['etablissement', 'Établissement', 150],
    ['adresse', 'Adresse', 200],
    ['commune', 'Commune', 100],
    ['email', 'Courriel', 254],
    ['amenagements', 'Aménagements', 500],
  ])('candidates: %s (« %s ») at most %i characters', async (name, label, max) => {
    expect(CANDIDATE_COLUMNS.find((c) => c.name === name)?.maxLength).toBe(max);
    const base = name === 'nom' ? 'N° candidat;Prénom;Voie' : 'N° candidat;Nom;Voie';
    const ok = write('ok.csv', `${base};${label}\n1;A;scolaire public;${'a'.repeat(max)}\n`);
    for await (const _ of (await readHeader((await openTable(ok)).rows, importColumnSpecs(reg))).rest) void _;
    const e = await refusal(write('c.csv', `${base};${label}\n1;A;scolaire public;${'a'.repeat(max)}\n2;B;scolaire public;${'b'.repeat(max + 1)}\n`));
    expect(e.exitCode).toBe(3);
    expect(e.details).toEqual([`ligne 3, colonne D (« ${label} ») : ${(max + 1).toLocaleString('fr-FR')} caractères (${max} au plus)`]);
  });

  it('any other column (mapped or not) at most 1000 characters; a 20 kB name and a 100 kB cell listed together', async () => {
    const e = await refusal(write('c.csv', `N° candidat;Nom;Voie;Inconnue\n1;${'X'.repeat(20_000)};scolaire public;${'y'.repeat(100_000)}\n2;B;${'v'.repeat(1001)};z\n`));
    expect(e.message).toMatch(/3 cellule\(s\) dépassent la longueur maximale/);
    expect(e.details).toEqual([
      `ligne 2, colonne B (« Nom ») : ${(20_000).toLocaleString('fr-FR')} caractères (100 au plus)`,
      `ligne 2, colonne D (« Inconnue ») : ${(100_000).toLocaleString('fr-FR')} caractères (1000 au plus)`,
      `ligne 3, colonne C (« Voie ») : ${(1001).toLocaleString('fr-FR')} caractères (1000 au plus)`,
    ]);
  });

  it('every declared maximum is at least the shortest one the reader checks, and the notes and dossiers files have theirs', () => {
    const all = [...CANDIDATE_COLUMNS, ...DOSSIER_COLUMNS, ...IDENTITY_SPECS].map((c) => c.maxLength ?? DEFAULT_MAX_CELL_LENGTH);
    for (const m of all) expect(m).toBeGreaterThanOrEqual(SHORTEST_MAX_LENGTH);
    expect(DOSSIER_COLUMNS.find((c) => c.name === 'autre')?.maxLength).toBe(500);
    expect(IDENTITY_SPECS.find((c) => c.name === 'nom')?.maxLength).toBe(100);
  });

  it('a record past a million characters (an unclosed quote, a 300 MB cell) is refused at its line', async () => {
    const file = write('big.csv', `numero;nom\n1;A\n2;"${'x'.repeat(1_200_000)}"\n`);
    let error: CcstError | undefined;
    try {
      for await (const _ of (await openTable(file)).rows) void _;
    } catch (e) {
      error = e as CcstError;
    }
    expect(error?.exitCode).toBe(3);
    expect(error?.message).toMatch(/^big\.csv, ligne 3 : une ligne de plus de 1.000.000 caractères/);
  });
});
