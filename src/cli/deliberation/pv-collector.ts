// Collects the PV while the notes are read: each candidate's row is formatted at once and only what the sort,
// the summary and the output need is kept (full results only for the workspace and --json). For CSV, the record is
// kept as UTF-8 bytes (LineArena) and names are numbered for the sort (FoldedNames) as candidates arrive, so that
// little is left to do once the last one is known.
import type { CsvFormat } from '../../io/table-writer.js';
import { writeTable } from '../../io/table-writer.js';
import { writeChunks } from '../../io/output.js';
import { csvHead, csvLine } from '../../io/fast-csv.js';
import { LineArena } from '../../io/line-arena.js';
import type { DeliberationRules } from '../../domain/deliberation/rules.js';
import type { CandidateResult } from '../../domain/deliberation/candidate-result.js';
import type { DecisionKind } from '../../domain/deliberation/decide.js';
import { FoldedNames, orderForPv, pvColumns, pvRow, summarise, type PvCell, type PvSummary } from '../../domain/deliberation/pv.js';

/** One candidate's line of the PV, with what the sort and the summary need. */
interface PvEntry {
  numero: string;
  etablissement: string;
  decision: DecisionKind;
  alerted: boolean;
  /** The CSV record's index in the arena (CSV output) … */
  line: number;
  /** … or the row (XLSX: numbers; JSON: text). */
  row?: PvCell[];
  result?: CandidateResult;
}

export interface PvCollectorOptions {
  format: 'csv' | 'xlsx' | 'json';
  csvFormat: CsvFormat;
  keepResults: boolean;
}

export class PvCollector {
  private entries: PvEntry[] = [];
  private readonly names = new FoldedNames();
  private noms: number[] = [];
  private prenoms: number[] = [];
  private readonly lines = new LineArena();
  private sorted = false;

  constructor(
    private readonly rules: DeliberationRules,
    private readonly opts: PvCollectorOptions,
  ) {}

  add(r: CandidateResult): void {
    const { format, csvFormat, keepResults } = this.opts;
    // Numbers stay numbers for XLSX and for RFC 4180 (decimal point); excel-fr gets the decimal comma as text.
    const row = pvRow(this.rules, r, format === 'xlsx' || (format === 'csv' && csvFormat === 'rfc4180'));
    this.noms.push(this.names.id(r.nom));
    this.prenoms.push(this.names.id(r.prenom));
    this.entries.push({
      numero: r.numero,
      etablissement: r.etablissement,
      decision: r.deliberation.decision,
      alerted: r.alerts.length > 0,
      line: format === 'csv' ? this.lines.add(csvLine(row, csvFormat)) : -1,
      row: format === 'csv' ? undefined : row,
      result: keepResults ? r : undefined,
    });
  }

  private inOrder(): PvEntry[] {
    if (!this.sorted) {
      this.entries = orderForPv(this.entries, this.names, this.noms, this.prenoms);
      this.noms = this.prenoms = []; // they follow the input order: of no use once sorted
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
      const head = Buffer.from(csvHead(columns, this.opts.csvFormat), 'utf8');
      const lines = this.lines;
      const chunks = (function* () {
        yield head;
        yield* lines.chunks(entries.map((e) => e.line));
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
