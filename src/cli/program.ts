// The command registry: every command, its flags and help. Command modules are imported only when run,
// so `ccst --help` does not pay for exceljs or pdfkit.
import { Command, Option } from 'commander';
import { processCtx, type Ctx } from './context.js';

type CommandModule = { run(ctx: Ctx, input: Record<string, unknown>): Promise<void> };

/** Adapts commander's (args…, opts, cmd) to run(ctx, {…globals, …opts, …named args}). */
function action(load: () => Promise<CommandModule>, argNames: string[] = []) {
  return async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command;
    const opts = cmd.optsWithGlobals() as Record<string, unknown>;
    const input: Record<string, unknown> = { ...opts };
    argNames.forEach((n, i) => (input[n] = args[i]));
    const ctx = processCtx({ color: opts.color === false ? false : undefined, debug: Boolean(opts.debug) });
    const mod = await load();
    await mod.run(ctx, input);
  };
}

const examples = (lines: string[]) => `\nExemples :\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

export function buildProgram(): Command {
  const program = new Command('ccst')
    .description('Organisation d’une session du BTS Conseil et commercialisation de solutions techniques (CCST).')
    .version('0.1.0', '-V, --version')
    .option('--workspace <fichier>', 'base de travail de la session (défaut : ./ccst.db ou $CCST_WORKSPACE)')
    .option('--no-color', 'sans couleurs (aussi NO_COLOR=1)')
    .option('--debug', 'affiche la trace complète des erreurs')
    .showHelpAfterError('(ccst --help pour l’aide)')
    .exitOverride();

  program
    .command('init')
    .description('crée le workspace de la session (questions posées au terminal si les options manquent)')
    .addOption(new Option('--session <annee>', 'année de la session, ex. 2024'))
    .option('--academie <nom>', 'académie qui utilise ce workspace, ex. TOULOUSE')
    .option('--regulation <fichier|id>', 'règlement : id fourni (bts-ccst-2024) ou votre fichier JSON')
    .option('--reset', 'efface un workspace existant (toutes ses données)')
    .option('-y, --yes', 'ne demande pas de confirmation')
    .option('--json', 'résultat en JSON sur stdout')
    .addHelpText('after', examples(['ccst init --session 2024 --academie TOULOUSE', 'ccst init --regulation mon-reglement.json --session 2025', 'ccst init --reset --yes --session 2024']))
    .action(action(() => import('./commands/init.js')));

  program
    .command('import')
    .description('importe une liste de candidats (CSV ou XLSX), validée ligne par ligne')
    .argument('<fichier>', 'fichier .csv ou .xlsx, ou - pour stdin (CSV)')
    .option('--sheet <nom>', 'feuille du classeur XLSX (défaut : la première)')
    .option('--dry-run', 'vérifie et résume sans rien enregistrer')
    .option('--skip-invalid', 'importe les lignes valides et signale les autres')
    .option('--map <colonne=champ...>', 'associe une colonne inconnue à un champ, ex. "Num Cand=numero"')
    .option('--json', 'résumé en JSON sur stdout')
    .addHelpText('after', examples(['ccst import candidats.xlsx', 'ccst import export-cyclades.csv --dry-run', 'ccst import liste.xlsx --sheet "BTS CCST" --skip-invalid', 'cat liste.csv | ccst import -']))
    .action(action(() => import('./commands/import.js'), ['file']));

  const candidates = program.command('candidates').description('candidats du workspace');
  candidates
    .command('export')
    .description('exporte les candidats avec la forme (CCF/ponctuel) de chaque unité')
    .option('-o, --output <fichier>', 'fichier .csv, .xlsx ou .json, ou - pour stdout', '-')
    .addOption(new Option('--csv-format <format>', 'format CSV').choices(['excel-fr', 'rfc4180']).default('excel-fr'))
    .option('--json', 'JSON sur stdout')
    .addHelpText('after', examples(['ccst candidates export -o candidats.xlsx', 'ccst candidates export --csv-format rfc4180 > candidats.csv']))
    .action(action(() => import('./commands/candidates-export.js')));

  const calendar = program.command('calendar').description('calendrier des épreuves écrites');
  calendar
    .command('import')
    .description('remplace le calendrier des écrits du règlement (colonnes : epreuve, date, zone, debut, fin, loge)')
    .argument('<fichier>', 'fichier .csv ou .xlsx')
    .option('--dry-run', 'vérifie sans enregistrer')
    .option('--json', 'calendrier retenu en JSON sur stdout')
    .addHelpText('after', examples(['ccst calendar import calendrier-2023.csv']))
    .action(action(() => import('./commands/calendar-import.js'), ['file']));

  program
    .command('status')
    .description('résumé du workspace : session, candidats par établissement et par voie')
    .option('--json', 'JSON sur stdout')
    .action(action(() => import('./commands/status.js')));

  program
    .command('demo')
    .description('déroule une session complète sur les données d’exemple, dans un dossier temporaire')
    .option('--dir <dossier>', 'dossier de travail (défaut : un dossier temporaire)')
    .addHelpText('after', examples(['npx ccst demo']))
    .action(action(() => import('./commands/demo.js')));

  return program;
}
