// What `ccst deliberate` does with each candidate record of the notes file, in whichever thread it runs (this
// one, or the notes worker when it shares the work): assemble the candidate's cells, decide, hand the result on.
// A contrôle refused by the rules is an issue of the contrôle file, at that candidate's first contrôle row.
import type { CellIssue } from '../../domain/validation.js';
import type { Assembler, FileRecord } from '../../domain/deliberation/assemble.js';
import { deliberateCandidate, type CandidateResult } from '../../domain/deliberation/candidate-result.js';
import type { DeliberationRules } from '../../domain/deliberation/rules.js';

export class RecordDeliberator {
  /** Contrôle notes refused for a candidate (e.g. contrôle for a candidate who is not CONTROLE). */
  readonly refused: CellIssue[] = [];

  constructor(
    private readonly rules: DeliberationRules,
    readonly assembler: Assembler,
    private readonly onResult: (r: CandidateResult) => void,
  ) {}

  record(rec: FileRecord): void {
    const candidate = this.assembler.candidate(rec);
    if (!candidate) return;
    const r = deliberateCandidate(this.rules, candidate);
    if (r.ok) this.onResult(r.value);
    else this.refused.push({ row: this.assembler.controleRow.get(rec.numero) ?? 0, column: 'numero', kind: r.kind, message: `${rec.numero} : ${r.message}` });
  }
}
