// A whole session (the Toulouse 2023 fixtures) whose names, establishments and centre carry formula-injection
// payloads, run through every tabular export of ccst (issue #9 item 2). Payloads that an import refuses today
// (control characters) are written straight into the workspace, as an older ccst would have stored them, so that
// the writers are tested on them too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onPostgres, queryWorkspace, writeWorkspace } from './engine.js';
import { ccst, REPO, type CliResult } from './cli.js';
import { OWASP_PAYLOADS } from './hostile.js';

const T = path.join(REPO, 'fixtures', 'toulouse-2023');

/** Prefixes a CSV import keeps (format characters) or trims (white space): both must come out inert. */
const IMPORTABLE_PREFIXES = ['', '\u200b', '\u2060', ' ', '\u00a0'];
/** Prefixes an import refuses now; stored directly in the workspace. */
const STORED_PREFIXES = ['\0', '\t', '\r', '\n', '\x1b', '\0\t \r'];

export interface HostileSession {
  dir: string;
  /** Every command run, with its result (all expected to exit 0). */
  runs: { args: string[]; result: CliResult }[];
  /** Export files written, by command. */
  outputs: string[];
}

const payload = (i: number, prefixes: string[]) => prefixes[i % prefixes.length]! + OWASP_PAYLOADS[i % OWASP_PAYLOADS.length]!;

/** PostgreSQL text cannot hold NUL at all (SQLite can): there the planted NUL becomes U+0001, another raw control. */
const storable = (s: string) => (onPostgres ? s.replace(/\0/g, '\x01') : s);

function csvField(s: string): string {
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function hostileSession(): HostileSession {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-hostile-'));
  const out = path.join(dir, 'out');
  fs.mkdirSync(out);
  const runs: HostileSession['runs'] = [];
  const run = (args: string[], cwd = dir) => {
    const result = ccst(args, { cwd });
    runs.push({ args, result });
    return result;
  };

  // Candidates: nom of every candidate, prénom of every other one, a payload.
  const lines = fs.readFileSync(path.join(T, 'candidats.csv'), 'utf8').split(/\r?\n/);
  const rewritten = lines.map((l, i) => {
    if (i === 0 || l === '') return l;
    const f = l.split(';');
    f[1] = csvField(`${payload(i, IMPORTABLE_PREFIXES)} ${f[1]}`);
    if (i % 2 === 0) f[2] = csvField(payload(i + 3, IMPORTABLE_PREFIXES));
    if (f[6] === '0311201M') f[7] = csvField(payload(i + 5, ['']));
    return f.join(';');
  });
  fs.writeFileSync(path.join(dir, 'candidats.csv'), rewritten.join('\n'));
  // The written and oral centre Myriam: its nom and commune.
  const centres = fs.readFileSync(path.join(T, 'centres.csv'), 'utf8').replace(/LYC Myriam;Rue Mage;31000;Toulouse/g, `${csvField(OWASP_PAYLOADS[1]!)};Rue Mage;31000;${csvField('\u200b' + OWASP_PAYLOADS[4]!)}`);
  fs.writeFileSync(path.join(dir, 'centres.csv'), centres);
  for (const f of ['dossiers.csv', 'notes.csv', 'controle-choix.csv', 'controle-notes.csv']) fs.copyFileSync(path.join(T, f), path.join(dir, f));
  fs.copyFileSync(path.join(REPO, 'fixtures', 'calendrier-toulouse-2023.csv'), path.join(dir, 'calendrier.csv'));

  run(['init', '--session', '2023', '--academie', 'TOULOUSE']);
  run(['calendar', 'import', 'calendrier.csv']);
  run(['import', 'candidats.csv']);
  // Prénoms with control characters, as a workspace filled before the import refused them holds them.
  const numeros = queryWorkspace<{ numero: string }>(dir, 'SELECT numero FROM candidates ORDER BY numero').map((r) => r.numero);
  writeWorkspace(dir, 'UPDATE candidates SET prenom = ? WHERE numero = ?', numeros.flatMap((n, i) => (i % 3 === 1 ? [[storable(payload(i, STORED_PREFIXES)), n]] : [])));
  run(['centres', 'import', 'centres.csv']);
  run(['assign-centres']);
  run(['schedule-orals', '--commissions', '2']);

  const o = (f: string) => path.join(out, f);
  run(['candidates', 'export', '-o', o('candidats.csv')]);
  run(['candidates', 'export', '-o', o('candidats-rfc.csv'), '--csv-format', 'rfc4180']);
  run(['candidates', 'export', '-o', o('candidats.xlsx')]);
  run(['assignments', 'export', '-o', o('affectations.csv'), '--rollcall', o('emargement')]);
  run(['assignments', 'export', '-o', o('affectations.xlsx')]);
  run(['lists', '--centre', '0311201M', '-o', o('listes')]);
  run(['conformity', 'dossiers.csv', '--date-limite', '2023-03-15', '--summary', o('conformite.csv')]);
  run(['deliberate', 'notes.csv', '-o', o('pv.csv')]);
  run(['deliberate', 'notes.csv', '-o', o('pv.xlsx')]);
  run(['controle', 'eligible', '-o', o('controle-eligibles.csv')]);
  run(['controle', 'choices', 'controle-choix.csv']);
  run(['controle', 'schedule', '--centre', '0311201M', '--dates', '2023-07-06,2023-07-07', '-o', o('controle-horaires.csv')]);
  run(['controle', 'bordereaux', '-o', o('controle-bordereaux.xlsx')]);
  run(['controle', 'deliberate', 'controle-notes.csv', '-o', o('pv-controle.csv')]);
  run(['controle', 'deliberate', 'controle-notes.csv', '-o', o('pv-controle.xlsx'), '--dry-run']);
  run(['bordereaux', '--epreuve', 'E4', '-o', o('bordereaux-E4.xlsx')]);
  run(['stats', '-o', o('stats.xlsx')]);

  // The PV without a workspace: names come from the notes file.
  const alone = path.join(dir, 'sans-workspace');
  fs.mkdirSync(alone);
  const notes = fs.readFileSync(path.join(REPO, 'fixtures', 'deliberation', 'notes.csv'), 'utf8').split(/\r?\n/);
  const hostileNotes = notes.map((l, i) => {
    if (i === 0 || l === '') return l;
    const f = l.split(';');
    f[1] = csvField(payload(i, IMPORTABLE_PREFIXES));
    f[2] = csvField(payload(i + 1, IMPORTABLE_PREFIXES));
    f[3] = csvField(payload(i + 2, IMPORTABLE_PREFIXES));
    return f.join(';');
  });
  fs.writeFileSync(path.join(alone, 'notes.csv'), hostileNotes.join('\n'));
  run(['deliberate', 'notes.csv', '-o', o('pv-sans-workspace.csv')], alone);
  run(['deliberate', 'notes.csv', '-o', o('pv-sans-workspace.xlsx')], alone);

  const outputs = fs
    .readdirSync(out, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(csv|xlsx)$/.test(f))
    .map((f) => path.join(out, f));
  return { dir, runs, outputs };
}
