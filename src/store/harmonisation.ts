// Queries behind `ccst harmonisation` (issue 15 items 1–2): one unit's notes with the facts that group them
// (CCF or not, établissement, oral commission, lot of copies and its correcteur), the notes of one group, which of their candidates were already
// deliberated, and the adjusted notes written in ONE transaction with their audit. Every query of the
// harmonisation lives here, written with Kysely for both engines (issue 12).
import { sql, type ExpressionBuilder } from 'kysely';
import type { DB } from './schema.js';
import { mutate, type Db, type Workspace } from './workspace.js';
import { bulkWrite } from './bulk-write.js';
import { NOTE_AUDIT } from './note-specs.js';
import { joinedTexts, splitJoined } from './joined-texts.js';

/** The facts that put a note in a group: candidates with the same facts are counted together. */
export interface UnitNoteFacts {
  /** 1 when the candidate's voie takes the unit in CCF (the voies given), else 0. */
  ccf: number;
  etablissementUai: string | null;
  /** The candidate's oral commission for the épreuve, when scheduled (ccst schedule-orals). */
  centreUai: string | null;
  commission: number | null;
  /** The lot of the candidate's copy for the épreuve and its correcteur's e-mail (issue 13), when asked and made. */
  lot: string | null;
  correcteur: string | null;
}

/** The notes of the candidates who share the same facts. */
export interface UnitNoteGroup extends UnitNoteFacts {
  /** Stored texts, one per note: "12,5", "ABS", "BEN 14@2022"… (in no particular order). */
  values: string[];
}

/**
 * The unit's notes. Once written on an expression (`unite || ''`) so that SQLite would not walk an index on notes
 * (unite, value) in value order (5.3–5.8 s of CPU against 0.9–1.2 s on 250,000 candidates); migration 013 no longer
 * makes that index, and no other index on notes starts with the unit: the plain column gives SQLite the same plans
 * (EXPLAIN QUERY PLAN on a new workspace), or, after an ANALYZE, a seek on the primary key (numero, unite).
 */
const unitIs = (unite: string) => (eb: ExpressionBuilder<DB & { n: DB['notes'] }, 'n'>) => eb('n.unite', '=', unite);

/**
 * One unit's stored notes, grouped by the facts that group them (CCF or not, établissement, oral commission, lot and
 * correcteur): one row per set of facts — a few hundred for 250,000 notes — with the notes' texts joined in one string
 * (group_concat / string_agg). Measured on 250,000 candidates (src/bench/harmonisation.ts): one row per note cost
 * ≈ 1.0 s of CPU in better-sqlite3 alone (each cell of each row becomes a JavaScript value), more than the query;
 * split here, the same texts cost a few tens of milliseconds. The count of each group is read beside its texts and
 * checked: a text holding the separator could not go unnoticed.
 */
export async function unitNoteGroups(db: Db, unite: string, epreuve: string, ccfVoies: string[], opts: { lots?: boolean } = {}): Promise<UnitNoteGroup[]> {
  const lots = Boolean(opts.lots);
  const notes = db
    .selectFrom('notes as n')
    .innerJoin('candidates as c', 'c.numero', 'n.numero')
    .leftJoin('oral_slots as o', (j) => j.onRef('o.numero', '=', 'n.numero').on('o.epreuve', '=', epreuve))
    .select((eb) => [
      ccfVoies.length ? eb.case().when('c.voie', 'in', ccfVoies).then(1).else(0).end().as('ccf') : sql<number>`0`.as('ccf'),
      'c.etablissement_uai as etablissementUai', 'o.centre_uai as centreUai', 'o.commission as commission', 'n.value as value',
    ])
    // The copy's lot only when a lot grouping is asked: two more joins and columns otherwise.
    .$if(lots, (qb) => qb
      .leftJoin('copies as k', (j) => j.onRef('k.numero', '=', 'n.numero').on('k.epreuve', '=', epreuve))
      .leftJoin('lot_copies as lc', 'lc.anonymat', 'k.anonymat')
      .leftJoin('lots as l', 'l.name', 'lc.lot')
      .select(['l.name as lot', 'l.correcteur as correcteur']))
    .where(unitIs(unite));
  const facts = ['x.ccf', 'x.etablissementUai', 'x.centreUai', 'x.commission', ...(lots ? ['x.lot', 'x.correcteur'] : [])] as const;
  const rows = await db
    .selectFrom(notes.as('x'))
    .select(facts as never)
    .select((eb) => [eb.fn.countAll().as('n'), joinedTexts(db, 'x.value').as('texts')])
    .groupBy(facts as never)
    .execute() as unknown as (UnitNoteFacts & { n: number | string; texts: string })[];
  return rows.map((r) => {
    const values = splitJoined(r.texts, r.n, 'unitNoteGroups');
    return { ccf: Number(r.ccf), etablissementUai: r.etablissementUai, centreUai: r.centreUai, commission: r.commission === null ? null : Number(r.commission), lot: r.lot ?? null, correcteur: r.correcteur ?? null, values };
  });
}

