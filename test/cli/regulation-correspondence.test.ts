// Issue 11 finding 9: a bénéfice earned under the earlier règlement (U4 of session 2024) counts for the new épreuve
// (E5, unit U5 of the test-only règlement of the new shape) through its `correspondence` table, at import and at the
// deliberation. Source: arrêté CCST de 2024, article 6 « Les mots : « E4 » sont remplacés par les mots : « E5 » »
// (d'après shared/reference/reforme-bts-2024.md); the table itself is test data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { fakeCtx } from '../helpers/fake-ctx.js';
import { run as init } from '../../src/cli/commands/init.js';
import { run as importRun } from '../../src/cli/commands/import.js';
import { run as deliberate } from '../../src/cli/commands/deliberate.js';
import { readRegulationFile } from '../../src/io/regulation-file.js';
import { parseBenefices } from '../../src/domain/candidate-units.js';
import { formatBenefices } from '../../src/domain/candidate.js';
import { REPO } from '../helpers/cli.js';

const TEST_REG = path.join(REPO, 'test', 'fixtures', 'regulations', 'bts-ccst-reforme-test.json');
const REG = readRegulationFile(TEST_REG).regulation;

describe('bénéfices through the correspondence table', () => {
  // [cell, session, expected unit and origin, or !message]
  const cases: [string, string, string][] = [
    ['U4=14@2024', 'U5 (from U4)', 'arrêté 2024 art. 6: « E4 » devient « E5 »'],
    ['U61=12@2025', 'U7 (from U61)', 'arrêté 2024 art. 6: « U61 » devient « E7 »'],
    ['U3=11@2024', 'U4 (from U3)', 'CEJM: U3 of 2020 → E4 (numbering of reforme-bts-2024.md, test data)'],
    ['U5=13@2026', 'U5', 'a bénéfice of a session under the new règlement is read in its own codes'],
    ['U9=14@2024', '!n’est pas une unité de bts-ccst-2024 dans la table de correspondance', 'no guessed mapping'],
  ];
  it.each(cases)('%s → %s (%s)', (cell, expected) => {
    const r = parseBenefices(REG, cell, 2027);
    if (expected.startsWith('!')) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain(expected.slice(1));
      return;
    }
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const b = r.value[0]!;
    expect(b.from ? `${b.unite} (from ${b.from})` : b.unite).toBe(expected);
    // Written back in the earlier règlement's code, so that a re-import reads the same bénéfice.
    expect(formatBenefices(r.value)).toBe(cell);
  });

  it('import then deliberation: U4=14@2024 stands in for E5 (U5) and enters the averages', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-corr-'));
    const db = path.join(dir, 'ccst.db');
    await init(fakeCtx({ cwd: dir }), { workspace: db, session: '2027', regulation: TEST_REG, academie: 'TOULOUSE' });
    const list = path.join(dir, 'candidats.csv');
    fs.writeFileSync(list, 'N° candidat;Nom;Prénom;Voie;Bénéfices\n27001;VIDAL;Jean;candidat individuel;U4=14@2024\n');
    await importRun(fakeCtx({ cwd: dir }), { workspace: db, file: list });
    const d = new Database(db, { readonly: true });
    expect(JSON.parse((d.prepare('SELECT benefices FROM candidates').get() as { benefices: string }).benefices)).toEqual([{ unite: 'U5', note: 1400, session: 2024, from: 'U4' }]);
    d.close();
    const notes = path.join(dir, 'notes.csv');
    fs.writeFileSync(notes, 'numero;U1;U2;U3;U4;U6;U7;U8\n27001;8;8;8;8;8;8;8\n');
    const ctx = fakeCtx({ cwd: dir });
    await deliberate(ctx, { workspace: db, notes });
    const pv = parse(ctx.out().replace(/^\uFEFF/, ''), { delimiter: ';', columns: true }) as Record<string, string>[];
    // Coefficients of the test file: U1 3, U2 1,5, U3 1,5, U4 3, U5 6, U6 4, U7 3, U8 3 — Σ 25; 8 × 19 + 14 × 6 = 236.
    expect(pv[0]).toMatchObject({ U5: 'BEN 14@2024', moyenne: '9,44' });
  });
});
