// A session workspace for document/conformity command tests: bts-ccst-2024 regulation, a few candidates with
// hard names (Nguyễn Đức, Ødegård), optional centres/assignments/slots/notes/results rows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mutate, openWorkspace, type Db } from '../../src/store/workspace.js';
import { writeSession } from '../../src/store/session.js';
import { candidateUpserter } from '../../src/store/candidates.js';
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

export function sessionWorkspace(candidates: Candidate[] = PEOPLE, setup?: (db: Db) => void): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-docs-'));
  const file = path.join(dir, 'ccst.db');
  const ws = openWorkspace(file, { create: true });
  try {
    const { regulation, text } = readRegulationFile(bundledRegulationPath(DEFAULT_REGULATION_ID));
    mutate(ws, 'test-setup', new Date('2024-01-01T00:00:00Z'), (db) => {
      writeSession(db, { session: 2024, academie: 'TOULOUSE', regulationId: regulation.id }, text);
      const up = candidateUpserter(db, new Date('2024-01-01T00:00:00Z'));
      candidates.forEach(up);
      setup?.(db);
      return { result: undefined, detail: {} };
    });
  } finally {
    ws.close();
  }
  return { dir, file };
}
