// Which test files the « postgres » project runs again on PostgreSQL (issue #12 item 5: « the store and e2e suites »),
// and whether a cluster can be started here. Kept out of vitest.config.ts so the choice reads in one place.
// CI time (2 cores): see README « Développement » for the measured run with and without this project.
export const PG_FILES = [
  'test/store/**/*.test.ts',
  'test/cli/*.e2e.test.ts',
];

/** The files that are engine-independent by nature and stay on SQLite only. */
export const PG_EXCLUDE = ['test/store/pg-config.test.ts'];

export function pgProgramsInstalled(exists: (file: string) => boolean): boolean {
  const dirs = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin', ...(process.env.PATH ?? '').split(':')];
  return dirs.some((d) => d && exists(`${d}/initdb`));
}
