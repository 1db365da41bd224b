// libpq conventions for a PostgreSQL workspace URL (issue #12 item 3). Each case cites the libpq manual section
// (PostgreSQL 15, chapter 34 « libpq »): 34.1.1 Connection Strings, 34.15 Environment Variables, 34.16 The Password
// File, 34.17 The Connection Service File, 34.19 SSL Support (table 34.1 « SSL Mode Descriptions »).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CcstError } from '../../src/cli/errors.js';
import { passwordFor, pgPoolConfig, redactUrl, resolvePgParams, type PgFileSystem } from '../../src/store/pg-config.js';
import { lookupPassfile, parseServiceFile, parseUrl } from '../../src/store/pg-conninfo.js';

/** An in-memory home: files with their modes. */
function home(files: Record<string, string | [string, number]> = {}, osUser = 'agent'): PgFileSystem {
  const get = (f: string) => files[f] ?? files[path.relative('/home/agent', f)];
  return {
    home: '/home/agent',
    osUser,
    readFile: (f) => {
      const v = get(f);
      return v === undefined ? undefined : Array.isArray(v) ? v[0] : v;
    },
    mode: (f) => {
      const v = get(f);
      return v === undefined ? undefined : Array.isArray(v) ? v[1] : 0o600;
    },
  };
}

const userError = (fn: () => unknown): CcstError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CcstError);
    expect((e as CcstError).exitCode).toBe(2);
    return e as CcstError;
  }
  throw new Error('expected a CcstError');
};

describe('redactUrl: no message ever prints a password', () => {
  it.each([
    ['postgres://alice:s3cr%40t@db.rectorat.fr:5432/ccst', 'postgres://alice:***@db.rectorat.fr:5432/ccst'],
    ['postgresql://alice:p@ss:w@rd@h/db', 'postgresql://alice:***@h/db'],
    ['postgres://alice:a/b@h/db', 'postgres://alice:***@h/db'],
    ['postgres://h/db?sslmode=require&password=x&user=u', 'postgres://h/db?sslmode=require&password=***&user=u'],
    ['postgres://alice@h/db', 'postgres://alice@h/db'],
    ['/srv/ccst/ccst.db', '/srv/ccst/ccst.db'],
  ])('%s → %s', (url, redacted) => expect(redactUrl(url)).toBe(redacted));
});

describe('URL (34.1.1.2 Connection URIs)', () => {
  it.each<[string, Record<string, string>]>([
    ['postgres://u@h:6543/d', { user: 'u', host: 'h', port: '6543', dbname: 'd' }],
    ['postgresql:///ccst_2025', { dbname: 'ccst_2025' }],
    ['postgresql://%2Fvar%2Frun%2Fpostgresql/db', { host: '/var/run/postgresql', dbname: 'db' }],
    ['postgresql://[::1]:5433/db', { host: '::1', port: '5433', dbname: 'db' }],
    ['postgres://h/d?sslmode=verify-full&application_name=ccst+bureau', { host: 'h', dbname: 'd', sslmode: 'verify-full', application_name: 'ccst bureau' }],
    ['postgres:///?service=ccst', { service: 'ccst' }],
    ['postgres://jos%C3%A9@h/d%C3%A9mo', { user: 'josé', host: 'h', dbname: 'démo' }],
  ])('%s', (url, expected) => expect(Object.fromEntries(parseUrl(url))).toEqual(expected));

  it('refuses a password in the URL (user-info or parameter), never echoing it', () => {
    for (const url of ['postgres://alice:hunter2@h/d', 'postgres://h/d?password=hunter2', 'postgres://alice:hun/ter2@h/d']) {
      const e = userError(() => pgPoolConfig(url, {}, home()));
      expect(e.message).toContain('le mot de passe ne s’écrit pas dans l’adresse');
      expect(JSON.stringify([e.message, e.details])).not.toContain('hunter2');
      expect(e.details.join(' ')).toContain('PGPASSWORD');
    }
  });

  it.each([
    ['postgres://h/d?sslmode=maybe', 'sslmode inconnu'],
    ['postgres://h/d?foo=1', 'paramètre inconnu « foo »'],
    ['postgres://h1,h2/d', 'plusieurs hôtes'],
    ['postgres://h:abc/d', 'port invalide'],
    ['postgres://h/d?service=nulle-part', 'service « nulle-part » introuvable'],
  ])('%s is refused in French, exit 2 (%s)', (url, text) => expect(userError(() => pgPoolConfig(url, {}, home())).message).toContain(text));
});

