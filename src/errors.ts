// User-facing errors carry an exit code; anything else reaching main.ts is a bug (exit 1). A vocabulary shared by every
// layer (io readers refuse a cell with it, commands a usage): it lives below them all — src/cli/errors.ts re-exports it.
// Exit codes (README « Codes de sortie »): 0 ok · 1 bug · 2 usage · 3 invalid input · 4 rule conflict · 75 conflict with
// another agent's concurrent change, re-run (EX_TEMPFAIL, sysexits.h) · 130 cancelled.
export const EXIT = { OK: 0, BUG: 1, USAGE: 2, INVALID_INPUT: 3, RULE_CONFLICT: 4, CONFLICT: 75, CANCELLED: 130 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CcstError extends Error {
  constructor(
    readonly code: string,
    readonly exitCode: ExitCode,
    message: string,
    /** Extra lines shown under the message (e.g. grouped cell errors). */
    readonly details: string[] = [],
    /** Structured data for --json consumers. */
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'CcstError';
  }
}

export const usageError = (message: string, details: string[] = []) =>
  new CcstError('USAGE', EXIT.USAGE, message, details);
export const inputError = (message: string, details: string[] = [], data?: unknown) =>
  new CcstError('INVALID_INPUT', EXIT.INVALID_INPUT, message, details, data);
export const ruleConflict = (message: string, details: string[] = [], data?: unknown) =>
  new CcstError('RULE_CONFLICT', EXIT.RULE_CONFLICT, message, details, data);
export const cancelled = (message = 'Opération annulée.') => new CcstError('CANCELLED', EXIT.CANCELLED, message);
