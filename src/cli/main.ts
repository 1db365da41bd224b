// Entry point: parse argv, run, and turn errors into exit codes — the only place that exits.
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { CcstError, EXIT } from './errors.js';
import { colorLevel } from './context.js';
import { terminalStream } from './terminal-text.js';
import { Chalk } from 'chalk';
import { environmentError } from './environment-errors.js';
import { installInterruptHandlers, removeLiveTemps, SIGNAL_EXIT } from '../io/interrupt.js';
import { useProcessTempDir } from '../io/temp-files.js';

/**
 * With --json, a failure is one JSON object on one line of stderr, the same shape for every command:
 * {"error":{"code","exitCode","message","details","data"?}} — stdout keeps only data (README « Sortie JSON »).
 */
function writeJsonError(code: string, exitCode: number, message: string, details: string[] = [], data?: unknown): void {
  process.stderr.write(JSON.stringify({ error: { code, exitCode, message, details, ...(data === undefined ? {} : { data }) } }) + '\n');
}

const COMMANDER_CODES: Record<string, string> = {
  'commander.unknownOption': 'UNKNOWN_OPTION',
  'commander.unknownCommand': 'UNKNOWN_COMMAND',
  'commander.missingArgument': 'MISSING_ARGUMENT',
  'commander.optionMissingArgument': 'MISSING_OPTION_VALUE',
  'commander.missingMandatoryOptionValue': 'MISSING_OPTION',
  'commander.invalidArgument': 'INVALID_OPTION_VALUE',
  'commander.excessArguments': 'TOO_MANY_ARGUMENTS',
  'commander.help': 'MISSING_SUBCOMMAND',
};

async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const json = argv.slice(2).includes('--json');
  const color = new Chalk({
    level: colorLevel(process.env, Boolean(process.stderr.isTTY), argv.includes('--no-color') ? false : undefined),
  });
  try {
    await buildProgram({ jsonErrors: json }).parseAsync(argv);
    return process.exitCode === undefined ? EXIT.OK : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are "errors" for commander; its own message is already printed.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.OK;
      // `ccst help` asked for it (0); `ccst candidates` without a subcommand gets the help on stderr and exit 2.
      if (e.code === 'commander.help' && e.exitCode === 0) return EXIT.OK;
      if (json) {
        const message = e.code === 'commander.help' ? 'commande incomplète : précisez une sous-commande (--help pour la liste)' : e.message.replace(/^Erreur : /, '');
        writeJsonError(COMMANDER_CODES[e.code] ?? 'USAGE', EXIT.USAGE, message);
      }
      return EXIT.USAGE;
    }
    return report(e, debug, color, json);
  }
}

/** The single place that turns an error into a message and an exit code. */
function report(e: unknown, debug: boolean, color: InstanceType<typeof Chalk>, json = false): number {
  // An error message may quote a cell, a file name or a library's text: never raw control characters (issue #9 item 8).
  const stderr = terminalStream(process.stderr, { sgr: color.level > 0 });
  const user = e instanceof CcstError ? e : environmentError(e);
  if (user) {
    // A refused confirmation is the user's choice, not an error.
    const cancel = user.exitCode === EXIT.CANCELLED || user.exitCode === (SIGNAL_EXIT.SIGTERM as number);
    if (json) writeJsonError(user.code, user.exitCode, user.message, user.details, user.data);
    else {
      stderr.write(cancel ? `${user.message}\n` : color.red(`Erreur : ${user.message}`) + '\n');
      for (const d of user.details) stderr.write(`  ${d}\n`);
    }
    if (debug) stderr.write(String((e as Error).stack ?? e) + '\n');
    return user.exitCode;
  }
  if (e instanceof Error && e.name === 'ExitPromptError') {
    if (json) writeJsonError('CANCELLED', EXIT.CANCELLED, 'Opération annulée.');
    else stderr.write('Opération annulée.\n');
    return EXIT.CANCELLED;
  }
  const message = `Erreur inattendue (bug de ccst) : ${(e as Error)?.message ?? e}`;
  if (json) writeJsonError('BUG', EXIT.BUG, message);
  else stderr.write(color.red(message) + '\n');
  if (debug) stderr.write(String((e as Error)?.stack ?? e) + '\n');
  else if (!json) stderr.write('Relancez avec --debug pour la trace complète et signalez-la.\n');
  return EXIT.BUG;
}

// `ccst … | head` closes our stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(EXIT.OK);
  throw e;
});

// stderr into a pipe is asynchronous in Node: what is queued behind a long summary is lost by process.exit — a
// Ctrl-C's « Opération annulée » or « interrompue après l’enregistrement » among it (issue #9 item 1: an exit 130
// with no word of what happened). Blocking writes keep every message, in order, as on a terminal.
(process.stderr as unknown as { _handle?: { setBlocking?: (blocking: boolean) => void } })._handle?.setBlocking?.(true);

// Ctrl-C → 130, SIGTERM → 143: our temp files are removed; a store commit in progress finishes first (interrupt.ts).
installInterruptHandlers((sig, afterCommit) => {
  process.stderr.write(afterCommit
    ? '\nOpération interrompue après l’enregistrement : le workspace et les fichiers écrits sont complets.\n'
    : '\nOpération annulée.\n');
  process.exit(SIGNAL_EXIT[sig]);
});

// Our own temp folder (<tmpdir>/ccst-<uid>/<pid>, 0700) for the libraries' temp files; stale ones swept (temp-files.ts).
try {
  useProcessTempDir();
} catch {
  // no private temp folder (a read-only /tmp…): the libraries keep the system's
}

// An error raised outside the command's promise (a stream's 'error' event without a listener): same report, no trace.
process.on('uncaughtException', (e) => {
  removeLiveTemps();
  const argv = process.argv;
  process.exit(report(e, argv.includes('--debug'), new Chalk({ level: 0 }), argv.slice(2).includes('--json')));
});

const code = await main(process.argv);
// Let stdout drain (pipes) before exiting.
process.exitCode = code;
