// vitest globalSetup: the e2e tests spawn bin/ccst.js, which runs the bundle (scripts/bundle.mjs). It is rebuilt here
// from src/ before any test (≈ 1 s), so a test never runs a bundle older than the code — `npx tsc` alone does not
// make it. The tsc output in dist/ is still needed: worker threads and a few tests load it directly.
// @ts-expect-error — a plain JavaScript build script, without type declarations
import { bundle } from '../../scripts/bundle.mjs';
import { oncePerRun } from './once-per-run.js';

export default function setup(): Promise<() => Promise<void>> {
  // Once for the whole run, not once per project (once-per-run.ts).
  return oncePerRun('bundle', async () => {
    await bundle();
  });
}
