// npm run bench:notes — the notes round-trip of issue #13 at national scale (« 250,000 candidates, 8,000 correcteurs
// — anonymise + lots + import of all lots; report each step's time next to a raw csv-parse of the same notes »), in
// process on a SQLite workspace (the session of bench:copies, copies-session.ts):
//   1. `ccst copies anonymise --epreuve E5`, then `ccst copies lots --epreuve E5 --size 35` (the commands, store included);
//   2. the bordereaux of every lot, in their CSV form: the XLSX bordereau's title block (lotTitleRows), its header row
//      lot;anonymat;note;observation and one row per copy, from the workspace's lots (storedLots) — the form
//      `ccst notes import` reads as it reads the XLSX; the real `ccst copies bordereaux` (PDF + XLSX per lot) is timed
//      on a few lots and extrapolated, said so;
//   3. each bordereau filled (a note, ABS now and then), as the correcteurs return them — not a ccst step, not timed;
//   4. a raw csv-parse of every filled bordereau (the floor: reading the same bytes, no check, no store);
//   5. `ccst notes import` of all of them at once (read, every check of every row, lifting the anonymity, one
//      transaction with the audit), its stable re-run, and `ccst notes status --json`.
// Each step's wall and CPU time, and its ratio to the raw parse. Not a test: figures depend on the machine.
// Usage: node dist/bench/notes-import.js [candidates] [correcteurs] [--keep] [--only-copies]
// --only-copies: steps 1 only (anonymise and lots, measured as in the full run), then the workspace is kept or removed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { run as anonymiseCommand } from '../cli/commands/copies-anonymise.js';
import { run as lotsCommand } from '../cli/commands/copies-lots.js';
import { run as bordereauxCommand } from '../cli/commands/copies-bordereaux.js';
import { run as importCommand } from '../cli/commands/notes-import.js';
import { run as statusCommand } from '../cli/commands/notes-status.js';
import { openWorkspace } from '../store/workspace.js';
import { storedLots } from '../store/copies.js';
import { listExaminers } from '../store/examiners.js';
import { readSessionInfo, sessionRegulation } from '../store/session.js';
import { bundledRegulationPath, DEFAULT_REGULATION_ID, readRegulationFile } from '../io/regulation-file.js';
import { copyNoteCodes, writtenUnit } from '../domain/examiners/written-copies.js';
import { academieLabel, modelHeading } from '../documents/heading.js';
import { lotTitleRows, LOT_SHEET_COLUMNS } from '../documents/lot-bordereau-xlsx.js';
import type { LotBordereauView } from '../documents/lot-bordereau.js';
import { quietCtx } from './quiet-ctx.js';
import { copiesSession, plantSession, timed, type Timing } from './copies-session.js';

const numbers = process.argv.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
const N = numbers[0] ?? 250_000;
const CORRECTEURS = numbers[1] ?? 8_000;
const SIZE = 35;
/** Lots on which the real `ccst copies bordereaux --lot` (PDF + XLSX) is timed. */
const SAMPLED_LOTS = 3;
const { regulation: reg, text } = readRegulationFile(bundledRegulationPath(DEFAULT_REGULATION_ID));
const session = copiesSession(reg, N, CORRECTEURS);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-bench-notes-'));
const workspace = path.join(dir, 'ccst.db');
const ctx = quietCtx(dir);
console.log(`session : ${N} candidats d’E5, ${session.academies.length} académies, ${session.examiners.length} correcteurs, lots de ${SIZE} ; workspace ${workspace} ; charge ${os.loadavg()[0]!.toFixed(1)}`);
await timed('préparation (candidats, centres, affectations, correcteurs)', () => plantSession(workspace, reg, text, session));

