// How commands reach the workspace: resolve its path, open it, or explain what to do when it is missing.
import fs from 'node:fs';
import path from 'node:path';
import { CcstError, EXIT } from './errors.js';
import type { Ctx } from './context.js';
import { noteWorkspace } from './environment-errors.js';
import { isPostgresUrl, openWorkspace, resolveWorkspacePath, WorkspaceMissingError, type Workspace } from '../store/workspace.js';

export interface WorkspaceOptions {
  workspace?: string;
}

export function workspacePath(ctx: Ctx, opts: WorkspaceOptions): string {
  return resolveWorkspacePath(ctx.cwd, opts.workspace, ctx.env.CCST_WORKSPACE);
}

/**
 * Opens the existing workspace: for reading only (`'read'`: status, exports, documents, --dry-run), or for writing —
 * then a workspace its owner made read-only (or in a read-only folder) is refused here, before any work, exit 2.
 */
export async function openExistingWorkspace(ctx: Ctx, opts: WorkspaceOptions, mode: 'read' | 'write' = 'write'): Promise<Workspace> {
  const file = workspacePath(ctx, opts);
  noteWorkspace(file);
  try {
    if (mode === 'write' && !isPostgresUrl(file) && fs.existsSync(file)) assertWritableWorkspace(file);
    return await openWorkspace(file, { create: false, readonly: mode === 'read' });
  } catch (e) {
    if (e instanceof WorkspaceMissingError) {
      throw new CcstError(
        'NO_WORKSPACE',
        EXIT.USAGE,
        `aucun workspace : ${e.file}`,
        ['Créez-le avec `ccst init --session 2024` ou indiquez-le avec --workspace / CCST_WORKSPACE.'],
      );
    }
    throw e;
  }
}

/** The file and its folder (SQLite writes its rollback journal beside it) must be writable. */
export function assertWritableWorkspace(file: string): void {
  for (const [target, what] of [[file, file], [path.dirname(file), `son dossier ${path.dirname(file)}`]] as const) {
    try {
      fs.accessSync(target, fs.constants.W_OK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') throw e;
      throw new CcstError('WORKSPACE_READONLY', EXIT.USAGE, `workspace en lecture seule : ${file}${target === file ? '' : ` (${what} n’accepte pas l’écriture)`}`, [
        code === 'EROFS'
          ? 'Le disque est en lecture seule : copiez le workspace sur un disque accessible en écriture (--workspace).'
          : `Cette commande enregistre dans le workspace : donnez-vous le droit d’écriture (chmod u+w ${target}) ou travaillez sur une copie (--workspace).`,
        'Les commandes de lecture (status, exports, documents, --dry-run) restent possibles.',
      ]);
    }
  }
}
