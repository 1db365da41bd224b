// insertRows (src/store/row-insert.ts) against bulkWrite's VALUES path (bulk-write.ts, itself tested against one
// Kysely insert per row): the same rows stored, on the engine of the run — one prepared single-row INSERT on SQLite,
// unnest batches on PostgreSQL. Cells carry what a driver could mangle: NULL, quotes, accents, long text, integers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace, type Db, type Workspace } from '../../src/store/workspace.js';
import { bulkWrite } from '../../src/store/bulk-write.js';
import { insertRows } from '../../src/store/row-insert.js';
import { NOTE_AUDIT } from '../../src/store/note-specs.js';
import { LOT_ROWS } from '../../src/store/copies.js';
import { workspaceFor } from '../helpers/engine.js';

// The audit rows as the store writes them (note-specs.ts).
const AUDIT = NOTE_AUDIT;
// The lots as `ccst copies lots` writes them (copies.ts).
const LOTS = LOT_ROWS;
const TRICKY = ['', "l'épreuve « orale »", 'Nguyễn Đức — Ødegård', 'a,b;c"d', '\\N', 'NULL', '{}', 'x'.repeat(5000), '😀 e\u0301'];

const auditRows = (n: number) => Array.from({ length: n }, (_, i) => [
  String(24_000_000 + i), `U${i % 8}`, i % 7 === 0 ? null : TRICKY[i % TRICKY.length]!, String(i % 21), '2024-06-01T00:00:00.000Z', `source-${i % 3}`, i % 5 === 0 ? null : `motif ${i}`,
]);
const lotRows = (n: number) => Array.from({ length: n }, (_, i) => [`E5-${i}`, 'E5', TRICKY[i % TRICKY.length]!, `c${i}@x.fr`, i + 1, i % 2, '2024-06-01']);

let opened: Workspace[] = [];
afterEach(async () => {
  for (const w of opened) await w.close();
  opened = [];
});
async function fresh(): Promise<Workspace> {
  const w = await openWorkspace(workspaceFor(fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-row-insert-'))), { create: true });
  opened.push(w);
  return w;
}
async function dump(db: Db, table: 'note_audit' | 'lots', columns: string[]): Promise<unknown[][]> {
  const rows = (await db.selectFrom(table).select(columns as never).execute()) as Record<string, unknown>[];
  return rows.map((r) => columns.map((c) => r[c])).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

describe('insertRows', () => {
  it.each([[0], [1], [2_345]])('%i rows: the same table as bulkWrite (VALUES), NULLs and text intact; the cells asked for in order', async (n) => {
    const [a, b] = [await fresh(), await fresh()];
    const rows = auditRows(n);
    const asked: number[] = [];
    const count = await a.db.transaction().execute((trx) => insertRows(trx, AUDIT, n, (i, into) => {
      asked.push(i);
      rows[i]!.forEach((cell, j) => (into[j] = cell));
    }));
    expect(count).toBe(n);
    expect(asked).toEqual(rows.map((_, i) => i));
    await b.db.transaction().execute((trx) => bulkWrite(trx, AUDIT, rows, 'values'));
    const cols = AUDIT.columns.map((c) => c.name);
    expect(await dump(a.db, 'note_audit', cols)).toEqual(await dump(b.db, 'note_audit', cols));
    expect((await dump(a.db, 'note_audit', cols)).length).toBe(n);
  });

  it('integer columns stored as integers', async () => {
    const [a, b] = [await fresh(), await fresh()];
    const rows = lotRows(1_500);
    await a.db.transaction().execute((trx) => insertRows(trx, LOTS, rows.length, (i, into) => rows[i]!.forEach((cell, j) => (into[j] = cell))));
    await b.db.transaction().execute((trx) => bulkWrite(trx, LOTS, rows, 'values'));
    const cols = LOTS.columns.map((c) => c.name);
    const got = await dump(a.db, 'lots', cols);
    expect(got).toEqual(await dump(b.db, 'lots', cols));
    expect(got.every((r) => typeof r[4] === 'number' && typeof r[5] === 'number')).toBe(true);
  });

  it('a failing row fails the whole call inside its transaction: nothing stored', async () => {
    const a = await fresh();
    const rows = lotRows(10);
    rows[7]![0] = rows[2]![0]; // the same lot name twice: primary key
    await expect(a.db.transaction().execute((trx) => insertRows(trx, LOTS, rows.length, (i, into) => rows[i]!.forEach((cell, j) => (into[j] = cell))))).rejects.toThrow();
    expect(await dump(a.db, 'lots', ['name'])).toEqual([]);
  });

  it('refuses an upsert spec', async () => {
    const a = await fresh();
    await expect(insertRows(a.db, { ...LOTS, key: ['name'] }, 1, () => {})).rejects.toThrow(/upsert/);
  });
});
