// Which test files the « postgres » project runs again on PostgreSQL (issue #12 item 5: « the store and e2e suites »),
// and whether a cluster can be started here. Kept out of vitest.config.ts so the choice reads in one place.
// Left out, because they never reach a PostgreSQL workspace: demo.e2e (`ccst demo` is SQLite by design: no server),
// deliberate.e2e (deliberation without a workspace), terminal-escapes.e2e (its session is a SQLite file planted by
// sessionWorkspace), pg-config (no server involved). For CI time (README « Développement »), three files whose subject
// is what is rendered from a workspace, not how it is stored, run on SQLite only: formula-injection.e2e (the exports'
// neutralisation), documents.e2e and conformity-documents.e2e (PDF layouts); the same reads on PostgreSQL are run by
// toulouse-2023.e2e, statistics.e2e, examiner-convocations.e2e and rooms-seating.e2e. The unit and command tests of
// the domain, io and documents do not touch the store. CI time: README « Développement ».
export const PG_FILES = [
  'test/store/**/*.test.ts',
  'test/cli/attendance-incidents.e2e.test.ts',
  'test/cli/copies.e2e.test.ts',
  'test/cli/deliberate-workspace.e2e.test.ts',
  'test/cli/examiners-commissions.e2e.test.ts',
  'test/cli/examiner-convocations.e2e.test.ts',
  'test/cli/harmonisation-lots.e2e.test.ts',
  'test/cli/import.e2e.test.ts',
  'test/cli/init-calendar.e2e.test.ts',
  'test/cli/notes-import.e2e.test.ts',
  'test/cli/notes-lots.e2e.test.ts',
  'test/cli/rooms-seating.e2e.test.ts',
  'test/cli/statistics.e2e.test.ts',
  'test/cli/toulouse-2023.e2e.test.ts',
  'test/cli/workspace-copy.e2e.test.ts',
];

/** Engine-independent by nature: SQLite project only. */
export const PG_EXCLUDE = [
  'test/store/pg-config.test.ts',
  // An old SQLite file (PRAGMA user_version 1..7) continuing at migration 8: SQLite's history, not PostgreSQL's.
  'test/store/migrations.test.ts',
];

export function pgProgramsInstalled(exists: (file: string) => boolean): boolean {
  const dirs = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin', ...(process.env.PATH ?? '').split(':')];
  return dirs.some((d) => d && exists(`${d}/initdb`));
}
