// How a PostgreSQL workspace URL becomes a node-postgres pool configuration, the way libpq users expect (issue #12
// item 3): the URL names the server, the database and the user; the password comes from PGPASSWORD, a password file
// (~/.pgpass, PGPASSFILE, `passfile=`) or a service file (`service=` / PGSERVICE; PGSERVICEFILE, ~/.pg_service.conf,
// then the system pg_service.conf), never from the command line. Precedence is libpq's (fe-connect.c,
// conninfo_add_defaults): URL parameters, then the service, then the PG* environment, then the built-in defaults.
// node-postgres reads some of these by itself but not the service file nor libpq's sslmode meanings; doing it all
// here makes one behaviour, tested, and lets every message name the server with the password left out (redactUrl).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import { configError, isPostgresUrl, lookupPassfile, parseServiceFile, parseUrl, redactUrl, SSLMODES, type SslMode } from './pg-conninfo.js';

export { isPostgresUrl, redactUrl, type SslMode };

/** The subset of pg's PoolConfig this module sets (structurally assignable to `pg.PoolConfig`). */
export interface PgPoolConfig {
  host: string;
  port: number;
  user: string;
  database: string;
  /** Asked by pg only when the server wants a password (as libpq reads .pgpass only then). */
  password: () => Promise<string>;
  ssl: false | ConnectionOptions;
  application_name: string;
  connectionTimeoutMillis?: number;
  options?: string;
  max: number;
}

/** What libpq would resolve, before it becomes a pool config (also what the tests look at). */
export interface PgParams {
  host: string;
  port: number;
  user: string;
  database: string;
  sslmode: SslMode;
  /** Where the password comes from when the server asks for one (never the URL). */
  passwordSource: 'service' | 'PGPASSWORD' | 'passfile' | 'none';
  passfile: string;
  sslrootcert?: string;
  sslcert?: string;
  sslkey?: string;
  applicationName: string;
  connectTimeoutSeconds?: number;
  options?: string;
}

/** The places a user's files are looked up; tests give their own. */
export interface PgFileSystem {
  home: string;
  osUser: string;
  readFile(file: string): string | undefined;
  /** Permission bits of a file, undefined when it does not exist. */
  mode(file: string): number | undefined;
}

export const nodeFileSystem = (env: NodeJS.ProcessEnv): PgFileSystem => ({
  // libpq (pqGetHomeDirectory) prefers $HOME, then the password database.
  home: env.HOME || os.homedir(),
  osUser: os.userInfo().username,
  readFile: (file) => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  },
  mode: (file) => {
    try {
      return fs.statSync(file).mode & 0o777;
    } catch {
      return undefined;
    }
  },
});


const first = (...values: (string | undefined)[]) => values.find((v) => v !== undefined && v !== '');

/** The service file section named by `service=` or PGSERVICE: the user's file first, then the system one (libpq). */
function serviceParams(url: string, service: string | undefined, env: NodeJS.ProcessEnv, fsys: PgFileSystem): Map<string, string> {
  if (!service) return new Map();
  const files = [
    env.PGSERVICEFILE || path.join(fsys.home, '.pg_service.conf'),
    path.join(env.PGSYSCONFDIR || '/etc/postgresql-common', 'pg_service.conf'),
  ];
  for (const file of files) {
    const text = fsys.readFile(file);
    const found = text === undefined ? undefined : parseServiceFile(text, service, file);
    if (found) return found;
  }
  throw configError(url, `service « ${service} » introuvable`, [`Fichiers lus : ${files.join(', ')} (PGSERVICEFILE pour un autre fichier).`]);
}

/** Resolves every connection parameter as libpq would: URL, then service file, then environment, then defaults. */
export function resolvePgParams(url: string, env: NodeJS.ProcessEnv = process.env, fsys: PgFileSystem = nodeFileSystem(env)): PgParams & { password?: string } {
  const fromUrl = parseUrl(url);
  const service = serviceParams(url, first(fromUrl.get('service'), env.PGSERVICE), env, fsys);
  const get = (key: string, envName?: string) => first(fromUrl.get(key), service.get(key), envName ? env[envName] : undefined);

  const portText = get('port', 'PGPORT') ?? '5432';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) throw configError(url, `port invalide « ${portText} »`, ['Un nombre de 1 à 65535 (5432 par défaut).']);
  const user = get('user', 'PGUSER') ?? fsys.osUser;
  const database = get('dbname', 'PGDATABASE') ?? user;
  // libpq's default host is its Unix socket directory (Debian: /var/run/postgresql; elsewhere /tmp), else localhost.
  const host = get('host', 'PGHOST')
    ?? ['/var/run/postgresql', '/tmp'].find((dir) => fsys.mode(path.join(dir, `.s.PGSQL.${port}`)) !== undefined)
    ?? 'localhost';
  const sslmode = get('sslmode', 'PGSSLMODE') ?? 'prefer';
  if (!(SSLMODES as readonly string[]).includes(sslmode)) {
    throw configError(url, `sslmode inconnu « ${sslmode} »`, [`Valeurs : ${SSLMODES.join(', ')}.`]);
  }
  const timeout = get('connect_timeout', 'PGCONNECT_TIMEOUT');
  if (timeout !== undefined && !/^\d+$/.test(timeout)) throw configError(url, `connect_timeout invalide « ${timeout} »`, ['Un nombre de secondes.']);
  const servicePassword = service.get('password');
  const envPassword = env.PGPASSWORD || undefined;
  const pgDir = path.join(fsys.home, '.postgresql');
  return {
    host, port, user, database, sslmode: sslmode as SslMode,
    password: servicePassword ?? envPassword,
    passwordSource: servicePassword !== undefined ? 'service' : envPassword !== undefined ? 'PGPASSWORD' : 'passfile',
    passfile: get('passfile', 'PGPASSFILE') ?? path.join(fsys.home, '.pgpass'),
    sslrootcert: get('sslrootcert', 'PGSSLROOTCERT') ?? path.join(pgDir, 'root.crt'),
    sslcert: get('sslcert', 'PGSSLCERT') ?? path.join(pgDir, 'postgresql.crt'),
    sslkey: get('sslkey', 'PGSSLKEY') ?? path.join(pgDir, 'postgresql.key'),
    applicationName: get('application_name', 'PGAPPNAME') ?? 'ccst',
    connectTimeoutSeconds: timeout === undefined ? undefined : Number(timeout),
    options: get('options', 'PGOPTIONS'),
  };
}

