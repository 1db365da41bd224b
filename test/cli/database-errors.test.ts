// Issue #12: the database's errors as the user's — cli/database-errors.ts through environmentError (main.ts's catch).
import { describe, expect, it } from 'vitest';
import { environmentError, noteWorkspace } from '../../src/cli/environment-errors.js';
import { WorkspaceMissingError } from '../../src/store/workspace.js';
import { NewerSchemaError, SchemaMigrationRefusedError } from '../../src/store/migrate.js';

const URL_ = 'postgres://dupont:s3cret@pg.local:5432/ccst_2025';
/** An error as node-postgres gives it (DatabaseError: SQLSTATE code, severity and the server's fields). */
const pgErr = (code: string, message: string, fields: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { code, severity: 'ERROR', ...fields });

describe('database errors (issue #12 §2, §3)', () => {
  noteWorkspace(URL_);
  it.each([
    ['serialization failure', pgErr('40001', 'could not serialize access due to concurrent update', { ccstCommand: 'deliberate' }), 75, /conflit : « ccst deliberate » a croisé la modification d’un autre agent/],
    ['deadlock', pgErr('40P01', 'deadlock detected'), 75, /conflit/],
    ['unique violation names the key', pgErr('23505', 'duplicate key', { table: 'candidates', detail: 'Key (numero)=(0231000001) already exists.' }), 75, /table candidates, numero 0231000001/],
    ['privilege names the role and the table', pgErr('42501', 'permission denied for table candidates', { ccstAgent: 'martin' }), 2, /ce rôle PostgreSQL \(martin\) ne peut pas écrire .*\(table candidates\)/],
    ['authentication', pgErr('28P01', 'password authentication failed for user "dupont"'), 2, /authentification/],
    ['missing database', pgErr('3D000', 'database "ccst_2025" does not exist'), 2, /base de données PostgreSQL introuvable/],
    ['unreachable server', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', syscall: 'connect' }), 2, /serveur PostgreSQL injoignable/],
    ['empty database', new WorkspaceMissingError('postgres://dupont@pg.local:5432/ccst_2025'), 2, /aucun workspace/],
    ['newer schema', new NewerSchemaError(12), 2, /version plus récente/],
    ['older schema, not the owner', new SchemaMigrationRefusedError('postgres://dupont@pg.local:5432/ccst_2025', 7, undefined), 2, /ne peut pas le mettre à jour/],
  ])('%s', (_what, e, exit, message) => {
    const user = environmentError(e)!;
    expect(user.exitCode).toBe(exit);
    expect([user.message, ...user.details].join('\n')).toMatch(message);
    expect([user.message, ...user.details].join('\n')).not.toContain('s3cret');
  });

  it('the owner is told how to migrate', () => {
    const user = environmentError(new SchemaMigrationRefusedError('postgres://dupont@pg.local/ccst', 7, undefined))!;
    expect(user.details.join('\n')).toContain('ccst workspace migrate');
  });
});
