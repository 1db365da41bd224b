// ccst deliberate with its notes worker thread (cli/deliberation/notes-thread.ts): the same PV, summary and errors
// whether the notes are read in this thread or by the worker (records sent here in batches of any size). The worker
// is compiled JavaScript, so this test runs the built command from dist/ (`npm test` builds first); the size
// threshold is lowered so that small fixtures reach the worker.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fakeCtx } from '../helpers/fake-ctx.js';
import { person, sessionWorkspace } from '../helpers/documents-workspace.js';
import { FIXTURES_DIR, PACKAGE_ROOT } from '../../src/io/paths.js';
import { loadExcelJS } from '../../src/io/exceljs-loader.js';

const { run } = (await import(path.join(PACKAGE_ROOT, 'dist/cli/commands/deliberate.js'))) as typeof import('../../src/cli/commands/deliberate.js');
const { workerAvailable } = (await import(path.join(PACKAGE_ROOT, 'dist/cli/deliberation/notes-thread.js'))) as typeof import('../../src/cli/deliberation/notes-thread.js');

const FIX = path.join(FIXTURES_DIR, 'deliberation');
const MODES = {
  'one thread': { minBytes: Number.MAX_SAFE_INTEGER },
  'worker, batches of 3': { minBytes: 0, batchSize: 3 },
  'worker, one record per batch': { minBytes: 0, batchSize: 1 },
  'worker, default batches': { minBytes: 0 },
};

interface Outcome {
  out: string;
  err: string;
  exitCode?: number;
  message?: string;
  details?: string[];
}

