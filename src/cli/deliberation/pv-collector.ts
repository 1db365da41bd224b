// Collects the PV while the notes are read: each candidate's row is formatted at once and only what the sort,
// the summary and the output need is kept (full results only for the workspace and --json).
import type { CsvFormat } from '../../io/table-writer.js';
import { writeTable } from '../../io/table-writer.js';
import { writeChunks } from '../../io/output.js';
import { batchLines, csvHead, csvLine } from '../../io/fast-csv.js';
import type { DeliberationRules } from '../../domain/deliberation/rules.js';
import type { CandidateResult } from '../../domain/deliberation/candidate-result.js';
import type { DecisionKind } from '../../domain/deliberation/decide.js';
import { pvColumns, pvRow, sortForPv, summarise, type PvCell, type PvSummary } from '../../domain/deliberation/pv.js';

interface Entry {
  numero: string;
  nom: string;
  prenom: string;
  etablissement: string;
  decision: DecisionKind;
  alerted: boolean;
  /** The CSV record (CSV output) … */
  line?: string;
  /** … or the row (XLSX: numbers; JSON: text). */
  row?: PvCell[];
  result?: CandidateResult;
}

export class PvCollector {
  private entries: Entry[] = [];
  private sorted = false;

  constructor(
    private readonly rules: DeliberationRules,
    private readonly opts: { format: 'csv' | 'xlsx' | 'json'; csvFormat: CsvFormat; keepResults: boolean },
  ) {}

  add(r: CandidateResult): void {
    const { format, csvFormat, keepResults } = this.opts;
    const row = pvRow(this.rules, r, format === 'xlsx');
    this.entries.push({
      numero: r.numero,
      nom: r.nom,
      prenom: r.prenom,
      etablissement: r.etablissement,
      decision: r.deliberation.decision,
      alerted: r.alerts.length > 0,
      line: format === 'csv' ? csvLine(row, csvFormat) : undefined,
      row: format === 'csv' ? undefined : row,
      result: keepResults ? r : undefined,
    });
  }

  private inOrder(): Entry[] {
    if (!this.sorted) {
      this.entries = sortForPv(this.entries);
      this.sorted = true;
    }
    return this.entries;
  }

  /** Full results in PV order (kept only when asked: workspace, --json). */
  results(): CandidateResult[] {
    return this.inOrder().map((e) => e.result!);
  }

  summary(): PvSummary {
    return summarise(this.entries);
  }

  async write(target: string, stdout: NodeJS.WritableStream): Promise<void> {
    const entries = this.inOrder();
    const columns = pvColumns(this.rules);
    if (this.opts.format === 'csv') {
      const lines = (function* () {
        for (const e of entries) yield e.line!;
      })();
      await writeChunks(target, stdout, batchLines(csvHead(columns, this.opts.csvFormat), lines));
      return;
    }
    const rows = (function* () {
      for (const e of entries) yield e.row!;
    })();
    await writeTable(target, stdout, { columns, rows, sheetName: 'PV de délibération' });
  }
}
