// Roles on a shared PostgreSQL workspace (issue #12 item 3, « Done when »: « the read-only role produces convocations
// and is refused (exit 2, French message) on import »). The roles are made with the SQL the README gives offices
// (« Rôles PostgreSQL »), the passwords come from the password file (PGPASSFILE), never from the command line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ccst, REPO } from '../helpers/cli.js';
import { createTestDatabase, dropTestDatabase, pgUrl, psql } from '../helpers/engine.js';

const t = (f: string) => path.join(REPO, 'fixtures', 'toulouse-2023', f);
const tag = crypto.randomBytes(3).toString('hex');
const R = { owner: `ccst_proprietaire_${tag}`, writer: `ccst_ecriture_${tag}`, reader: `ccst_lecture_${tag}`, dupont: `dupont_${tag}`, martin: `martin_${tag}` };
let db: string;
let dir: string;

/** The README's role SQL, with this run's names; the password is the one of the test cluster's password file. */
function readmeRoleSql(database: string): { server: string[]; inDatabase: string[] } {
  const secret = fs.readFileSync(process.env.PGPASSFILE!, 'utf8').trim().split(':').pop()!;
  return {
    server: [
      `CREATE ROLE ${R.owner} LOGIN PASSWORD '${secret}'`,
      `CREATE ROLE ${R.writer} NOLOGIN`,
      `CREATE ROLE ${R.reader} NOLOGIN`,
      `CREATE ROLE ${R.dupont} LOGIN PASSWORD '${secret}' IN ROLE ${R.writer}`,
      `CREATE ROLE ${R.martin} LOGIN PASSWORD '${secret}' IN ROLE ${R.reader}`,
      `ALTER DATABASE ${database} OWNER TO ${R.owner}`,
      `REVOKE CONNECT ON DATABASE ${database} FROM PUBLIC`,
      `GRANT CONNECT ON DATABASE ${database} TO ${R.writer}, ${R.reader}`,
    ],
    inDatabase: [
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${R.owner} IN SCHEMA public GRANT SELECT ON TABLES TO ${R.reader}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${R.owner} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${R.writer}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${R.owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${R.writer}`,
    ],
  };
}

const as = (role: string, args: string[]) => ccst(args, { cwd: dir, env: { CCST_WORKSPACE: pgUrl(db, role) } });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-pg-roles-'));
  db = createTestDatabase();
  const { server, inDatabase } = readmeRoleSql(db);
  for (const s of server) psql(s);
  for (const s of inDatabase) psql(s, db, R.owner); // ALTER DEFAULT PRIVILEGES FOR ROLE x: run as x (or a superuser)
  const owner = (args: string[]) => {
    const r = as(R.owner, args);
    expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  };
  owner(['init', '--session', '2023', '--academie', 'TOULOUSE']);
  owner(['calendar', 'import', path.join(REPO, 'fixtures', 'calendrier-toulouse-2023.csv')]);
  owner(['import', t('candidats.csv')]);
  owner(['centres', 'import', t('centres.csv')]);
  owner(['assign-centres']);
  owner(['schedule-orals', '--commissions', '2']);
}, 600_000); // six CLI commands: minutes on a loaded 2-core machine

afterAll(() => {
  dropTestDatabase(db);
  for (const r of [R.martin, R.dupont, R.reader, R.writer, R.owner]) psql(`DROP ROLE IF EXISTS ${r}`);
});

describe('roles (README « Rôles PostgreSQL »)', () => {
  it('the read-only role produces the convocations', () => {
    const r = as(R.martin, ['convocations', '-o', 'convocations.pdf']);
    expect(r.status, r.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'convocations.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(as(R.martin, ['status', '--json']).status).toBe(0);
  });

  it('the read-only role is refused on import: exit 2, French, nothing written, no password printed', () => {
    const before = psql('SELECT count(*) FROM audit_log', db);
    const r = as(R.martin, ['import', t('candidats.csv')]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/rôle PostgreSQL.*ne peut pas écrire/);
    expect(r.stderr).toContain(R.martin);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toContain(fs.readFileSync(process.env.PGPASSFILE!, 'utf8').trim().split(':').pop()!);
    expect(psql('SELECT count(*) FROM audit_log', db)).toBe(before);
  });

  it('a writer imports, and the audit log names the database user as the agent', () => {
    fs.writeFileSync(path.join(dir, 'tardif.csv'), 'numero;nom;prenom;voie\n0239999001;TARDIF;Inès;candidat individuel\n');
    const r = as(R.dupont, ['import', 'tardif.csv']);
    expect(r.status, r.stderr).toBe(0);
    expect(psql("SELECT agent FROM audit_log WHERE command = 'import' ORDER BY id DESC LIMIT 1", db).trim()).toBe(R.dupont);
    expect(psql("SELECT agent FROM audit_log WHERE command = 'init'", db).trim()).toBe(R.owner);
  });

  it('only the schema owner migrates: a writer meeting an older schema is told so in French (exit 2), nothing changes', () => {
    const version = Number(psql('SELECT version FROM ccst_schema', db));
    psql(`UPDATE ccst_schema SET version = ${version - 1}`, db, R.owner); // as if this ccst were one version newer
    try {
      for (const args of [['workspace', 'migrate'], ['import', 'tardif.csv']]) {
        const r = as(R.dupont, args);
        expect(r.status, `${args.join(' ')} : ${r.stderr}`).toBe(2);
        expect(r.stderr).toContain('ccst workspace migrate');
        expect(Number(psql('SELECT version FROM ccst_schema', db))).toBe(version - 1);
      }
    } finally {
      psql(`UPDATE ccst_schema SET version = ${version}`, db, R.owner);
    }
    const up = as(R.owner, ['workspace', 'migrate', '--json']);
    expect(up.status, up.stderr).toBe(0);
    expect(JSON.parse(up.stdout)).toMatchObject({ from: version, to: version, steps: [] });
  });
});
