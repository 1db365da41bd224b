// A workspace for assign-centres / schedule-orals command tests: bts-ccst-2024, académie TOULOUSE, given candidates.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { mutate, openWorkspace } from '../../src/store/workspace.js';
import { writeSession } from '../../src/store/session.js';
import { candidateUpserter } from '../../src/store/candidates.js';
import { bundledRegulationPath, readRegulationFile, DEFAULT_REGULATION_ID } from '../../src/io/regulation-file.js';
import type { Candidate } from '../../src/domain/candidate.js';

export function assignmentWorkspace(candidates: Candidate[]): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-assign-'));
  const file = path.join(dir, 'ccst.db');
  const ws = openWorkspace(file, { create: true });
  try {
    const { regulation, text } = readRegulationFile(bundledRegulationPath(DEFAULT_REGULATION_ID));
    mutate(ws, 'test-setup', new Date('2024-01-01T00:00:00Z'), (db) => {
      writeSession(db, { session: 2024, academie: 'TOULOUSE', regulationId: regulation.id }, text);
      const up = candidateUpserter(db, new Date('2024-01-01T00:00:00Z'));
      candidates.forEach(up);
      return { result: undefined, detail: {} };
    });
  } finally {
    ws.close();
  }
  return { dir, file };
}

/** Runs one query on the workspace file (read-only). */
export function query<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}
