// Entry point: parse argv, run, and turn errors into exit codes — the only place that exits.
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { CcstError, EXIT } from './errors.js';
import { colorLevel } from './context.js';
import { terminalStream } from './terminal-text.js';
import { Chalk } from 'chalk';

async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const color = new Chalk({
    level: colorLevel(process.env, Boolean(process.stderr.isTTY), argv.includes('--no-color') ? false : undefined),
  });
  // An error message may quote a cell, a file name or a library's text: never raw control characters (issue #9 item 8).
  const stderr = terminalStream(process.stderr, { sgr: color.level > 0 });
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
    if (e instanceof CcstError) {
      // A refused confirmation is the user's choice, not an error.
      stderr.write(e.exitCode === EXIT.CANCELLED ? `${e.message}\n` : color.red(`Erreur : ${e.message}`) + '\n');
      for (const d of e.details) stderr.write(`  ${d}\n`);
      if (debug && e.stack) stderr.write(e.stack + '\n');
      return e.exitCode;
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
}

// `ccst … | head` closes our stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(EXIT.OK);
  throw e;
});

process.on('SIGINT', () => {
  process.stderr.write('\nOpération annulée.\n');
  process.exit(EXIT.CANCELLED);
});

const code = await main(process.argv);
// Let stdout drain (pipes) before exiting.
process.exitCode = code;
