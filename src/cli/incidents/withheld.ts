// Candidates whose documents (relevé de notes, any attestation) are withheld because of a fraud case (issue #14 §4),
// with the reason: one place for every command that issues a candidate's result. A closed case whose effect voided
// notes holds the relevé until a deliberation stored after the closing (results.deliberated_at).
import type { Db } from '../../store/workspace.js';
import { listIncidents } from '../../store/incidents.js';
import { loadDiscipline } from '../../io/discipline-file.js';
import { groupByNumero, withholdingReason } from '../../domain/incidents/incident.js';

export async function withheldCandidates(db: Db): Promise<Map<string, string>> {
  const incidents = await listIncidents(db);
  const out = new Map<string, string>();
  if (!incidents.length) return out;
  const discipline = loadDiscipline();
  const numeros = [...new Set(incidents.map((i) => i.numero))];
  const rows = await db.selectFrom('results').select(['numero', 'deliberated_at']).where('numero', 'in', numeros).execute();
  const at = new Map(rows.map((r) => [r.numero, r.deliberated_at]));
  for (const [numero, list] of groupByNumero(incidents)) {
    const reason = withholdingReason(list, discipline, at.get(numero));
    if (reason) out.set(numero, reason);
  }
  return out;
}
