// Issue #12: the migrations are written with Kysely's schema builder; a SQLite workspace made by the old SQL list
// (PRAGMA user_version 7) continues at migration 8 with its rows intact, and the tables the builder makes for a new
// workspace are the ones the old SQL made (same columns, types, NOT NULL, defaults, keys).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { auditLog, openWorkspace, schemaVersion } from '../../src/store/workspace.js';
import { TABLES } from '../../src/store/schema.js';
import { listCandidates } from '../../src/store/candidates.js';
import { listAssignments, listOralSlots } from '../../src/store/assignments.js';
import { sessionRegulation } from '../../src/store/session.js';

const FIXTURE = path.resolve(__dirname, '../fixtures/workspaces/toulouse-2023-v7.db');
const copy = () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-mig-')), 'ccst.db');
  fs.copyFileSync(FIXTURE, file);
  return file;
};
const raw = <T>(file: string, sql: string): T[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
};
// Tables of the file only: an old workspace has none of the tables later migrations add (009 examiners…).
const counts = (file: string) => Object.fromEntries(TABLES.filter((t) => raw(file, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '${t}'`).length).map((t) => [t, raw<{ n: number }>(file, `SELECT count(*) AS n FROM ${t}`)[0]!.n]));
const columns = (file: string, table: string) =>
  raw<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>(file, `PRAGMA table_info(${table})`)
    .map((c) => ({ ...c, type: c.type.toUpperCase() }))
    .filter((c) => !(table === 'audit_log' && c.name === 'agent'));

describe('migrations (issue #12)', () => {
  it('the fixture is a workspace of the old code: schema 7', () => {
    expect(raw<{ user_version: number }>(FIXTURE, 'PRAGMA user_version')[0]!.user_version).toBe(7);
    expect(MIGRATIONS.length).toBeGreaterThan(7); // later migrations exist for the fixture to continue with
  });

  it('an old workspace continues at migration 8 (then 9…), every row kept, old audit rows without agent', async () => {
    const file = copy();
    const before = counts(file);
    expect(before).toMatchObject({ candidates: 20, centres: 11, assignments: 64, notes: 159, results: 20 });
    const ws = await openWorkspace(file, { create: false });
    try {
      expect(await schemaVersion(ws.db)).toBe(MIGRATIONS.length);
      expect(counts(file)).toMatchObject(before);
      const audit = await auditLog(ws.db);
      expect(audit.map((a) => a.command)).toEqual(['init', 'calendar import', 'import', 'centres import', 'assign-centres', 'schedule-orals', 'conformity', 'deliberate']);
      expect(audit.every((a) => a.agent === null)).toBe(true);
      expect((await listCandidates(ws.db)).length).toBe(20);
      expect((await listAssignments(ws.db)).length).toBe(64);
      expect((await listOralSlots(ws.db)).every((s) => s.passage)).toBe(true);
      expect((await sessionRegulation(ws.db)).id).toBe('bts-ccst-2024');
    } finally {
      await ws.close();
    }
  });

  it('an old workspace opened for reading only is migrated once, then read', async () => {
    const file = copy();
    const ws = await openWorkspace(file, { create: false, readonly: true });
    try {
      expect(await schemaVersion(ws.db)).toBe(MIGRATIONS.length);
    } finally {
      await ws.close();
    }
  });

  it('the schema builder makes the tables the old SQL made, plus audit_log.agent', async () => {
    const fresh = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-mig-')), 'new.db');
    await (await openWorkspace(fresh, { create: true })).close();
    const old = copy();
    await (await openWorkspace(old, { create: false })).close();
    for (const t of TABLES) expect({ t, cols: columns(fresh, t) }).toEqual({ t, cols: columns(old, t) });
    const indexes = (f: string) => raw<{ name: string }>(f, "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name").map((r) => r.name);
    expect(indexes(fresh)).toEqual(indexes(old));
    expect(columns(fresh, 'audit_log').length + 1).toBe(raw(fresh, 'PRAGMA table_info(audit_log)').length);
  });

  it('a workspace from a newer ccst is refused, nothing changed', async () => {
    const file = copy();
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    await expect(openWorkspace(file, { create: false })).rejects.toThrow(/version plus récente/);
  });
});
