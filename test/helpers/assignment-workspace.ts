// A workspace for assign-centres / schedule-orals command tests: bts-ccst-2024, académie TOULOUSE, given candidates.
import Database from 'better-sqlite3';
import type { Candidate } from '../../src/domain/candidate.js';
import { sessionWorkspace } from './documents-workspace.js';

export function assignmentWorkspace(candidates: Candidate[]): { dir: string; file: string } {
  return sessionWorkspace(candidates);
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
