// bulkWrite (src/store/bulk-write.ts) against the plain way, one Kysely upsert per row: the same rows stored, on the
// engine of the run (SQLite by default; PostgreSQL in the « postgres » project, where the fast path is unnest()).
// Batches cross their boundaries (1,000 rows per VALUES statement, 10,000 per unnest), keys repeat (the last row
// wins, as one upsert per row), and cells carry what a driver could mangle: NULL, quotes, accents, long text.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace, type Db, type Workspace } from '../../src/store/workspace.js';
import { bulkWrite, type BulkSpec } from '../../src/store/bulk-write.js';
import { NOTE_AUDIT } from '../../src/store/note-specs.js';
import { workspaceFor } from '../helpers/engine.js';

// The audit rows as the store writes them (note-specs.ts).
const AUDIT = NOTE_AUDIT;
const LIVRETS: BulkSpec<'livrets'> = {
  table: 'livrets',
  columns: [{ name: 'numero', type: 'text' }, { name: 'supplied', type: 'integer' }, { name: 'examined', type: 'integer' }, { name: 'updated_at', type: 'text' }],
  key: ['numero'],
};

const TRICKY = ['', "l'épreuve « orale »", 'Nguyễn Đức — Ødegård', 'a,b;c"d', '\\N', 'NULL', '{}', 'x'.repeat(5000)];

/** n audit rows: every 7th cell NULL, tricky text in turn. */
function auditRows(n: number): unknown[][] {
  return Array.from({ length: n }, (_, i) => [
    String(24_000_000 + i), `U${i % 8}`, i % 7 === 0 ? null : TRICKY[i % TRICKY.length], String(i % 21), '2024-06-01T00:00:00.000Z', `source-${i % 3}`, i % 5 === 0 ? null : `motif ${i}`,
  ]);
}

/**
 * What the binary text arrays of the PostgreSQL path (pg-arrays.ts) must carry as the driver's literal did: a NULL in
 * every nullable column, apostrophes and quotes, backslashes and braces (the literal's own syntax), astral and
 * combining characters, right-to-left text, 200,000 characters in one cell, the empty text.
 */
const ODD = ["l'Hôpital d'Aix", 'a\\"b"\\', '{"x": [1, "}"]}', '😀 e\u0301 ﬁ 𝒳', 'مرحبا', '', 'NULL'];
function oddRows(n: number): unknown[][] {
  const long = 'é'.repeat(200_000);
  return Array.from({ length: n }, (_, i) => i % 500 === 7 ? [`long-${i}`, 'U1', long, `${long}!`, 'at', long, null] : [
    `${ODD[i % ODD.length]!.slice(0, 20)}-${i}`, `U${i % 8}`, i % 3 === 0 ? null : ODD[(i + 1) % ODD.length], ODD[(i + 2) % ODD.length],
    ODD[i % ODD.length], ODD[(i + 5) % ODD.length], i % 2 ? null : ODD[(i + 3) % ODD.length],
  ]);
}

/** n livret rows over `numeros` numeros (n/2: each twice), later rows with other values (the last must win). */
function livretRows(n: number, numeros = Math.ceil(n / 2)): unknown[][] {
  return Array.from({ length: n }, (_, i) => [String(10_000 + (i % numeros)), i % 2, (i >> 1) % 2, `2024-06-${String(1 + (i % 28)).padStart(2, '0')}`]);
}

async function oneByOne(db: Db, spec: BulkSpec<'note_audit'> | BulkSpec<'livrets'>, rows: unknown[][]): Promise<void> {
  for (const r of rows) {
    const values = Object.fromEntries(spec.columns.map((c, j) => [c.name, r[j]]));
    if (spec.table === 'livrets') {
      await db.insertInto('livrets').values(values as never).onConflict((oc) => oc.column('numero').doUpdateSet({
        supplied: (eb) => eb.ref('excluded.supplied'), examined: (eb) => eb.ref('excluded.examined'), updated_at: (eb) => eb.ref('excluded.updated_at'),
      })).execute();
    } else await db.insertInto('note_audit').values(values as never).execute();
  }
}

