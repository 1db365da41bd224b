import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The hostile battery (issue #9) has its own config and command: npm run test:hostile.
    exclude: ['test/hostile/**', '**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // private-tmp first: the template workspace is made inside the run's private folder.
    globalSetup: ['test/setup/private-tmp.ts', 'test/setup/workspace-template.ts'],
  },
});
