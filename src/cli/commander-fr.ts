// Commander in French, through its own extension points: a Command subclass (commander creates every
// subcommand with `createCommand`, every option with `createOption`, the help with `createHelp`), whose
// message methods say the same things in French. Commander has no locale (tj/commander.js#1801): these
// methods — unknownOption, missingMandatoryOptionValue, … — are where each of its usage errors is worded,
// and each still ends in commander's `error()` with commander's own error code, so exit handling is unchanged.
// test/first-contact/item10-french.test.ts runs every one of them: an upgrade that renames one shows up there.
import { Command, Help, InvalidArgumentError, Option } from 'commander';

/** Headings commander passes to `styleTitle`, in French (typographic space before the colon). */
const TITLES: Record<string, string> = {
  'Usage:': 'Utilisation :',
  'Arguments:': 'Arguments :',
  'Options:': 'Options :',
  'Global Options:': 'Options globales :',
  'Commands:': 'Commandes :',
};

const quoteList = (values: readonly string[]) => values.map((v) => `« ${v} »`).join(', ');

/** Levenshtein distance, for « vouliez-vous dire … ? » after a mistyped option or command. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

export function suggestion(word: string, candidates: string[]): string {
  const bare = word.replace(/^--/, '');
  let best = Infinity;
  let found: string[] = [];
  for (const c of new Set(candidates)) {
    const dist = distance(bare, c.replace(/^--/, ''));
    if (dist > Math.max(1, Math.floor(bare.length * 0.4))) continue;
    if (dist < best) [best, found] = [dist, [c]];
    else if (dist === best) found.push(c);
  }
  if (found.length === 0) return '';
  return found.length === 1 ? `\n(vouliez-vous dire ${found[0]} ?)` : `\n(vouliez-vous dire l’une de : ${found.join(', ')} ?)`;
}

export class FrenchHelp extends Help {
  override styleTitle(str: string): string {
    return TITLES[str] ?? str;
  }

  override commandUsage(cmd: Command): string {
    return super.commandUsage(cmd).replace(/ \[command\]/, ' [commande]');
  }

  override subcommandTerm(cmd: Command): string {
    const args = cmd.registeredArguments.map((a) => (a.required ? `<${a.name()}${a.variadic ? '...' : ''}>` : `[${a.name()}${a.variadic ? '...' : ''}]`));
    return [cmd.name(), ...(cmd.options.length ? ['[options]'] : []), ...(cmd.commands.length ? ['<commande>'] : []), ...args].join(' ');
  }

  override optionDescription(option: Option): string {
    const extra: string[] = [];
    if (option.argChoices) extra.push(`valeurs : ${option.argChoices.join(', ')}`);
    if (option.defaultValue !== undefined && (option.required || option.optional)) {
      extra.push(`défaut : ${option.defaultValueDescription ?? String(option.defaultValue)}`);
    }
    if (option.envVar !== undefined) extra.push(`variable d’environnement : ${option.envVar}`);
    return extra.length ? `${option.description} (${extra.join(' ; ')})`.trim() : option.description;
  }
}

/** An option whose `choices()` refuses a value in French. */
export class FrenchOption extends Option {
  override choices(values: readonly string[]): this {
    super.choices(values);
    const allowed = values.slice();
    this.parseArg = <T>(arg: string, previous: T): T => {
      if (!allowed.includes(arg)) throw new InvalidArgumentError(`Valeurs possibles : ${allowed.join(', ')}.`);
      return (this.variadic ? [...((previous as unknown as string[] | undefined) ?? []), arg] : arg) as unknown as T;
    };
    return this;
  }
}

// The message methods overridden below are commander's (lib/command.js, v14); TypeScript's typings omit
// the ones commander marks private, hence the declarations.
interface CommanderInternals {
  _allowUnknownOption: boolean;
  _allowExcessArguments: boolean;
  _showSuggestionAfterError: boolean;
  _enablePositionalOptions: boolean;
}

export class FrenchCommand extends Command {
  override createCommand(name?: string): FrenchCommand {
    return new FrenchCommand(name);
  }

  override createOption(flags: string, description?: string): FrenchOption {
    return new FrenchOption(flags, description);
  }

  override createHelp(): Help {
    return Object.assign(new FrenchHelp(), this.configureHelp());
  }

  private get internals(): CommanderInternals {
    return this as unknown as CommanderInternals;
  }

  private usage_(message: string, code: string): never {
    this.error(`Erreur : ${message}`, { code, exitCode: 2 });
    throw new Error('unreachable'); // error() exits or throws (exitOverride)
  }

  missingArgument(name: string): void {
    this.usage_(`argument obligatoire manquant : <${name}>.`, 'commander.missingArgument');
  }

  optionMissingArgument(option: Option): void {
    this.usage_(`l’option ${option.flags} attend une valeur.`, 'commander.optionMissingArgument');
  }

  missingMandatoryOptionValue(option: Option): void {
    this.usage_(`l’option obligatoire ${option.flags} est absente.`, 'commander.missingMandatoryOptionValue');
  }

  unknownOption(flag: string): void {
    if (this.internals._allowUnknownOption) return;
    let hint = '';
    if (flag.startsWith('--') && this.internals._showSuggestionAfterError) {
      const flags: string[] = [];
      for (let c: Command | null = this; c; c = c.parent) {
        flags.push(...c.createHelp().visibleOptions(c).flatMap((o) => (o.long ? [o.long] : [])));
        if ((c as unknown as CommanderInternals)._enablePositionalOptions) break;
      }
      hint = suggestion(flag, flags);
    }
    this.usage_(`option inconnue : ${flag}${hint}`, 'commander.unknownOption');
  }

  _excessArguments(received: string[]): void {
    if (this.internals._allowExcessArguments) return;
    const expected = this.registeredArguments.length;
    const where = this.parent ? ` pour « ${this.name()} »` : '';
    this.usage_(`trop d’arguments${where} : ${expected} attendu(s), ${received.length} reçu(s) (${quoteList(received)}).`, 'commander.excessArguments');
  }

  unknownCommand(): void {
    const name = this.args[0] ?? '';
    const names = this.createHelp().visibleCommands(this).flatMap((c) => [c.name(), ...c.aliases()]);
    const hint = this.internals._showSuggestionAfterError ? suggestion(name, names) : '';
    this.usage_(`commande inconnue : ${name}${hint}`, 'commander.unknownCommand');
  }

  /** Where commander words a refused option or argument value (the refusal itself comes from parseArg). */
  _callParseArg(target: Option | { name(): string; parseArg?: (v: string, p: unknown) => unknown }, value: string, previous: unknown, _english: string): unknown {
    try {
      return target.parseArg!(value, previous);
    } catch (err) {
      if ((err as { code?: string }).code === 'commander.invalidArgument') {
        const what = target instanceof Option ? `l’option ${target.flags}` : `l’argument <${target.name()}>`;
        this.usage_(`valeur « ${value} » refusée pour ${what}. ${(err as Error).message}`, 'commander.invalidArgument');
      }
      throw err;
    }
  }
}
