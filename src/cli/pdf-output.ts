// Where a document command writes: a PDF file (default name in the current directory) or a directory of PDFs
// (one per centre). Overwriting an existing file asks at a terminal, else needs --force.
import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from './context.js';
import { confirmOrRefuse } from './confirm.js';
import { usageError } from './errors.js';

/** Confirms before replacing existing files (prompt at a terminal, else --force). */
export async function confirmOverwrite(ctx: Ctx, files: string[], force: boolean | undefined): Promise<void> {
  const existing = files.filter((f) => fs.existsSync(f));
  if (existing.length === 0 || force) return;
  const shown = existing.length === 1 ? existing[0]! : `${existing.length} fichiers (${path.basename(existing[0]!)}…)`;
  await confirmOrRefuse(ctx, `Remplacer ${shown} ?`, { yes: force, flagHint: '--force' });
}

/** True when -o names a directory (existing, or written with a trailing slash, or without .pdf). */
export function isDirectoryTarget(target: string): boolean {
  if (fs.existsSync(target)) return fs.statSync(target).isDirectory();
  return target.endsWith('/') || target.endsWith(path.sep) || path.extname(target).toLowerCase() !== '.pdf';
}

export function requirePdfName(target: string): void {
  if (path.extname(target).toLowerCase() !== '.pdf') throw usageError(`-o ${target} : un fichier .pdf est attendu`);
}

/** File-name part for a centre: its UAI, or "sans-centre" for candidates not placed yet. */
export const centrePart = (uai: string | undefined) => (uai ? uai.replace(/[^A-Za-z0-9_-]/g, '_') : 'sans-centre');
