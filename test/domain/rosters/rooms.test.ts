import { describe, expect, it } from 'vitest';
import { parseRooms, splitIntoRooms } from '../../../src/domain/rosters/rooms.js';
import type { RosterGroup } from '../../../src/domain/rosters/groups.js';
import { unitByCode } from '../../../src/domain/regulation/units.js';
import { loadBundledRegulation } from '../../../src/io/regulation-file.js';
import { person } from '../../helpers/documents-workspace.js';

const reg = loadBundledRegulation();
const group = (n: number): RosterGroup => ({
  kind: 'ecrit', unit: unitByCode(reg, 'U1'), centre: { uai: '0310028M', nom: 'Lycée', zone: 'metropole' },
  lines: Array.from({ length: n }, (_, i) => ({ candidate: person(String(i + 1).padStart(3, '0'), `NOM${i}`, 'P') })),
});

describe('rooms (ccst lists --salles)', () => {
  it.each([
    ['A101:30,B204:24', [{ name: 'A101', capacity: 30 }, { name: 'B204', capacity: 24 }]],
    ['Amphi 1 = 120 ; Salle 12:8', [{ name: 'Amphi 1', capacity: 120 }, { name: 'Salle 12', capacity: 8 }]],
  ])('parseRooms(%j)', (spec, rooms) => expect(parseRooms(spec)).toEqual({ ok: true, value: rooms }));

  it.each(['A101', 'A101:0', 'A101:3,a101:4', ''])('parseRooms rejects %j', (spec) => expect(parseRooms(spec).ok).toBe(false));

  it('fills rooms in order, in list order, and skips rooms left empty', () => {
    const split = splitIntoRooms(group(5), [{ name: 'A', capacity: 3 }, { name: 'B', capacity: 3 }, { name: 'C', capacity: 10 }]);
    expect(split.ok && split.groups.map((g) => [g.room, g.lines.map((l) => l.candidate.numero)])).toEqual([
      ['A', ['001', '002', '003']],
      ['B', ['004', '005']],
    ]);
  });

  it('too few seats is reported, never a shortened list', () => {
    expect(splitIntoRooms(group(7), [{ name: 'A', capacity: 3 }, { name: 'B', capacity: 3 }])).toEqual({ ok: false, seats: 6, candidates: 7 });
  });
});
