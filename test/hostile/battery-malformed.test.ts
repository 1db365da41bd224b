// Issue #9 « Done when »: the hostile battery, project « hostile » of `npm test` (alone: `npm run test:hostile`) — malformed inputs per command.
// The battery is three files (battery-*.test.ts) so that vitest's workers run its parts side by side.
// A representative sample of every row of the table — malformed files per command, faults (unwritable
// output, a full disk through a small file-size limit, a locked workspace), the injection payloads through every
// export, control characters and long text — asserting: no exit 1, no stack trace without --debug, the workspace
// byte-identical after every failure, no live payload in any export, no temp file left, files 0600. Ctrl-C and
// kill -9: interrupts.test.ts. CCST_HOSTILE_FULL=1 runs more of each; the figures of every file are summed at the
// end (test/setup/hostile-figures.ts: compare with the baseline table).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseDigest, figures, FULL, judge, publishFigures, run, sharedBase, tempsIn, workspaceFrom } from '../helpers/hostile-run.js';

// A workspace directory (session, calendar, candidates, centres, assignments, orals) shared by the battery's files.
let base: { dir: string; digest: string };
beforeAll(() => {
  base = sharedBase();
}, 300_000);

/** A fresh copy of the base workspace. */
const workspace = (files: string[] = []) => workspaceFrom(base.dir, files);

afterAll(() => {
  publishFigures('battery-malformed');
  expect(baseDigest(base.dir), 'the shared base workspace changed').toBe(base.digest);
});

// ---------------------------------------------------------------------------------------------------------------
// Malformed inputs per command.

const header = { candidats: 'N° candidat;Nom;Prénom;Voie', centres: 'uai;nom;academie;type;epreuves;capacite', calendrier: 'epreuve;date;zone;horaire;loge', dossiers: 'numero;epreuve;depot;autre', notes: 'numero;U1;U21;U22;U3;U4;U5;U61;U62', choix: 'numero;unites' };
type Kind = keyof typeof header;
const good: Record<Kind, string> = {
  candidats: '0231000001;MERCIER;Élodie;formation continue habilitée',
  centres: '0311201M;LYC Myriam;Toulouse;ecrit;E1 E21 E3 E5;40',
  calendrier: 'E1;15/05/2023;Métropole;14h00 – 18h00;',
  dossiers: '0231000019;E61;2023-03-10;',
  notes: '0231000001;11;8,75;8,5;14,75;16,25;10,25;13;7,5',
  choix: '0231000057;U1 U3',
};
const command: Record<Kind, (f: string) => string[]> = {
  candidats: (f) => ['import', f],
  centres: (f) => ['centres', 'import', f],
  calendrier: (f) => ['calendar', 'import', f],
  dossiers: (f) => ['conformity', f, '--date-limite', '2023-03-15'],
  notes: (f) => ['deliberate', f],
  choix: (f) => ['controle', 'choices', f],
};
/** One cell of the good row replaced (by index), everything else valid. */
const withCell = (k: Kind, i: number, v: string) => {
  const cells = good[k].split(';');
  cells[i] = v;
  return `${header[k]}\n${cells.join(';')}\n`;
};
const malformed: [string, (k: Kind) => string | Buffer][] = [
  ['empty file', () => ''],
  ['a BOM only', () => '\uFEFF'],
  ['binary garbage', () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256))],
  ['NUL before a formula in a cell', (k) => withCell(k, 1, '"\0=HYPERLINK(""http://evil.example"";""x"")"')],
  ['OSC 52 in a cell', (k) => withCell(k, 1, '"\x1b]52;c;ZWNobw==\x07"')],
  ['C1 CSI in a cell', (k) => withCell(k, 1, 'A\u009b2J')],
  ['a 100 kB cell', (k) => withCell(k, 1, 'x'.repeat(100_000))],
  ['an unclosed quote on line 2', (k) => `${header[k]}\n"${good[k]}\n${good[k]}\n`],
  ['Windows-1252 then UTF-8', (k) => Buffer.concat([Buffer.from(`${header[k]}\n${withCell(k, 1, 'Lefèvre').split('\n')[1]}\n`, 'latin1'), Buffer.from(`${withCell(k, 1, 'Maëlys').split('\n')[1]}\n`, 'utf8')])],
  ['duplicate header', (k) => `${header[k]};${header[k].split(';')[1]}\n${good[k]};x\n`],
];
const FULL_MALFORMED: [string, (k: Kind) => string | Buffer][] = [
  ['only a header, 10 000 empty rows', (k) => `${header[k]}\n${';'.repeat(header[k].split(';').length - 1)}\n`.repeat(10_000)],
  ['a 2 MB record', (k) => `${header[k]}\n"${'y'.repeat(2_000_000)}"\n`],
  ['formula in the first column', (k) => withCell(k, 0, '=1+1')],
  ['DEL in a cell', (k) => withCell(k, 1, 'A\x7fB')],
];

// Refusals expected: everything but the empty/BOM/duplicate-header files, which some commands may treat as « nothing to do ».
const mustRefuse = (name: string) => !/^(empty file|a BOM only|only a header)/.test(name);

describe('#9 battery: malformed inputs per command', () => {
  for (const kind of Object.keys(header) as Kind[]) {
    for (const [name, make] of FULL ? [...malformed, ...FULL_MALFORMED] : malformed) {
      it(`${kind}: ${name}`, () => {
        const ws = workspace();
        const file = path.join(ws.dir, `${kind}.csv`);
        fs.writeFileSync(file, make(kind));
        figures['malformed inputs tried']++;
        const r = run(command[kind](`${kind}.csv`), ws.dir);
        const problems = judge(`${kind}: ${name}`, r, ws, mustRefuse(name));
        expect(problems).toEqual([]);
        expect(tempsIn(ws.dir)).toEqual([]);
      });
    }
  }

  it('XLSX: a text file named .xlsx, a truncated zip', () => {
    const ws = workspace();
    fs.writeFileSync(path.join(ws.dir, 'texte.xlsx'), 'numero;nom\n1;A\n');
    fs.writeFileSync(path.join(ws.dir, 'coupe.xlsx'), fs.readFileSync(path.join(ws.dir, 'ccst.db')).subarray(0, 300));
    const problems: string[] = [];
    for (const f of ['texte.xlsx', 'coupe.xlsx']) {
      figures['malformed inputs tried']++;
      problems.push(...judge(`import ${f}`, run(['import', f], ws.dir), ws, true));
    }
    expect(problems).toEqual([]);
  });
});

