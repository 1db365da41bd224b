// The built CLI (node bin/ccst.js), as an exam-office agent runs it: exit codes, stdout/stderr separation, stdin.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ccst, REPO } from '../helpers/cli.js';
import { workspaceFingerprint } from '../helpers/engine.js';

const demo = path.join(REPO, 'fixtures', 'candidats-demo.csv');
const errors = path.join(REPO, 'fixtures', 'import', 'candidats-erreurs.csv');
let cwd: string;

beforeAll(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-e2e-import-'));
  expect(ccst(['init', '--session', '2024', '--academie', 'TOULOUSE'], { cwd }).status).toBe(0);
});

describe('ccst import / candidates export (built CLI)', () => {
  it('a file with bad rows: exit 3, French row/column messages on stderr, nothing on stdout, no stack trace', () => {
    const r = ccst(['import', errors], { cwd });
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Erreur : candidats-erreurs.csv : 4 ligne(s) invalide(s) sur 5 — rien n’a été importé.');
    expect(r.stderr).toContain('candidats-erreurs.csv, ligne 3, colonne « UAI » : clé UAI incorrecte : 0311586A (attendu 0311586F)');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('imports the demo list from stdin with --json on stdout, then exports it', () => {
    const r = ccst(['import', '-', '--json'], { cwd, input: fs.readFileSync(demo) });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ file: 'stdin', rowsRead: 40, created: 40, rejected: 0 });
    expect(r.stderr).toContain('Par établissement :');
    const out = ccst(['candidates', 'export'], { cwd });
    expect(out.status).toBe(0);
    expect(out.stdoutBytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(out.stdout.split('\r\n').filter((l) => l !== '')).toHaveLength(41);
    const again = ccst(['import', demo], { cwd });
    expect(again.stderr).toContain('0 créés, 0 mis à jour, 40 inchangé(s), 0 rejeté(s)');
  });

  it('the worker-thread writer of the built CLI: a rejected file leaves the database byte-for-byte unchanged, a duplicate is undone', () => {
    const sha = () => workspaceFingerprint(cwd);
    const before = sha();
    expect(ccst(['import', errors], { cwd }).status).toBe(3);
    expect(ccst(['import', demo, '--dry-run'], { cwd }).status).toBe(0);
    expect(sha()).toBe(before);
    const dup = path.join(cwd, 'dup.csv');
    fs.writeFileSync(dup, 'N° candidat;Nom;Voie;UAI\n2431000101;CHANGÉ;scolaire public;0310028M\n2431000999;NOUVEAU;candidat individuel;\n2431000101;CHANGÉ;scolaire public;0310028M\n2431000999;NOUVEAU;candidat individuel;\n');
    const r = ccst(['import', dup, '--skip-invalid', '--json'], { cwd });
    expect(r.status).toBe(3); // rows rejected (issue #10 item 15), the report is still the data on stdout
    expect(JSON.parse(r.stdout)).toMatchObject({ created: 0, updated: 0, unchanged: 0, rejected: 4, perEtablissement: [], perVoie: [] });
    const audit = ccst(['import', demo, '--json'], { cwd });
    expect(JSON.parse(audit.stdout)).toMatchObject({ created: 0, updated: 0, unchanged: 40 });
  });

  it('export to XLSX, and usage errors exit 2', () => {
    expect(ccst(['candidates', 'export', '-o', 'c.xlsx'], { cwd }).status).toBe(0);
    expect(fs.readFileSync(path.join(cwd, 'c.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect(ccst(['candidates', 'export', '--csv-format', 'tsv'], { cwd }).status).toBe(2);
    expect(ccst(['import', 'liste.ods'], { cwd }).status).toBe(2);
    // A missing input is the environment's error (issue #9 item 4, README « Codes de sortie »): exit 2, path named.
    const absent = ccst(['import', 'absent.csv'], { cwd });
    expect(absent.status).toBe(2);
    expect(absent.stderr).toContain(`introuvable : fichier d’entrée ${path.join(cwd, 'absent.csv')}`);
  });

  it('a re-import without some columns keeps what the file does not speak of (dispenses, tiers-temps…)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-e2e-partial-'));
    expect(ccst(['init', '--session', '2024', '--academie', 'TOULOUSE'], { cwd: dir }).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'a.csv'), 'numero;nom;prenom;voie;temps_majore;dispenses\n1;A;B;candidat individuel;1/3;U1\n');
    expect(ccst(['import', 'a.csv'], { cwd: dir }).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'b.csv'), 'numero;nom;prenom;voie;email\n1;A;B;candidat individuel;a@b.fr\n');
    const r = ccst(['import', 'b.csv', '--json'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).changes).toEqual([{ numero: '1', row: 2, fields: [expect.objectContaining({ field: 'email' })] }]);
    const out = ccst(['candidates', 'export', '--json'], { cwd: dir });
    // The dispense keeps its ground (référentiel annexe IV b, issue 11 finding 3).
    expect(JSON.parse(out.stdout)[0]).toMatchObject({ temps_majore: '1/3', dispenses: 'diplome : U1', email: 'a@b.fr' });
  });
});
