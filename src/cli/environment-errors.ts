// The environment's errors are the user's (issue #9 item 4): a file that cannot be read or written, a full disk, a
// read-only or busy workspace. Each becomes a French message naming the path and what to do, exit 2 (README « Codes
// de sortie »); never « Erreur inattendue ». main.ts's single catch passes every non-ccst error through here.
import path from 'node:path';
import { CcstError, EXIT } from './errors.js';
import { databaseError } from './database-errors.js';
import { isPostgresUrl, redactUrl } from '../store/pg-url.js';

export type PathRole = 'input' | 'output' | 'workspace';

const ROLE: Record<PathRole, string> = { input: 'fichier d’entrée', output: 'sortie', workspace: 'workspace' };

/** Workspaces opened by this process (the SQLite errors do not say which file they are about). */
const openWorkspaces: string[] = [];
export function noteWorkspace(file: string): void {
  const shown = isPostgresUrl(file) ? redactUrl(file) : file; // never a password in a message
  if (!openWorkspaces.includes(shown)) openWorkspaces.push(shown);
}

function envError(message: string, todo: string[]): CcstError {
  return new CcstError('ENVIRONMENT', EXIT.USAGE, message, todo);
}

/** One message per errno: what happened to which path, and what to do about it. */
export function errnoError(code: string, file: string, role?: PathRole): CcstError | undefined {
  const what = role ? `${ROLE[role]} ${file}` : file;
  const dir = path.dirname(file);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      if (!role) return envError(`accès refusé : ${file} (permission refusée)`, [`Vérifiez les droits sur ${file} et son dossier (ls -ld), ou utilisez un dossier à vous.`]);
      return role === 'input'
        ? envError(`lecture refusée : ${what} (permission refusée)`, [`Vérifiez les droits de lecture (ls -l ${file}) ou copiez le fichier dans un dossier à vous.`])
        : envError(`écriture refusée : ${what} (permission refusée)`, [
          `Vérifiez les droits d’écriture sur ${role === 'output' ? dir : file} (ls -ld), ou écrivez ailleurs (-o chemin dans un dossier à vous).`,
        ]);
    case 'EROFS':
      return envError(`système de fichiers en lecture seule : ${what}`, ['Écrivez dans un dossier d’un disque accessible en écriture (-o, --workspace).']);
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return envError(`disque plein ou taille de fichier limitée (${code}) en écrivant ${what}`, [
        'Libérez de la place (df -h), ou écrivez sur un autre disque ; relancez ensuite la commande.',
      ]);
    case 'EISDIR':
      return envError(`${what} est un dossier : un fichier est attendu`, ['Indiquez le chemin d’un fichier (par exemple dossier/fichier.csv).']);
    case 'ENOTDIR':
      return envError(`${what} : un élément du chemin n’est pas un dossier`, ['Vérifiez le chemin : chacun de ses éléments sauf le dernier doit être un dossier.']);
    case 'ENOENT':
      return envError(`introuvable : ${what}`, ['Vérifiez le chemin (ls) ; un chemin relatif part du dossier courant.']);
    case 'EMFILE':
    case 'ENFILE':
      return envError(`trop de fichiers ouverts en accédant à ${what}`, ['Fermez d’autres programmes ou augmentez la limite (ulimit -n), puis relancez.']);
    case 'ELOOP':
      return envError(`${what} : trop de liens symboliques (boucle ?)`, ['Vérifiez les liens du chemin (ls -l).']);
    case 'ENAMETOOLONG':
      return envError(`${what} : chemin trop long`, ['Choisissez un chemin plus court.']);
    case 'EIO':
      return envError(`erreur d’entrée-sortie du disque sur ${what}`, ['Vérifiez le disque (ou le support amovible), puis relancez.']);
    default:
      return undefined;
  }
}

function workspaceName(): string {
  return openWorkspaces[openWorkspaces.length - 1] ?? 'le workspace';
}

/** SQLite's own errors (better-sqlite3 SqliteError codes, or the text for other engines). */
function sqliteError(code: string, message: string): CcstError | undefined {
  const ws = workspaceName();
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || /database is locked|database table is locked/i.test(message)) {
    return envError(`workspace occupé : ${ws} est utilisé par une autre commande ccst en cours`, [
      'Attendez qu’elle se termine (ou arrêtez-la), puis relancez cette commande ; rien n’a été modifié.',
    ]);
  }
  if (code.startsWith('SQLITE_READONLY') || /attempt to write a readonly database/i.test(message)) {
    return envError(`workspace en lecture seule : ${ws}`, [
      `Donnez-vous le droit d’écriture (chmod u+w ${ws}, et sur son dossier), ou copiez-le ailleurs ; rien n’a été modifié.`,
    ]);
  }
  if (code === 'SQLITE_FULL' || /database or disk is full/i.test(message)) {
    return envError(`disque plein en écrivant le workspace ${ws}`, ['Libérez de la place (df -h), puis relancez ; la transaction a été annulée.']);
  }
  if (code.startsWith('SQLITE_CANTOPEN') || /unable to open database file/i.test(message)) {
    return envError(`impossible d’ouvrir le workspace ${ws}`, ['Vérifiez le chemin et les droits sur le fichier et son dossier (ls -ld).']);
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT') || /file is not a database|database disk image is malformed/i.test(message)) {
    return new CcstError('ENVIRONMENT', EXIT.INVALID_INPUT, `${ws} n’est pas un workspace ccst lisible (fichier endommagé ou d’un autre type)`, [
      'Indiquez le bon fichier avec --workspace, ou restaurez une sauvegarde.',
    ]);
  }
  if (code.startsWith('SQLITE_IOERR') || /disk I\/O error/i.test(message)) {
    return envError(`erreur d’entrée-sortie en accédant au workspace ${ws}`, ['Vérifiez le disque et l’espace libre (df -h), puis relancez.']);
  }
  return undefined;
}

/**
 * The user-facing error for an environment failure, or undefined when `e` is something else (a bug). Node's fs
 * errors carry the path; `role` says whether it was read or written when the caller knows.
 */
export function environmentError(e: unknown, role?: PathRole): CcstError | undefined {
  if (!(e instanceof Error)) return undefined;
  const err = e as NodeJS.ErrnoException & { dest?: string };
  const code = typeof err.code === 'string' ? err.code : '';
  const db = databaseError(err, workspaceName());
  if (db) return db;
  if (code.startsWith('SQLITE_') || err.name === 'SqliteError') return sqliteError(code, err.message);
  if (/database is locked|attempt to write a readonly database/i.test(err.message)) return sqliteError('', err.message);
  if (!code) return undefined;
  const file = err.path ?? err.dest;
  if (!file) return errnoError(code, 'un fichier', role);
  return errnoError(code, path.resolve(file), role ?? roleOf(err.syscall, code));
}

/** Whether a failed system call was reading or writing, when it says so. */
function roleOf(syscall: string | undefined, code: string): PathRole | undefined {
  if (!syscall) return undefined;
  if (['stat', 'lstat', 'access', 'read', 'scandir', 'readlink'].includes(syscall)) return 'input';
  if (['write', 'rename', 'mkdir', 'unlink', 'rmdir', 'copyfile', 'chmod', 'fsync', 'ftruncate'].includes(syscall)) return 'output';
  // open(2): ENOENT and EISDIR are about reading here (an output's folder is created, its path checked first).
  if (syscall === 'open' && (code === 'ENOENT' || code === 'EISDIR')) return 'input';
  return undefined;
}
