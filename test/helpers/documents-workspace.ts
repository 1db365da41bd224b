// A session workspace for document/conformity command tests: bts-ccst-2024 regulation, a few candidates with
// hard names (Nguyễn Đức, Ødegård), optional centres/assignments/slots/notes/results rows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
/** The raw SQLite connection a test's `setup` writes its rows with. */
export type SqliteDb = Database.Database;
import { toRow } from '../../src/store/candidates.js';
import { bundledRegulationPath, readRegulationFile, DEFAULT_REGULATION_ID } from '../../src/io/regulation-file.js';
import type { Candidate } from '../../src/domain/candidate.js';

export const person = (numero: string, nom: string, prenom: string, over: Partial<Candidate> = {}): Candidate => ({
  numero, nom, prenom, academie: 'TOULOUSE', voie: 'scolaire_public', langue: 'anglais', ef2: false, ef3: false,
  dispenses: [], benefices: [], etablissementUai: '0310028M', etablissement: 'Lycée Déodat de Séverac', ...over,
});

export const PEOPLE: Candidate[] = [
  person('24001', 'NGUYỄN', 'Đức'),
  person('24002', 'ØDEGÅRD', 'Ødegård', { voie: 'experience_professionnelle', etablissementUai: undefined, etablissement: undefined }),
  person('24003', 'MARTIN', 'Léa', { voie: 'apprentissage_habilite' }),
  person('24004', 'DURAND', 'Zoé', { dispenses: ['U4'] }),
  person('24005', 'ABADIE', 'Jules'),
];

/**
 * A SQLite session workspace made synchronously: a copy of the run's migrated template (test/setup/
 * workspace-template.ts), then the session, the candidates and `setup`'s rows in one transaction on the raw file.
 */
export function sessionWorkspace(candidates: Candidate[] = PEOPLE, setup?: (db: SqliteDb) => void): { dir: string; file: string } {
  const template = process.env.CCST_TEST_WORKSPACE_TEMPLATE;
  if (!template) throw new Error('CCST_TEST_WORKSPACE_TEMPLATE absent : lancez les tests avec vitest.config.ts (globalSetup)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-docs-'));
  const file = path.join(dir, 'ccst.db');
  fs.copyFileSync(template, file);
  fs.chmodSync(file, 0o600);
  const db = new Database(file);
  try {
    const { regulation, text } = readRegulationFile(bundledRegulationPath(DEFAULT_REGULATION_ID));
    const at = '2024-01-01T00:00:00.000Z';
    db.transaction(() => {
      for (const [k, v] of [['session', '2024'], ['academie', 'TOULOUSE'], ['regulation_id', regulation.id], ['regulation', text]]) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(k!, v!);
      for (const c of candidates) {
        const row = { ...toRow(c), created_at: at, updated_at: at };
        const cols = Object.keys(row);
        db.prepare(`INSERT INTO candidates (${cols.join(', ')}) VALUES (${cols.map((k) => '@' + k).join(', ')})
          ON CONFLICT(numero) DO UPDATE SET ${cols.filter((k) => k !== 'numero' && k !== 'created_at').map((k) => `${k} = excluded.${k}`).join(', ')}`).run(row);
      }
      setup?.(db);
      db.prepare('INSERT INTO audit_log (at, command, detail) VALUES (?, ?, ?)').run(at, 'test-setup', '{}');
    })();
  } finally {
    db.close();
  }
  return { dir, file };
}
