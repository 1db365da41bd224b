// The text formats libpq reads (issue #12 item 3), parsed exactly as its manual describes them: connection URIs
// (« Connection URIs »), the connection service file (« The Connection Service File ») and the password file
// (« The Password File »). Pure functions of their text; pg-config.ts decides where the texts come from.
import { CcstError, EXIT } from '../errors.js';

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/**
 * The URL with any password replaced by `***` (user-info and `password=` parameter): the only form of a workspace URL
 * that may reach a message, a log line or the audit. Safe on strings that are not URLs.
 */
export function redactUrl(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^?#]*)(.*)$/is.exec(url);
  if (!m) return url;
  let [, scheme, rest, query] = m as unknown as [string, string, string, string];
  // The user-info ends at the LAST « @ » before the query: a password may hold « @ », « / » or « : » unencoded.
  const at = rest.lastIndexOf('@');
  const colon = rest.indexOf(':');
  if (at >= 0 && colon >= 0 && colon < at) rest = `${rest.slice(0, colon)}:***${rest.slice(at)}`;
  query = query.replace(/([?&]password=)[^&#]*/gi, '$1***');
  return scheme + rest + query;
}

export const PARAMS = new Set([
  'host', 'port', 'dbname', 'user', 'password', 'passfile', 'service', 'sslmode', 'sslrootcert', 'sslcert',
  'sslkey', 'application_name', 'connect_timeout', 'options',
]);
export const SSLMODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSLMODES)[number];

export function configError(url: string, message: string, todo: string[]): CcstError {
  return new CcstError('PG_CONFIG', EXIT.USAGE, `workspace PostgreSQL ${redactUrl(url)} : ${message}`, todo);
}

const NO_PASSWORD_IN_URL = [
  'Un mot de passe écrit dans l’adresse est visible dans la liste des processus et l’historique du terminal.',
  'Retirez-le de l’adresse et donnez-le comme les outils PostgreSQL (psql, pg_dump) : variable PGPASSWORD, fichier',
  '~/.pgpass (mode 0600 ; ligne hôte:port:base:utilisateur:mot_de_passe) ou fichier de service (?service=nom).',
];

/** Splits a postgres:// URL into libpq keywords (RFC 3986 form of the libpq manual, « Connection URIs »). */
export function parseUrl(url: string): Map<string, string> {
  const m = /^postgres(?:ql)?:\/\/([^/?#]*)(?:\/([^?#]*))?(?:\?([^#]*))?$/i.exec(url);
  if (!m) throw configError(url, 'adresse illisible', ['Forme attendue : postgresql://utilisateur@hôte:port/base?sslmode=verify-full']);
  // Checked on the whole text first: an unencoded « / » or « @ » in a password would otherwise shift the fields.
  if (redactUrl(url) !== url) throw configError(url, 'le mot de passe ne s’écrit pas dans l’adresse', NO_PASSWORD_IN_URL);
  const [, authority = '', dbname, query] = m;
  const out = new Map<string, string>();
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw configError(url, `encodage %xx invalide dans « ${redactUrl(s)} »`, []);
    }
  };
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at) : undefined;
  const hostport = at >= 0 ? authority.slice(at + 1) : authority;
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    if (colon >= 0) throw configError(url, 'le mot de passe ne s’écrit pas dans l’adresse', NO_PASSWORD_IN_URL);
    if (userinfo) out.set('user', decode(userinfo));
  }
  if (hostport.includes(',')) {
    throw configError(url, 'plusieurs hôtes ne sont pas pris en charge', ['Indiquez un seul serveur (hôte:port).']);
  }
  const hp = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(hostport)!;
  const host = hp[1]!.startsWith('[') ? hp[1]!.slice(1, -1) : hp[1]!;
  if (host) out.set('host', decode(host));
  if (hp[2]) out.set('port', hp[2]);
  if (dbname) out.set('dbname', decode(dbname));
  for (const pair of (query ?? '').split('&').filter(Boolean)) {
    const eq = pair.indexOf('=');
    const key = decode(eq >= 0 ? pair.slice(0, eq) : pair);
    const value = decode(eq >= 0 ? pair.slice(eq + 1).replace(/\+/g, ' ') : '');
    if (key === 'password') throw configError(url, 'le mot de passe ne s’écrit pas dans l’adresse', NO_PASSWORD_IN_URL);
    if (key === 'ssl' && value === 'true') out.set('sslmode', 'require'); // JDBC-style spelling libpq also accepts
    else if (!PARAMS.has(key)) {
      throw configError(url, `paramètre inconnu « ${key} »`, [`Paramètres reconnus : ${[...PARAMS].filter((p) => p !== 'password').join(', ')}.`]);
    } else out.set(key, value);
  }
  return out;
}

/** Reads one [service] section of a pg_service.conf (libpq « The Connection Service File »). */
export function parseServiceFile(text: string, service: string, file: string): Map<string, string> | undefined {
  let inside = false;
  let found: Map<string, string> | undefined;
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const section = /^\[(.*)\]$/.exec(line);
    if (section) {
      if (found) break;
      inside = section[1] === service;
      if (inside) found = new Map();
      continue;
    }
    if (!inside) continue;
    const eq = line.indexOf('=');
    const key = line.slice(0, eq).trim();
    if (eq < 0 || !PARAMS.has(key) || key === 'service') {
      throw new CcstError('PG_CONFIG', EXIT.USAGE, `fichier de service ${file}, ligne ${i + 1} : « ${key || line} » n’est pas un paramètre de connexion`, [
        'Une ligne par paramètre : host=…, port=…, dbname=…, user=…, sslmode=… (manuel de libpq, « The Connection Service File »).',
      ]);
    }
    found!.set(key, line.slice(eq + 1).trim());
  }
  return found;
}

/** The password file (libpq « The Password File »): first line whose four fields match; `*` matches anything. */
export function lookupPassfile(text: string, host: string, port: number, database: string, user: string): string | undefined {
  // For a Unix socket libpq matches the host field against « localhost ».
  const h = host.startsWith('/') ? 'localhost' : host;
  for (const raw of text.split(/\r?\n/)) {
    if (!raw || raw.startsWith('#')) continue;
    const fields: string[] = [];
    let cur = '';
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i]!;
      if (c === '\\' && i + 1 < raw.length) cur += raw[++i];
      else if (c === ':' && fields.length < 4) {
        fields.push(cur);
        cur = '';
      } else cur += c;
    }
    fields.push(cur);
    if (fields.length < 5) continue;
    const [fh, fp, fd, fu, pw] = fields as [string, string, string, string, string];
    const ok = (f: string, v: string) => f === '*' || f === v;
    if (ok(fh, h) && ok(fp, String(port)) && ok(fd, database) && ok(fu, user)) return pw;
  }
  return undefined;
}
