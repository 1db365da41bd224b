// The pg Pool of a PostgreSQL workspace. Its connection parameters are libpq's (pg-config.ts: the URL, PGPASSWORD,
// .pgpass, service file, sslmode; never a password in the URL); this file adds only how values come back.
import pg from 'pg';
import { pgPoolConfig } from './pg-config.js';
export { isPostgresUrl, redactUrl } from './pg-url.js';

/** int8 (count(*), sums) as a JavaScript number: our counts stay far below 2^53. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function newPool(url: string, env: Record<string, string | undefined>): pg.Pool {
  const pool = new pg.Pool({ ...pgPoolConfig(url, env as NodeJS.ProcessEnv), types });
  // An idle connection dropped by the server must not crash the process: the next query reports it.
  pool.on('error', () => {});
  return pool;
}
