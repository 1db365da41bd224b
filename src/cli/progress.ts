// Progress of a long run on stderr, only when stderr is a terminal (a pipe or a log file gets the summary lines
// alone). One line rewritten in place (\r), at most every 100 ms, then left with its final count. Used by import
// (rows read) and by the document commands (convocations, grids, relevés, lists: documents written).
import { writeWithControl } from './terminal-text.js';
import type { Ctx } from './context.js';

export interface Progress {
  /** `count` done so far (of `total` when known). */
  update(count: number): void;
  /** Adds `n` to the count. */
  add(n: number): void;
  /** Final count on its own line (only if progress was shown). */
  done(): void;
}

const INTERVAL_MS = 100;

export const stderrIsTTY = (ctx: Ctx) => Boolean((ctx.stderr as { isTTY?: boolean }).isTTY);

/**
 * `label` names what is counted (« convocations », « lignes lues »); with `total`, « 120/2 000 (6 %) ».
 * Nothing is shown below `minimum` (a one-page run needs no progress line).
 */
export function startProgress(ctx: Ctx, label: string, opts: { total?: number; minimum?: number } = {}): Progress {
  const { total, minimum = 1 } = opts;
  const enabled = stderrIsTTY(ctx) && (total === undefined || total >= minimum);
  let count = 0;
  let last = -Infinity;
  let shown = false;
  const line = () => {
    if (total === undefined) return `${label} : ${count}`;
    const pct = total > 0 ? Math.floor((count * 100) / total) : 100;
    return `${label} : ${count}/${total} (${pct} %)`;
  };
  const show = (force: boolean) => {
    if (!enabled) return;
    const now = Date.now();
    if (!force && now - last < INTERVAL_MS) return;
    last = now;
    shown = true;
    writeWithControl(ctx.stderr, '\r\x1b[2K', `${line()}…`);
  };
  return {
    update(n) {
      count = n;
      show(count === total);
    },
    add(n) {
      count += n;
      show(count === total);
    },
    done() {
      if (enabled && shown) writeWithControl(ctx.stderr, '\r\x1b[2K', `${line()}.\n`);
    },
  };
}
