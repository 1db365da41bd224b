// npm run bench:copies — anonymous copies at national scale (issue #13 « a bench »): 250,000 candidates of E5 in
// 24 académies (200 établissements each, one big written centre each), 8,000 correcteurs; then, in process, on a
// SQLite workspace: `ccst copies anonymise --epreuve E5` (first run, then the stable re-run), `ccst copies lots
// --epreuve E5 --size 35` (first run, then the stable re-run) — and the pure domain calls alone (anonymise, planLots)
// to separate the computation from the store. Not a test: figures depend on the machine.
// Usage: node dist/bench/copies.js [candidates] [correcteurs]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { run as anonymiseCommand } from '../cli/commands/copies-anonymise.js';
import { run as lotsCommand } from '../cli/commands/copies-lots.js';
import { copiesForLots, issuedNumbers, storedLots } from '../store/copies.js';
import { bundledRegulationPath, DEFAULT_REGULATION_ID, readRegulationFile } from '../io/regulation-file.js';
import { anonymise } from '../domain/examiners/anonymity.js';
import { planLots } from '../domain/examiners/lots-stable.js';
import { quietCtx } from './quiet-ctx.js';
import { copiesSession, plantSession, timed } from './copies-session.js';
import { openWorkspace } from '../store/workspace.js';

const N = Number(process.argv[2] ?? 250_000);
const CORRECTEURS = Number(process.argv[3] ?? 8_000);
const { regulation: reg, text } = readRegulationFile(bundledRegulationPath(DEFAULT_REGULATION_ID));
const { academies: ACADEMIES, etablissements, candidates, examiners, ...session } = copiesSession(reg, N, CORRECTEURS);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-bench-copies-'));
const workspace = path.join(dir, 'ccst.db');
console.log(`session : ${N} candidats d’E5, ${ACADEMIES.length} académies, ${etablissements} établissements, ${examiners.length} correcteurs ; workspace ${workspace}`);
await timed('préparation du workspace (candidats, centres, affectations)', () => plantSession(workspace, reg, text, { academies: ACADEMIES, etablissements, candidates, examiners, ...session }));

// The pure computations alone.
const numeros = candidates.map((c) => c.numero);
const secret = randomBytes(32);
const first = (await timed(`domaine : anonymise (${N} nouveaux)`, () => anonymise({ secret, epreuve: 'E5', present: numeros, issued: [] }))).value;
await timed('domaine : anonymise (relance, tous conservés)', () => anonymise({ secret, epreuve: 'E5', present: numeros, issued: first.numbers }));
const etabOf = new Map(candidates.map((c) => [c.numero, c]));
const copies = first.numbers.map((n) => ({ anonymat: n.anonymat, etablissementUai: etabOf.get(n.numero)!.etablissementUai, academie: etabOf.get(n.numero)!.academie }));
const plan = (await timed('domaine : planLots (premier calcul)', () => planLots({ reg, epreuve: 'E5', size: 35, copies, examiners, stored: [] }))).value;
if (plan.shortages.length || plan.conflicts.length) throw new Error(`lots impossibles : ${JSON.stringify(plan.shortages.slice(0, 3))} ${plan.conflicts.slice(0, 3).join('; ')}`);
await timed('domaine : planLots (relance, lots conservés)', () => planLots({ reg, epreuve: 'E5', size: 35, copies, examiners, stored: plan.lots }));

// The commands, store included.
const ctx = quietCtx(dir);
await timed('ccst copies anonymise --epreuve E5 (premier)', () => anonymiseCommand(ctx, { workspace, epreuve: 'E5' }));
await timed('ccst copies anonymise --epreuve E5 (relance)', () => anonymiseCommand(ctx, { workspace, epreuve: 'E5' }));
await timed('ccst copies lots --epreuve E5 --size 35 (premier)', () => lotsCommand(ctx, { workspace, epreuve: 'E5', size: '35' }));
await timed('ccst copies lots --epreuve E5 --size 35 (relance)', () => lotsCommand(ctx, { workspace, epreuve: 'E5', size: '35' }));

// What was stored: every copy in one lot, no correcteur with a copy of their établissement, balance per académie.
const ws = await openWorkspace(workspace);
const issued = await issuedNumbers(ws.db);
const stored = await storedLots(ws.db, 'E5');
const facts = new Map((await copiesForLots(ws.db, 'E5')).map((c) => [c.anonymat, c]));
await ws.close();
const etabOfCorrecteur = new Map(examiners.map((e) => [e.email, e]));
const own = stored.reduce((n, l) => n + l.anonymats.filter((a) => facts.get(a)!.etablissementUai === etabOfCorrecteur.get(l.correcteur)!.etablissementUai).length, 0);
const inLots = stored.reduce((n, l) => n + l.anonymats.length, 0);
const gap = Math.max(...ACADEMIES.map((a) => {
  const load = new Map(examiners.filter((e) => e.academie === a).map((e) => [e.email, 0]));
  for (const l of stored) if (load.has(l.correcteur)) load.set(l.correcteur, load.get(l.correcteur)! + l.anonymats.length);
  return Math.max(...load.values()) - Math.min(...load.values());
}));
console.log(`contrôle : ${issued.length} numéros (${new Set(issued.map((i) => i.anonymat)).size} distincts), ${stored.length} lots, ${inLots} copies en lot, ${own} copie(s) chez un correcteur de leur établissement, écart de charge max ${gap} copies dans une académie ; charge machine ${os.loadavg()[0]!.toFixed(1)}`);
if (!process.argv.includes('--keep')) fs.rmSync(dir, { recursive: true, force: true });
