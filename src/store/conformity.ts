// Conformity decisions in the workspace: the `conformity` table, and the « NV » note they put in `notes` (with a
// note_audit row) so that deliberation sees it. Circulaire Toulouse 2023 §1.2.2: « La constatation de
// non-conformité du dossier […] entraîne l'attribution de la note « NV » (non valide) à l'épreuve correspondante ».
import type { Db } from './workspace.js';
import { bulkWrite, type BulkSpec } from './bulk-write.js';
import { NOTE_AUDIT, NOTES } from './note-specs.js';
import { motifLabel, type ConformityEpreuve, type Motif } from '../domain/conformity/motifs.js';

/** Notes written by this module carry this source prefix, so that a later « conforme » may withdraw them. */
export const CONFORMITY_SOURCE = 'conformite';

export interface ConformityDecision {
  numero: string;
  epreuve: ConformityEpreuve;
  /** Unit of the épreuve (E4 → U4): the `notes` table is keyed by unit. */
  unite: string;
  conforme: boolean;
  motifs: Motif[];
  /** Circulaire Toulouse 2023 §1.2.2: evaluated, « notation mise sous réserve de vérification » (conforme is true meanwhile). */
  reserve?: boolean;
}

export interface NoteChange {
  numero: string;
  unite: string;
  old?: string;
  new?: string;
}

interface NoteRow {
  value: string;
  source: string;
}

const IN_CHUNK = 1_000;

const CONFORMITY: BulkSpec<'conformity'> = {
  table: 'conformity',
  columns: [
    { name: 'numero', type: 'text' }, { name: 'epreuve', type: 'text' }, { name: 'conforme', type: 'integer' }, { name: 'motifs', type: 'text' },
    { name: 'checked_at', type: 'text' }, { name: 'reserve', type: 'integer' },
  ],
  key: ['numero', 'epreuve'],
};

/** The stored notes of these candidates, "numero\0unite" → note (read in the caller's transaction). */
async function notesOf(db: Db, numeros: string[]): Promise<Map<string, NoteRow>> {
  const out = new Map<string, NoteRow>();
  for (let i = 0; i < numeros.length; i += IN_CHUNK) {
    const rows = await db.selectFrom('notes').select(['numero', 'unite', 'value', 'source']).where('numero', 'in', numeros.slice(i, i + IN_CHUNK)).execute();
    for (const r of rows) out.set(`${r.numero}\u0000${r.unite}`, { value: r.value, source: r.source });
  }
  return out;
}

/**
 * Records decisions (call inside mutate()). A non-conforming dossier sets the unit's note to NV, replacing any note
 * (logged in note_audit). A conforming dossier withdraws an NV that an earlier conformity run had set — never a note
 * or code entered by anyone else. Returns the note changes, for the messages. The decisions are applied in order
 * against the notes read in the transaction, then stored in batches (bulk-write.ts).
 */
