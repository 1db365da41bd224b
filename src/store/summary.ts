// Counts shown by `ccst status` and `ccst demo`.
import type { Db } from './workspace.js';

export interface WorkspaceSummary {
  candidates: number;
  byEtablissement: { uai: string | null; nom: string | null; count: number }[];
  byVoie: { voie: string; count: number }[];
  centres: number;
  assignments: number;
  oralSlots: number;
  notes: number;
  results: { decision: string; count: number }[];
  lastActions: { at: string; command: string }[];
}

export function workspaceSummary(db: Db): WorkspaceSummary {
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    candidates: n('SELECT count(*) AS n FROM candidates'),
    byEtablissement: db
      .prepare(
        `SELECT etablissement_uai AS uai, max(etablissement) AS nom, count(*) AS count FROM candidates
         GROUP BY etablissement_uai ORDER BY count DESC, uai`,
      )
      .all() as WorkspaceSummary['byEtablissement'],
    byVoie: db.prepare('SELECT voie, count(*) AS count FROM candidates GROUP BY voie ORDER BY count DESC, voie').all() as WorkspaceSummary['byVoie'],
    centres: n('SELECT count(*) AS n FROM centres'),
    assignments: n('SELECT count(*) AS n FROM assignments'),
    oralSlots: n('SELECT count(*) AS n FROM oral_slots'),
    notes: n('SELECT count(*) AS n FROM notes'),
    results: db.prepare('SELECT decision, count(*) AS count FROM results GROUP BY decision ORDER BY decision').all() as WorkspaceSummary['results'],
    lastActions: db.prepare('SELECT at, command FROM audit_log ORDER BY id DESC LIMIT 5').all() as WorkspaceSummary['lastActions'],
  };
}
