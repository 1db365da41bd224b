// A read-only command that must see one state of the workspace (issue #12 §2: a deliberation on --dry-run, the
// contrôle deliberation's checks) reads in one transaction. PostgreSQL: REPEATABLE READ, READ ONLY — every query sees
// the snapshot of the first one. SQLite: a read transaction (BEGIN on a read-only connection, ImmediateSqliteDriver)
// holds the shared lock, so no writer commits in between.
import type { Db, Workspace } from './workspace.js';

export async function readSnapshot<T>(ws: Workspace, fn: (db: Db) => Promise<T>): Promise<T> {
  const tx = ws.engine === 'postgres' ? ws.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only') : ws.db.transaction();
  return tx.execute(fn);
}
