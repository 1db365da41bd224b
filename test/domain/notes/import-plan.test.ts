// One import against itself and the stored notes (domain/notes/import-plan.ts). Source: issue #13 item 5 — « a second
// note for the same copy already stored from another lot (different value; the same value again is idempotent) »,
// « a duplicate row ».
import { describe, expect, it } from 'vitest';
import { planNoteImport, type StoredRef } from '../../../src/domain/notes/import-plan.js';
import type { NoteEntry } from '../../../src/domain/notes/note-entry.js';
import { sharedNoteCell } from '../../../src/domain/deliberation/note-cell.js';

const entry = (over: Partial<NoteEntry> & { value: number }): NoteEntry => ({
  file: 'lot-E5-02.xlsx', row: 8, column: 'note', numero: '1', unite: 'U5', cell: sharedNoteCell(over.value), source: 'lot:E5-02:lot-E5-02.xlsx', lot: 'E5-02', what: 'copie 12345678K', ...over,
});

describe('planNoteImport', () => {
  it.each<[string, StoredRef | undefined, NoteEntry, string | undefined]>([
    ['no note stored: accepted', undefined, entry({ value: 1200 }), undefined],
    ['stored from another lot, same value: accepted (nothing changes)', { value: '12', source: 'lot:E5-01:a.xlsx' }, entry({ value: 1200 }), undefined],
    ['stored from another lot, other value: refused', { value: '12', source: 'lot:E5-01:a.xlsx' }, entry({ value: 1400 }), 'autre-lot'],
    ['stored from the same lot, other value (a correction): accepted', { value: '12', source: 'lot:E5-02:old.xlsx' }, entry({ value: 1400 }), undefined],
    ['stored from a lot, other value by numéro: refused', { value: '12', source: 'lot:E5-01:a.xlsx' }, entry({ value: 1400, lot: undefined, source: 'ccf.csv', what: 'candidat 1' }), 'autre-lot'],
    ['stored by numéro, a lot brings another value: accepted (audited)', { value: '12', source: 'notes.csv' }, entry({ value: 1400 }), undefined],
    ['adjusted by the commission d’harmonisation, another value: refused (without --force)', { value: '13', source: 'harmonisation:ajust.csv' }, entry({ value: 1200 }), 'harmonisee'],
    ['adjusted by the commission d’harmonisation, the same value: accepted (nothing changes)', { value: '13', source: 'harmonisation:ajust.csv' }, entry({ value: 1300 }), undefined],
    ['voided by a disciplinary decision (NUL, ccst incidents close): the copy’s note is refused', { value: 'NUL', source: 'discipline:incident-2' }, entry({ value: 1275 }), 'sanction'],
  ])('%s', (_case, stored, e, refused) => {
    const plan = planNoteImport([e], () => stored);
    expect(plan.accepted.length).toBe(refused ? 0 : 1);
    expect([...plan.issues.values()].flat().map((i) => i.kind)).toEqual(refused ? [refused] : []);
  });

  it('with force, a harmonised note is replaced and listed with the value it had', () => {
    const e = entry({ value: 1200 });
    const plan = planNoteImport([e], () => ({ value: '13', source: 'harmonisation:ajust.csv' }), { force: true });
    expect(plan.accepted).toEqual([e]);
    expect(plan.harmonised).toEqual([{ entry: e, old: '13', source: 'harmonisation:ajust.csv' }]);
  });

  it('the message names the stored note’s lot and both values', () => {
    const plan = planNoteImport([entry({ value: 1400 })], () => ({ value: '12', source: 'lot:E5-01:a.xlsx' }));
    expect(plan.issues.get('lot-E5-02.xlsx')).toEqual([{
      row: 8, column: 'note', kind: 'autre-lot',
      message: 'copie 12345678K : note « 12 » déjà reçue du lot E5-01 en U5 ; une autre note du lot E5-02 (« 14 ») est refusée — corrigez le bordereau du lot E5-01',
    }]);
  });

  it('a candidate’s unit twice in one import: the second refused, naming the first file and row', () => {
    const first = entry({ value: 1200, file: 'ccf-a.csv', row: 3, what: 'candidat 1', lot: undefined, source: 'ccf-a.csv' });
    const second = entry({ value: 1200, file: 'ccf-b.csv', row: 5, what: 'candidat 1', lot: undefined, source: 'ccf-b.csv' });
    const plan = planNoteImport([first, second, entry({ value: 900, numero: '2' })], () => undefined);
    expect(plan.accepted.map((e) => e.file)).toEqual(['ccf-a.csv', 'lot-E5-02.xlsx']);
    expect(plan.issues.get('ccf-b.csv')).toEqual([{ row: 5, column: 'note', kind: 'doublon', message: 'candidat 1 : deuxième note en U5 dans cet import (déjà ccf-a.csv, ligne 3)' }]);
  });
});
