// Counts shown by `ccst status` and `ccst demo`.
import type { DB } from './schema.js';
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

export async function workspaceSummary(db: Db): Promise<WorkspaceSummary> {
  const n = async (table: keyof DB) =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const byEtablissement = await db
    .selectFrom('candidates')
    .select((eb) => ['etablissement_uai as uai', eb.fn.max('etablissement').as('nom'), eb.fn.countAll<number>().as('count')])
    .groupBy('etablissement_uai')
    .orderBy('count', 'desc')
    // NULL (no establishment) sorts first in SQLite and last in PostgreSQL: say where, the same on both.
    .orderBy((eb) => eb.case().when('etablissement_uai', 'is', null).then(0).else(1).end())
    .orderBy('etablissement_uai')
    .execute();
  const byVoie = await db
    .selectFrom('candidates')
    .select((eb) => ['voie', eb.fn.countAll<number>().as('count')])
    .groupBy('voie')
    .orderBy('count', 'desc')
    .orderBy('voie')
    .execute();
  const results = await db
    .selectFrom('results')
    .select((eb) => ['decision', eb.fn.countAll<number>().as('count')])
    .groupBy('decision')
    .orderBy('decision')
    .execute();
  return {
    candidates: await n('candidates'),
    byEtablissement: byEtablissement.map((r) => ({ uai: r.uai, nom: r.nom, count: Number(r.count) })),
    byVoie: byVoie.map((r) => ({ voie: r.voie, count: Number(r.count) })),
    centres: await n('centres'),
    assignments: await n('assignments'),
    oralSlots: await n('oral_slots'),
    notes: await n('notes'),
    results: results.map((r) => ({ decision: r.decision, count: Number(r.count) })),
    lastActions: await db.selectFrom('audit_log').select(['at', 'command']).orderBy('id', 'desc').limit(5).execute(),
  };
}