export async function recordConformity(db: Db, decisions: ConformityDecision[], at: Date, file: string): Promise<NoteChange[]> {
  const when = at.toISOString();
  const source = `${CONFORMITY_SOURCE}:${file}`;
  const current = await notesOf(db, [...new Set(decisions.map((d) => d.numero))]);
  const rows: unknown[][] = [];
  const setNV = new Map<string, unknown[]>();
  const withdrawn = new Map<string, { numero: string; unite: string }>();
  const audit: unknown[][] = [];
  const changes: NoteChange[] = [];
  for (const d of decisions) {
    const motifs = d.motifs.map((m) => ({ code: m.code, precision: m.precision ?? null, libelle: motifLabel(m) }));
    rows.push([d.numero, d.epreuve, d.conforme ? 1 : 0, JSON.stringify(motifs), when, d.reserve ? 1 : 0]);
    const key = `${d.numero}\u0000${d.unite}`;
    const note = current.get(key);
    if (!d.conforme && note?.value !== 'NV') {
      current.set(key, { value: 'NV', source });
      setNV.set(key, [d.numero, d.unite, 'NV', source, when]);
      withdrawn.delete(key);
      const why = `dossier ${d.epreuve} non conforme : ${d.motifs.map(motifLabel).join(' ; ')}`;
      audit.push([d.numero, d.unite, note?.value ?? null, 'NV', when, source, why]);
      changes.push({ numero: d.numero, unite: d.unite, old: note?.value, new: 'NV' });
    } else if (d.conforme && note?.value === 'NV' && note.source.startsWith(`${CONFORMITY_SOURCE}:`)) {
      current.delete(key);
      setNV.delete(key);
      withdrawn.set(key, { numero: d.numero, unite: d.unite });
      // note_audit.new_value is NOT NULL: the empty string means « no note any more ».
      audit.push([d.numero, d.unite, 'NV', '', when, source, `dossier ${d.epreuve} déclaré conforme : NV retiré`]);
      changes.push({ numero: d.numero, unite: d.unite, old: 'NV', new: undefined });
    }
  }
  await bulkWrite(db, CONFORMITY, rows);
  // A withdrawn NV is rare (a dossier found conforming after all): one DELETE each.
  for (const g of withdrawn.values()) await db.deleteFrom('notes').where('numero', '=', g.numero).where('unite', '=', g.unite).execute();
  await bulkWrite(db, NOTES, [...setNV.values()]);
  await bulkWrite(db, NOTE_AUDIT, audit);
  return changes;
}

export interface StoredConformity {
  numero: string;
  epreuve: string;
  conforme: boolean;
  motifs: { code: string; precision: string | null; libelle: string }[];
  checkedAt: string;
}

export async function listConformity(db: Db): Promise<StoredConformity[]> {
  const rows = await db.selectFrom('conformity').select(['numero', 'epreuve', 'conforme', 'motifs', 'checked_at']).orderBy('numero').orderBy('epreuve').execute();
  return rows.map((r) => ({ numero: r.numero, epreuve: r.epreuve, conforme: r.conforme === 1, motifs: JSON.parse(r.motifs), checkedAt: r.checked_at }));
}

/** numero → units whose notation is « sous réserve de vérification » (E4 → U4: the conformity épreuves are E4, E61, E62). */
export async function unitsUnderReserve(db: Db): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const r of await db.selectFrom('conformity').select(['numero', 'epreuve']).where('reserve', '=', 1).execute()) {
    out.set(r.numero, (out.get(r.numero) ?? new Set()).add(r.epreuve.replace(/^E/, 'U')));
  }
  return out;
}

export async function resultsCount(db: Db): Promise<number> {
  const row = await db.selectFrom('results').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n); // PostgreSQL's count is a bigint, given as text by pg
}

/** "numero:unit" of every dossier found non-conforming (the NV of annexe 4), for documents. */
export async function nonConformingUnits(db: Db, unitCode: (epreuve: string) => string | undefined): Promise<Set<string>> {
  const out = new Set<string>();
  for (const r of await db.selectFrom('conformity').select(['numero', 'epreuve']).where('conforme', '=', 0).execute()) {
    const code = unitCode(r.epreuve);
    if (code) out.add(`${r.numero}:${code}`);
  }
  return out;
}

/** "numero:unit" → the annexe 4 motifs (libellés) of each non-conforming dossier, for the convocation (issue #10 §8). */
export async function nonConformityMotifs(db: Db, unitCode: (epreuve: string) => string | undefined): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const r of await db.selectFrom('conformity').select(['numero', 'epreuve', 'motifs']).where('conforme', '=', 0).execute()) {
    const code = unitCode(r.epreuve);
    if (!code) continue;
    const motifs = JSON.parse(r.motifs) as { libelle?: string }[];
    out.set(`${r.numero}:${code}`, motifs.map((m) => m.libelle ?? '').filter((l) => l !== ''));
  }
  return out;
}