async function deliberate(mode: keyof typeof MODES, input: Record<string, unknown>): Promise<Outcome> {
  const ctx = fakeCtx({ cwd: fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-threads-')) });
  try {
    await run(ctx, { ...input, notesThread: MODES[mode] });
    return { out: ctx.out(), err: ctx.err() };
  } catch (e) {
    const c = e as { exitCode?: number; message: string; details?: string[] };
    if (c.exitCode === undefined) throw e;
    return { out: ctx.out(), err: ctx.err(), exitCode: c.exitCode, message: c.message, details: c.details };
  }
}

/** Every mode gives exactly the outcome of the one-thread path. */
async function sameInEveryMode(input: Record<string, unknown>): Promise<Outcome> {
  const reference = await deliberate('one thread', input);
  for (const mode of Object.keys(MODES) as (keyof typeof MODES)[]) {
    expect({ mode, ...(await deliberate(mode, input)) }).toEqual({ mode, ...reference });
  }
  return reference;
}

function write(name: string, text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-threads-in-')), name);
  fs.writeFileSync(file, text);
  return file;
}

describe('ccst deliberate: notes worker thread', () => {
  it('has its compiled worker (npm test builds before testing)', () => {
    expect(workerAvailable()).toBe(true);
  });

  it('the fixture with jury changes, livrets and contrôle notes: same PV and summary', async () => {
    const r = await sameInEveryMode({
      notes: path.join(FIX, 'notes.csv'), jury: path.join(FIX, 'jury.csv'), livrets: path.join(FIX, 'livrets.csv'), controle: path.join(FIX, 'controle.csv'),
    });
    expect(r.exitCode).toBeUndefined();
    expect(r.out).toContain('02400011;Simon;Jade');
    expect(r.err).toContain('Délibération : 14 candidat(s)');
  });

  it('a PV written to a file, in XLSX or JSON', async () => {
    for (const ext of ['csv', 'xlsx']) {
      const outputs: Buffer[] = [];
      for (const mode of Object.keys(MODES) as (keyof typeof MODES)[]) {
        const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-threads-out-')), `pv.${ext}`);
        await deliberate(mode, { notes: path.join(FIX, 'notes.csv'), output });
        if (ext === 'csv') outputs.push(fs.readFileSync(output));
        else {
          const wb = new (loadExcelJS().Workbook)();
          await wb.xlsx.readFile(output);
          outputs.push(Buffer.from(JSON.stringify(wb.worksheets[0]!.getSheetValues())));
        }
      }
      for (const o of outputs) expect(o.equals(outputs[0]!)).toBe(true);
    }
    await sameInEveryMode({ notes: path.join(FIX, 'notes.csv'), json: true });
  });

  it('errors in the notes and side files: the same grouped list, in row order, exit 3', async () => {
    const notes = write('notes.csv', [
      'numero;nom;voie;U1;E2-1;E2-2;U3;E4;U5;E6-1;E6-2;UF1',
      '1;A;scolaire public;12;12;12;12;12;12;12;12;',
      '2;B;scolaire public;12;20,5;12;12;12;12;12;12;',
      '1;A bis;scolaire public;12;12;12;12;12;12;12;12;',
      '3;C;voie lactée;12;12;12;12;12;12;12;12;',
      '4;D;scolaire public;7;7;7;7;7;7;7;7;BEN 12',
      ';E;scolaire public;12;12;12;12;12;12;12;12;',
      '5;F;scolaire public;12;12;12;12;12;12;12;12;',
    ].join('\n') + '\n');
    const controle = write('controle.csv', 'numero;unite;note\n5;U1;12\n9;U1;10\n4;U4;11\n');
    const jury = write('jury.csv', 'numero;unite;note;motif\n8;U1;10;harmonisation\n1;U1;13;harmonisation\n');
    const r = await sameInEveryMode({ notes, controle, jury });
    expect(r.exitCode).toBe(3);
    expect(r.out).toBe('');
    const details = r.details!.join('\n');
    for (const want of ['ligne 3, colonne « E2-1 »', 'ligne 4, colonne « numero »', 'voie « voie lactée »', 'ligne 6, colonne « UF1 »', 'ligne 7', 'controle.csv, ligne 3', 'controle.csv, ligne 4', 'jury.csv, ligne 2']) {
      expect(details).toContain(want);
    }
  });

  it('a file the worker cannot read: the same user error (exit 3), not a crash', async () => {
    const r = await sameInEveryMode({ notes: write('notes.csv', 'nom;prenom\nA;B\n') });
    expect(r.exitCode).toBe(3);
    expect(r.message).toMatch(/en-tête introuvable/);
  });

  it('a long file (numero, epreuve, note) and an XLSX file', async () => {
    const long = write('long.csv', [
      'numero;nom;epreuve;note',
      ...['1', '2', '3'].flatMap((n, i) => ['U1', 'E2-1', 'E2-2', 'U3', 'E4', 'U5', 'E6-1', 'E6-2'].map((u) => `${n};Nom ${n};${u};${8 + i * 2}`)),
      '2;Nom 2;UF1;16',
    ].join('\n') + '\n');
    expect((await sameInEveryMode({ notes: long })).err).toContain('Délibération : 3 candidat(s)');
    const wb = new (loadExcelJS().Workbook)();
    const ws = wb.addWorksheet('Notes');
    ws.addRow(['numero', 'nom', 'prenom', 'U1', 'E2-1', 'E2-2', 'U3', 'E4', 'U5', 'E6-1', 'E6-2']);
    for (let i = 0; i < 7; i++) ws.addRow([`0240${i}`, 'Ødegård', 'Nguyễn Đức', 12.5, 9, 'ABJ', 10, 11.25, 14, 9.99, 10]);
    const xlsx = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-threads-x-')), 'notes.xlsx');
    await wb.xlsx.writeFile(xlsx);
    expect((await sameInEveryMode({ notes: xlsx })).out).toContain('Ødegård;Nguyễn Đức');
  });

  it('a few thousand candidates, in batches that do not divide them', async () => {
    const lines = ['numero;nom;prenom;etablissement;voie;U1;E2-1;E2-2;U3;E4;U5;E6-1;E6-2;UF1'];
    for (let i = 0; i < 3000; i++) {
      const n = (k: number) => String(((i * 7 + k * 13) % 2001) / 100).replace('.', ',');
      lines.push(`${24_000_000 + i};Nom ${i % 97};Prénom ${i % 13};Lycée ${i % 5};scolaire public;${[1, 2, 3, 4, 5, 6, 7, 8].map(n).join(';')};${i % 3 ? n(9) : ''}`);
    }
    const notes = write('many.csv', lines.join('\r\n') + '\r\n');
    const reference = await deliberate('one thread', { notes });
    for (const tuning of [{ minBytes: 0, batchSize: 50 }, { minBytes: 0, batchSize: 7 }]) {
      const ctx = fakeCtx({ cwd: fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-threads-')) });
      await run(ctx, { notes, notesThread: tuning });
      expect(ctx.out()).toBe(reference.out);
      expect(ctx.err()).toBe(reference.err);
    }
    expect(reference.err).toContain('Délibération : 3000 candidat(s)');
  });

  it('with a workspace: the same PV, and the same notes, audit and results stored', async () => {
    const cands = [
      person('24001', 'MARTIN', 'Léa'),
      person('24002', 'DURAND', 'Zoé', { dispenses: ['U1'] }),
      person('24003', 'ABADIE', 'Jules', { benefices: [{ unite: 'U4', note: 1400, session: 2022 }] }),
    ];
    const stored = async (mode: keyof typeof MODES) => {
      const ws = sessionWorkspace(cands);
      const notes = path.join(ws.dir, 'notes.csv');
      fs.writeFileSync(notes, 'numero;U1;U21;U22;U3;U4;U5;U61;U62\n24001;12;12;12;12;12;12;12;12\n24002;;10;10;10;10;10;10;10\n24003;9;9;9;9;;9;9;9\n');
      const ctx = fakeCtx({ cwd: ws.dir });
      await run(ctx, { notes, notesThread: MODES[mode] });
      const db = new Database(ws.file, { readonly: true });
      try {
        return {
          out: ctx.out(),
          notes: db.prepare('SELECT numero, unite, value, source FROM notes ORDER BY numero, unite').all(),
          audit: db.prepare('SELECT numero, unite, old_value, new_value, source FROM note_audit ORDER BY id').all(),
          results: db.prepare('SELECT numero, decision, detail FROM results ORDER BY numero').all(),
        };
      } finally {
        db.close();
      }
    };
    const reference = await stored('one thread');
    expect(reference.results).toHaveLength(3);
    for (const mode of Object.keys(MODES) as (keyof typeof MODES)[]) expect(await stored(mode)).toEqual(reference);
  });
});