describe('precedence: URL, then service file, then environment, then defaults (34.15, 34.17)', () => {
  const services = { '.pg_service.conf': '# bureau\n[ccst]\nhost=pg.rectorat.fr\nport=5434\ndbname=ccst_2025\nuser=secretariat\nsslmode=verify-full\nsslrootcert=system\n\n[autre]\nhost=x\n' };

  it('defaults: socket directory when one has a socket, OS user, database named after the user, sslmode prefer', () => {
    expect(resolvePgParams('postgres://', {}, home())).toMatchObject({ host: 'localhost', port: 5432, user: 'agent', database: 'agent', sslmode: 'prefer' });
    const withSocket = home({ '/var/run/postgresql/.s.PGSQL.5432': '' });
    expect(resolvePgParams('postgres://', {}, withSocket).host).toBe('/var/run/postgresql');
  });

  it('PGHOST, PGPORT, PGUSER, PGDATABASE, PGSSLMODE, PGAPPNAME fill what the URL leaves out', () => {
    const env = { PGHOST: 'e', PGPORT: '6000', PGUSER: 'eu', PGDATABASE: 'ed', PGSSLMODE: 'disable', PGAPPNAME: 'x' };
    expect(resolvePgParams('postgres://', env, home())).toMatchObject({ host: 'e', port: 6000, user: 'eu', database: 'ed', sslmode: 'disable', applicationName: 'x' });
    expect(resolvePgParams('postgres://u@h:1/d?sslmode=require', env, home())).toMatchObject({ host: 'h', port: 1, user: 'u', database: 'd', sslmode: 'require' });
  });

  it('service= (or PGSERVICE) reads ~/.pg_service.conf, or PGSERVICEFILE; the URL still wins, the environment loses', () => {
    const env = { PGHOST: 'e', PGUSER: 'eu' };
    expect(resolvePgParams('postgres:///?service=ccst', env, home(services))).toMatchObject({ host: 'pg.rectorat.fr', port: 5434, user: 'secretariat', database: 'ccst_2025', sslmode: 'verify-full' });
    expect(resolvePgParams('postgres://autre-hote/?service=ccst', env, home(services)).host).toBe('autre-hote');
    expect(resolvePgParams('postgres://', { PGSERVICE: 'ccst' }, home(services)).user).toBe('secretariat');
    const other = home({ '/etc/ccst/services.conf': '[ccst]\nhost=ailleurs\n' });
    expect(resolvePgParams('postgres:///?service=ccst', { PGSERVICEFILE: '/etc/ccst/services.conf' }, other).host).toBe('ailleurs');
    const system = home({ '/etc/postgresql-common/pg_service.conf': '[ccst]\nhost=systeme\n' });
    expect(resolvePgParams('postgres:///?service=ccst', {}, system).host).toBe('systeme');
  });

  it('a service file line that is not a connection parameter is refused with its line', () => {
    expect(() => parseServiceFile('[a]\nhost=x\nhote=y\n', 'a', 'f.conf')).toThrow('fichier de service f.conf, ligne 3 : « hote »');
  });
});

