// Candidates whose documents (relevé de notes, any attestation) are withheld because of a fraud case (issue #14 §4),
// with the reason: one place for every command that issues a candidate's result.
import type { Db } from '../../store/workspace.js';
import { listIncidents } from '../../store/incidents.js';
import { loadDiscipline } from '../../io/discipline-file.js';
import { groupByNumero, withholdingReason } from '../../domain/incidents/incident.js';

export async function withheldCandidates(db: Db): Promise<Map<string, string>> {
  const incidents = await listIncidents(db);
  const out = new Map<string, string>();
  if (!incidents.length) return out;
  const discipline = loadDiscipline();
  for (const [numero, list] of groupByNumero(incidents)) {
    const reason = withholdingReason(list, discipline);
    if (reason) out.set(numero, reason);
  }
  return out;
}
