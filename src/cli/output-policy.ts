// One rule for outputs (issue #9 item 10), for every command that writes a file: never onto one of its input files
// or onto the workspace (compared by real path: a symlink or another spelling of the same file is caught); the
// target must be writable (commit-last.ts); an existing file is replaced only with --force — asked at a terminal,
// refused without one (exit 2, naming --force); on --dry-run nothing is written (the caller skips its files).
import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from './context.js';
import { usageError } from './errors.js';
import { checkOutputTargets } from './commit-last.js';
import { confirmOverwrite } from './pdf-output.js';
import { workspacePath, type WorkspaceOptions } from './workspace-access.js';

export interface OutputRule {
  /** The command's input files ('-' and undefined skipped). */
  inputs?: (string | undefined)[];
  /** The command's workspace options (--workspace, CCST_WORKSPACE, ./ccst.db): that file is never an output. */
  workspace?: WorkspaceOptions;
  force?: boolean;
  dryRun?: boolean;
}

/** The real path a file has or would have (its folder's real path + its name when it does not exist yet). */
export function realTarget(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(file)), path.basename(file));
    } catch {
      return path.resolve(file);
    }
  }
}

/** Files named by the user as outputs, resolved from ctx.cwd; '-' (stdout) and undefined dropped. */
export function outputFiles(ctx: Ctx, targets: (string | undefined)[]): string[] {
  return targets.filter((t): t is string => Boolean(t) && t !== '-').map((t) => path.resolve(ctx.cwd, t));
}

/**
 * Applies the rule to `targets` (files, or the files a directory target will receive). Returns false on --dry-run:
 * then the command writes no file at all.
 */
export async function claimOutputs(ctx: Ctx, targets: (string | undefined)[], rule: OutputRule): Promise<boolean> {
  const files = outputFiles(ctx, targets);
  const guarded = new Map<string, string>();
  for (const i of rule.inputs ?? []) {
    if (i && i !== '-') guarded.set(realTarget(path.resolve(ctx.cwd, i)), `le fichier d’entrée ${i}`);
  }
  if (rule.workspace) guarded.set(realTarget(workspacePath(ctx, rule.workspace)), 'le workspace');
  for (const f of files) {
    const what = guarded.get(realTarget(f));
    if (what) throw usageError(`sortie ${f} : c’est ${what}, qui serait écrasé`, ['Choisissez un autre nom de fichier de sortie (-o).']);
  }
  if (rule.dryRun) return false;
  checkOutputTargets(files);
  await confirmOverwrite(ctx, files.filter((f) => fs.existsSync(f) && !fs.statSync(f).isDirectory()), rule.force);
  return true;
}
