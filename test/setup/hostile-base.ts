// vitest globalSetup of the « hostile » project: the base workspace of the battery (the Toulouse 2023 session up to
// the orals, test/helpers/hostile-run.ts baseWorkspace) built once per run, as workspace-template.ts does for the
// empty workspace. battery-malformed, battery-faults and interrupts each built the same one in their beforeAll —
// three times the same six CLI runs. Every case copies it (workspaceFrom); none may write into it: each file checks
// in its afterAll that it still has the digest taken here (a failing teardown here would only be printed).
import fs from 'node:fs';
import { BASE_DIGEST_ENV, BASE_ENV, baseDigest, baseWorkspace } from '../helpers/hostile-run.js';

export default function setup(): () => void {
  const base = baseWorkspace();
  process.env[BASE_ENV] = base;
  process.env[BASE_DIGEST_ENV] = baseDigest(base);
  return () => {
    delete process.env[BASE_ENV];
    delete process.env[BASE_DIGEST_ENV];
    fs.rmSync(base, { recursive: true, force: true });
  };
}
