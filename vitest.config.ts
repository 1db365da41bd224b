// Three projects from one `npm test`: « sqlite », the whole suite; « postgres » (issue #12 item 5), the store and
// end-to-end files again with CCST_TEST_ENGINE=postgres (test/helpers/engine.ts gives each test folder its own
// database); « hostile » (issue #9 « Done when »), the hostile battery of test/hostile/ — alone with
// `npm run test:hostile`, whole with CCST_HOSTILE_FULL=1. The PostgreSQL project needs a server: .ci/run provides one
// (CCST_TEST_PG_URL), else test/setup/postgres.ts starts a throw-away cluster when the PostgreSQL programs are
// installed. Without them the project is left out with a notice — except under CI=true, where a missing server is a
// failure.
import fs from 'node:fs';
import os from 'node:os';
import { defineConfig } from 'vitest/config';
import { PG_EXCLUDE, PG_FILES, pgProgramsInstalled } from './test/setup/pg-files.js';

const base = {
  testTimeout: 60_000,
  hookTimeout: 60_000,
  pool: 'forks' as const,
  // Most test files spend their time waiting for the CLI processes they spawn (spawnSync): one worker per core keeps
  // every core busy — vitest's default (cores − 1) leaves one of CI's two cores idle. README « Développement ».
  // CCST_TEST_WORKERS overrides it (the projects inherit this value, so vitest's own --maxWorkers does not).
  maxWorkers: Number(process.env.CCST_TEST_WORKERS) || os.availableParallelism(),
};

const pgReady = Boolean(process.env.CCST_TEST_PG_URL) || pgProgramsInstalled(fs.existsSync);
if (!pgReady) {
  const notice = 'PostgreSQL introuvable (ni CCST_TEST_PG_URL, ni initdb) : la suite PostgreSQL n’est pas lancée.';
  if (process.env.CI === 'true') throw new Error(`${notice} En CI c’est une erreur : .ci/run installe PostgreSQL (apt-get install -y postgresql).`);
  process.stderr.write(`\n⚠ ${notice} Installez le paquet postgresql pour tester les deux moteurs.\n\n`);
}

export default defineConfig({
  test: {
    ...base,
    // private-tmp first: the template workspace is made inside the run's private folder; then the CLI bundle, which
    // every spawned `ccst` runs (test/setup/bundle.ts).
    globalSetup: ['test/setup/private-tmp.ts', 'test/setup/bundle.ts', 'test/setup/workspace-template.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['test/**/*.test.ts'],
          exclude: ['test/hostile/**', 'test/postgres/**', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'hostile',
          include: ['test/hostile/**/*.test.ts'],
          // The figures summed at the end; the base workspace built once for the battery's files.
          globalSetup: ['test/setup/hostile-figures.ts', 'test/setup/hostile-base.ts'],
          // Bounded (a few minutes in CI); CCST_HOSTILE_FULL=1 adds the kill -9 trials and the larger inputs.
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
      ...(pgReady
        ? [{
          extends: true,
          test: {
            name: 'postgres',
            include: [...PG_FILES, 'test/postgres/**/*.test.ts'],
            exclude: [...PG_EXCLUDE, '**/node_modules/**'],
            env: { CCST_TEST_ENGINE: 'postgres' },
            // Each command connects to a server (and each test folder makes its database): more room than SQLite's.
            testTimeout: 300_000,
            hookTimeout: 600_000,
            globalSetup: ['test/setup/postgres.ts'],
            setupFiles: ['test/setup/postgres-file.ts'],
          },
        }]
        : []),
    ],
  },
});
