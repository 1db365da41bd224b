// Conformity decisions in the workspace: the `conformity` table, and the « NV » note they put in `notes` (with a
// note_audit row) so that deliberation sees it. Circulaire Toulouse 2023 §1.2.2: « La constatation de
// non-conformité du dossier […] entraîne l'attribution de la note « NV » (non valide) à l'épreuve correspondante ».
import type { SqliteDb as Db } from './workspace.js';
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

/**
 * Records decisions (call inside mutate()). A non-conforming dossier sets the unit's note to NV, replacing any note
 * (logged in note_audit). A conforming dossier withdraws an NV that an earlier conformity run had set — never a note
 * or code entered by anyone else. Returns the note changes, for the messages.
 */
export function recordConformity(db: Db, decisions: ConformityDecision[], at: Date, file: string): NoteChange[] {
  const when = at.toISOString();
  const source = `${CONFORMITY_SOURCE}:${file}`;
  const upsert = db.prepare(
    `INSERT INTO conformity (numero, epreuve, conforme, motifs, checked_at, reserve) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(numero, epreuve) DO UPDATE SET conforme = excluded.conforme, motifs = excluded.motifs, checked_at = excluded.checked_at, reserve = excluded.reserve`,
  );
  const getNote = db.prepare('SELECT value, source FROM notes WHERE numero = ? AND unite = ?');
  const setNote = db.prepare(
    `INSERT INTO notes (numero, unite, value, source, updated_at) VALUES (?, ?, 'NV', ?, ?)
     ON CONFLICT(numero, unite) DO UPDATE SET value = excluded.value, source = excluded.source, updated_at = excluded.updated_at`,
  );
  const deleteNote = db.prepare('DELETE FROM notes WHERE numero = ? AND unite = ?');
  const audit = db.prepare('INSERT INTO note_audit (numero, unite, old_value, new_value, at, source, motif) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const changes: NoteChange[] = [];
  for (const d of decisions) {
    const motifs = d.motifs.map((m) => ({ code: m.code, precision: m.precision ?? null, libelle: motifLabel(m) }));
    upsert.run(d.numero, d.epreuve, d.conforme ? 1 : 0, JSON.stringify(motifs), when, d.reserve ? 1 : 0);
    const current = getNote.get(d.numero, d.unite) as NoteRow | undefined;
    if (!d.conforme && current?.value !== 'NV') {
      setNote.run(d.numero, d.unite, source, when);
      const why = `dossier ${d.epreuve} non conforme : ${d.motifs.map(motifLabel).join(' ; ')}`;
      audit.run(d.numero, d.unite, current?.value ?? null, 'NV', when, source, why);
      changes.push({ numero: d.numero, unite: d.unite, old: current?.value, new: 'NV' });
    } else if (d.conforme && current?.value === 'NV' && current.source.startsWith(`${CONFORMITY_SOURCE}:`)) {
      deleteNote.run(d.numero, d.unite);
      // note_audit.new_value is NOT NULL: the empty string means « no note any more ».
      audit.run(d.numero, d.unite, 'NV', '', when, source, `dossier ${d.epreuve} déclaré conforme : NV retiré`);
      changes.push({ numero: d.numero, unite: d.unite, old: 'NV', new: undefined });
    }
  }
  return changes;
}

export interface StoredConformity {
  numero: string;
  epreuve: string;
  conforme: boolean;
  motifs: { code: string; precision: string | null; libelle: string }[];
  checkedAt: string;
}

export function listConformity(db: Db): StoredConformity[] {
  const rows = db.prepare('SELECT numero, epreuve, conforme, motifs, checked_at FROM conformity ORDER BY numero, epreuve').all() as {
    numero: string;
    epreuve: string;
    conforme: number;
    motifs: string;
    checked_at: string;
  }[];
  return rows.map((r) => ({ numero: r.numero, epreuve: r.epreuve, conforme: r.conforme === 1, motifs: JSON.parse(r.motifs), checkedAt: r.checked_at }));
}

/** numero → units whose notation is « sous réserve de vérification » (E4 → U4: the conformity épreuves are E4, E61, E62). */
export function unitsUnderReserve(db: Db): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of db.prepare('SELECT numero, epreuve FROM conformity WHERE reserve = 1').all() as { numero: string; epreuve: string }[]) {
    out.set(r.numero, (out.get(r.numero) ?? new Set()).add(r.epreuve.replace(/^E/, 'U')));
  }
  return out;
}

export function resultsCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM results').get() as { n: number }).n;
}

/** "numero:unit" of every dossier found non-conforming (the NV of annexe 4), for documents. */
export function nonConformingUnits(db: Db, unitCode: (epreuve: string) => string | undefined): Set<string> {
  const out = new Set<string>();
  for (const r of db.prepare('SELECT numero, epreuve FROM conformity WHERE conforme = 0').all() as { numero: string; epreuve: string }[]) {
    const code = unitCode(r.epreuve);
    if (code) out.add(`${r.numero}:${code}`);
  }
  return out;
}

/** "numero:unit" → the annexe 4 motifs (libellés) of each non-conforming dossier, for the convocation (issue #10 §8). */
export function nonConformityMotifs(db: Db, unitCode: (epreuve: string) => string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of db.prepare('SELECT numero, epreuve, motifs FROM conformity WHERE conforme = 0').all() as { numero: string; epreuve: string; motifs: string }[]) {
    const code = unitCode(r.epreuve);
    if (!code) continue;
    const motifs = JSON.parse(r.motifs) as { libelle?: string }[];
    out.set(`${r.numero}:${code}`, motifs.map((m) => m.libelle ?? '').filter((l) => l !== ''));
  }
  return out;
}
