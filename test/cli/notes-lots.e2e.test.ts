// Issue #13 « Done when »: the whole flow on the Toulouse 2023 fixture, on the built CLI and both engines — anonymise
// E5, make the lots, write their XLSX bordereaux (`ccst copies bordereaux`), fill them programmatically with exceljs
// (each copy gets its candidate's U5 note from fixtures/toulouse-2023/notes.csv), import them with the other notes
// by numéro (`ccst notes import`), deliberate from the workspace — and get the same PV, byte for byte, as deliberating
// notes.csv in another workspace. A refused bordereau (one digit mistyped) leaves the workspace identical.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ccst, REPO } from '../helpers/cli.js';
import { queryWorkspace, workspaceFingerprint } from '../helpers/engine.js';
import { loadExcelJS } from '../../src/io/exceljs-loader.js';

const FIX = path.join(REPO, 'fixtures');
const T = path.join(FIX, 'toulouse-2023');
const ok = (dir: string, args: string[]) => {
  const r = ccst(args, { cwd: dir });
  expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
};

/** notes.csv as numéro → column → cell text. */
function fixtureNotes(): { header: string[]; rows: Map<string, string[]> } {
  const [head, ...lines] = fs.readFileSync(path.join(T, 'notes.csv'), 'utf8').replace(/^\uFEFF/, '').trimEnd().split(/\r?\n/);
  const header = head!.split(';');
  return { header, rows: new Map(lines.map((l) => l.split(';')).map((c) => [c[0]!, c])) };
}

let dir: string;
let bordereaux: string[];
let copies: Map<string, string>;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-notes-lots-'));
  for (const args of [
    ['init', '--session', '2023', '--academie', 'TOULOUSE'],
    ['calendar', 'import', path.join(FIX, 'calendrier-toulouse-2023.csv')],
    ['import', path.join(T, 'candidats.csv')],
    ['centres', 'import', path.join(T, 'centres.csv')],
    ['assign-centres'],
    ['examiners', 'import', path.join(T, 'examinateurs.csv')],
    ['copies', 'anonymise', '--epreuve', 'E5'],
    ['copies', 'lots', '--epreuve', 'E5', '--size', '35'],
    ['copies', 'bordereaux', '--epreuve', 'E5', '-o', 'bordereaux-E5'],
  ]) ok(dir, args);
  bordereaux = fs.readdirSync(path.join(dir, 'bordereaux-E5')).filter((f) => f.endsWith('.xlsx')).sort().map((f) => path.join(dir, 'bordereaux-E5', f));
  // The test's oracle for filling the bordereaux: who wrote which copy (the correcteur never sees it).
  copies = new Map(queryWorkspace<{ anonymat: string; numero: string }>(dir, "SELECT anonymat, numero FROM copies WHERE epreuve = 'E5'").map((c) => [c.anonymat, c.numero]));
});

/** Fills every copy's note cell with its candidate's U5 note: a number (12.5) as a French Excel stores it, a code as text. */
async function fillBordereau(file: string, out: string, tweak?: (anonymat: string) => string | undefined): Promise<number> {
  const { header, rows } = fixtureNotes();
  const u5 = header.indexOf('U5');
  const wb = new (loadExcelJS().Workbook)();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  let headerRow = 0;
  let filled = 0;
  ws.eachRow((row, n) => {
    const cells = (row.values as unknown[]).slice(1).map((v) => String(v ?? ''));
    if (cells.join('|') === 'lot|anonymat|note|observation') headerRow = n;
    else if (headerRow && n > headerRow) {
      const anonymat = cells[1]!;
      const text = rows.get(copies.get(anonymat)!)![u5]!;
      row.getCell(1).value = cells[0]!; // keep the lot
      row.getCell(2).value = tweak?.(anonymat) ?? anonymat;
      row.getCell(3).value = /^\d/.test(text) ? Number(text.replace(',', '.')) : text;
      filled++;
    }
  });
  expect(headerRow).toBeGreaterThan(1); // under the title block
  await wb.xlsx.writeFile(out);
  return filled;
}

