// Regression test for the exceljs streaming UTF-8 bug (NOTES-LIBRARIES.md; exceljs issues 2084, 2316):
// stock `lib/utils/parse-sax.js` decodes each zip chunk on its own, so a multi-byte character cut by a chunk
// boundary becomes U+FFFD. src/io/exceljs-loader.ts replaces it; this test proves both that the stock reader
// corrupts these very files and that openTable (through the loader) reads every string back exactly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Module, { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExcelJS } from '../../src/io/exceljs-loader.js';
import { openTable } from '../../src/io/table-reader.js';
import { REPO } from '../helpers/cli.js';

const NAMES = [
  'Nguyễn Đức Ødegård Alençon Øyvind Ærøskøbing',
  'Trần Thị Hương Åström-Bjørnstad Françoise Gaëlle',
  'Lê Quốc Việt Hæggström Løvås Crétien Œillet Þórsdóttir',
];
const ROWS = 4000; // ≈ 0.5 MB of sheet XML: dozens of 16/64 KB chunk boundaries, many inside a character
const cellsOf = (i: number) => [0, 1, 2].map((k) => `${NAMES[(i + k) % 3]} ${i}`);

let dir: string;
const files: Record<'inline' | 'shared', string> = { inline: '', shared: '' };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-utf8-'));
  const ExcelJS = loadExcelJS();
  for (const kind of ['inline', 'shared'] as const) {
    files[kind] = path.join(dir, `${kind}.xlsx`);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: files[kind], useSharedStrings: kind === 'shared' });
    const ws = wb.addWorksheet('Liste');
    for (let i = 0; i < ROWS; i++) ws.addRow(cellsOf(i)).commit();
    ws.commit();
    await wb.commit();
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('exceljs streaming read of long accented names', () => {
  it.each(['inline', 'shared'] as const)('openTable returns every string exactly (shared strings %s)', async (kind) => {
    const { rows } = await openTable(files[kind]);
    let n = 0;
    const wrong: string[] = [];
    for await (const r of rows) {
      const expected = cellsOf(r.row - 1);
      if (JSON.stringify(r.cells) !== JSON.stringify(expected)) wrong.push(`ligne ${r.row}: ${JSON.stringify(r.cells)}`);
      n++;
    }
    expect(wrong.slice(0, 3)).toEqual([]);
    expect(n).toBe(ROWS);
  });

  it('the stock exceljs reader corrupts the same files (so the fix matters)', () => {
    // A separate process: there, exceljs is required plainly, with its own parse-sax.
    const script = `
      const ExcelJS = require('exceljs');
      (async () => {
        let bad = 0;
        for (const f of process.argv.slice(1)) {
          const r = new ExcelJS.stream.xlsx.WorkbookReader(f, { sharedStrings: 'cache', worksheets: 'emit' });
          for await (const ws of r) for await (const row of ws) for (const v of row.values) if (String(v).includes('\\uFFFD')) bad++;
        }
        process.stdout.write(String(bad));
      })();`;
    const r = spawnSync(process.execPath, ['-e', script, files.inline, files.shared], { cwd: REPO, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(Number(r.stdout)).toBeGreaterThan(0);
  });
});

describe('parse-sax, stock vs fixed, on a character cut between two chunks', () => {
  const require = createRequire(import.meta.url);
  const parseSaxPath = require.resolve('exceljs/lib/utils/parse-sax.js');

  /** A fresh copy of the stock module, compiled from its file (the loader replaced the cached one). */
  function stockParseSax(): (chunks: AsyncIterable<Buffer>) => AsyncIterable<{ eventType: string; value: unknown }[]> {
    const M = Module as unknown as { new (id: string): NodeJS.Module & { _compile(src: string, file: string): void }; _nodeModulePaths(dir: string): string[] };
    const m = new M(parseSaxPath);
    m.filename = parseSaxPath;
    m.paths = M._nodeModulePaths(path.dirname(parseSaxPath));
    m._compile(fs.readFileSync(parseSaxPath, 'utf8'), parseSaxPath);
    return m.exports as never;
  }

  async function texts(parse: (c: AsyncIterable<Buffer>) => AsyncIterable<{ eventType: string; value: unknown }[]>, chunks: Buffer[]) {
    async function* source() {
      for (const c of chunks) yield c;
    }
    const out: string[] = [];
    for await (const events of parse(source())) for (const e of events) if (e.eventType === 'text') out.push(e.value as string);
    return out.join('');
  }

  const xml = Buffer.from('<t>ØDEGÅRD Alençon Nguyễn</t>', 'utf8');
  const cut = xml.indexOf(Buffer.from('Ø', 'utf8')) + 1; // between the two bytes of Ø
  const chunks = [xml.subarray(0, cut), xml.subarray(cut)];

  it('stock: U+FFFD', async () => {
    expect(await texts(stockParseSax(), chunks)).toContain('\uFFFD');
  });

  it('fixed (installed by loadExcelJS): exact text', async () => {
    loadExcelJS();
    const fixed = require.cache[parseSaxPath]!.exports as Parameters<typeof texts>[0];
    expect(await texts(fixed, chunks)).toBe('ØDEGÅRD Alençon Nguyễn');
  });
});
