// The command registry: every command, its flags and help. Command modules are imported only when run,
// so `ccst --help` does not pay for exceljs or pdfkit.
import type { Command } from 'commander';
import { FrenchCommand, FrenchOption as Option } from './commander-fr.js';
import { processCtx, type Ctx } from './context.js';
import { terminalSafe } from './terminal-text.js';
import { takeTruncations } from '../documents/render/truncations.js';
import { registerAfterEpreuve } from './program-after-epreuve.js';

type CommandModule = { run(ctx: Ctx, input: Record<string, unknown>): Promise<void> };

/**
 * Adapts commander's (args…, opts, cmd) to run(ctx, {…globals, …opts, …named args, …fixed}); `fixed` names the
 * subcommand for a module that serves several (regulation show|check|new, controle convocations|bordereaux).
 */
function action(load: () => Promise<CommandModule>, argNames: string[] = [], fixed: Record<string, unknown> = {}) {
  return async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command;
    const opts = cmd.optsWithGlobals() as Record<string, unknown>;
    const input: Record<string, unknown> = { ...opts, ...fixed };
    argNames.forEach((n, i) => (input[n] = args[i]));
    const ctx = processCtx({ color: opts.color === false ? false : undefined, debug: Boolean(opts.debug) });
    const mod = await load();
    await mod.run(ctx, input);
    // Texts cut to fit their box in a PDF (issue #9 item 3): said once, after the command's own summary.
    const cut = takeTruncations();
    if (cut.length) {
      ctx.stderr.write(ctx.color.yellow(`Avertissement : ${cut.length} texte(s) trop long(s) coupé(s) dans les PDF (« … ») :`) + '\n');
      for (const t of cut.slice(0, 50)) ctx.stderr.write(`  ${t}\n`);
      if (cut.length > 50) ctx.stderr.write(`  … et ${cut.length - 50} autre(s).\n`);
    }
  };
}

