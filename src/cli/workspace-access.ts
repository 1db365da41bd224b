// How commands reach the workspace: resolve its path, open it, or explain what to do when it is missing.
import { CcstError, EXIT } from './errors.js';
import type { Ctx } from './context.js';
import { noteWorkspace } from './environment-errors.js';
import { openWorkspace, resolveWorkspacePath, WorkspaceMissingError, type Workspace } from '../store/workspace.js';

export interface WorkspaceOptions {
  workspace?: string;
}

export function workspacePath(ctx: Ctx, opts: WorkspaceOptions): string {
  return resolveWorkspacePath(ctx.cwd, opts.workspace, ctx.env.CCST_WORKSPACE);
}

export function openExistingWorkspace(ctx: Ctx, opts: WorkspaceOptions): Workspace {
  const file = workspacePath(ctx, opts);
  noteWorkspace(file);
  try {
    return openWorkspace(file, { create: false });
  } catch (e) {
    if (e instanceof WorkspaceMissingError) {
      throw new CcstError(
        'NO_WORKSPACE',
        EXIT.USAGE,
        `aucun workspace : ${file}`,
        ['Créez-le avec `ccst init --session 2024` ou indiquez-le avec --workspace / CCST_WORKSPACE.'],
      );
    }
    throw e;
  }
}
