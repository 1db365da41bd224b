// Telling a PostgreSQL workspace from a SQLite path, and showing its URL without the password (issue #12 §3): the
// functions of pg-conninfo.ts (no pg import: every command asks them).
export { isPostgresUrl, redactUrl } from './pg-conninfo.js';
