// ccst notes import and notes status on the built CLI, on both engines (issue #13 item 5): a filled bordereau and a
// notes file by numéro stored in one transaction; a refused import (exit 3) leaves the workspace identical, byte for
// byte on SQLite, row for row on PostgreSQL (workspaceFingerprint); --dry-run too. The copies and lots are planted as
// `ccst copies anonymise|lots` store them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ccst, REPO } from '../helpers/cli.js';
import { queryWorkspace, workspaceFingerprint, writeWorkspace } from '../helpers/engine.js';
import { formatAnonymat } from '../../src/domain/examiners/anonymity.js';

const TOULOUSE = path.join(REPO, 'fixtures', 'toulouse-2023');
const AT = '2023-05-15T00:00:00.000Z';
// Three E5 copies of the fixture's first candidates, in lot E5-01.
const COPIES = [['0231000001', formatAnonymat(31_415_926)], ['0231000002', formatAnonymat(27_182_818)], ['0231000003', formatAnonymat(16_180_339)]] as const;

let dir: string;
const run = (args: string[]) => ccst(args, { cwd: dir });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-notes-import-'));
  for (const args of [['init', '--session', '2023', '--academie', 'TOULOUSE'], ['import', path.join(TOULOUSE, 'candidats.csv')]]) {
    const r = run(args);
    expect(r.status, r.stderr).toBe(0);
  }
  writeWorkspace(dir, 'INSERT INTO copies (numero, epreuve, anonymat, issued_at) VALUES (?, ?, ?, ?)', COPIES.map(([n, a]) => [n, 'E5', a, AT]));
  writeWorkspace(dir, 'INSERT INTO lot_copies (anonymat, lot, position) VALUES (?, ?, ?)', COPIES.map(([, a], i) => [a, 'E5-01', i + 1]));
  writeWorkspace(dir, 'INSERT INTO lots (name, epreuve, academie, correcteur, number, pinned, built_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [['E5-01', 'E5', 'TOULOUSE', 'ada.lovelace@ac-toulouse.fr', 1, 0, AT]]);
});

const bordereau = (rows: string[]) => ['Bordereau de notation — lot E5-01;;;', 'Correcteur : ada.lovelace@ac-toulouse.fr;;;', 'lot;anonymat;note;observation', ...rows].join('\n') + '\n';

describe('notes import (built CLI)', () => {
  it('a refused import changes nothing at all (exit 3, every issue on stderr)', () => {
    fs.writeFileSync(path.join(dir, 'lot-bad.csv'), bordereau([`E5-01;${COPIES[0][1]};12;`, `E5-01;${formatAnonymat(99_999_999)};10;`, `E5-01;${COPIES[1][1]};25;`]));
    fs.writeFileSync(path.join(dir, 'ccf.csv'), 'numero;U4\n0231000001;12\n');
    const before = workspaceFingerprint(dir);
    const r = run(['notes', 'import', 'ccf.csv', 'lot-bad.csv']);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('2 erreur(s) dans les fichiers de notes : aucune note enregistrée.');
    expect(r.stderr).toContain(`lot-bad.csv, ligne 5, colonne « anonymat » : numéro d’anonymat ${formatAnonymat(99_999_999)} inconnu du workspace`);
    expect(r.stderr).toContain('lot-bad.csv, ligne 6, colonne « note »');
    expect(r.stdout).toBe('');
    expect(workspaceFingerprint(dir)).toBe(before);
  });

  it('--dry-run changes nothing; the import stores the lot’s notes and the numéro file’s, then status shows what is missing', () => {
    fs.writeFileSync(path.join(dir, 'lot-E5-01.csv'), bordereau([`E5-01;${COPIES[0][1]};12,5;`, `E5-01;${COPIES[1][1]};ABS;copie blanche`, `E5-01;${COPIES[2][1]};;`]));
    const before = workspaceFingerprint(dir);
    const dry = run(['notes', 'import', 'lot-E5-01.csv', 'ccf.csv', '--dry-run', '--json']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, inserted: 3, changed: 0 });
    expect(workspaceFingerprint(dir)).toBe(before);
    const r = run(['notes', 'import', 'lot-E5-01.csv', 'ccf.csv', '--epreuve', 'E5']);
    expect(r.status).toBe(3); // ccf.csv is U4
    const ok = run(['notes', 'import', 'lot-E5-01.csv', 'ccf.csv']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('lot-E5-01.csv (lot E5-01, ada.lovelace@ac-toulouse.fr) : 2 note(s), 1 copie(s) sans note.');
    expect(queryWorkspace<{ numero: string; unite: string; value: string; source: string }>(dir, 'SELECT numero, unite, value, source FROM notes ORDER BY numero, unite')).toEqual([
      { numero: '0231000001', unite: 'U4', value: '12', source: 'ccf.csv' },
      { numero: '0231000001', unite: 'U5', value: '12,5', source: 'lot:E5-01:lot-E5-01.csv' },
      { numero: '0231000002', unite: 'U5', value: 'ABS', source: 'lot:E5-01:lot-E5-01.csv' },
    ]);
    const status = run(['notes', 'status', '--epreuve', 'E5']);
    expect(status.status).toBe(0);
    expect(status.stdout).toContain(`  lot E5-01 — ada.lovelace@ac-toulouse.fr : 3 copie(s), 2 note(s), 1 manquante(s) : ${COPIES[2][1]}\n`);
    expect(status.stdout).toMatch(/^E5 \(U5\), copies anonymes : 170 candidat\(s\) attendu\(s\), 2 note\(s\), 168 manquante\(s\) — dont codes : ABS 1\n/);
  });
});