describe('notes by lot, end to end (Toulouse 2023)', () => {
  it('the lots’ XLSX bordereaux hold every E5 copy', () => {
    expect(bordereaux.length).toBeGreaterThanOrEqual(2);
    expect(copies.size).toBe(170);
  });

  it('a bordereau with a mistyped anonymity number is refused, and the workspace stays identical', async () => {
    const bad = path.join(dir, 'lot-faux.xlsx');
    let typo = '';
    await fillBordereau(bordereaux[0]!, bad, (a) => {
      if (typo) return undefined;
      // One digit changed: the check letter no longer matches (anonymity.ts).
      typo = `${a.slice(0, 7)}${(Number(a[7]) + 1) % 10}${a.slice(8)}`;
      return typo;
    });
    const before = workspaceFingerprint(dir);
    const r = ccst(['notes', 'import', bad], { cwd: dir });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`numéro d’anonymat erroné : « ${typo} »`);
    expect(r.stderr).toMatch(/lot-faux\.xlsx, ligne \d+, colonne « anonymat »/);
    expect(workspaceFingerprint(dir)).toBe(before);
  });

  it('the filled bordereaux and the other notes by numéro give, deliberated from the workspace, the PV of notes.csv byte for byte', async () => {
    const filled: string[] = [];
    let total = 0;
    for (const b of bordereaux) {
      const out = path.join(dir, `rempli-${path.basename(b)}`);
      total += await fillBordereau(b, out);
      filled.push(out);
    }
    expect(total).toBe(170);
    // The other notes by numéro: notes.csv without the U5 of the candidates who wrote a copy.
    const { header, rows } = fixtureNotes();
    const u5 = header.indexOf('U5');
    const withCopy = new Set(copies.values());
    const others = [header.join(';'), ...[...rows.values()].map((c) => c.map((v, i) => (i === u5 && withCopy.has(c[0]!) ? '' : v)).join(';'))];
    fs.writeFileSync(path.join(dir, 'autres-notes.csv'), others.join('\n') + '\n');

    const imported = ok(dir, ['notes', 'import', ...filled, 'autres-notes.csv']);
    expect(imported.stderr).toMatch(/Workspace : 1395 note\(s\) ajoutée\(s\), 0 modifiée\(s\)/);
    const sources = queryWorkspace<{ source: string; n: number }>(dir, "SELECT source, count(*) AS n FROM notes WHERE unite = 'U5' GROUP BY source ORDER BY source");
    expect(sources.every((s) => /^lot:E5-\d+:rempli-/.test(s.source))).toBe(true);
    expect(sources.reduce((n, s) => n + Number(s.n), 0)).toBe(170);
    const status = ok(dir, ['notes', 'status', '--epreuve', 'E5']);
    expect(status.stdout).toMatch(/^E5 \(U5\), copies anonymes : 170 candidat\(s\) attendu\(s\), 170 note\(s\), 0 manquante\(s\)/);
    expect(status.stdout).not.toContain('manquante(s) :');
    // Importing the same files again changes nothing.
    expect(ok(dir, ['notes', 'import', ...filled, 'autres-notes.csv']).stderr).toContain('0 note(s) ajoutée(s), 0 modifiée(s) (historique dans note_audit), 1395 inchangée(s).');

    ok(dir, ['deliberate', '-o', 'pv.csv']);
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-notes-lots-file-'));
    ok(other, ['init', '--session', '2023', '--academie', 'TOULOUSE']);
    ok(other, ['import', path.join(T, 'candidats.csv')]);
    ok(other, ['deliberate', path.join(T, 'notes.csv'), '-o', 'pv.csv']);
    const fromWorkspace = fs.readFileSync(path.join(dir, 'pv.csv'));
    expect(fromWorkspace.length).toBeGreaterThan(10_000);
    expect(fromWorkspace.equals(fs.readFileSync(path.join(other, 'pv.csv')))).toBe(true);
  });
});