async function contents(db: Db, table: 'note_audit' | 'livrets'): Promise<unknown[]> {
  if (table === 'livrets') return db.selectFrom('livrets').select(['numero', 'supplied', 'examined', 'updated_at']).orderBy('numero').execute();
  return db.selectFrom('note_audit').select(['numero', 'unite', 'old_value', 'new_value', 'at', 'source', 'motif']).orderBy('id').execute();
}

let dir: string;
let ws: Workspace;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-bulk-'));
  ws = await openWorkspace(workspaceFor(dir), { create: true });
});

afterAll(async () => {
  await ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('bulkWrite stores what one upsert per row stores', () => {
  // The plain reference (one statement per row) on sizes that cross a VALUES batch (1,000 rows); the two paths
  // against each other past an unnest batch (10,000 rows), where one statement per row would be slow on PostgreSQL.
  const cases = [
    { name: 'note_audit, 2,345 rows (NULLs, quotes, long text)', spec: AUDIT, rows: auditRows(2_345), ways: ['row by row', 'auto', 'values'] },
    { name: 'note_audit, 21,003 rows (several batches of each path)', spec: AUDIT, rows: auditRows(21_003), ways: ['values', 'auto'] },
    { name: 'livrets upserted, 2,501 rows over 1,251 numeros (the last row of a numero wins)', spec: LIVRETS, rows: livretRows(2_501), ways: ['row by row', 'auto', 'values'] },
    { name: 'note_audit, 1,203 rows of odd text (NULLs, apostrophes, unicode, 200,000 characters)', spec: AUDIT, rows: oddRows(1_203), ways: ['row by row', 'auto', 'values'] },
    // A text column given numbers: the PostgreSQL path sends that column as the driver does (its text), the rest binary.
    { name: 'note_audit with numbers in a text column', spec: AUDIT, rows: auditRows(1_201).map((r, i) => [r[0], r[1], r[2], i, ...r.slice(4)]), ways: ['row by row', 'auto', 'values'] },
    { name: 'one row', spec: AUDIT, rows: auditRows(1), ways: ['row by row', 'auto', 'values'] },
    // Rows made one at a time by a generator (as deliberate's notes and results are); each numero 3 times, 7,001 rows
    // apart: repeated within one unnest batch (10,000 rows) and across the batches of both paths.
    { name: 'livrets from a generator, 21,003 rows over 7,001 numeros', spec: LIVRETS, rows: livretRows(21_003, 7_001), ways: ['values', 'auto'], lazy: true },
  ] as const;
  for (const c of cases) {
    it(c.name, async () => {
      const stored: unknown[][] = [];
      for (const way of c.ways) {
        await ws.db.deleteFrom(c.spec.table).execute();
        await ws.db.transaction().execute(async (trx) => {
          if (way === 'row by row') await oneByOne(trx, c.spec, c.rows as unknown[][]);
          else {
            const rows = 'lazy' in c ? (function* () { yield* c.rows; })() : c.rows;
            expect(await bulkWrite(trx, c.spec as BulkSpec<'note_audit'>, rows, way)).toBe(c.rows.length);
          }
        });
        stored.push(await contents(ws.db, c.spec.table));
      }
      expect(stored[0]!.length).toBe(c.spec.key ? new Set(c.rows.map((r) => r[0])).size : c.rows.length);
      for (const other of stored.slice(1)) expect(other).toEqual(stored[0]);
    });
  }

  it('a failing batch fails the write with its own error, batches in flight or not (the transaction then stores nothing)', async () => {
    // 25,000 rows: on PostgreSQL the failing second batch is in flight while the third is made.
    const rows = auditRows(25_000);
    rows[14_000]![0] = null; // numero is NOT NULL
    for (const way of ['auto', 'values'] as const) {
      await ws.db.deleteFrom('note_audit').execute();
      await expect(ws.db.transaction().execute((trx) => bulkWrite(trx, AUDIT, rows, way))).rejects.toThrow(/null/i);
      expect(await contents(ws.db, 'note_audit')).toEqual([]);
    }
  });

  it('writes nothing for no rows', async () => {
    await ws.db.deleteFrom('livrets').execute();
    expect(await bulkWrite(ws.db, LIVRETS, [])).toBe(0);
    expect(await contents(ws.db, 'livrets')).toEqual([]);
  });
});
