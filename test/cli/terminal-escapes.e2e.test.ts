// Issue #9 item 8, end to end: escape sequences held by data (a workspace filled by an older ccst, a file name, a
// notes file without workspace, a header) reach neither stderr nor a terminal's stdout as control characters.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ccst } from '../helpers/cli.js';
import { person, sessionWorkspace } from '../helpers/documents-workspace.js';

const OSC52 = '\x1b]52;c;ZWNobyBwd25lZA==\x07';
const TITLE = '\x1b]0;pwned\x07';
const CLEAR = '\x1b[2J\x1b[H';
/** Raw control characters other than tab, LF and colour sequences. */
const RAW = /(?!\x1b\[[0-9;]*m)[\x00-\x08\x0B-\x1F\x7F-\x9F]/;

describe('#9 item 8: nothing printed drives the terminal', () => {
  const ws = sessionWorkspace([
    person('24001', `MARTIN${TITLE}`, `Léa${CLEAR}`, { etablissement: `Lycée ${OSC52}` }),
    person('24002', 'DURAND', 'Zoé\u009b2J', { etablissement: `Lycée ${OSC52}` }),
  ]);

  it('status on a terminal (a pty through script(1)): names and establishments shown escaped, colours kept', () => {
    const r = spawnSync('script', ['-qec', `${process.execPath} ${BIN} status`, '/dev/null'], {
      cwd: ws.dir,
      env: { ...process.env, CCST_WORKSPACE: '', NO_COLOR: '', CI: '', FORCE_COLOR: '', TERM: 'xterm' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Lycée \\x1B]52;c;ZWNobyBwd25lZA==\\x07');
    expect(r.stdout).toContain('\x1b[1m'); // bold « Workspace »: the colours of ccst itself still work
    expect(r.stdout.replace(/\r\n/g, '\n')).not.toMatch(RAW);
  });

  it('deliberate: the per-establishment summary on stderr', () => {
    fs.writeFileSync(path.join(ws.dir, 'notes.csv'), 'numero;U1;U21;U22;U3;U4;U5;U61;U62\n24001;12;12;12;12;12;12;12;12\n24002;8;8;8;8;8;8;8;8\n');
    const r = ccst(['deliberate', 'notes.csv', '-o', 'pv.csv'], { cwd: ws.dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('Lycée \\x1B]52;');
    expect(r.stderr).not.toMatch(RAW);
  });

  it('an error quoting a file name, and commander’s own errors', () => {
    const missing = ccst(['import', `${TITLE}candidats.csv`], { cwd: ws.dir });
    expect([2, 3]).toContain(missing.status); // exit 3 before issue #9 §4, 2 (environment) after
    expect(missing.stderr).toContain('\\x1B]0;pwned\\x07candidats.csv');
    const option = ccst(['import', `--x${CLEAR}`], { cwd: ws.dir });
    expect(option.status).toBe(2);
    for (const r of [missing, option]) expect(r.stderr).not.toMatch(RAW);
  });

  it('a notes file without workspace: its control characters are refused, and the message shows none', () => {
    const dir = fs.mkdtempSync(path.join(ws.dir, 'alone-'));
    fs.writeFileSync(path.join(dir, 'notes.csv'), `numero;nom;prenom;etablissement;voie;U1;U21;U22;U3;U4;U5;U61;U62\n1;"A${TITLE}";B;"L${OSC52}";scolaire public;12;12;12;12;12;12;12;12\n`);
    const r = ccst(['deliberate', 'notes.csv'], { cwd: dir });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('ligne 2, colonne B (« nom ») : U+001B (ESC), U+0007 (BEL)');
    expect(r.stderr).toContain('ligne 2, colonne D (« etablissement ») : U+001B (ESC), U+0007 (BEL)');
    expect(r.stderr + r.stdout).not.toMatch(RAW);
  });
});
