// `ccst deliberate` with no notes file (issue #13 item 5), on the built CLI and both engines: the notes gathered in
// the workspace by `ccst notes import` give the same decisions and the same PV, byte for byte, as deliberating the
// same notes from the file — on the Toulouse 2023 fixture (fixtures/toulouse-2023/notes.csv) — and the candidates
// without notes are named the same way. Without a workspace there is nothing to deliberate on: usage error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ccst, REPO } from '../helpers/cli.js';
import { workspaceFingerprint } from '../helpers/engine.js';

const TOULOUSE = path.join(REPO, 'fixtures', 'toulouse-2023');
const NOTES = path.join(TOULOUSE, 'notes.csv');

function sessionDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ccst-delib-ws-${label}-`));
  for (const args of [['init', '--session', '2023', '--academie', 'TOULOUSE'], ['import', path.join(TOULOUSE, 'candidats.csv')]]) {
    const r = ccst(args, { cwd: dir });
    expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  }
  return dir;
}

const ok = (r: ReturnType<typeof ccst>) => {
  expect(r.status, r.stderr).toBe(0);
  return r;
};

describe('deliberate from the workspace (Toulouse 2023)', () => {
  let fromFile: string;
  let fromWorkspace: string;
  beforeAll(() => {
    fromFile = sessionDir('file');
    fromWorkspace = sessionDir('ws');
  });

  it('gives the PV of the same notes deliberated from the file, byte for byte (the CSV PV, and the JSON detail)', () => {
    ok(ccst(['deliberate', NOTES, '-o', 'pv.csv'], { cwd: fromFile }));
    const imported = ok(ccst(['notes', 'import', NOTES], { cwd: fromWorkspace }));
    expect(imported.stderr).toContain('1395 note(s) ajoutée(s), 0 modifiée(s)');
    const r = ok(ccst(['deliberate', '-o', 'pv.csv'], { cwd: fromWorkspace }));
    expect(r.stderr).toContain('Délibération : 170 candidat(s) — ADMIS 114, CONTROLE 4, AJOURNE 49, ELIMINE 3, INCOMPLET 0.');
    expect(r.stderr).toContain('Workspace : 0 note(s) ajoutée(s), 0 modifiée(s) (historique dans note_audit), 170 résultat(s) enregistré(s).');
    const a = fs.readFileSync(path.join(fromFile, 'pv.csv'));
    const b = fs.readFileSync(path.join(fromWorkspace, 'pv.csv'));
    expect(b.length).toBeGreaterThan(10_000);
    expect(b.equals(a)).toBe(true);
    // The detailed results too (--json: every candidate's cells, averages, decision, motif).
    const jsonA = JSON.parse(ok(ccst(['deliberate', NOTES, '--json', '--dry-run'], { cwd: fromFile })).stdout);
    const jsonB = JSON.parse(ok(ccst(['deliberate', '--json', '--dry-run'], { cwd: fromWorkspace })).stdout);
    expect(jsonB.results).toEqual(jsonA.results);
    expect(jsonB.summary).toEqual(jsonA.summary);
  });

  it('--dry-run from the workspace stores nothing', () => {
    const before = workspaceFingerprint(fromWorkspace);
    const r = ok(ccst(['deliberate', '--dry-run'], { cwd: fromWorkspace }));
    expect(r.stderr).toContain('Simulation (--dry-run) : rien n’a été enregistré dans le workspace.');
    expect(workspaceFingerprint(fromWorkspace)).toBe(before);
  });
});

describe('candidates without notes', () => {
  it('are named as the file form names the candidates without a row, and not deliberated', () => {
    const lines = fs.readFileSync(NOTES, 'utf8').split('\n');
    // Three candidates without any note: their rows left out of the file.
    const left = lines.filter((l, i) => i === 0 || !/^023100000[1-3];/.test(l));
    expect(left.length).toBe(lines.length - 3);
    const withFile = sessionDir('missing-file');
    const withWs = sessionDir('missing-ws');
    fs.writeFileSync(path.join(withFile, 'notes.csv'), left.join('\n'));
    fs.writeFileSync(path.join(withWs, 'notes.csv'), left.join('\n'));
    const a = ok(ccst(['deliberate', 'notes.csv', '-o', 'pv.csv'], { cwd: withFile }));
    ok(ccst(['notes', 'import', 'notes.csv'], { cwd: withWs }));
    const b = ok(ccst(['deliberate', '-o', 'pv.csv'], { cwd: withWs }));
    expect(a.stderr).toContain('Attention : 3 candidat(s) inscrit(s) sur 170 sans ligne dans notes.csv : non délibéré(s).');
    expect(b.stderr).toContain('Attention : 3 candidat(s) inscrit(s) sur 170 sans aucune note dans le workspace (ccst notes status) : non délibéré(s).');
    const named = (err: string) => err.split('\n').filter((l) => /^ {2}023100000\d /.test(l));
    expect(named(b.stderr)).toHaveLength(3);
    expect(named(b.stderr)).toEqual(named(a.stderr));
    expect(fs.readFileSync(path.join(withWs, 'pv.csv')).equals(fs.readFileSync(path.join(withFile, 'pv.csv')))).toBe(true);
    const json = JSON.parse(ok(ccst(['deliberate', '--json', '--dry-run'], { cwd: withWs })).stdout);
    expect(json.sansNotes).toMatchObject({ inscrits: 170, nombre: 3 });
    expect(json.sansNotes.candidats.map((c: { numero: string }) => c.numero).sort()).toEqual(['0231000001', '0231000002', '0231000003']);
  });
});

describe('usage', () => {
  it('without a notes file and without a workspace: exit 2, nothing written', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-delib-none-'));
    const r = ccst(['deliberate', '-o', 'pv.csv'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('sans fichier de notes, ccst deliberate délibère sur les notes du workspace');
    expect(fs.existsSync(path.join(dir, 'pv.csv'))).toBe(false);
  });

  it('--sheet without a notes file: exit 2', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-delib-sheet-'));
    const r = ccst(['deliberate', '--sheet', 'Notes'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--sheet choisit la feuille d’un fichier de notes');
  });
});
