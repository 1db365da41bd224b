// Destructive actions ask first — at a terminal. Without a terminal (CI, pipes) the flag --yes is required.
import type { Ctx } from './context.js';
import { cancelled, usageError } from './errors.js';

export async function confirmOrRefuse(ctx: Ctx, question: string, opts: { yes?: boolean; flagHint?: string }): Promise<void> {
  if (opts.yes) return;
  if (!ctx.isTTY) {
    throw usageError(`${question} — confirmation impossible sans terminal : ajoutez ${opts.flagHint ?? '--yes'}.`);
  }
  const ok = await ctx.prompt.confirm(question, false);
  if (!ok) throw cancelled();
}
