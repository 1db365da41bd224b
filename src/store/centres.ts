// Centres table: idempotent upsert by (uai, type) and reads in stable order.
import type { Centre } from '../domain/assignment/centre.js';
import { formatLangues } from '../domain/assignment/centre.js';
import type { Zone } from '../domain/regulation/schema.js';
import type { Db } from './workspace.js';

/** One row of the `centres` table. */
export interface CentreRow {
  uai: string;
  type: 'ecrit' | 'oral';
  nom: string;
  adresse: string | null;
  code_postal: string | null;
  commune: string | null;
  academie: string;
  epreuves: string;
  capacite: number;
  dates: string;
  langues: string;
  origines: string;
  zone: string;
}

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

export function listCentres(db: Db): Centre[] {
  return (db.prepare('SELECT * FROM centres ORDER BY type, uai').all() as CentreRow[]).map(fromRow);
}

export function centreKeys(db: Db): Set<string> {
  return new Set((db.prepare('SELECT uai, type FROM centres').all() as { uai: string; type: string }[]).map((r) => `${r.type}:${r.uai}`));
}

/** Returns a function that inserts or replaces one centre; call it inside a transaction. */
export function centreUpserter(db: Db): (c: Centre) => void {
  const stmt = db.prepare(`
    INSERT INTO centres (uai, type, nom, adresse, code_postal, commune, academie, epreuves, capacite, dates, langues, origines, zone)
    VALUES (@uai, @type, @nom, @adresse, @code_postal, @commune, @academie, @epreuves, @capacite, @dates, @langues, @origines, @zone)
    ON CONFLICT(uai, type) DO UPDATE SET nom = excluded.nom, adresse = excluded.adresse, code_postal = excluded.code_postal,
      commune = excluded.commune, academie = excluded.academie, epreuves = excluded.epreuves, capacite = excluded.capacite,
      dates = excluded.dates, langues = excluded.langues, origines = excluded.origines, zone = excluded.zone`);
  return (c) => {
    stmt.run({
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
    });
  };
}
