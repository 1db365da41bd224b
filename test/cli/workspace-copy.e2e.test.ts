// ccst workspace copy (issue #12 item 4): a whole session to the other engine and back, every table verified (rows
// and checksum); a non-empty target refused unless --replace; nothing half there. Runs in both vitest projects: on
// « sqlite » the session is a file copied to a file, on « postgres » it goes PostgreSQL → SQLite → a new PostgreSQL
// database, and the two databases hold the same data (status, exports, checksums).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ccst, REPO } from '../helpers/cli.js';
import Database from 'better-sqlite3';
import { createTestDatabase, dropTestDatabase, onPostgres, pgUrl, psql, workspaceFingerprint, workspaceFor } from '../helpers/engine.js';
import { TableDigest } from '../../src/store/workspace-copy.js';

const t = (f: string) => path.join(REPO, 'fixtures', 'toulouse-2023', f);
let dir: string;

function run(args: string[], cwd = dir) {
  const r = ccst(args, { cwd });
  expect(r.status, `ccst ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-copy-'));
  run(['init', '--session', '2023', '--academie', 'TOULOUSE']);
  run(['calendar', 'import', path.join(REPO, 'fixtures', 'calendrier-toulouse-2023.csv')]);
  run(['import', t('candidats.csv')]);
  run(['centres', 'import', t('centres.csv')]);
  run(['assign-centres']);
  run(['schedule-orals', '--commissions', '2']);
  run(['deliberate', t('notes.csv'), '-o', 'pv.csv']);
}, 600_000); // seven CLI commands: minutes on a loaded 2-core machine

const status = (workspace?: string) => {
  const s = JSON.parse(run(['status', '--json', ...(workspace ? ['--workspace', workspace] : [])]).stdout);
  delete s.workspace;
  delete s.lastActions; // the copy's own audit row is the one difference, checked below
  return s;
};

describe('ccst workspace copy', { timeout: 300_000 }, () => {
  it('copies every table to a SQLite file, verified; the copy holds the same session', () => {
    const r = run(['workspace', 'copy', '--to', 'archive.db', '--json']);
    const report = JSON.parse(r.stdout);
    const byTable = Object.fromEntries(report.tables.map((x: { table: string; rows: number }) => [x.table, x.rows]));
    expect(byTable).toMatchObject({ meta: expect.any(Number), audit_log: expect.any(Number), candidates: expect.any(Number), notes: expect.any(Number) });
    expect(byTable.candidates).toBeGreaterThan(10);
    expect(byTable.notes).toBeGreaterThan(50);
    expect(fs.statSync(path.join(dir, 'archive.db')).mode & 0o777).toBe(0o600);
    expect(status(path.join(dir, 'archive.db'))).toEqual(status());
    const exportOf = (ws?: string) => run(['candidates', 'export', '--csv-format', 'rfc4180', ...(ws ? ['--workspace', ws] : [])]).stdout;
    expect(exportOf(path.join(dir, 'archive.db'))).toBe(exportOf());
    const audit = JSON.parse(run(['status', '--json', '--workspace', 'archive.db']).stdout).lastActions;
    expect(JSON.stringify(audit)).toContain('workspace copy');
  });

  it('refuses a non-empty target (exit 2, French, target unchanged) unless --replace', () => {
    const archive = path.join(dir, 'archive.db');
    const before = fs.readFileSync(archive);
    const r = ccst(['workspace', 'copy', '--to', 'archive.db'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('la cible n’est pas vide');
    expect(r.stderr).toContain('--replace');
    expect(fs.readFileSync(archive).equals(before)).toBe(true);
    run(['workspace', 'copy', '--to', 'archive.db', '--replace']);
    expect(status(archive)).toEqual(status());
  });

  it('refuses to copy a workspace onto itself, and leaves no file behind when the source is missing', () => {
    const self = ccst(['workspace', 'copy', '--to', onPostgres ? workspaceFor(dir) : 'ccst.db'], { cwd: dir });
    expect(self.stderr).toContain('la cible est le workspace lui-même');
    expect(self.status).toBe(2);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-copy-none-'));
    const none = ccst(['workspace', 'copy', '--workspace', path.join(empty, 'absent.db'), '--to', path.join(empty, 'out.db')], { cwd: empty });
    expect(none.status).toBe(2);
    expect(fs.readdirSync(empty)).toEqual([]);
  });

  it.runIf(onPostgres)('SQLite → a new PostgreSQL database: the same checksums, the same session', () => {
    const db = createTestDatabase();
    try {
      const back = JSON.parse(run(['workspace', 'copy', '--workspace', path.join(dir, 'archive.db'), '--to', pgUrl(db), '--json']).stdout);
      const first = JSON.parse(run(['workspace', 'copy', '--to', 'second.db', '--json']).stdout);
      const sums = (rep: { tables: { table: string; checksum: string }[] }) => Object.fromEntries(rep.tables.filter((x) => x.table !== 'audit_log').map((x) => [x.table, x.checksum]));
      expect(sums(back)).toEqual(sums(first));
      expect(status(pgUrl(db))).toEqual(status());
    } finally {
      dropTestDatabase(db);
    }
  });

  it.runIf(onPostgres)('a copy that fails midway leaves the new PostgreSQL database as it was: no ccst schema (exit 3)', () => {
    // A value SQLite keeps and PostgreSQL refuses — a NUL character in a text — in results, a table copied after others.
    const broken = path.join(dir, 'broken.db');
    fs.copyFileSync(path.join(dir, 'archive.db'), broken);
    const raw = new Database(broken);
    raw.prepare('UPDATE results SET detail = detail || char(0) WHERE rowid = (SELECT max(rowid) FROM results)').run();
    raw.close();
    const db = createTestDatabase();
    try {
      const r = ccst(['workspace', 'copy', '--workspace', broken, '--to', pgUrl(db)], { cwd: dir });
      expect(r.status, r.stderr).toBe(3);
      expect(r.stderr).toContain('la cible refuse une valeur de la table results');
      expect(r.stderr).toContain('Rien n’a été écrit dans la cible');
      expect(psql("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'", db).trim()).toBe('0');
    } finally {
      dropTestDatabase(db);
    }
  });

  it('the workspace itself is untouched by the copies', () => {
    const before = workspaceFingerprint(dir);
    run(['workspace', 'copy', '--to', 'third.db']);
    expect(workspaceFingerprint(dir)).toBe(before);
  });
});

describe('TableDigest: order-independent, sensitive to every value', () => {
  const digest = (rows: Record<string, unknown>[]) => {
    const d = new TableDigest();
    rows.forEach((r) => d.add(r, ['a', 'b']));
    return d.checksum;
  };
  const rows = [{ a: 1, b: 'x' }, { a: 2, b: null }, { a: 3, b: 'Ødegård' }];
  it.each<[string, Record<string, unknown>[], boolean]>([
    ['same rows in another order', [rows[2]!, rows[0]!, rows[1]!], true],
    ['one value changed', [rows[0]!, { a: 2, b: '' }, rows[2]!], false],
    ['NULL vs the text « null »', [rows[0]!, { a: 2, b: 'null' }, rows[2]!], false],
    ['a row duplicated instead of another', [rows[0]!, rows[0]!, rows[2]!], false],
    ['a number as text', [{ a: '1', b: 'x' }, rows[1]!, rows[2]!], false],
  ])('%s', (_, other, same) => expect(digest(other) === digest(rows)).toBe(same));
});
