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

async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const color = new Chalk({
    level: colorLevel(process.env, Boolean(process.stderr.isTTY), argv.includes('--no-color') ? false : undefined),
  });
  try {
    await buildProgram().parseAsync(argv);
    return process.exitCode === undefined ? EXIT.OK : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are "errors" for commander; its own message is already printed.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.OK;
      // `ccst help` asked for it (0); `ccst candidates` without a subcommand gets the help on stderr and exit 2.
      if (e.code === 'commander.help') return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
      return EXIT.USAGE;
    }
    return report(e, debug, color);
  }
}

/** The single place that turns an error into a message and an exit code. */
function report(e: unknown, debug: boolean, color: InstanceType<typeof Chalk>): number {
  // An error message may quote a cell, a file name or a library's text: never raw control characters (issue #9 item 8).
  const stderr = terminalStream(process.stderr, { sgr: color.level > 0 });
  const user = e instanceof CcstError ? e : environmentError(e);
  if (user) {
    // A refused confirmation is the user's choice, not an error.
    const cancel = user.exitCode === EXIT.CANCELLED || user.exitCode === (SIGNAL_EXIT.SIGTERM as number);
    stderr.write(cancel ? `${user.message}\n` : color.red(`Erreur : ${user.message}`) + '\n');
    for (const d of user.details) stderr.write(`  ${d}\n`);
    if (debug) stderr.write(String((e as Error).stack ?? e) + '\n');
    return user.exitCode;
  }
  if (e instanceof Error && e.name === 'ExitPromptError') {
    stderr.write('Opération annulée.\n');
    return EXIT.CANCELLED;
  }
  stderr.write(color.red(`Erreur inattendue (bug de ccst) : ${(e as Error)?.message ?? e}`) + '\n');
  if (debug) stderr.write(String((e as Error)?.stack ?? e) + '\n');
  else stderr.write('Relancez avec --debug pour la trace complète et signalez-la.\n');
  return EXIT.BUG;
}

// `ccst … | head` closes our stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(EXIT.OK);
  throw e;
});

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
  process.exit(report(e, argv.includes('--debug'), new Chalk({ level: 0 })));
});

const code = await main(process.argv);
// Let stdout drain (pipes) before exiting.
process.exitCode = code;
