// npm run bench:notes — the notes round-trip of issue #13 at national scale (« import of all lots … next to a raw
// csv-parse of the same notes »): 250,000 copies of E5 already anonymised and cut into lots of 35 (planted in a
// SQLite workspace as `ccst copies anonymise|lots` store them; their own times: npm run bench:copies), one filled
// bordereau per lot as CSV (title block, header lot;anonymat;note;observation, 35 rows), then: a raw csv-parse of every
// bordereau vs `ccst notes import` of all of them at once (read, every check of every row, lifting the anonymity,
// one transaction with the audit) and `ccst notes status --json`. Not a test: figures depend on the machine.
// Usage: node dist/bench/notes-import.js [copies]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { run as importCommand } from '../cli/commands/notes-import.js';
import { run as statusCommand } from '../cli/commands/notes-status.js';
import { mutate, openWorkspace } from '../store/workspace.js';
import { writeSession } from '../store/session.js';
import { upsertCandidates } from '../store/candidates.js';
import { bulkWrite } from '../store/bulk-write.js';
import { bundledRegulationPath, DEFAULT_REGULATION_ID, readRegulationFile } from '../io/regulation-file.js';
import { formatAnonymat } from '../domain/examiners/anonymity.js';
import type { Candidate } from '../domain/candidate.js';
import { quietCtx } from './quiet-ctx.js';

const N = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 250_000);
const SIZE = 35;
const { regulation: reg, text } = readRegulationFile(bundledRegulationPath(DEFAULT_REGULATION_ID));

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
async function timed<T>(label: string, f: () => Promise<T> | T): Promise<{ value: T; seconds: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = await f();
  const seconds = ms(t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  console.log(`${label.padEnd(56)} ${seconds.toFixed(2)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s)`);
  return { value, seconds };
}

const candidates: Candidate[] = Array.from({ length: N }, (_, i) => ({
  numero: `24${String(i).padStart(9, '0')}`, nom: `NOM${i}`, prenom: 'Prénom', academie: 'TOULOUSE', voie: 'scolaire_public', langue: 'anglais',
  ef2: false, ef3: false, dispenses: [], benefices: [], etablissementUai: '0310028M', etablissement: 'Lycée',
}));
// Distinct 8-digit values spread over the range (a stand-in for the PRF: only uniqueness matters here).
const anonymat = (i: number) => formatAnonymat((i * 40_009 + 12_345) % 100_000_000);
const note = (i: number) => (i % 97 === 0 ? 'ABS' : `${(i * 7) % 21}${i % 4 ? ',' + ['25', '5', '75'][i % 3] : ''}`);
const lots = Math.ceil(N / SIZE);
const lotName = (k: number) => `E5-${String(k + 1).padStart(String(lots).length < 2 ? 2 : String(lots).length, '0')}`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-bench-notes-'));
const workspace = path.join(dir, 'ccst.db');
console.log(`session : ${N} copies d’E5 en ${lots} lots de ${SIZE} ; workspace ${workspace}`);
await timed('préparation (candidats, copies, lots)', async () => {
  const ws = await openWorkspace(workspace, { create: true });
  const at = new Date('2024-05-01T00:00:00Z');
  const when = at.toISOString();
  await mutate(ws, 'bench-setup', at, async (db) => {
    await writeSession(db, { session: 2024, academie: 'TOULOUSE', regulationId: reg.id }, text);
    await upsertCandidates(db, at, candidates);
    await bulkWrite(db, { table: 'copies', columns: [{ name: 'numero', type: 'text' }, { name: 'epreuve', type: 'text' }, { name: 'anonymat', type: 'text' }, { name: 'issued_at', type: 'text' }] }, candidates.map((c, i) => [c.numero, 'E5', anonymat(i), when]));
    await bulkWrite(db, { table: 'lot_copies', columns: [{ name: 'anonymat', type: 'text' }, { name: 'lot', type: 'text' }, { name: 'position', type: 'integer' }] }, candidates.map((_, i) => [anonymat(i), lotName(Math.floor(i / SIZE)), (i % SIZE) + 1]));
    await bulkWrite(
      db,
      { table: 'lots', columns: ['name', 'epreuve', 'academie', 'correcteur', 'number', 'pinned', 'built_at'].map((name) => ({ name, type: name === 'number' || name === 'pinned' ? 'integer' : 'text' })) as never },
      Array.from({ length: lots }, (_, k) => [lotName(k), 'E5', 'TOULOUSE', `correcteur${k % 8000}@ac-toulouse.fr`, k + 1, 0, when]),
    );
    return { result: undefined, detail: {} };
  });
  await ws.close();
});

const bordereaux = path.join(dir, 'bordereaux');
fs.mkdirSync(bordereaux);
const files: string[] = [];
await timed(`écriture des ${lots} bordereaux remplis (CSV)`, () => {
  for (let k = 0; k < lots; k++) {
    const rows = [`Bordereau de notation — lot ${lotName(k)};;;`, 'Épreuve : E5;;;', `Correcteur : correcteur${k % 8000}@ac-toulouse.fr;;;`, 'lot;anonymat;note;observation'];
    for (let i = k * SIZE; i < Math.min(N, (k + 1) * SIZE); i++) rows.push(`${lotName(k)};${anonymat(i)};${note(i)};`);
    const file = path.join(bordereaux, `${lotName(k)}.csv`);
    fs.writeFileSync(file, rows.join('\r\n') + '\r\n');
    files.push(file);
  }
});

const raw = await timed('lecture brute csv-parse de tous les bordereaux', () => {
  let rows = 0;
  for (const f of files) rows += (parse(fs.readFileSync(f), { delimiter: ';', relaxColumnCount: true }) as unknown[]).length;
  return rows;
});
const ctx = quietCtx(dir);
const imported = await timed('ccst notes import (tous les lots, une transaction)', () => importCommand(ctx, { workspace, files }));
await timed('ccst notes import (relance : rien ne change)', () => importCommand(ctx, { workspace, files }));
await timed('ccst notes status --json', () => statusCommand(ctx, { workspace, json: true }));

const ws = await openWorkspace(workspace);
const stored = Number((await ws.db.selectFrom('notes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
await ws.close();
console.log(`contrôle : ${raw.value} lignes lues brutes, ${stored} notes enregistrées ; import = ×${(imported.seconds / raw.seconds).toFixed(1)} la lecture brute ; charge machine ${os.loadavg()[0]!.toFixed(1)}`);
if (!process.argv.includes('--keep')) fs.rmSync(dir, { recursive: true, force: true });
