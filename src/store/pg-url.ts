// Telling a PostgreSQL workspace from a SQLite path, and showing its URL without the password (issue #12 §3).
// Light on purpose (no pg import): every command asks it. Becomes pgops' pg-conninfo.ts when that lands.

/** `postgres://…` or `postgresql://…`: a PostgreSQL workspace; anything else is a SQLite file path. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** The URL with any password left out, for every message (issue #12 §3). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '';
    for (const k of [...u.searchParams.keys()]) if (/^password$/i.test(k)) u.searchParams.delete(k);
    return u.toString().replace(/:@/, '@');
  } catch {
    return url.replace(/:\/\/([^:/@]*):[^@]*@/, '://$1@');
  }
}
