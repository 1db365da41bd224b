// Collects the PV while the notes are read: each candidate's row is formatted at once and only what the sort,
// the summary and the output need is kept (full results only for the workspace and --json).
import type { CsvFormat } from '../../io/table-writer.js';
import { writeTable } from '../../io/table-writer.js';
import { writeChunks } from '../../io/output.js';
import { csvHead, csvLine } from '../../io/fast-csv.js';
import type { DeliberationRules } from '../../domain/deliberation/rules.js';
import type { CandidateResult } from '../../domain/deliberation/candidate-result.js';
import type { DecisionKind } from '../../domain/deliberation/decide.js';
import { pvColumns, pvRow, sortForPv, summarise, type PvCell, type PvSummary } from '../../domain/deliberation/pv.js';

/** One candidate's line of the PV, with what the sort and the summary need. */
export interface PvEntry {
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
  private entries: PvEntry[] = [];
  private sorted = false;

  constructor(
    private readonly rules: DeliberationRules,
    private readonly opts: PvEntryOptions,
  ) {}

  add(r: CandidateResult): void {
    this.entries.push(pvEntry(this.rules, r, this.opts));
  }

  private inOrder(): PvEntry[] {
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
      const head = csvHead(columns, this.opts.csvFormat);
      const chunks = (function* () {
        yield head;
        // ~1,000 lines per write, joined in one allocation (no string grown line by line).
        for (let i = 0; i < entries.length; i += 1000) {
          const part = new Array<string>(Math.min(1000, entries.length - i));
          for (let k = 0; k < part.length; k++) part[k] = entries[i + k]!.line!;
          yield part.join('');
        }
      })();
      await writeChunks(target, stdout, chunks);
      return;
    }
    const rows = (function* () {
      for (const e of entries) yield e.row!;
    })();
    await writeTable(target, stdout, { columns, rows, sheetName: 'PV de délibération' });
  }
}

export interface PvEntryOptions {
  format: 'csv' | 'xlsx' | 'json';
  csvFormat: CsvFormat;
  keepResults: boolean;
}

/** The PV entry of one result: its CSV record already formatted (CSV output), or its row (XLSX, JSON). */
function pvEntry(rules: DeliberationRules, r: CandidateResult, opts: PvEntryOptions): PvEntry {
  const row = pvRow(rules, r, opts.format === 'xlsx');
  return {
    numero: r.numero,
    nom: r.nom,
    prenom: r.prenom,
    etablissement: r.etablissement,
    decision: r.deliberation.decision,
    alerted: r.alerts.length > 0,
    line: opts.format === 'csv' ? csvLine(row, opts.csvFormat) : undefined,
    row: opts.format === 'csv' ? undefined : row,
    result: opts.keepResults ? r : undefined,
  };
}
