// inscriptionQuiet (src/domain/deliberation/inscription-quiet.ts) lets `ccst notes import` skip the Assembler on the
// notes it cannot refuse. Checked here against the Assembler itself, on every combination of what an inscription and
// a workspace may hold and every kind of note: each note called quiet assembles without an issue, and the function
// does call quiet the plain case (a known candidate, nothing registered, a note) — else the skip would never happen.
import { describe, expect, it } from 'vitest';
import { Assembler, type AssembleInput, type RegisteredCandidate } from '../../../src/domain/deliberation/assemble.js';
import { inscriptionQuiet } from '../../../src/domain/deliberation/inscription-quiet.js';
import { parseNoteCell, type NoteCell } from '../../../src/domain/deliberation/note-cell.js';
import { RULES } from './helpers.js';

type Workspace = NonNullable<AssembleInput['workspace']>;
const cell = (text: string): NoteCell => {
  const p = parseNoteCell(text);
  if (!p.ok || !p.value) throw new Error(text);
  return p.value;
};

const NOTES = ['12', '0', '20', '12,5', 'ABS', 'ABJ', 'NV', 'DIS', 'BEN 14,00 2023', 'BEN 9 2023', 'REP'].flatMap((t) => {
  const p = parseNoteCell(t);
  return p.ok && p.value ? [p.value] : [];
});
const candidate = (dispenses: string[], benefices: RegisteredCandidate['benefices']): RegisteredCandidate => ({
  numero: '24001', nom: 'NOM', prenom: 'P', voie: 'scolaire_public', dispenses, benefices,
});
const INSCRIPTIONS: (RegisteredCandidate | undefined)[] = [
  undefined,
  candidate([], []),
  candidate(['U5'], []),
  candidate(['U4'], []),
  candidate([], [{ unite: 'U5', note: 1400, session: 2023 }]),
  candidate([], [{ unite: 'U4', note: 900, session: 2023 }]),
];
const EXTRAS: Partial<Workspace>[] = [
  {},
  { conformityNV: new Map([['24001', new Set(['U5'])]]) },
  { conformityNV: new Map([['24001', new Set(['U4'])]]) },
  { attendance: new Map([['24001', new Map([['U5', 'ABS' as const]])]]) },
  { underReserve: new Map([['24001', new Set(['U5'])]]) },
  { notes: new Map([['24001', new Map([['U5', cell('11')]])]]) },
];

describe('inscriptionQuiet: never quiet on a note the Assembler refuses', () => {
  it('every inscription × workspace × note', () => {
    let quiet = 0;
    for (const reg of INSCRIPTIONS) {
      for (const extra of EXTRAS) {
        for (const note of NOTES) {
          const ws: Workspace = { candidates: new Map(reg ? [['24001', reg]] : []), notes: new Map(), livrets: new Map(), ...extra };
          const a = new Assembler({ rules: RULES, notesName: 'f.csv', unitLabel: (u) => u, workspace: ws });
          a.candidate({ numero: '24001', row: 2, cells: new Map([['U5', note]]) });
          const issues = [...a.issues.values()].flat();
          if (inscriptionQuiet(ws, '24001', note)) {
            quiet++;
            expect(issues, `${JSON.stringify(reg)} ${JSON.stringify([...Object.keys(extra)])} ${JSON.stringify(note)}`).toEqual([]);
          }
        }
      }
    }
    expect(quiet).toBeGreaterThan(0);
  });

  it('the plain case is quiet; each thing the Assembler checks is not', () => {
    const base: Workspace = { candidates: new Map([['24001', candidate([], [])]]), notes: new Map(), livrets: new Map() };
    expect(inscriptionQuiet(base, '24001', cell('12'))).toBe(true);
    expect(inscriptionQuiet(base, '24001', cell('ABS'))).toBe(true);
    expect(inscriptionQuiet(base, '24002', cell('12'))).toBe(false);
    expect(inscriptionQuiet(base, '24001', cell('DIS'))).toBe(false);
    expect(inscriptionQuiet({ ...base, candidates: new Map([['24001', candidate(['U4'], [])]]) }, '24001', cell('12'))).toBe(false);
    expect(inscriptionQuiet({ ...base, conformityNV: new Map([['24001', new Set(['U4'])]]) }, '24001', cell('12'))).toBe(false);
  });
});
