// Entry point: parse argv, run, and turn errors into exit codes — the only place that exits.
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { CcstError, EXIT } from './errors.js';
import { colorLevel } from './context.js';
import { Chalk } from 'chalk';

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
    if (e instanceof CcstError) {
      if (json) writeJsonError(e.code, e.exitCode, e.message, e.details, e.data);
      // A refused confirmation is the user's choice, not an error.
      else process.stderr.write(e.exitCode === EXIT.CANCELLED ? `${e.message}\n` : color.red(`Erreur : ${e.message}`) + '\n');
      if (!json) for (const d of e.details) process.stderr.write(`  ${d}\n`);
      if (debug && e.stack) process.stderr.write(e.stack + '\n');
      return e.exitCode;
    }
    if (e instanceof Error && e.name === 'ExitPromptError') {
      if (json) writeJsonError('CANCELLED', EXIT.CANCELLED, 'Opération annulée.');
      else process.stderr.write('Opération annulée.\n');
      return EXIT.CANCELLED;
    }
    const message = `Erreur inattendue (bug de ccst) : ${(e as Error)?.message ?? e}`;
    if (json) writeJsonError('BUG', EXIT.BUG, message);
    else process.stderr.write(color.red(message) + '\n');
    if (debug) process.stderr.write(String((e as Error)?.stack ?? e) + '\n');
    else if (!json) process.stderr.write('Relancez avec --debug pour la trace complète et signalez-la.\n');
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