const isLocal = (host: string) => host.startsWith('/') || host === 'localhost' || host === '127.0.0.1' || host === '::1';

/**
 * libpq's sslmode meanings on node's TLS options. disable/allow: no TLS (allow tries without first; node-postgres
 * cannot fall back, so « without » is what it gets). prefer (libpq's default): no TLS on the local socket or loopback;
 * elsewhere TLS without certificate check — libpq would silently fall back to clear text when the server has no TLS,
 * we refuse instead (the data is personal): `sslmode=disable` says it explicitly. require: TLS, no check — unless a
 * root certificate file exists, then as verify-ca (libpq, « SSL Support »). verify-ca: chain checked against
 * sslrootcert (`system`: the system's authorities). verify-full: chain and host name. Unix sockets never use TLS.
 */
export function sslOptions(url: string, p: PgParams, fsys: PgFileSystem): false | ConnectionOptions {
  if (p.host.startsWith('/')) return false;
  const rootFile = p.sslrootcert === 'system' ? undefined : p.sslrootcert;
  const hasRoot = p.sslrootcert === 'system' || (rootFile !== undefined && fsys.mode(rootFile) !== undefined);
  let mode = p.sslmode;
  if (mode === 'disable' || mode === 'allow' || (mode === 'prefer' && isLocal(p.host))) return false;
  if (mode === 'prefer') mode = 'require';
  if (mode === 'require' && hasRoot) mode = 'verify-ca';
  const tls: ConnectionOptions = { rejectUnauthorized: mode !== 'require' };
  if (mode !== 'require') {
    if (!hasRoot) {
      throw configError(url, `sslmode=${p.sslmode} : certificat racine introuvable (${rootFile})`, [
        'Indiquez le certificat de l’autorité du serveur : sslrootcert=chemin (ou PGSSLROOTCERT), ou sslrootcert=system.',
      ]);
    }
    if (rootFile) tls.ca = fsys.readFile(rootFile);
    if (mode === 'verify-ca') tls.checkServerIdentity = () => undefined;
    else tls.servername = p.host;
  }
  if (p.sslcert && p.sslkey && fsys.mode(p.sslcert) !== undefined && fsys.mode(p.sslkey) !== undefined) {
    tls.cert = fsys.readFile(p.sslcert);
    tls.key = fsys.readFile(p.sslkey);
  }
  return tls;
}

/** The password when the server asks for one: service file or PGPASSWORD, else the password file (libpq's order). */
export function passwordFor(url: string, p: PgParams & { password?: string }, fsys: PgFileSystem): string {
  if (p.password !== undefined) return p.password;
  const mode = fsys.mode(p.passfile);
  if (mode !== undefined && (mode & 0o077) !== 0) {
    // libpq ignores such a file with a warning; ignoring it here would end in a less clear refusal by the server.
    throw configError(url, `le fichier de mots de passe ${p.passfile} est lisible par d’autres (mode ${mode.toString(8).padStart(4, '0')})`, [
      `Rendez-le privé : chmod 600 ${p.passfile}`,
    ]);
  }
  const text = mode === undefined ? undefined : fsys.readFile(p.passfile);
  const found = text === undefined ? undefined : lookupPassfile(text, p.host, p.port, p.database, p.user);
  if (found !== undefined) return found;
  throw configError(url, `le serveur demande un mot de passe pour l’utilisateur « ${p.user} » et aucun n’est donné`, [
    `Donnez-le par la variable PGPASSWORD, une ligne du fichier ${p.passfile} (hôte:port:base:utilisateur:mot_de_passe, mode 0600)`,
    'ou un fichier de service (?service=nom, ~/.pg_service.conf) ; jamais dans l’adresse.',
  ]);
}

/** A node-postgres pool configuration for a workspace URL; throws a French CcstError (exit 2) on a bad URL. */
export function pgPoolConfig(url: string, env: NodeJS.ProcessEnv = process.env, fsys: PgFileSystem = nodeFileSystem(env)): PgPoolConfig {
  const p = resolvePgParams(url, env, fsys);
  return {
    host: p.host,
    port: p.port,
    user: p.user,
    database: p.database,
    password: async () => passwordFor(url, p, fsys),
    ssl: sslOptions(url, p, fsys),
    application_name: p.applicationName,
    ...(p.connectTimeoutSeconds ? { connectionTimeoutMillis: p.connectTimeoutSeconds * 1000 } : {}),
    ...(p.options ? { options: p.options } : {}),
    max: 4,
  };
}
