// Centres table: idempotent upsert by (uai, type) and reads in stable order.
import type { Centre } from '../domain/assignment/centre.js';
import { formatLangues } from '../domain/assignment/centre.js';
import type { Zone } from '../domain/regulation/schema.js';
import { rowsPerBatch } from './batch.js';
import type { Db } from './workspace.js';
import type { CentresTable } from './schema.js';

/** One row of the `centres` table. */
export type CentreRow = CentresTable;

const words = (s: string) => s.split(/\s+/).filter(Boolean);

/** Inverse of formatLangues: "anglais espagnol" or "E22: anglais espagnol | EF1: espagnol". */
export function parseStoredLangues(s: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of s.split('|').map((x) => x.trim()).filter(Boolean)) {
    const m = /^([A-Z0-9]+):\s*(.*)$/.exec(part);
    if (m) out[m[1]!] = words(m[2]!);
    else out['*'] = words(part);
  }
  return out;
}

function fromRow(r: CentreRow): Centre {
  return {
    uai: r.uai,
    type: r.type,
    nom: r.nom,
    adresse: r.adresse ?? undefined,
    codePostal: r.code_postal ?? undefined,
    commune: r.commune ?? undefined,
    academie: r.academie,
    epreuves: words(r.epreuves),
    capacite: r.capacite,
    dates: words(r.dates),
    langues: parseStoredLangues(r.langues),
    origines: words(r.origines),
    zone: r.zone as Zone,
  };
}

export async function listCentres(db: Db): Promise<Centre[]> {
  return (await db.selectFrom('centres').selectAll().orderBy('type').orderBy('uai').execute()).map(fromRow);
}

export async function centreKeys(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('centres').select(['uai', 'type']).execute()).map((r) => `${r.type}:${r.uai}`));
}

export function centreRow(c: Centre): CentreRow {
  return {
    uai: c.uai,
    type: c.type,
    nom: c.nom,
    adresse: c.adresse ?? null,
    code_postal: c.codePostal ?? null,
    commune: c.commune ?? null,
    academie: c.academie,
    epreuves: c.epreuves.join(' '),
    capacite: c.capacite,
    dates: c.dates.join(' '),
    langues: formatLangues(c.langues),
    origines: c.origines.join(' '),
    zone: c.zone,
  };
}

/** Inserts or replaces centres by (uai, type), in multi-row statements; call inside a transaction. */
export async function upsertCentres(db: Db, centres: Centre[]): Promise<void> {
  const rows = centres.map(centreRow);
  const size = rowsPerBatch(13);
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto('centres')
      .values(rows.slice(i, i + size))
      .onConflict((oc) =>
        oc.columns(['uai', 'type']).doUpdateSet((eb) => ({
          nom: eb.ref('excluded.nom'), adresse: eb.ref('excluded.adresse'), code_postal: eb.ref('excluded.code_postal'),
          commune: eb.ref('excluded.commune'), academie: eb.ref('excluded.academie'), epreuves: eb.ref('excluded.epreuves'),
          capacite: eb.ref('excluded.capacite'), dates: eb.ref('excluded.dates'), langues: eb.ref('excluded.langues'),
          origines: eb.ref('excluded.origines'), zone: eb.ref('excluded.zone'),
        })),
      )
      .execute();
  }
}
