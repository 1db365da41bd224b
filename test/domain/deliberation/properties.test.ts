// Property tests (issue 5 « Done when »): MG monotone in every note; no decision change under re-ordering of rows
// or units; INCOMPLET never gets a MG; the truncated display never shows an admission that did not happen.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decide, type DecisionKind } from '../../../src/domain/deliberation/decide.js';
import { compareFractions, formatTruncated } from '../../../src/domain/deliberation/exact.js';
import type { NoteCell } from '../../../src/domain/deliberation/note-cell.js';
import { assemble, type FileRecord } from '../../../src/domain/deliberation/assemble.js';
import { deliberateCandidate } from '../../../src/domain/deliberation/candidate-result.js';
import { sortForPv, pvRow } from '../../../src/domain/deliberation/pv.js';
import { RULES } from './helpers.js';

const note = fc.integer({ min: 0, max: 2000 });
const valued: fc.Arbitrary<NoteCell> = fc.oneof(
  { weight: 8, arbitrary: note.map((value) => ({ kind: 'note' as const, value })) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 2000 }).map((value) => ({ kind: 'BEN' as const, value, session: 2022 })) },
  { weight: 1, arbitrary: note.map((value) => ({ kind: 'REP' as const, value })) },
);
const anyCell: fc.Arbitrary<NoteCell | undefined> = fc.oneof(
  { weight: 12, arbitrary: valued },
  { weight: 1, arbitrary: fc.constantFrom<NoteCell>({ kind: 'ABS' }, { kind: 'ABJ' }, { kind: 'NV' }, { kind: 'DIS' }) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
/** Optional units of a complete candidate: no NV (it would eliminate), anything else. */
const optionalCell: fc.Arbitrary<NoteCell | undefined> = fc.oneof(
  { weight: 6, arbitrary: valued },
  { weight: 1, arbitrary: fc.constantFrom<NoteCell | undefined>({ kind: 'ABS' }, { kind: 'ABJ' }, { kind: 'DIS' }, undefined) },
);
const allUnits = [...RULES.compulsory, ...RULES.optional].map((u) => u.code);
/** Cells for every unit; `complete` = every compulsory unit has a valued note (so a MG exists). */
const cellsArb = (complete: boolean) =>
  fc.tuple(...allUnits.map((code) => (!complete ? anyCell : RULES.compulsory.some((u) => u.code === code) ? valued : optionalCell))).map((list) => {
    const m = new Map<string, NoteCell>();
    list.forEach((c, i) => c && m.set(allUnits[i]!, c));
    return m;
  });
const rank: Record<DecisionKind, number> = { AJOURNE: 0, CONTROLE: 1, ADMIS: 2, ELIMINE: -1, INCOMPLET: -1 };

describe('deliberation properties', () => {
  it('MG is monotone in every note, and so is the decision', () => {
    fc.assert(
      fc.property(cellsArb(true), fc.constantFrom(...allUnits), fc.integer({ min: 1, max: 2000 }), (cells, unit, delta) => {
        const before = decide(RULES, cells);
        const cell = cells.get(unit);
        const base = cell && 'value' in cell ? cell : { kind: 'note' as const, value: 0 };
        const raised = new Map(cells).set(unit, { ...base, value: Math.min(2000, base.value + delta) } as NoteCell);
        const after = decide(RULES, raised);
        expect(compareFractions(after.averages!.mg!, before.averages!.mg!)).toBeGreaterThanOrEqual(0);
        expect(rank[after.decision]).toBeGreaterThanOrEqual(rank[before.decision]);
      }),
      { numRuns: 500 },
    );
  });

  it('the order of units does not change the decision', () => {
    fc.assert(
      fc.property(cellsArb(false), fc.integer(), (cells, seed) => {
        const entries = [...cells];
        const shuffled = new Map(fc.sample(fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }), { numRuns: 1, seed })[0]);
        expect(decide(RULES, shuffled)).toEqual(decide(RULES, cells));
      }),
      { numRuns: 300 },
    );
  });

  it('the order of rows does not change decisions nor the PV', () => {
    const record = fc.record({ nom: fc.constantFrom('Martin', 'martin', 'Élie', 'Eliе', ''), prenom: fc.constantFrom('Léa', 'Lea', ''), cells: cellsArb(false) });
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.stringMatching(/^0\d{3}$/), record), { selector: (t) => t[0], maxLength: 12 }), fc.integer(), (list, seed) => {
        const records: FileRecord[] = list.map(([numero, r], i) => ({ numero, row: i + 2, nom: r.nom, prenom: r.prenom, cells: r.cells }));
        const shuffled = fc.sample(fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }), { numRuns: 1, seed })[0]!;
        const pv = (rs: FileRecord[]) =>
          sortForPv(
            assemble({ rules: RULES, notesName: 'n.csv', unitLabel: (u) => u, records: rs })
              .candidates.map((c) => deliberateCandidate(RULES, c))
              .map((r) => (r.ok ? r.value : undefined)!),
          ).map((r) => pvRow(RULES, r));
        expect(pv(shuffled)).toEqual(pv(records));
      }),
      { numRuns: 200 },
    );
  });

  it('INCOMPLET never gets a MG (nor ELIMINE); a missing compulsory note is never computed as 0', () => {
    fc.assert(
      fc.property(cellsArb(false), (cells) => {
        const d = decide(RULES, cells);
        const missing = RULES.compulsory.some((u) => !cells.has(u.code));
        if (d.decision === 'INCOMPLET' || d.decision === 'ELIMINE') expect(d.averages).toBeUndefined();
        if (missing) expect(['INCOMPLET', 'ELIMINE']).toContain(d.decision);
        const row = pvRow(RULES, { numero: '1', nom: '', prenom: '', etablissement: '', cells, deliberation: d, jury: [], alerts: [] });
        if (d.decision === 'INCOMPLET') expect(row.slice(-9, -5)).toEqual(['', '', '', '']); // points … moyenne_professionnelle (pvColumns)
      }),
      { numRuns: 500 },
    );
  });

  it('the truncated MG shows ≥ 10,00 exactly when the candidate is admitted', () => {
    fc.assert(
      fc.property(cellsArb(true), (cells) => {
        const d = decide(RULES, cells);
        const shown = formatTruncated(d.averages!.mg!);
        expect(Number(shown.replace(',', '.')) >= 10).toBe(d.decision === 'ADMIS');
      }),
      { numRuns: 500 },
    );
  });
});
