// The store side of `ccst harmonisation apply` (issue 15 item 2): all or nothing, audited, and a note changed
// meanwhile (another ccst running) aborts the whole transaction.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../src/store/workspace.js';
import { etablissementNames, groupNotes, StaleNoteError, unitNotesWithGroups, writeAdjustedNotes } from '../../src/store/harmonisation.js';

let ws: Workspace | undefined;
afterEach(() => ws?.close());

function workspace(): Workspace {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-harmo-store-'));
  ws = openWorkspace(path.join(dir, 'ccst.db'), { create: true });
  const at = '2024-01-01T00:00:00Z';
  const cand = ws.db.prepare(`INSERT INTO candidates (numero, nom, prenom, academie, voie, etablissement_uai, etablissement, created_at, updated_at) VALUES (?, 'N', 'P', 'TOULOUSE', ?, ?, 'LYC', ?, ?)`);
  const note = ws.db.prepare('INSERT INTO notes (numero, unite, value, source, updated_at) VALUES (?, ?, ?, ?, ?)');
  const slot = ws.db.prepare(`INSERT INTO oral_slots (numero, epreuve, centre_uai, date, start, end, commission) VALUES (?, 'E4', '0311201M', '2024-06-01', '08:00', '09:00', ?)`);
  for (const [numero, voie, uai, value, commission] of [
    ['1', 'scolaire_public', '0310028M', '12', null],
    ['2', 'scolaire_public', '0310028M', 'ABS', null],
    ['3', 'scolaire_public', '0311177L', '9,5', null],
    ['4', 'scolaire_prive_hors_contrat', '0310028M', '11', 1],
    ['5', 'scolaire_prive_hors_contrat', null, '14', 2],
  ] as const) {
    cand.run(numero, voie, uai, at, at);
    note.run(numero, 'U4', value, 'notes.csv', at);
    if (commission !== null) slot.run(numero, commission);
  }
  return ws;
}

describe('groupNotes', () => {
  it('an établissement’s CCF candidates (the given voies only), a commission’s candidates', async () => {
    const w = workspace();
    expect(await groupNotes(w.db, 'U4', { kind: 'etablissement', uai: '0310028M', voies: ['scolaire_public'] })).toEqual([{ numero: '1', value: '12' }, { numero: '2', value: 'ABS' }]);
    expect(await groupNotes(w.db, 'U4', { kind: 'commission', epreuve: 'E4', centreUai: '0311201M', commission: 2 })).toEqual([{ numero: '5', value: '14' }]);
  });
});

describe('unitNotesWithGroups', () => {
  it('streams every note of the unit with its CCF flag, établissement and commission, in batches', async () => {
    const w = workspace();
    const batches: number[] = [];
    const rows = [];
    for await (const chunk of unitNotesWithGroups(w.db, 'U4', 'E4', ['scolaire_public'], 2)) {
      batches.push(chunk.length);
      rows.push(...chunk);
    }
    expect(batches).toEqual([2, 2, 1]);
    expect(rows.sort((a, b) => a.value.localeCompare(b.value))).toEqual([
      { ccf: 0, etablissementUai: '0310028M', centreUai: '0311201M', commission: 1, value: '11' },
      { ccf: 1, etablissementUai: '0310028M', centreUai: null, commission: null, value: '12' },
      { ccf: 0, etablissementUai: null, centreUai: '0311201M', commission: 2, value: '14' },
      { ccf: 1, etablissementUai: '0311177L', centreUai: null, commission: null, value: '9,5' },
      { ccf: 1, etablissementUai: '0310028M', centreUai: null, commission: null, value: 'ABS' },
    ]);
    expect(await etablissementNames(w.db)).toEqual(new Map([['0310028M', 'LYC'], ['0311177L', 'LYC']]));
  });
});

describe('writeAdjustedNotes', () => {
  const notes = (w: Workspace) => w.db.prepare('SELECT numero, value, source FROM notes ORDER BY numero').all();

  it('writes the notes, one note_audit row each with the motif, one audit_log row', async () => {
    const w = workspace();
    await writeAdjustedNotes(w.db, new Date('2024-06-20T10:00:00Z'), 'harmonisation:a.csv', [
      { numero: '1', unite: 'U4', old: '12', new: '13', motif: 'commission sévère' },
      { numero: '3', unite: 'U4', old: '9,5', new: '10,5', motif: 'commission sévère' },
    ], { lines: 1 });
    expect(w.db.prepare('SELECT numero, old_value, new_value, source, motif FROM note_audit ORDER BY id').all()).toEqual([
      { numero: '1', old_value: '12', new_value: '13', source: 'harmonisation:a.csv', motif: 'commission sévère' },
      { numero: '3', old_value: '9,5', new_value: '10,5', source: 'harmonisation:a.csv', motif: 'commission sévère' },
    ]);
    expect(w.db.prepare('SELECT command, detail FROM audit_log').all()).toEqual([{ command: 'harmonisation apply', detail: '{"lines":1}' }]);
  });

  it('a note that changed since it was read aborts everything: nothing written, nothing audited', async () => {
    const w = workspace();
    const before = notes(w);
    await expect(writeAdjustedNotes(w.db, new Date(), 'harmonisation:a.csv', [
      { numero: '1', unite: 'U4', old: '12', new: '13', motif: 'm' },
      { numero: '3', unite: 'U4', old: '9', new: '10', motif: 'm' }, // stored: 9,5
    ], {})).rejects.toBeInstanceOf(StaleNoteError);
    expect(notes(w)).toEqual(before);
    expect(w.db.prepare('SELECT COUNT(*) AS n FROM note_audit').get()).toEqual({ n: 0 });
    expect(w.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get()).toEqual({ n: 0 });
  });
});
