// End to end on the built CLI: init, status, calendar import, exit codes and the audit trail.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, ccst, cliEnv, REPO } from '../helpers/cli.js';
import { onPostgres, queryWorkspace, workspaceFingerprint, workspaceInitialised } from '../helpers/engine.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-init-'));
});

describe('ccst init', () => {
  it('creates ./ccst.db with mode 0600, the regulation inside, and an audit row', () => {
    const r = ccst(['init', '--session', '2024', '--academie', 'toulouse'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Workspace créé');
    if (!onPostgres) expect(fs.statSync(path.join(dir, 'ccst.db')).mode & 0o777).toBe(0o600);
    const meta = Object.fromEntries(queryWorkspace<{ key: string; value: string }>(dir, 'SELECT key, value FROM meta').map((m) => [m.key, m.value]));
    expect(meta.academie).toBe('TOULOUSE');
    expect(JSON.parse(meta.regulation!).id).toBe('bts-ccst-2024');
    expect(queryWorkspace(dir, 'SELECT command FROM audit_log')).toEqual([{ command: 'init' }]);
  });

  it('--json prints the result on stdout; --workspace and CCST_WORKSPACE choose the file', () => {
    const r = ccst(['init', '--session', '2024', '--json', '--workspace', 'a/b.db'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ session: 2024, regulation: 'bts-ccst-2024', workspace: path.join(dir, 'a/b.db') });
    const e = ccst(['init', '--session', '2025'], { cwd: dir, env: { CCST_WORKSPACE: path.join(dir, 'env.db') } });
    expect(e.status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'env.db'))).toBe(true);
  });

  it('refuses to overwrite; --reset needs --yes without a terminal (exit 2), then works', () => {
    expect(ccst(['init', '--session', '2024'], { cwd: dir }).status).toBe(0);
    const again = ccst(['init', '--session', '2024'], { cwd: dir });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('--reset');
    const noYes = ccst(['init', '--reset', '--session', '2024'], { cwd: dir });
    expect(noYes.status).toBe(2);
    expect(noYes.stderr).toContain('--yes');
    expect(ccst(['init', '--reset', '--yes', '--session', '2025'], { cwd: dir }).status).toBe(0);
  });

  it('usage errors exit 2 without a stack trace; --debug shows it', () => {
    const r = ccst(['init', '--session', '2024', '--academie', 'Atlantide'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('académie inconnue');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    const d = ccst(['init', '--session', '2024', '--academie', 'Atlantide', '--debug'], { cwd: dir });
    expect(d.status).toBe(2);
    expect(d.stderr).toMatch(/at .*\.js:\d+/);
    expect(ccst(['nope'], { cwd: dir }).status).toBe(2);
    expect(ccst(['status'], { cwd: dir }).status).toBe(2);
  });

  it('an invalid user regulation exits 3 with the faulty paths', () => {
    const reg = JSON.parse(fs.readFileSync(path.join(REPO, 'templates/regulations/bts-ccst-2024.json'), 'utf8'));
    reg.units[0].coefficient = -1;
    fs.writeFileSync(path.join(dir, 'mine.json'), JSON.stringify(reg));
    const r = ccst(['init', '--regulation', 'mine.json', '--session', '2025'], { cwd: dir });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('units.0.coefficient');
    expect(workspaceInitialised(dir)).toBe(false);
  });
});

describe('pipes', () => {
  it('a reader that closes stdout early (| head) is not an error', () => {
    expect(ccst(['init', '--session', '2024', '--academie', 'TOULOUSE'], { cwd: dir }).status).toBe(0);
    const rows = Array.from({ length: 3000 }, (_, i) => `${100000 + i};Nom${i};Prénom${i};candidat individuel`);
    fs.writeFileSync(path.join(dir, 'c.csv'), ['numero;nom;prenom;voie', ...rows].join('\n'));
    expect(ccst(['import', 'c.csv'], { cwd: dir }).status).toBe(0);
    // ~600 KB of CSV: far more than a pipe holds, so `head` closes it while we are still writing.
    const r = spawnSync('bash', ['-c', `set -o pipefail; node ${JSON.stringify(BIN)} candidates export | head -1`], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', CCST_WORKSPACE: cliEnv(dir).CCST_WORKSPACE! },
    });
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('ccst calendar import', () => {
  it('replaces the 2024 calendar with the Toulouse 2023 dates (circulaire Toulouse 2023, calendrier des écrits)', () => {
    expect(ccst(['init', '--session', '2023', '--academie', 'TOULOUSE'], { cwd: dir }).status).toBe(0);
    const r = ccst(['calendar', 'import', path.join(REPO, 'fixtures/calendrier-toulouse-2023.csv'), '--json'], { cwd: dir });
    // The 2024 regulation has no dates for a 2023 session: nothing is kept besides the file (issue #10 §1-2).
    expect(r.stderr).toContain('Calendrier enregistré : 4 épreuve(s) (4 du fichier, 0 conservée(s)');
    expect(r.status).toBe(0);
    const cal = JSON.parse(r.stdout);
    expect(cal.written.map((w: { epreuve: string; date: string }) => `${w.epreuve} ${w.date}`)).toEqual([
      'E3 2023-05-15', 'E21 2023-05-16', 'E1 2023-05-16', 'E5 2023-05-17',
    ]);
    expect(cal.written[2].times.metropole).toEqual({ start: '14:00', end: '18:00', lockInMinutes: 120 });
    expect(cal.written[0].times.reunion).toBeUndefined();
  });

  it('a bad file exits 3 with row and column, and changes nothing', () => {
    expect(ccst(['init', '--session', '2024'], { cwd: dir }).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'cal.csv'), 'epreuve;date;debut;fin\nE3;32/05/2024;14h00;18h00\nE9;14/05/2024;14h00;18h00\n');
    const before = workspaceFingerprint(dir);
    const r = ccst(['calendar', 'import', 'cal.csv'], { cwd: dir });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('calendrier refusé (2 erreur(s))');
    expect(r.stderr).toContain('cal.csv, ligne 2, colonne « date »');
    expect(r.stderr).toContain('cal.csv, ligne 3, colonne « epreuve »');
    expect(workspaceFingerprint(dir)).toBe(before);
  });

  it('refuses an end before the start in debut/fin columns (exit 3)', () => {
    expect(ccst(['init', '--session', '2024'], { cwd: dir }).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'cal.csv'), 'epreuve;date;zone;debut;fin\nE1;16/05/2023;metropole;14:00;13:00\n');
    const r = ccst(['calendar', 'import', 'cal.csv'], { cwd: dir });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('cal.csv, ligne 2, colonne « fin » : fin 13:00 avant le début 14:00');
  });
});

describe('files that are not what they claim', () => {
  it('an empty or truncated .xlsx is invalid input (exit 3), not a bug', () => {
    expect(ccst(['init', '--session', '2024', '--academie', 'TOULOUSE'], { cwd: dir }).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'vide.xlsx'), '');
    fs.writeFileSync(path.join(dir, 'texte.xlsx'), 'numero;nom\n1;A\n');
    for (const f of ['vide.xlsx', 'texte.xlsx']) {
      const r = ccst(['import', f], { cwd: dir });
      expect(r.stderr).toContain('ce n’est pas un classeur XLSX lisible');
      expect(r.status).toBe(3);
    }
  });

  it('a numéro that lost its leading zeros in Excel is refused, never a silent second candidate', () => {
    expect(ccst(['init', '--session', '2024', '--academie', 'TOULOUSE'], { cwd: dir }).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'a.csv'), 'numero;nom;prenom;voie\n0231000001;A;B;candidat individuel\n');
    expect(ccst(['import', 'a.csv'], { cwd: dir }).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'b.csv'), 'numero;nom;prenom;voie\n231000001;A;B;candidat individuel\n0231000002;C;D;candidat individuel\n');
    const before = workspaceFingerprint(dir);
    const r = ccst(['import', 'b.csv'], { cwd: dir });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('b.csv, ligne 2, colonne « numero » : numéro 231000001 : le workspace contient 0231000001');
    expect(workspaceFingerprint(dir)).toBe(before);
  });

  it('exports are readable by their owner only (personal data), like the workspace', () => {
    expect(ccst(['init', '--session', '2024', '--academie', 'TOULOUSE'], { cwd: dir }).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'c.csv'), 'numero;nom;prenom;voie\n1;A;B;candidat individuel\n');
    expect(ccst(['import', 'c.csv'], { cwd: dir }).status).toBe(0);
    for (const f of ['c.xlsx', 'c2.csv']) {
      expect(ccst(['candidates', 'export', '-o', f], { cwd: dir }).status).toBe(0);
      expect(fs.statSync(path.join(dir, f)).mode & 0o777).toBe(0o600);
    }
  });
});
