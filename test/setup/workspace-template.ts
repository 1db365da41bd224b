// vitest globalSetup: one empty, fully migrated SQLite workspace made once per run with the real store code
// (openWorkspace is asynchronous since issue #12); test helpers copy it to build their workspaces synchronously.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkspace } from '../../src/store/workspace.js';
import { oncePerRun } from './once-per-run.js';

export const TEMPLATE_ENV = 'CCST_TEST_WORKSPACE_TEMPLATE';

export default function setup(): Promise<() => Promise<void>> {
  // Once for the whole run, not once per project (once-per-run.ts).
  return oncePerRun('workspace-template', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-template-'));
    const file = path.join(dir, 'template.db');
    const ws = await openWorkspace(file, { create: true });
    await ws.close();
    process.env[TEMPLATE_ENV] = file;
    return () => {
      delete process.env[TEMPLATE_ENV];
      fs.rmSync(dir, { recursive: true, force: true });
    };
  });
}
