// The pg Pool of a PostgreSQL workspace. Its connection parameters come from ONE function, poolConfig(): for now
// pg's own connectionString handling (PGPASSWORD and the PG* variables are read by pg); it becomes pgops'
// pgPoolConfig() (libpq conventions: .pgpass, service file, sslmode) when src/store/pg-config.ts lands.
import pg from 'pg';
export { isPostgresUrl, redactUrl } from './pg-url.js';

/** int8 (count(*), sums) as a JavaScript number: our counts stay far below 2^53. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function poolConfig(url: string, _env: Record<string, string | undefined>): pg.PoolConfig {
  return { connectionString: url, max: 4, application_name: 'ccst' };
}

export function newPool(url: string, env: Record<string, string | undefined>): pg.Pool {
  const pool = new pg.Pool({ ...poolConfig(url, env), types });
  // An idle connection dropped by the server must not crash the process: the next query reports it.
  pool.on('error', () => {});
  return pool;
}
