// One unit's stored notes as the statistics count them: a frequency table of the notes, the codes beside it. Read
// from the store by src/cli/statistics/session-data.ts, laid out by src/documents/statistics (stats, harmonisation).
import type { FrequencyTable } from './distribution.js';

export interface UnitNotes {
  unite: string;
  epreuve: string;
  table: FrequencyTable;
  /** Stored codes (ABS, ABJ, NV, DIS, BEN…, REP…) by code: counted beside the figures, never in them. */
  codes: Record<string, number>;
}
