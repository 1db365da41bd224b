// The warning of a note changed after a deliberation (ScoDoc's habit, STYLE.md): the PV stored earlier no longer
// matches the notes. Given by `ccst deliberate` and by `ccst harmonisation apply --after-deliberation`.
// Many changes go to a side file, notes-modifiees-apres-deliberation.csv: an output like the PV, so it follows the
// output rule (output-policy.ts: never an input or the workspace, --force to replace) and commit-last (rendered to
// its temp file before the store commits, renamed after; nothing on --dry-run, where nothing is stored).
import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from '../context.js';
import { say } from '../context.js';
import { usageError } from '../errors.js';
import { claimOutputs, realTarget, type OutputRule } from '../output-policy.js';
import { writeTable } from '../../io/table-writer.js';

/** Up to this many « note modifiée après délibération » lines on the terminal; beyond, a count and a file. */
const CHANGES_SHOWN = 10;

export const CHANGES_FILE = 'notes-modifiees-apres-deliberation.csv';

export interface NoteChange {
  numero: string;
  unite: string;
  old: string;
  new: string;
}

/** Where the full list goes: beside the PV, or in the current folder when the PV goes to stdout (or there is none). */
export function changesFile(ctx: Ctx, output: string): string {
  const dir = output === '-' ? ctx.cwd : path.dirname(path.resolve(ctx.cwd, output));
  return path.join(dir, CHANGES_FILE);
}

const isThePv = (ctx: Ctx, file: string, output: string) => output !== '-' && realTarget(file) === realTarget(path.resolve(ctx.cwd, output));

/**
 * Before any reading, when a deliberation is already stored (so this run may write the list): an old list beside the
 * PV is claimed now — refused without --force (exit 2), asked at a terminal — rather than after minutes of reading and
 * deciding a national session. Returns whether it was claimed (then renderChangesFile does not ask again). Nothing
 * is claimed when there is no old list, or when the PV itself bears its name (renderChangesFile refuses that).
 */
export async function claimOldChangesFile(ctx: Ctx, output: string, rule: OutputRule): Promise<boolean> {
  const file = changesFile(ctx, output);
  if (rule.dryRun || !fs.existsSync(file) || isThePv(ctx, file, output)) return false;
  await claimOutputs(ctx, [file], rule);
  return true;
}

/**
 * Renders the side file when the changes are too many for the terminal: call inside commit-last's render (the file
 * stays in its temp file until the store has committed). The rule is the PV's: an input, the workspace or the PV
 * itself is refused (exit 2), an existing file is replaced only with --force (asked at a terminal) — unless `claimed`
 * by claimOldChangesFile at the start.
 */
export async function renderChangesFile(ctx: Ctx, changes: NoteChange[], output: string, rule: OutputRule, claimed = false): Promise<void> {
  if (changes.length <= CHANGES_SHOWN) return;
  const file = changesFile(ctx, output);
  if (isThePv(ctx, file, output)) {
    throw usageError(`sortie ${output} : c’est le nom de la liste des notes modifiées après délibération (${CHANGES_FILE}), écrite à côté du PV`, ['Choisissez un autre nom pour le PV (-o).']);
  }
  if (!claimed || !fs.existsSync(file)) await claimOutputs(ctx, [file], { ...rule, dryRun: false });
  await writeTable(file, ctx.stdout, { columns: ['numero', 'unite', 'avant', 'apres'], rows: changes.map((c) => [c.numero, c.unite, c.old, c.new]) });
}

/**
 * After the commit: a few changes are listed; thousands (a whole second notes file) would flood the terminal, so
 * they are counted and named in the side file renderChangesFile wrote.
 */
export function reportChangesAfterDeliberation(ctx: Ctx, changes: NoteChange[], output: string): void {
  if (changes.length === 0) return;
  if (changes.length <= CHANGES_SHOWN) {
    for (const c of changes) say(ctx, ctx.color.yellow(`Attention : note modifiée après délibération — ${c.numero} ${c.unite} : ${c.old} → ${c.new}`));
    return;
  }
  const units = [...new Set(changes.map((c) => c.unite))].sort();
  say(ctx, ctx.color.yellow(`Attention : ${changes.length} note(s) modifiée(s) après délibération (${new Set(changes.map((c) => c.numero)).size} candidat(s) ; unités ${units.join(', ')}) — liste complète : ${changesFile(ctx, output)}`));
}

/**
 * After the commit, when the old list was claimed (--force) but this run changed too few notes to write a new one:
 * the old list no longer describes the stored deliberation, so it goes — left in place, an agent would read an
 * earlier run's changes as this one's.
 */
export function dropStaleChangesFile(ctx: Ctx, changes: NoteChange[], output: string): void {
  if (changes.length > CHANGES_SHOWN) return;
  const file = changesFile(ctx, output);
  try {
    fs.rmSync(file, { force: true });
    say(ctx, `Ancienne liste des notes modifiées après délibération supprimée (${file}) : elle ne correspond plus à cette délibération.`);
  } catch (e) {
    say(ctx, ctx.color.yellow(`Attention : l’ancienne liste ${file} n’a pas pu être supprimée (${(e as NodeJS.ErrnoException).code ?? 'erreur'}) ; elle ne correspond plus à cette délibération.`));
  }
}