/**
 * Each établissement's name by UAI — the first in code point order when candidates spell it differently, so that
 * both engines print the same name. Grouped by an expression of the UAI (`uai || ''`), not the column: SQLite would
 * walk the candidates_etab index in UAI order and fetch every candidate's row from the table at random (0.6–0.8 s of
 * CPU on 250,000 candidates, loaded machine); the expression makes it scan the table in order and group in a
 * temporary B-tree (0.2 s). PostgreSQL hashes the groups either way.
 */
export async function etablissementNames(db: Db): Promise<Map<string, string>> {
  const uai = sql<string>`${sql.ref('etablissement_uai')} || ''`;
  const rows = await db
    .selectFrom('candidates')
    .select((eb) => [uai.as('uai'), eb.fn.min('etablissement').as('nom')])
    .where('etablissement_uai', 'is not', null)
    .where('etablissement', 'is not', null)
    .groupBy(uai)
    .execute();
  return new Map(rows.filter((r) => r.nom !== null).map((r) => [r.uai, r.nom!]));
}

/** Names of the oral centres, by UAI (labels of the commissions). */
export async function oralCentreNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('centres').select(['uai', 'nom']).where('type', '=', 'oral').execute();
  return new Map(rows.map((r) => [r.uai, r.nom]));
}

/** Correcteurs' names by e-mail (« NOM Prénom », as commissions list shows examiners): labels of the lots. */
export async function correcteurNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('examiners').select(['email', 'nom', 'prenom']).execute();
  return new Map(rows.map((r) => [r.email, `${r.nom} ${r.prenom}`]));
}

/** Which candidates form a group: an oral commission, a CCF établissement, a lot of copies (issue 13). */
export type GroupSelector =
  | { kind: 'commission'; epreuve: string; centreUai: string; commission: number }
  | { kind: 'etablissement'; uai: string; voies: string[] }
  | { kind: 'lot'; epreuve: string; lot: string };

export interface StoredGroupNote {
  numero: string;
  value: string;
}

/** The stored notes of `unite` for the candidates of the group, in numero order. */
export async function groupNotes(db: Db, unite: string, group: GroupSelector): Promise<StoredGroupNote[]> {
  if (group.kind === 'commission') {
    return db
      .selectFrom('notes as n')
      .innerJoin('oral_slots as o', (j) => j.onRef('o.numero', '=', 'n.numero').on('o.epreuve', '=', group.epreuve))
      .select(['n.numero as numero', 'n.value as value'])
      .where(unitIs(unite))
      .where('o.centre_uai', '=', group.centreUai)
      .where('o.commission', '=', group.commission)
      .orderBy('n.numero')
      .execute();
  }
  if (group.kind === 'lot') {
    return db
      .selectFrom('notes as n')
      .innerJoin('copies as k', (j) => j.onRef('k.numero', '=', 'n.numero').on('k.epreuve', '=', group.epreuve))
      .innerJoin('lot_copies as lc', 'lc.anonymat', 'k.anonymat')
      .select(['n.numero as numero', 'n.value as value'])
      .where(unitIs(unite))
      .where('lc.lot', '=', group.lot)
      .orderBy('n.numero')
      .execute();
  }
  if (group.voies.length === 0) return [];
  return db
    .selectFrom('notes as n')
    .innerJoin('candidates as c', 'c.numero', 'n.numero')
    .select(['n.numero as numero', 'n.value as value'])
    .where(unitIs(unite))
    .where((eb) => eb(eb.fn.coalesce('c.etablissement_uai', sql.lit('')), '=', group.uai))
    .where('c.voie', 'in', group.voies)
    .orderBy('n.numero')
    .execute();
}

/** The candidates among `numeros` that already have a result (a deliberation was held for them). */
export async function deliberatedAmong(db: Db, numeros: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < numeros.length; i += 1000) {
    const rows = await db.selectFrom('results').select('numero').where('numero', 'in', numeros.slice(i, i + 1000)).execute();
    for (const r of rows) out.add(r.numero);
  }
  return out;
}

export interface NoteChange {
  numero: string;
  unite: string;
  old: string;
  new: string;
  motif: string;
}

/** The workspace changed between reading the notes and writing them (another ccst running): nothing was written. */
export class StaleNoteError extends Error {
  constructor(readonly change: NoteChange) {
    super(`note ${change.numero} ${change.unite} modifiée entre-temps`);
  }
}

/**
 * Writes every change, its note_audit row (old → new, source, the commission's motif) and the audit_log row
 * (mutate: the agent too), in one transaction. A note that no longer holds the value it was read with aborts the
 * whole transaction (on PostgreSQL a change committed meanwhile may also end it as a conflict, exit 75).
 */
export async function writeAdjustedNotes(ws: Workspace, at: Date, source: string, changes: NoteChange[], detail: object): Promise<void> {
  const when = at.toISOString();
  await mutate(ws, 'harmonisation apply', at, async (db) => {
    // One UPDATE per note, each conditional on the value read: a group's notes, a few thousand at most.
    for (const c of changes) {
      const r = await db
        .updateTable('notes')
        .set({ value: c.new, source, updated_at: when })
        .where('numero', '=', c.numero)
        .where('unite', '=', c.unite)
        .where('value', '=', c.old)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new StaleNoteError(c);
    }
    await bulkWrite(db, NOTE_AUDIT, changes.map((c) => [c.numero, c.unite, c.old, c.new, when, source, c.motif]));
    return { result: undefined, detail };
  });
}