describe('password: service file or PGPASSWORD, else the password file; asked only when the server wants one (34.16)', () => {
  const pgpass = (text: string, mode = 0o600) => ({ '.pgpass': [text, mode] as [string, number] });

  it.each<[string, string | undefined]>([
    ['h:5432:d:u:exact', 'exact'],
    ['*:*:*:*:joker', 'joker'],
    ['autre:5432:d:u:non\n*:5432:d:u:oui', 'oui'],
    ['# commentaire\nh:5432:d:u:a\\:b\\\\c', 'a:b\\c'],
    ['h:5433:d:u:mauvais-port', undefined],
  ])('%j', (text, expected) => expect(lookupPassfile(text, 'h', 5432, 'd', 'u')).toBe(expected));

  it('a Unix socket matches the host field « localhost »', () => {
    expect(lookupPassfile('localhost:5432:*:*:local', '/var/run/postgresql', 5432, 'd', 'u')).toBe('local');
  });

  it('order: service file password, then PGPASSWORD, then PGPASSFILE or ~/.pgpass', async () => {
    const files = { ...pgpass('*:*:*:*:fichier'), 'pass.conf': ['*:*:*:*:autre-fichier', 0o600] as [string, number], '.pg_service.conf': '[s]\npassword=service\n' };
    const pw = (url: string, env: NodeJS.ProcessEnv) => pgPoolConfig(url, env, home(files)).password();
    await expect(pw('postgres://u@h/d?service=s', { PGPASSWORD: 'env' })).resolves.toBe('service');
    await expect(pw('postgres://u@h/d', { PGPASSWORD: 'env' })).resolves.toBe('env');
    await expect(pw('postgres://u@h/d', {})).resolves.toBe('fichier');
    await expect(pw('postgres://u@h/d', { PGPASSFILE: '/home/agent/pass.conf' })).resolves.toBe('autre-fichier');
  });

  it('a password file others can read is refused (libpq ignores it), and a missing password says where to put one', () => {
    const p = resolvePgParams('postgres://u@h/d', {}, home(pgpass('*:*:*:*:x', 0o644)));
    expect(userError(() => passwordFor('postgres://u@h/d', p, home(pgpass('*:*:*:*:x', 0o644)))).details).toEqual(['Rendez-le privé : chmod 600 /home/agent/.pgpass']);
    const none = userError(() => passwordFor('postgres://u@h/d', resolvePgParams('postgres://u@h/d', {}, home()), home()));
    expect(none.message).toContain('le serveur demande un mot de passe pour l’utilisateur « u »');
  });
});

describe('sslmode as libpq means it (34.19, table 34.1)', () => {
  const ca = { '.postgresql/root.crt': 'CA-PEM', '/etc/ca/bureau.pem': 'BUREAU-PEM' };
  const ssl = (url: string, files: Record<string, string> = {}) => pgPoolConfig(url, {}, home(files)).ssl;

  it('disable and allow: no TLS; prefer: none on the socket or loopback, TLS without check elsewhere', () => {
    expect(ssl('postgres://pg.rectorat.fr/d?sslmode=disable')).toBe(false);
    expect(ssl('postgres://pg.rectorat.fr/d?sslmode=allow')).toBe(false);
    expect(ssl('postgres://127.0.0.1/d')).toBe(false);
    expect(ssl('postgres://%2Ftmp/d?sslmode=verify-full')).toBe(false); // Unix sockets never use TLS
    expect(ssl('postgres://pg.rectorat.fr/d')).toEqual({ rejectUnauthorized: false });
  });

  it('require: TLS without check, unless a root certificate exists — then as verify-ca', () => {
    expect(ssl('postgres://pg.rectorat.fr/d?sslmode=require')).toEqual({ rejectUnauthorized: false });
    const t = ssl('postgres://pg.rectorat.fr/d?sslmode=require', ca);
    expect(t).toMatchObject({ rejectUnauthorized: true, ca: 'CA-PEM' });
    expect(t && t.checkServerIdentity!('x', {} as never)).toBeUndefined();
  });

  it('verify-ca checks the chain only; verify-full the chain and the host name; both need a root certificate', () => {
    const vca = ssl('postgres://pg.rectorat.fr/d?sslmode=verify-ca&sslrootcert=/etc/ca/bureau.pem', ca);
    expect(vca).toMatchObject({ rejectUnauthorized: true, ca: 'BUREAU-PEM' });
    expect(vca && vca.checkServerIdentity).toBeTypeOf('function');
    const full = ssl('postgres://pg.rectorat.fr/d?sslmode=verify-full', ca);
    expect(full).toEqual({ rejectUnauthorized: true, ca: 'CA-PEM', servername: 'pg.rectorat.fr' });
    expect(ssl('postgres://pg.rectorat.fr/d?sslmode=verify-full&sslrootcert=system')).toEqual({ rejectUnauthorized: true, servername: 'pg.rectorat.fr' });
    expect(userError(() => ssl('postgres://pg.rectorat.fr/d?sslmode=verify-full')).message).toContain('certificat racine introuvable (/home/agent/.postgresql/root.crt)');
  });

  it('a client certificate in ~/.postgresql is sent when both files exist', () => {
    const t = ssl('postgres://pg.rectorat.fr/d?sslmode=require', { '.postgresql/postgresql.crt': 'CRT', '.postgresql/postgresql.key': 'KEY' });
    expect(t).toEqual({ rejectUnauthorized: false, cert: 'CRT', key: 'KEY' });
  });
});
