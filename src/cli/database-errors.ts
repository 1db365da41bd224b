// The database's own errors as the user's (issue #12): another agent's concurrent change (exit 75, « relancez »), a
// PostgreSQL role without the right (exit 2), a server that cannot be reached or refuses the login (exit 2). Each
// message names the workspace with its password left out (redactUrl) and says what to do; nothing was stored: every
// command is one transaction, rolled back on any of these.
import { CcstError, EXIT } from './errors.js';
import { NewerSchemaError, SchemaMigrationRefusedError } from '../store/migrate.js';
import { WorkspaceMissingError } from '../store/workspace.js';

/** A PostgreSQL error as node-postgres gives it (DatabaseError): SQLSTATE code and the fields the server sent. */
interface PgError extends Error {
  code: string;
  severity?: string;
  table?: string;
  constraint?: string;
  detail?: string;
  ccstCommand?: string;
  ccstAgent?: string;
}

const isPgError = (e: Error): e is PgError =>
  typeof (e as PgError).code === 'string' && /^[0-9A-Z]{5}$/.test((e as PgError).code) && 'severity' in e;

/** SQLSTATEs of a concurrent writer: serialization_failure, deadlock_detected, unique_violation, lock_not_available. */
const CONFLICTS = new Set(['40001', '40P01', '23505', '55P03']);

/** The conflicting key as the server states it: « Key (numero)=(0231000001) already exists. » → numero 0231000001. */
function conflictingKey(detail: string | undefined): string | undefined {
  const m = /^Key \((.+?)\)=\((.+?)\)/.exec(detail ?? '');
  return m ? `${m[1]} ${m[2]}` : undefined;
}

export function databaseError(e: Error, workspace: string): CcstError | undefined {
  if (e instanceof WorkspaceMissingError) {
    // A PostgreSQL database without ccst's tables, or a missing file, met outside openExistingWorkspace.
    return new CcstError('NO_WORKSPACE', EXIT.USAGE, `aucun workspace : ${e.file}`, [
      'Créez-le avec `ccst init --session 2024` ou indiquez-le avec --workspace / CCST_WORKSPACE.',
    ]);
  }
  if (e instanceof NewerSchemaError) {
    return new CcstError('ENVIRONMENT', EXIT.USAGE, `${e.message} : ${workspace}`, ['Mettez ccst à jour (la même version pour tous les agents de la session).']);
  }
  if (e instanceof SchemaMigrationRefusedError) {
    return new CcstError('PG_PRIVILEGE', EXIT.USAGE, e.message, [
      `Le propriétaire du schéma (le rôle qui a lancé ccst init) le met à jour : ccst workspace migrate --workspace ${e.target}`,
      'Les autres rôles ne modifient jamais le schéma.',
    ]);
  }
  if (isPgError(e)) return pgError(e, workspace);
  const code = (e as NodeJS.ErrnoException).code;
  if (/^postgres/i.test(workspace) && code && ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH'].includes(code)) {
    return new CcstError('ENVIRONMENT', EXIT.USAGE, `serveur PostgreSQL injoignable (${code}) : ${workspace}`, [
      'Vérifiez l’hôte et le port de l’URL, que le serveur est démarré et accepte les connexions (pg_isready), puis relancez.',
    ]);
  }
  if (/^postgres/i.test(workspace) && /client password must be a string|password authentication failed/i.test(e.message)) {
    return authError(workspace);
  }
  if (/^postgres/i.test(workspace) && /Connection terminated|timeout exceeded when trying to connect/i.test(e.message)) {
    return new CcstError('ENVIRONMENT', EXIT.USAGE, `connexion au serveur PostgreSQL interrompue : ${workspace}`, ['Relancez la commande ; rien n’a été enregistré.']);
  }
  return undefined;
}

/**
 * What a command read before its transaction changed meanwhile (another agent's command committed in between): the
 * same message and exit code as the server's own conflicts.
 */
export function concurrentChange(command: string, what: string): CcstError {
  return new CcstError('CONFLICT', EXIT.CONFLICT, `conflit : « ccst ${command} » a croisé la modification d’un autre agent (${what}) — rien n’a été enregistré`, [
    'Relancez la commande : elle repartira des données à jour.',
  ]);
}

function authError(workspace: string): CcstError {
  return new CcstError('ENVIRONMENT', EXIT.USAGE, `connexion refusée par le serveur PostgreSQL (authentification) : ${workspace}`, [
    'Le mot de passe ne se donne pas sur la ligne de commande : PGPASSWORD, un fichier ~/.pgpass (mode 0600) ou un fichier de service (PGSERVICE).',
  ]);
}

function pgError(e: PgError, workspace: string): CcstError | undefined {
  if (CONFLICTS.has(e.code)) {
    const key = conflictingKey(e.detail);
    const what = [e.table && `table ${e.table}`, key].filter(Boolean).join(', ');
    return new CcstError('CONFLICT', EXIT.CONFLICT,
      `conflit : ${e.ccstCommand ? `« ccst ${e.ccstCommand} » ` : ''}a croisé la modification d’un autre agent sur ${workspace}${what ? ` (${what})` : ''} — rien n’a été enregistré`,
      ['Relancez la commande : elle repartira des données à jour.'],
      { sqlstate: e.code, table: e.table, key });
  }
  if (e.code === '42501') {
    const on = /permission denied for (?:table|relation|sequence|schema) (\S+)/i.exec(e.message)?.[1];
    const role = e.ccstAgent ? ` (${e.ccstAgent})` : '';
    return new CcstError('PG_PRIVILEGE', EXIT.USAGE, `ce rôle PostgreSQL${role} ne peut pas écrire dans le workspace ${workspace}${on ? ` (table ${on})` : ''} : droit refusé`, [
      'Cette commande enregistre dans le workspace : utilisez un rôle rédacteur (README « Rôles PostgreSQL »). Les exports et documents restent possibles avec ce rôle.',
    ]);
  }
  if (e.code === '25006') {
    return new CcstError('PG_PRIVILEGE', EXIT.USAGE, `le serveur PostgreSQL n’accepte que la lecture : ${workspace}`, ['Connectez-vous au serveur principal (pas à une réplique en lecture seule).']);
  }
  if (e.code === '28P01' || e.code === '28000') return authError(workspace);
  if (e.code === '3D000') {
    return new CcstError('ENVIRONMENT', EXIT.USAGE, `base de données PostgreSQL introuvable : ${workspace}`, [
      'La base est créée par l’administrateur du serveur (createdb), puis ccst init --workspace <URL> y crée le workspace.',
    ]);
  }
  if (e.code === '53300' || e.code === '57P03') {
    return new CcstError('ENVIRONMENT', EXIT.USAGE, `le serveur PostgreSQL refuse la connexion pour l’instant (${e.code}) : ${workspace}`, ['Relancez dans un moment ; rien n’a été enregistré.']);
  }
  return undefined;
}