const examples = (lines: string[]) => `\nExemples :\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

/** `jsonErrors`: commander's own error text is not written (main.ts writes the error as JSON instead). */
export function buildProgram(opts: { jsonErrors?: boolean } = {}): Command {
  const program = new FrenchCommand('ccst')
    .description('Organisation d’une session du BTS Conseil et commercialisation de solutions techniques (CCST).')
    .version('0.1.0', '-V, --version', 'affiche la version')
    .helpOption('-h, --help', 'affiche l’aide')
    .helpCommand('help [commande]', 'affiche l’aide d’une commande')
    .option('--workspace <fichier>', 'base de travail de la session (défaut : ./ccst.db ou $CCST_WORKSPACE)')
    .option('--no-color', 'sans couleurs (aussi NO_COLOR=1)')
    .option('--debug', 'affiche la trace complète des erreurs')
    .showHelpAfterError('(ccst --help pour l’aide)')
    // commander quotes the user's argument in its errors (« unknown option … »): no raw control characters either.
    .configureOutput({ writeErr: (s) => process.stderr.write(terminalSafe(s)) })
    .exitOverride();
  if (opts.jsonErrors) program.configureOutput({ writeErr: () => undefined, outputError: () => undefined });

  program
    .command('init')
    .description('crée le workspace de la session (questions posées au terminal si les options manquent)')
    .addOption(new Option('--session <annee>', 'année de la session, ex. 2024'))
    .option('--academie <nom>', 'académie qui utilise ce workspace, ex. TOULOUSE')
    .option('--regulation <fichier|id>', 'règlement : id fourni (bts-ccst-2024) ou votre fichier JSON')
    .option('--reset', 'efface un workspace existant (toutes ses données)')
    .option('-y, --yes', 'ne demande pas de confirmation')
    .option('--json', 'résultat en JSON sur stdout')
    .option('--retard-max <minutes>', 'règle de l’académie : accès en retard aux écrits dans cette limite (0 retire la règle)')
    .option('--retard-source <texte>', 'texte de l’académie qui fixe cette règle, imprimé sur les convocations')
    .addHelpText('after', examples(['ccst init --session 2024 --academie TOULOUSE', 'ccst init --session 2023 --academie TOULOUSE --retard-max 60 --retard-source "circulaire Toulouse 2023 §1.1"', 'ccst init --regulation mon-reglement.json --session 2025', 'ccst init --reset --yes --session 2024']))
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
    .option('--date-limite-inscription <AAAA-MM-JJ>', 'date limite d’inscription : une demande EF3 postérieure est refusée (D643-15-1) ; retenue pour les imports suivants')
    .addHelpText('after', examples(['ccst import candidats.xlsx', 'ccst import export-cyclades.csv --dry-run', 'ccst import liste.xlsx --sheet "BTS CCST" --skip-invalid', 'cat liste.csv | ccst import -']))
    .action(action(() => import('./commands/import.js'), ['file']));

  const candidates = program.command('candidates').description('candidats du workspace');
  candidates
    .command('export')
    .description('exporte les candidats avec la forme (CCF/ponctuel) de chaque unité')
    .option('-o, --output <fichier>', 'fichier .csv, .xlsx ou .json, ou - pour stdout', '-')
    .option('--force', 'remplace un fichier existant sans demander')
    .addOption(new Option('--csv-format <format>', 'format CSV').choices(['excel-fr', 'rfc4180']).default('excel-fr'))
    .option('--json', 'JSON sur stdout')
    .addHelpText('after', examples(['ccst candidates export -o candidats.xlsx', 'ccst candidates export --csv-format rfc4180 > candidats.csv']))
    .action(action(() => import('./commands/candidates-export.js')));

  const calendar = program.command('calendar').description('calendrier des épreuves écrites');
  calendar
    .command('import')
    .description('calendrier des écrits, épreuve par épreuve (colonnes : epreuve, date, zone, debut, fin, loge)')
    .argument('<fichier>', 'fichier .csv ou .xlsx')
    .option('--dry-run', 'vérifie sans enregistrer')
    .option('--replace', 'remplace tout le calendrier (sinon les épreuves absentes du fichier sont conservées)')
    .option('--json', 'calendrier retenu en JSON sur stdout')
    .option('--retard-max <minutes>', 'règle de l’académie : accès en retard aux écrits dans cette limite (0 retire la règle)')
    .option('--retard-source <texte>', 'texte de l’académie qui fixe cette règle, imprimé sur les convocations')
    .addHelpText('after', examples(['ccst calendar import calendrier-2023.csv', 'ccst calendar import report-E5.csv   # une seule épreuve : les autres restent', 'ccst calendar import calendrier-complet.xlsx --replace']))
    .action(action(() => import('./commands/calendar-import.js'), ['file']));

  const centres = program.command('centres').description('centres d’écrit et d’oral de la session');
  centres
    .command('import')
    .description('importe les centres (uai, nom, academie, type ecrit|oral, epreuves, capacite, dates, langues, origines…)')
    .argument('<fichier>', 'fichier .csv ou .xlsx, ou - pour stdin (CSV)')
    .option('--sheet <nom>', 'feuille du classeur XLSX (défaut : la première)')
    .option('--dry-run', 'vérifie sans rien enregistrer')
    .option('--json', 'centres retenus en JSON sur stdout')
    .addHelpText('after', examples(['ccst centres import centres.csv', 'ccst centres import centres.xlsx --dry-run']))
    .action(action(() => import('./commands/centres-import.js'), ['file']));

  const rooms = program.command('rooms').description('salles des centres d’écrit (capacité, PMR, aménagements) et leurs documents');
  rooms
    .command('import')
    .description('importe les salles (centre_uai, salle, capacite, accessible oui/non, amenagements oui/non, epreuves, dates)')
    .argument('<fichier>', 'fichier .csv ou .xlsx, ou - pour stdin (CSV)')
    .option('--sheet <nom>', 'feuille du classeur XLSX (défaut : la première)')
    .option('--dry-run', 'vérifie sans rien enregistrer')
    .option('--json', 'salles retenues en JSON sur stdout')
    .addHelpText('after', examples(['ccst rooms import salles.csv', 'ccst rooms import salles.xlsx --sheet "Salles" --dry-run']))
    .action(action(() => import('./commands/rooms-import.js'), ['file']));
  rooms
    .command('list')
    .description('salles du workspace, par centre')
    .option('--centre <uai>', 'seulement ce centre')
    .option('--json', 'JSON sur stdout')
    .addHelpText('after', examples(['ccst rooms list', 'ccst rooms list --centre 0310044E --json']))
    .action(action(() => import('./commands/rooms-list.js')));
  rooms
    .command('documents')
    .description('par salle : plan de salle (porte), étiquettes de table, liste d’émargement, procès-verbal de déroulement')
    .requiredOption('--epreuve <code>', 'épreuve écrite, ex. E5')
    .option('--centre <uai>', 'seulement ce centre')
    .option('-o, --output <dossier>', 'dossier de sortie (défaut : salles-<EPREUVE>)')
    .option('--force', 'remplace les fichiers existants sans demander')
    .addHelpText('after', examples(['ccst rooms documents --epreuve E5 -o salles-E5/', 'ccst rooms documents --epreuve E1 --centre 0310044E -o deodat/ --force']))
    .action(action(() => import('./commands/rooms-documents.js')));

  program
    .command('seat')
    .description('place chaque candidat d’une épreuve écrite dans une salle et à une place (aménagements, PMR, capacité)')
    .requiredOption('--epreuve <code>', 'épreuve écrite, ex. E5')
    .option('--centre <uai>', 'seulement ce centre (les autres gardent leurs places)')
    .addOption(new Option('--order <ordre>', 'ordre des places').choices(['nom', 'numero']).default('nom'))
    .option('--spread-establishments', 'évite, autant que possible, deux voisins du même établissement')
    .option('--reset', 'replace tout le monde (sinon les places données sont conservées)')
    .option('--dry-run', 'calcule sans rien enregistrer')
    .option('--json', 'rapport en JSON sur stdout')
    .addHelpText('after', examples(['ccst seat --epreuve E5', 'ccst seat --epreuve E5 --centre 0310044E --spread-establishments --dry-run', 'ccst seat --epreuve E1 --order numero --reset --json > places-E1.json']))
    .action(action(() => import('./commands/seat.js')));

  const seating = program.command('seating').description('places des candidats aux épreuves écrites');
  seating
    .command('export')
    .description('exporte numéro, épreuve, centre, salle, place et aménagement de chaque candidat placé')
    .option('--epreuve <code>', 'seulement cette épreuve')
    .option('--centre <uai>', 'seulement ce centre')
    .option('-o, --output <fichier>', 'fichier .csv, .xlsx ou .json, ou - pour stdout', '-')
    .option('--force', 'remplace un fichier existant sans demander')
    .addOption(new Option('--csv-format <format>', 'format CSV').choices(['excel-fr', 'rfc4180']).default('excel-fr'))
    .option('--json', 'JSON sur stdout')
    .addHelpText('after', examples(['ccst seating export --epreuve E5 -o places-E5.xlsx', 'ccst seating export --json', 'ccst seating export -o places.csv']))
    .action(action(() => import('./commands/seating-export.js')));

  const collectPins = (value: string, previous: string[] = []) => [...previous, value];
  program
    .command('assign-centres')
    .description('affecte chaque candidat à un centre pour chaque épreuve passée en ponctuel (regroupements de l’annexe 1)')
    .option('--dry-run', 'calcule et affiche sans rien enregistrer')
    .option('--json', 'rapport en JSON sur stdout')
    .option('--reset', 'replace tout le monde (les épinglages sont conservés)')
    .option('-y, --yes', 'ne demande pas de confirmation (--reset)')
    .option('--pin <NUMERO:EPREUVE=UAI>', 'impose un centre, conservé par les exécutions suivantes (répétable)', collectPins)
    .option('--pins <fichier>', 'épinglages en fichier (colonnes numero, epreuve, uai)')
    .option('--unpin <NUMERO:EPREUVE>', 'lève un épinglage (l’affectation redevient ordinaire ; répétable)', collectPins)
    .addHelpText('after', examples(['ccst assign-centres --dry-run', 'ccst assign-centres --pin 02412345678:E4=0311201M', 'ccst assign-centres --pins choix-manuels.csv', 'ccst assign-centres --reset --yes --json > affectation.json']))
    .action(action(() => import('./commands/assign-centres.js')));

  program
    .command('schedule-orals')
    .description('horaires des oraux ponctuels : jour, commission, heure de convocation et de passage')
    .option('--commissions <n>', 'commissions par centre, jour et épreuve', '1')
    .option('--day-start <HH:MM>', 'début de journée', '08:00')
    .option('--day-end <HH:MM>', 'fin de journée', '18:00')
    .option('--pause <HH:MM-HH:MM>', 'pause de midi, aucun oral ni préparation pendant (« aucune » pour s’en passer)', '12:00-13:30')
    .option('--ecart-min <minutes>', 'minutes au moins entre deux oraux d’un même candidat', '30')
    .option('--dry-run', 'calcule sans rien enregistrer')
    .option('--reset', 'recalcule tous les horaires')
    .option('-y, --yes', 'ne demande pas de confirmation (--reset)')
    .option('--json', 'horaires en JSON sur stdout')
    .addHelpText('after', examples(['ccst schedule-orals --commissions 2', 'ccst schedule-orals --day-start 08:30 --day-end 17:30 --dry-run', 'ccst schedule-orals --pause 12:30-13:30 --ecart-min 15']))
    .action(action(() => import('./commands/schedule-orals.js')));

  const examiners = program.command('examiners').description('examinateurs et correcteurs de la session');
  examiners
    .command('import')
    .description('importe les examinateurs (nom, prenom, email, profil, etablissement_uai, academie, epreuves, dates, max_candidats, max_copies)')
    .argument('<fichier>', 'fichier .csv ou .xlsx, ou - pour stdin (CSV)')
    .option('--sheet <nom>', 'feuille du classeur XLSX (défaut : la première)')
    .option('--dry-run', 'vérifie sans rien enregistrer')
    .option('--json', 'examinateurs retenus en JSON sur stdout')
    .addHelpText('after', examples(['ccst examiners import examinateurs.csv', 'ccst examiners import examinateurs.xlsx --dry-run']))
    .action(action(() => import('./commands/examiners-import.js'), ['file']));
  examiners
    .command('export')
    .description('exporte les examinateurs (mêmes colonnes que l’import)')
    .option('-o, --output <fichier>', 'fichier .csv, .xlsx ou .json, ou - pour stdout', '-')
    .option('--force', 'remplace un fichier existant sans demander')
    .addOption(new Option('--csv-format <format>', 'format CSV').choices(['excel-fr', 'rfc4180']).default('excel-fr'))
    .option('--json', 'JSON sur stdout')
    .addHelpText('after', examples(['ccst examiners export -o examinateurs.xlsx', 'ccst examiners export --json']))
    .action(action(() => import('./commands/examiners-export.js')));
  examiners
    .command('convocations')
    .description('une convocation PDF par examinateur et correcteur : commissions (candidats et horaires), lots de copies (n° d’anonymat), réunions')
    .option('-o, --output <dossier>', 'dossier des PDF (un fichier par examinateur)', 'convocations-examinateurs')
    .option('--epreuve <code>', 'seulement les commissions et les lots de cette épreuve')
    .option('--examinateur <email>', 'seulement la convocation de cet examinateur')
    .option('--entente <texte>', 'réunion d’entente : « AAAA-MM-JJ HH:MM lieu »')
    .option('--harmonisation <texte>', 'commission d’harmonisation : « AAAA-MM-JJ HH:MM lieu »')
    .option('--jobs <n>', 'fils de rendu en parallèle (défaut : nombre de cœurs)')
    .option('--force', 'remplace les fichiers existants sans demander')
    .option('--dry-run', 'vérifie sans écrire de fichier')
    .option('--json', 'liste des convocations en JSON sur stdout')
    .addHelpText('after', examples([
      'ccst examiners convocations -o convocations-examinateurs/',
      'ccst examiners convocations --epreuve E5 --entente "2024-05-13 14:00 Lycée Déodat, salle 12" --harmonisation "2024-05-27 09:00 visioconférence"',
      'ccst examiners convocations --examinateur jeanne.martin@ac-toulouse.fr -o convocations/ --force',
      'ccst examiners convocations --dry-run --json',
    ]))
    .action(action(() => import('./commands/examiners-convocations.js')));

  const commissions = program.command('commissions').description('commissions d’oral (composition de la circulaire nationale)');
  commissions
    .command('build')
    .description('compose une commission par centre, jour, épreuve et numéro planifiés par schedule-orals')
    .option('--epreuve <code>', 'seulement les commissions de cette épreuve (les autres restent telles quelles)')
    .option('--pin <COMMISSION[=email]>', 'garde un examinateur (ou toute la commission) aux exécutions suivantes (répétable)', collectPins)
    .option('--unpin <COMMISSION[=email]>', 'lève un épinglage (répétable)', collectPins)
    .option('--dry-run', 'calcule sans rien enregistrer')
    .option('--json', 'commissions en JSON sur stdout')
    .addHelpText('after', examples(['ccst commissions build', 'ccst commissions build --epreuve E4 --dry-run', 'ccst commissions build --pin E4-0311201M-2023-06-21-1=claire.roux@ac-toulouse.fr', 'ccst commissions build --pin E61-0311201M-2023-06-21-2']))
    .action(action(() => import('./commands/commissions-build.js')));
  commissions
    .command('list')
    .description('commissions composées : centre, jour, épreuve, membres (profil, établissement), candidats')
    .option('-o, --output <fichier>', 'fichier .csv, .xlsx ou .json, ou - pour stdout', '-')
    .option('--force', 'remplace un fichier existant sans demander')
    .addOption(new Option('--csv-format <format>', 'format CSV').choices(['excel-fr', 'rfc4180']).default('excel-fr'))
    .option('--json', 'JSON sur stdout (membres et candidats détaillés)')
    .addHelpText('after', examples(['ccst commissions list -o commissions.xlsx', 'ccst commissions list --json']))
    .action(action(() => import('./commands/commissions-list.js')));

  const copies = program.command('copies').description('copies anonymes des épreuves écrites : numéros d’anonymat, lots de correction, bordereaux');
  copies
    .command('anonymise')
    .description('un numéro d’anonymat pour chaque candidat présent à une épreuve écrite (les numéros déjà émis sont conservés)')
    .option('--epreuve <code>', 'épreuve écrite (ex. E5)')
    .option('--dry-run', 'compte sans rien enregistrer')
    .option('--json', 'comptes en JSON sur stdout (jamais la correspondance)')
    .addHelpText('after', examples(['ccst copies anonymise --epreuve E5', 'ccst copies anonymise --epreuve E3 --dry-run --json']))
    .action(action(() => import('./commands/copies-anonymise.js')));
  copies
    .command('lots')
    .description('répartit les copies anonymes en lots, chacun à un correcteur qualifié qui n’a aucune copie de son établissement')
    .option('--epreuve <code>', 'épreuve écrite (ex. E5)')
    .option('--size <n>', 'nombre de copies par lot (ex. 35)')
    .option('--reset', 'refait les lots non épinglés (sinon les lots existants sont conservés)')
    .option('--force', 'avec --reset : refait les lots même si des notes ont déjà été importées pour certains')
    .option('--pin <lot>', 'garde ce lot et son correcteur, même avec --reset (répétable)', collectPins)
    .option('--unpin <lot>', 'lève l’épinglage d’un lot (répétable)', collectPins)
    .option('--dry-run', 'calcule sans rien enregistrer')
    .option('--json', 'lots en JSON sur stdout : lot, correcteur, numéros d’anonymat (jamais les candidats)')
    .addHelpText('after', examples(['ccst copies lots --epreuve E5 --size 35', 'ccst copies lots --epreuve E5 --size 35 --json > lots-E5.json', 'ccst copies lots --epreuve E5 --size 30 --reset --pin E5-03']))
    .action(action(() => import('./commands/copies-lots.js')));
  copies
    .command('bordereaux')
    .description('un bordereau de notation par lot (PDF à signer et XLSX à renvoyer rempli) : numéros d’anonymat seulement')
    .option('--epreuve <code>', 'épreuve écrite (ex. E5)')
    .option('-o, --output <dossier>', 'dossier de sortie (défaut : bordereaux-copies-<épreuve>)')
    .option('--lot <nom>', 'seulement ce lot (ex. E5-03)')
    .option('--force', 'remplace les fichiers existants sans demander')
    .addHelpText('after', examples(['ccst copies bordereaux --epreuve E5 -o bordereaux-E5/', 'ccst copies bordereaux --epreuve E5 -o bordereaux-E5/ --lot E5-03 --force']))
    .action(action(() => import('./commands/copies-bordereaux.js')));
  copies
    .command('correspondance')
    .description('table numéro d’anonymat ↔ candidat (lève l’anonymat : --lever-anonymat obligatoire, export inscrit au journal)')
    .option('--epreuve <code>', 'épreuve écrite (ex. E5)')
    .option('-o, --output <fichier>', 'fichier .csv, .xlsx ou .json (jamais la sortie standard)')
    .option('--lever-anonymat', 'confirme que l’anonymat des copies est levé (après la saisie des notes)')
    .addOption(new Option('--csv-format <format>', 'format CSV').choices(['excel-fr', 'rfc4180']).default('excel-fr'))
    .option('--force', 'remplace un fichier existant sans demander')
    .addHelpText('after', examples(['ccst copies correspondance --epreuve E5 -o correspondance-E5.csv --lever-anonymat']))
    .action(action(() => import('./commands/copies-correspondance.js')));

  const assignments = program.command('assignments').description('affectations des candidats aux centres');
  assignments
    .command('export')
    .description('exporte centre, date et horaires de chaque candidat pour chaque épreuve ; listes d’émargement XLSX')
    .option('-o, --output <fichier>', 'fichier .csv, .xlsx ou .json, ou - pour stdout', '-')
    .option('--force', 'remplace un fichier existant sans demander')
    .addOption(new Option('--csv-format <format>', 'format CSV').choices(['excel-fr', 'rfc4180']).default('excel-fr'))
    .option('--json', 'JSON sur stdout')
    .option('--rollcall <dossier>', 'écrit aussi les listes d’appel et d’émargement XLSX (un classeur par centre)')
    .addHelpText('after', examples(['ccst assignments export -o affectations.xlsx', 'ccst assignments export -o affectations.csv --rollcall emargement/']))
    .action(action(() => import('./commands/assignments-export.js')));

  program
    .command('convocations')
    .description('convocations des candidats : épreuves, dates et horaires dans la zone du centre, lieu, consignes')
    .option('--centre <uai>', 'seulement les candidats convoqués dans ce centre')
    .option('--candidat <numero>', 'seulement ce candidat')
    .option('-o, --output <fichier|dossier>', 'PDF à écrire, ou dossier : un PDF par centre (défaut : convocations.pdf)')
    .option('--force', 'remplace un fichier existant sans demander')
    .option('--strict', 'refuse si une épreuve écrite n’a pas de date ou d’horaire (sinon : avertissement avec le nombre)')
    .option('--jobs <n>', 'fils de rendu en parallèle quand -o est un dossier (défaut : nombre de cœurs)')
    .addHelpText('after', examples(['ccst convocations', 'ccst convocations --centre 0310028M -o convocations-0310028M.pdf', 'ccst convocations --candidat 02412345678', 'ccst convocations -o convocations/']))
    .action(action(() => import('./commands/convocations.js')));

  program
    .command('grids')
    .description('grilles d’aide à l’évaluation (modèles de la circulaire nationale), pré-remplies pour chaque candidat')
    .requiredOption('--epreuve <code>', 'épreuve : E22, E4, E5, E61, E62, EF3 (ou U4, E6-1, U61…)')
    .addOption(new Option('--forme <forme>', 'forme de l’épreuve').choices(['ccf', 'ponctuel']).default('ponctuel'))
    .option('--centre <uai>', 'seulement les candidats de ce centre')
    .option('--blank', 'imprime le modèle vierge (aucun workspace nécessaire)')
    .addOption(new Option('--split-by <critere>', 'un PDF par centre, dans le dossier -o').choices(['centre']))
    .option('-o, --output <fichier|dossier>', 'PDF à écrire (défaut : grilles-<EPREUVE>-<forme>.pdf)')
    .option('--force', 'remplace un fichier existant sans demander')
    .option('--jobs <n>', 'fils de rendu en parallèle avec --split-by (défaut : nombre de cœurs)')
    .addHelpText('after', examples(['ccst grids --epreuve E4', 'ccst grids --epreuve E6-1 --forme ccf --centre 0310028M -o e61.pdf', 'ccst grids --epreuve E4 --split-by centre -o grilles/', 'ccst grids --epreuve E4 --blank']))
    .action(action(() => import('./commands/grids.js')));

  program
    .command('lists')
    .description('listes d’appel et d’émargement d’un centre par épreuve (et commission), PDF et XLSX, et bordereaux vierges')
    .requiredOption('--centre <UAI>', 'code UAI du centre')
    .option('-o, --output <dossier>', 'dossier de sortie (défaut : ./listes-<UAI>)')
    .option('--force', 'remplace un fichier existant sans demander')
    .option('--salles <salle:places,...>', 'répartit les candidats des épreuves écrites dans ces salles, ex. "A101:30,B204:24"')
    .addHelpText('after', examples(['ccst lists --centre 0310028M', 'ccst lists --centre 0310028M --salles "A101:30,B204:24" -o impressions/']))
    .action(action(() => import('./commands/lists.js')));

  program
    .command('conformity')
    .description('contrôle de conformité des dossiers E4, E61, E62 (annexe 4) : NV enregistré, formulaires, récapitulatif')
    .argument('<fichier>', 'dossiers .csv ou .xlsx (numero, epreuve, depot, attestation_stage, semaines_stage, …)')
    .option('--date-limite <date>', 'date limite de dépôt des dossiers, JJ/MM/AAAA ou AAAA-MM-JJ (un dépôt postérieur est hors délai)')
    .option('-o, --output <fichier.pdf>', 'formulaires « Contrôle de conformité » des candidats non conformes')
    .option('--force', 'remplace un fichier existant sans demander')
    .option('--summary <fichier>', 'récapitulatif .csv ou .xlsx (défaut : stdout)')
    .option('--sheet <nom>', 'feuille du classeur XLSX')
    .option('--partial', 'le fichier est incomplet : les candidats ponctuels sans ligne sont listés mais pas mis en NV')
    .option('--dry-run', 'vérifie et affiche le récapitulatif sans rien enregistrer')
    .addHelpText('after', examples(['ccst conformity dossiers.xlsx --date-limite 2024-03-08 -o non-conformes.pdf > conformite.csv', 'ccst conformity dossiers.csv --dry-run']))
    .action(action(() => import('./commands/conformity.js'), ['file']));

  // Issue #13 item 5: the notes come back by lot (bordereaux, anonymity numbers) and by numéro, into the workspace.
  const notes = program.command('notes').description('notes de la session réunies dans le workspace : bordereaux par lot, notes par numéro');
  notes
    .command('import')
    .description('importe des bordereaux de notation remplis (lot, anonymat, note, observation) ou des notes par numéro (CCF, oraux) : tout ou rien, avec l’historique des notes')
    .argument('<fichiers...>', 'fichiers .xlsx ou .csv : bordereaux de lots (en-tête lot, anonymat, note, observation sous le titre) ou notes par numéro (numero + une colonne par unité, ou numero, epreuve, note)')
    .option('--epreuve <code>', 'refuse toute note d’une autre épreuve (ex. E5)')
    .option('--dry-run', 'vérifie tout sans rien enregistrer')
    .option('--force', 'remplace aussi les notes ajustées par ccst harmonisation apply (refusé sans, avec la liste des copies)')
    .option('--json', 'résumé en JSON sur stdout')
    .addHelpText('after', examples(['ccst notes import bordereaux-E5/E5-01.xlsx bordereaux-E5/E5-02.xlsx --epreuve E5', 'ccst notes import bordereaux-E5/*.xlsx --dry-run', 'ccst notes import ccf-lycee-myriam.csv', 'ccst notes import oraux-E4-commission-1.xlsx --epreuve E4 --json']))
    .action(action(() => import('./commands/notes-import.js'), ['files']));
  notes
    .command('status')
    .description('par épreuve : candidats attendus, notes reçues, manquantes, codes ; par lot pour les copies anonymes (correcteur, copies sans note)')
    .option('--epreuve <code>', 'seulement cette épreuve (ex. E5)')
    .option('--json', 'JSON sur stdout')
    .addHelpText('after', examples(['ccst notes status', 'ccst notes status --epreuve E5', 'ccst notes status --json > etat-des-notes.json']))
    .action(action(() => import('./commands/notes-status.js')));

  program
    .command('deliberate')
    .description('délibération : décision de chaque candidat (MG exacte, contrôle, livrets) et PV ; sans fichier, sur les notes réunies dans le workspace (ccst notes import) ; sans workspace si le fichier porte nom/prénom')
    .argument('[notes]', 'notes .csv ou .xlsx : numero + une colonne par unité (U1, E2-1…), ou numero, epreuve, note ; - pour stdin ; absent : les notes du workspace')
    .option('-o, --output <fichier>', 'PV .csv, .xlsx ou .json, ou - pour stdout', '-')
    .option('--force', 'remplace un fichier existant sans demander')
    .option('--json', 'résultats détaillés en JSON sur stdout')
    .option('--jury <fichier>', 'modifications du jury (numero, unite, note, motif), tracées')
    .option('--livrets <fichier>', 'livrets scolaires examinés (numero, examine, fourni) — D643-26')
    .option('--controle <fichier>', 'notes des épreuves de contrôle (numero, unite, note)')
    .option('--sheet <nom>', 'feuille du classeur XLSX de notes')
    .addOption(new Option('--csv-format <format>', 'format CSV').choices(['excel-fr', 'rfc4180']).default('excel-fr'))
    .option('--dry-run', 'calcule et affiche le PV (stdout) sans rien enregistrer ni écrire de fichier')
    .addHelpText('after', examples(['ccst deliberate notes.csv > pv.csv', 'ccst deliberate -o pv.xlsx                       # notes du workspace (ccst notes import)', 'ccst deliberate notes.xlsx --jury jury.csv --livrets livrets.csv -o pv.xlsx', 'ccst deliberate notes.csv --controle controle.csv -o pv-final.csv']))
    .action(action(() => import('./commands/deliberate.js'), ['notes']));

  const regulation = program.command('regulation').description('règlement d’examen : afficher, vérifier, préparer celui d’une nouvelle session');
  regulation
    .command('show')
    .description('unités, coefficients, ECTS, formes par voie, dispenses, régime des épreuves de contrôle de la session')
    .argument('[reglement]', 'identifiant fourni (bts-ccst-2024) ou fichier .json (défaut : celui du workspace)')
    .option('--session <année>', 'session dont afficher le régime des épreuves de contrôle')
    .option('--json', 'JSON sur stdout')
    .addHelpText('after', examples(['ccst regulation show', 'ccst regulation show bts-ccst-2024 --session 2025']))
    .action(action(() => import('./commands/regulation.js'), ['file'], { action: 'show' }));
  regulation
    .command('check')
    .description('vérifie un fichier de règlement : schéma, coefficients, formes par voie, unités et académies nommées')
    .argument('<fichier>', 'fichier .json du règlement (ou identifiant fourni)')
    .option('--json', 'résultat en JSON sur stdout')
    .addHelpText('after', examples(['ccst regulation check mon-reglement.json']))
    .action(action(() => import('./commands/regulation.js'), ['file'], { action: 'check' }));
  regulation
    .command('new')
    .description('copie d’un règlement pour une autre session, à compléter ; liste les champs à confirmer')
    .requiredOption('--from <reglement>', 'règlement de départ (identifiant fourni ou fichier .json)')
    .requiredOption('--session <année>', 'session du nouveau règlement')
    .option('-o, --output <fichier.json>', 'fichier écrit (défaut : ./<id>.json)')
    .option('--force', 'remplace le fichier s’il existe déjà')
    .addHelpText('after', examples(['ccst regulation new --from bts-ccst-2024 --session 2027']))
    .action(action(() => import('./commands/regulation.js'), [], { action: 'new' }));

  const controle = program.command('controle').description('épreuves de contrôle entre les deux délibérations (choix, horaires, convocations, bordereaux, délibération)');
  controle
    .command('eligible')
    .description('candidats CONTROLE de la première délibération et unités que chacun peut choisir')
    .option('-o, --output <fichier>', 'liste .csv, .xlsx ou .json, ou - pour stdout', '-')
    .option('--force', 'remplace un fichier existant sans demander')
    .option('--json', 'JSON sur stdout')
    .addOption(new Option('--csv-format <format>', 'format CSV').choices(['excel-fr', 'rfc4180']).default('excel-fr'))
    .addHelpText('after', examples(['ccst controle eligible -o eligibles.xlsx']))
    .action(action(() => import('./commands/controle-eligible.js')));
  controle
    .command('choices')
    .description('enregistre les épreuves choisies (numero, unites), vérifiées contre la liste des candidats CONTROLE')
    .argument('<fichier>', 'fichier .csv ou .xlsx : numero ; unites (« U1 U3 ») ou une unité par ligne')
    .option('--dry-run', 'vérifie sans enregistrer')
    .option('--json', 'choix retenus en JSON sur stdout')
    .addHelpText('after', examples(['ccst controle choices choix.csv', 'ccst controle choices choix.xlsx --dry-run']))
    .action(action(() => import('./commands/controle-choices.js'), ['file']));
  controle
    .command('schedule')
    .description('horaires des oraux de contrôle (durées du règlement, temps majoré compris) dans un centre')
    .requiredOption('--centre <UAI>', 'centre des épreuves de contrôle')
    .requiredOption('--dates <jours>', 'jours des oraux, ex. 2023-07-06,2023-07-07')
    .option('--day-start <HH:MM>', 'début de journée', '08:00')
    .option('--day-end <HH:MM>', 'fin de journée', '18:00')
    .option('--commissions <n>', 'commissions par épreuve et par jour', '1')
    .option('--dry-run', 'calcule sans enregistrer')
    .option('-o, --output <fichier>', 'horaires en .csv, .xlsx ou .json (- pour stdout)')
    .option('--force', 'remplace un fichier existant sans demander')
    .addOption(new Option('--csv-format <format>', 'format CSV').choices(['excel-fr', 'rfc4180']).default('excel-fr'))
    .addHelpText('after', examples(['ccst controle schedule --centre 0311201M --dates 2023-07-06,2023-07-07 --commissions 2']))
    .action(action(() => import('./commands/controle-schedule.js')));
  for (const kind of ['convocations', 'bordereaux'] as const) {
    controle
      .command(kind)
      .description(kind === 'convocations' ? 'convocations aux épreuves de contrôle (une page par candidat)' : 'bordereaux de notation des épreuves de contrôle (unité, jour, commission)')
      .option('-o, --output <fichier>', `fichier .pdf${kind === 'bordereaux' ? ' ou .xlsx' : ''} (défaut : ./controle-${kind}.pdf)`)
      .option('--force', 'remplace un fichier existant sans demander')
      .addHelpText('after', examples([`ccst controle ${kind} -o controle-${kind}.pdf`]))
      .action(action(() => import('./commands/controle-documents.js'), [], { kind }));
  }
  controle
    .command('deliberate')
    .description('délibération après contrôle : CONTROLE → ADMIS ou AJOURNE (meilleure des deux notes), PV')
    .argument('<notes>', 'notes de contrôle .csv ou .xlsx : numero, unite, note (ou ABS) ; - pour stdin')
    .option('-o, --output <fichier>', 'PV .csv, .xlsx ou .json, ou - pour stdout', '-')
    .option('--force', 'remplace un fichier existant sans demander')
    .option('--json', 'résultats détaillés en JSON sur stdout')
    .addOption(new Option('--csv-format <format>', 'format CSV').choices(['excel-fr', 'rfc4180']).default('excel-fr'))
    .option('--dry-run', 'calcule et affiche le PV (stdout) sans rien enregistrer ni écrire de fichier')
    .addHelpText('after', examples(['ccst controle deliberate notes-controle.csv -o pv-controle.csv']))
    .action(action(() => import('./commands/controle-deliberate.js'), ['notes']));

  program
    .command('bordereaux')
    .description('bordereaux de notation d’une épreuve par centre/commission ou établissement (CCF), avec les notes du workspace')
    .requiredOption('--epreuve <code>', 'épreuve : E4, E6-1, U62…')
    .option('--centre <UAI>', 'seulement les candidats affectés à ce centre')
    .option('-o, --output <fichier>', 'fichier .pdf ou .xlsx (défaut : ./bordereaux-<épreuve>.pdf)')
    .option('--force', 'remplace un fichier existant sans demander')
    .option('--blank', 'sans les notes (à remplir par la commission)')
    .addHelpText('after', examples(['ccst bordereaux --epreuve E4', 'ccst bordereaux --epreuve E6-1 --centre 0310028M -o E61.xlsx']))
    .action(action(() => import('./commands/bordereaux.js')));

  program
    .command('releves')
    .description('relevés de notes (un par candidat délibéré) : notes, moyenne, décision, unités conservées ; relevé retenu (listé) pendant une procédure de fraude')
    .option('--candidat <numero...>', 'seulement ce(s) candidat(s)')
    .option('-o, --output <fichier.pdf>', 'fichier PDF', 'releves.pdf')
    .option('--force', 'remplace un fichier existant sans demander')
    .addHelpText('after', examples(['ccst releves -o releves-2024.pdf', 'ccst releves --candidat 24001 -o releve-24001.pdf']))
    .action(action(() => import('./commands/releves.js')));

  program
    .command('stats')
    .description('statistiques de la session après délibération : réussite par établissement, voie, académie, centre ; répartition des notes')
    .option('-o, --output <fichier>', 'rapport .pdf (avec graphiques), .xlsx ou .json')
    .addOption(new Option('--by <groupe>', 'un seul regroupement (défaut : tous)').choices(['etablissement', 'voie', 'academie', 'centre']))
    .option('--compare <pv>', 'PV d’une session précédente (CSV ou XLSX de ccst deliberate) : mêmes chiffres côte à côte')
    .option('--png <dossier>', 'écrit chaque graphique en PNG dans ce dossier')
    .option('--json', 'chiffres en JSON sur stdout')
    .option('--force', 'remplace un fichier existant sans demander')
    .addHelpText('after', examples(['ccst stats', 'ccst stats -o statistiques.pdf', 'ccst stats -o statistiques.xlsx --by etablissement', 'ccst stats --compare pv-2023.csv -o comparaison.pdf', 'ccst stats --png graphiques/ --json > stats.json']))
    .action(action(() => import('./commands/stats.js')));

  const harmonisation = program
    .command('harmonisation')
    .description('commission d’harmonisation d’une épreuve : notes par commission d’oral, établissement (CCF), lot de copies ou correcteur (écrit), écarts et test de Welch ; PDF avec graphiques, XLSX, JSON, PNG')
    .option('--epreuve <code>', 'épreuve : E4, E6-1, EF1…')
    .addOption(new Option('--par <groupe>', 'un seul regroupement (défaut : ceux de l’épreuve) : commission d’oral, établissement (CCF), lot de copies ou correcteur (écrit)').choices(['commission', 'etablissement', 'lot', 'correcteur']))
    .option('-o, --output <fichier>', 'rapport .pdf (avec graphiques), .xlsx ou .json')
    .option('--png <dossier>', 'écrit chaque graphique en PNG dans ce dossier')
    .option('--json', 'chiffres en JSON sur stdout')
    .option('--force', 'remplace un fichier existant sans demander')
    .addHelpText('after', examples(['ccst harmonisation --epreuve E4', 'ccst harmonisation --epreuve E4 -o harmonisation-E4.pdf', 'ccst harmonisation --epreuve E4 --par etablissement -o harmonisation-E4.xlsx', 'ccst harmonisation --epreuve E5 --par correcteur', 'ccst harmonisation --epreuve EF1 --png graphiques/ --json > EF1.json', 'ccst harmonisation apply ajustements.csv --dry-run']))
    .action(action(() => import('./commands/harmonisation.js')));
  harmonisation
    .command('apply')
    .description('applique les ajustements décidés par la commission (colonnes groupe, epreuve, ajustement, motif) en une transaction, avec l’historique des notes')
    .argument('<fichier>', 'fichier .csv ou .xlsx : groupe (commission « 0311201M C1 », UAI d’établissement ou lot « E5-03 »), epreuve, ajustement (+1, -0,5, ×1,05, ÷1,05), motif')
    .option('--dry-run', 'montre le résumé avant/après sans rien enregistrer')
    .option('--after-deliberation', 'accepte de modifier des notes de candidats déjà délibérés (délibérez ensuite à nouveau)')
    .option('--force', 'remplace une liste notes-modifiees-apres-deliberation.csv existante sans demander')
    .option('--json', 'résumé en JSON sur stdout')
    .addHelpText('after', examples(['ccst harmonisation apply ajustements.csv --dry-run', 'ccst harmonisation apply ajustements.csv', 'ccst harmonisation apply ajustements.xlsx --after-deliberation --json']))
    .action(action(() => import('./commands/harmonisation-apply.js'), ['file']));

  program
    .command('status')
    .description('résumé du workspace : session, candidats par établissement et par voie')
    .option('--json', 'JSON sur stdout')
    .action(action(() => import('./commands/status.js')));

  // Issue #12: the workspace itself — its schema, and a copy to the other engine (SQLite ↔ PostgreSQL).
  const workspace = program.command('workspace').description('le workspace lui-même : schéma, copie vers un autre moteur');
  workspace
    .command('migrate')
    .description('met le schéma à la version de ccst (PostgreSQL : rôle propriétaire du schéma)')
    .option('--dry-run', 'liste les étapes sans rien modifier')
    .option('--json', 'JSON sur stdout')
    .addHelpText('after', examples(['ccst workspace migrate --workspace postgresql://proprietaire@serveur/ccst_2025', 'ccst workspace migrate --dry-run']))
    .action(action(() => import('./commands/workspace-migrate.js')));
  workspace
    .command('copy')
    .description('copie tout le workspace vers un fichier SQLite ou une base PostgreSQL, vérifiée table par table')
    .requiredOption('--to <fichier|adresse>', 'workspace cible : fichier .db ou postgresql://utilisateur@hôte/base')
    .option('--replace', 'remplace le contenu d’une cible qui n’est pas vide')
    .option('--force', 'comme --replace')
    .option('--json', 'JSON sur stdout')
    .addHelpText('after', examples(['ccst workspace copy --to postgresql://dupont@pg.rectorat.fr/ccst_2025', 'ccst workspace copy --workspace postgresql://dupont@pg.rectorat.fr/ccst_2024 --to archive-2024.db']))
    .action(action(() => import('./commands/workspace-copy.js')));

  program
    .command('demo')
    .description('déroule une session complète sur les données d’exemple, dans un dossier temporaire')
    .option('--dir <dossier>', 'dossier de travail (défaut : un dossier temporaire) ; rempli à la fin, seulement si tout a réussi')
    .option('--force', 'remplace les fichiers d’une démonstration précédente dans --dir sans demander')
    .addHelpText('after', examples(['npx ccst demo', 'npx ccst demo --dir demo-2023', 'npx ccst demo --dir demo-2023 --force']))
    .action(action(() => import('./commands/demo.js')));

  registerAfterEpreuve(program, action, examples);

  return program;
}
