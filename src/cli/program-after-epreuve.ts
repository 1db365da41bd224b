// Commands of « après l'épreuve » (issue #14 §4): attendance (rooms' PV, justifications) and incidents (fraud cases,
// decisions, the report). Kept beside program.ts, which passes its own `action` (lazy import of each command module)
// and `examples` helpers, so that the registry stays one readable list per part of the session.
import type { Command } from 'commander';

type Action = (load: () => Promise<{ run(ctx: never, input: Record<string, unknown>): Promise<void> }>, argNames?: string[], fixed?: Record<string, unknown>) => (...args: unknown[]) => Promise<void>;

export function registerAfterEpreuve(program: Command, action: Action, examples: (lines: string[]) => string): void {
  const attendance = program.command('attendance').description('présences aux épreuves : PV de salle, absences (ABS) et leurs justifications (ABJ)');
  attendance
    .command('import')
    .description('importe le PV de salle (numero, epreuve, statut present/absent/retard, heure, observation) : ABS aux absents, retards au-delà de la limite signalés')
    .argument('<fichier>', 'fichier .csv ou .xlsx, ou - pour stdin (CSV)')
    .option('--epreuve <code>', 'épreuve du PV quand le fichier n’a pas de colonne epreuve, ex. E5')
    .option('--sheet <nom>', 'feuille du classeur XLSX (défaut : la première)')
    .option('--dry-run', 'vérifie et résume sans rien enregistrer')
    .option('--json', 'résumé en JSON sur stdout')
    .option('--retard-max <minutes>', 'règle de l’académie sur les retards, si le workspace n’en a pas (enregistrée)')
    .option('--retard-source <texte>', 'texte de l’académie qui fixe cette règle')
    .addHelpText('after', examples([
      'ccst attendance import pv-salle-E5.csv --epreuve E5',
      'ccst attendance import pv-salles.xlsx --dry-run',
      'ccst attendance import pv.csv --retard-max 60 --retard-source "circulaire Toulouse 2023 §1.1"',
    ]) + '\nUn absent reçoit ABS à l’unité de l’épreuve (éliminatoire) ; une note déjà saisie n’est jamais remplacée : conflit, code 4.\n')
    .action(action(() => import('./commands/attendance-import.js'), ['file']));
  attendance
    .command('justify')
    .description('enregistre la justification d’une absence : ABS devient ABJ (note zéro, D643-24), avec son motif')
    .argument('<numero>', 'numéro du candidat')
    .argument('<epreuve>', 'épreuve, ex. E5')
    .option('--motif <texte>', 'justification (obligatoire), ex. "certificat médical du 17/05"')
    .option('--json', 'résultat en JSON sur stdout')
    .addHelpText('after', examples(['ccst attendance justify 0231000042 E5 --motif "hospitalisation, certificat du 17/05/2023"']))
    .action(action(() => import('./commands/attendance-justify.js'), ['numero', 'epreuve']));

  const incidents = program.command('incidents').description('incidents et suspicions de fraude (circulaire nationale §G) : enregistrement, décision, rapport');
  incidents
    .command('add')
    .description('enregistre un incident ou une suspicion de fraude (--fraude) : PV marqué, relevé retenu jusqu’à la décision')
    .option('--numero <numero>', 'numéro du candidat')
    .option('--epreuve <code>', 'épreuve, ex. E5')
    .option('--salle <salle>', 'salle')
    .option('--heure <HH:MM>', 'heure des faits (heure locale du centre)')
    .option('--faits <texte>', 'faits constatés')
    .option('--pieces <texte>', 'pièces ou matériels saisis')
    .option('--fraude', 'fraude ou tentative de fraude (procédure disciplinaire)')
    .option('--json', 'incident en JSON sur stdout')
    .addHelpText('after', examples(['ccst incidents add --numero 0231000108 --epreuve E5 --salle B12 --heure 15:10 --faits "téléphone consulté pendant l’épreuve" --pieces "téléphone (photo de l’écran)" --fraude']))
    .action(action(() => import('./commands/incidents.js'), [], { sub: 'add' }));
  incidents
    .command('list')
    .description('liste les incidents (n°, candidat, épreuve, centre, salle, heure, nature, état)')
    .option('--json', 'liste en JSON sur stdout')
    .addHelpText('after', examples(['ccst incidents list', 'ccst incidents list --json']))
    .action(action(() => import('./commands/incidents.js'), [], { sub: 'list' }));
  incidents
    .command('close')
    .description('enregistre la décision disciplinaire et applique son effet au résultat (épreuve(s) annulée(s) : NUL, comptée 0) ; le relevé attend une nouvelle délibération')
    .argument('<id>', 'numéro de l’incident (ccst incidents list)')
    .option('--decision <texte>', 'décision de la commission de discipline (obligatoire)')
    .option('--effet <code>', 'effet (obligatoire) : aucune_sanction, blame, nullite_epreuve, nullite_groupe, nullite_session, interdiction (templates/discipline/bts-fraude.json)')
    .option('--duree <annees>', 'interdiction : durée en années fixée par la commission')
    .option('--sursis', 'interdiction prononcée avec sursis (au plus 2 ans) : enregistré et imprimé, mêmes notes annulées')
    .option('--unites <liste>', 'nullite_groupe : unités annulées par la décision, ex. U5,U6')
    .option('--dry-run', 'montre les notes qui seraient annulées, n’enregistre rien')
    .option('--json', 'résultat en JSON sur stdout')
    .addHelpText('after', examples([
      'ccst incidents close 1 --decision "commission de discipline du 03/07/2023 : fraude non établie" --effet aucune_sanction',
      'ccst incidents close 2 --decision "commission du 03/07/2023 : nullité de l’épreuve E5" --effet nullite_epreuve --dry-run',
      'ccst incidents close 3 --decision "commission du 03/07/2023 : interdiction 2 ans" --effet interdiction --duree 2',
      'ccst incidents close 4 --decision "commission du 03/07/2023 : interdiction 1 an avec sursis" --effet interdiction --duree 1 --sursis',
    ]))
    .action(action(() => import('./commands/incidents.js'), ['id'], { sub: 'close' }));
  incidents
    .command('report')
    .description('rapport de fraude ou d’incident pour la division des examens (PDF A4)')
    .argument('<id>', 'numéro de l’incident')
    .option('-o, --output <fichier>', 'fichier PDF (défaut : fraude-<id>.pdf)')
    .option('--force', 'remplace un fichier existant sans demander')
    .addHelpText('after', examples(['ccst incidents report 1 -o fraude.pdf']))
    .action(action(() => import('./commands/incidents.js'), ['id'], { sub: 'report' }));
}