const steps: [string, Timing<unknown>][] = [];
steps.push(['copies anonymise', await timed('ccst copies anonymise --epreuve E5', () => anonymiseCommand(ctx, { workspace, epreuve: 'E5' }))]);
steps.push(['copies lots', await timed(`ccst copies lots --epreuve E5 --size ${SIZE}`, () => lotsCommand(ctx, { workspace, epreuve: 'E5', size: String(SIZE) }))]);
// --only-copies: the two steps above alone (timed as in the whole run).
if (process.argv.includes('--only-copies')) console.log(`charge machine ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} ; workspace ${process.argv.includes('--keep') ? 'gardé' : 'supprimé'}`);
else await notesRoundTrip();
if (!process.argv.includes('--keep')) fs.rmSync(dir, { recursive: true, force: true });

/** Steps 2 to 5: the bordereaux, filled, parsed raw, then imported; the table of every step against the raw parse. */
async function notesRoundTrip(): Promise<void> {

  // 2. The bordereaux of every lot, CSV form (the XLSX's title block, header and rows: lot-bordereau-xlsx.ts).
  const blank = path.join(dir, 'bordereaux');
  const filled = path.join(dir, 'remplis');
  fs.mkdirSync(blank);
  fs.mkdirSync(filled);
  // A title line padded to the table's four columns, as a spreadsheet saves its used range as CSV (« Titre;;; »). Not
  // padded, every copy row would be « inconsistent » with the first record for csv-parse, which then builds (and
  // drops, relax_column_count) a CsvError with its stack for each: the raw parse took 10× longer — no floor then.
  const titleRow = (t: string) => [t, '', '', ''];
  const csv = (rows: unknown[][]) => stringify(rows, { delimiter: ';', record_delimiter: '\r\n' });
  const exported = await timed('bordereaux de tous les lots (CSV : titre, en-tête, copies)', async () => {
    const ws = await openWorkspace(workspace);
    try {
      const info = await readSessionInfo(ws.db);
      const w = writtenUnit(reg, 'E5');
      if ('error' in w) throw new Error(w.error);
      const { unit } = w;
      const sessionYear = info?.session ?? reg.session;
      const examiners = new Map((await listExaminers(ws.db)).map((e) => [e.email, e]));
      const regOfWs = await sessionRegulation(ws.db);
      const lots = await storedLots(ws.db, 'E5');
      const views: LotBordereauView[] = lots.map((l) => {
        const e = examiners.get(l.correcteur);
        return {
          heading: modelHeading(regOfWs, sessionYear), academie: academieLabel(regOfWs, l.academie), session: sessionYear, epreuve: unit.epreuve,
          epreuveLine: `${unit.epreuve} — ${unit.title} (${unit.code})`, lot: l.name,
          correcteur: { nom: e?.nom ?? '(non renseigné)', prenom: e?.prenom ?? '', email: l.correcteur }, anonymats: l.anonymats, codes: copyNoteCodes(unit),
        };
      });
      for (const v of views) {
        fs.writeFileSync(path.join(blank, `${v.lot}.csv`), csv([...lotTitleRows(v).map(titleRow), [...LOT_SHEET_COLUMNS], ...v.anonymats.map((a) => [v.lot, a, '', ''])]));
      }
      return views;
    } finally {
      await ws.close();
    }
  });
  steps.push(['bordereaux (CSV)', exported]);
  const views = exported.value;
  const sample = views.slice(0, SAMPLED_LOTS);
  const real = await timed(`ccst copies bordereaux --lot (PDF + XLSX), ${sample.length} lots`, async () => {
    for (const v of sample) await bordereauxCommand(ctx, { workspace, epreuve: 'E5', lot: v.lot, output: path.join(dir, 'pdf-xlsx'), force: true });
  });
  console.log(`  → ${views.length} lots au même rythme : ≈ ${((real.cpu / sample.length) * views.length).toFixed(0)} s CPU (extrapolé, non mesuré)`);

  // 3. Filled by the correcteurs (not a ccst step): a note on most copies, ABS on some, « 12,5 » as typed in France.
  const note = (i: number) => (i % 97 === 0 ? 'ABS' : `${(i * 7) % 21}${i % 4 ? ',' + ['25', '5', '75'][i % 3] : ''}`);
  const files: string[] = [];
  let copyIndex = 0;
  for (const v of views) {
    const file = path.join(filled, `${v.lot}.csv`);
    fs.writeFileSync(file, csv([...lotTitleRows(v).map(titleRow), [...LOT_SHEET_COLUMNS], ...v.anonymats.map((a) => [v.lot, a, note(copyIndex++), ''])]));
    files.push(file);
  }
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  console.log(`  ${files.length} bordereaux remplis, ${(bytes / 1e6).toFixed(1)} Mo`);

  // 4. The floor: the same bytes parsed, nothing checked, nothing stored.
  const raw = await timed('lecture brute csv-parse de tous les bordereaux remplis', () => {
    let rows = 0;
    for (const f of files) rows += (parse(fs.readFileSync(f), { delimiter: ';', relaxColumnCount: true }) as unknown[]).length;
    return rows;
  });

  // 5. The import of every lot at once, its re-run, the status. First as a user runs it — the built CLI in a process
  // of its own (its CPU: /usr/bin/time), on a copy of the workspace — then in this process (whose heap holds the whole
  // session: its garbage collections cost the import more than a fresh process pays).
  const copy = path.join(dir, 'copie.db');
  fs.copyFileSync(workspace, copy);
  // --keep: the workspace as it is before any import, to time `ccst notes import` again on the same files.
  if (process.argv.includes('--keep')) fs.copyFileSync(workspace, path.join(dir, 'avant-import.db'));
  const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'ccst.js');
  const t0 = process.hrtime.bigint();
  const child = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, cli, 'notes', 'import', '--workspace', copy, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const childWall = Number(process.hrtime.bigint() - t0) / 1e9;
  const [user, sys] = (child.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  if (child.status !== 0 || !Number.isFinite(user)) throw new Error(`ccst notes import (CLI) : code ${child.status}\n${child.stderr.slice(-2000)}`);
  const fresh = { value: undefined, wall: childWall, cpu: user! + sys! };
  console.log(`${'ccst notes import, CLI compilé (processus neuf)'.padEnd(60)} ${fresh.wall.toFixed(2).padStart(7)} s (CPU ${fresh.cpu.toFixed(2)} s)`);
  steps.push(['notes import (CLI)', fresh]);
  steps.push(['notes import', await timed('ccst notes import (tous les lots, une transaction)', () => importCommand(ctx, { workspace, files }))]);
  steps.push(['notes import (relance)', await timed('ccst notes import (relance : rien ne change)', () => importCommand(ctx, { workspace, files }))]);
  steps.push(['notes status --json', await timed('ccst notes status --json', () => statusCommand(ctx, { workspace, json: true }))]);

  const ws = await openWorkspace(workspace);
  const stored = Number((await ws.db.selectFrom('notes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  await ws.close();
  console.log(`\ncontrôle : ${raw.value} lignes lues brutes, ${stored} notes enregistrées (attendu : ${N}, une par copie, ABS compris)`);
  console.log(`${'étape'.padEnd(28)} ${'mur (s)'.padStart(8)} ${'CPU (s)'.padStart(8)}  ×brute (CPU)  ×brute (mur)`);
  const row = (name: string, t: Timing<unknown>) =>
    console.log(`${name.padEnd(28)} ${t.wall.toFixed(2).padStart(8)} ${t.cpu.toFixed(2).padStart(8)}  ${(t.cpu / raw.cpu).toFixed(1).padStart(12)}  ${(t.wall / raw.wall).toFixed(1).padStart(12)}`);
  row('csv-parse brut', raw);
  for (const [name, t] of steps) row(name, t);
  const chain = ['copies anonymise', 'copies lots', 'bordereaux (CSV)', 'notes import (CLI)'].map((n) => steps.find(([s]) => s === n)![1]);
  row('chaîne (anonymise→import CLI)', { value: undefined, wall: chain.reduce((s, t) => s + t.wall, 0), cpu: chain.reduce((s, t) => s + t.cpu, 0) });
  console.log(`charge machine ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
}
