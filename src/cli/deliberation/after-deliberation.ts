// The warning of a note changed after a deliberation (ScoDoc's habit, STYLE.md): the PV stored earlier no longer
// matches the notes. Given by `ccst deliberate` and by `ccst harmonisation apply --after-deliberation`.
import path from 'node:path';
import type { Ctx } from '../context.js';
import { say } from '../context.js';
import { writeTable } from '../../io/table-writer.js';

/** Up to this many « note modifiée après délibération » lines on the terminal; beyond, a count and a file. */
const CHANGES_SHOWN = 10;

/**
 * Notes changed after a deliberation (ScoDoc's warning): a few are listed; thousands (a whole second notes file)
 * would flood the terminal, so they are counted and listed in full in a CSV beside the PV (or in the current folder).
 */
export async function reportChangesAfterDeliberation(ctx: Ctx, changes: { numero: string; unite: string; old: string; new: string }[], output: string): Promise<void> {
  if (changes.length === 0) return;
  if (changes.length <= CHANGES_SHOWN) {
    for (const c of changes) say(ctx, ctx.color.yellow(`Attention : note modifiée après délibération — ${c.numero} ${c.unite} : ${c.old} → ${c.new}`));
    return;
  }
  const dir = output === '-' ? ctx.cwd : path.dirname(path.resolve(ctx.cwd, output));
  const file = path.join(dir, 'notes-modifiees-apres-deliberation.csv');
  await writeTable(file, ctx.stdout, { columns: ['numero', 'unite', 'avant', 'apres'], rows: changes.map((c) => [c.numero, c.unite, c.old, c.new]) });
  const units = [...new Set(changes.map((c) => c.unite))].sort();
  say(ctx, ctx.color.yellow(`Attention : ${changes.length} note(s) modifiée(s) après délibération (${new Set(changes.map((c) => c.numero)).size} candidat(s) ; unités ${units.join(', ')}) — liste complète : ${file}`));
}
