// The store side of `ccst harmonisation apply` (issue 15 item 2): all or nothing, audited, and a note changed
// meanwhile (another ccst running) aborts the whole transaction.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../src/store/workspace.js';
import { etablissementNames, groupNotes, StaleNoteError, unitNoteGroups, writeAdjustedNotes } from '../../src/store/harmonisation.js';
import { workspaceFor } from '../helpers/engine.js';

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.close();
  ws = undefined;
});

async function workspace(): Promise<Workspace> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-harmo-store-'));
  ws = await openWorkspace(workspaceFor(dir), { create: true });
  const at = '2024-01-01T00:00:00Z';
  for (const [numero, voie, uai, value, commission] of [
    ['1', 'scolaire_public', '0310028M', '12', null],
    ['2', 'scolaire_public', '0310028M', 'ABS', null],
    ['3', 'scolaire_public', '0311177L', '9,5', null],
    ['4', 'scolaire_prive_hors_contrat', '0310028M', '11', 1],
    ['5', 'scolaire_prive_hors_contrat', null, '14', 2],
  ] as const) {
    await ws.db.insertInto('candidates').values({ numero, nom: 'N', prenom: 'P', academie: 'TOULOUSE', voie, etablissement_uai: uai, etablissement: 'LYC', created_at: at, updated_at: at } as never).execute();
    await ws.db.insertInto('notes').values({ numero, unite: 'U4', value, source: 'notes.csv', updated_at: at }).execute();
    if (commission !== null) {
      await ws.db.insertInto('oral_slots').values({ numero, epreuve: 'E4', centre_uai: '0311201M', date: '2024-06-01', start: '08:00', end: '09:00', commission, passage: null }).execute();
    }
  }
  return ws;
}

describe('groupNotes', () => {
  it('an établissement’s CCF candidates (the given voies only), a commission’s candidates', async () => {
    const w = await workspace();
    expect(await groupNotes(w.db, 'U4', { kind: 'etablissement', uai: '0310028M', voies: ['scolaire_public'] })).toEqual([{ numero: '1', value: '12' }, { numero: '2', value: 'ABS' }]);
    expect(await groupNotes(w.db, 'U4', { kind: 'commission', epreuve: 'E4', centreUai: '0311201M', commission: 2 })).toEqual([{ numero: '5', value: '14' }]);
  });
});

describe('unitNoteGroups', () => {
  it('every note of the unit once, grouped by CCF flag, établissement and commission', async () => {
    const w = await workspace();
    // A second CCF note of 0310028M: two notes in one group (texts in no particular order).
    await w.db.insertInto('candidates').values({ numero: '6', nom: 'N', prenom: 'P', academie: 'TOULOUSE', voie: 'scolaire_public', etablissement_uai: '0310028M', etablissement: 'LYC', created_at: 'x', updated_at: 'x' } as never).execute();
    await w.db.insertInto('notes').values({ numero: '6', unite: 'U4', value: 'BEN 14@2022', source: 'notes.csv', updated_at: 'x' }).execute();
    await w.db.insertInto('notes').values({ numero: '6', unite: 'U5', value: '3', source: 'notes.csv', updated_at: 'x' }).execute(); // another unit
    const groups = await unitNoteGroups(w.db, 'U4', 'E4', ['scolaire_public']);
    const rows = groups.map((g) => ({ ...g, values: [...g.values].sort() })).sort((a, b) => a.values[0]!.localeCompare(b.values[0]!));
    expect(rows).toEqual([
      { ccf: 0, etablissementUai: '0310028M', centreUai: '0311201M', commission: 1, lot: null, correcteur: null, values: ['11'] },
      { ccf: 1, etablissementUai: '0310028M', centreUai: null, commission: null, lot: null, correcteur: null, values: ['12', 'ABS', 'BEN 14@2022'] },
      { ccf: 0, etablissementUai: null, centreUai: '0311201M', commission: 2, lot: null, correcteur: null, values: ['14'] },
      { ccf: 1, etablissementUai: '0311177L', centreUai: null, commission: null, lot: null, correcteur: null, values: ['9,5'] },
    ]);
    expect(await etablissementNames(w.db)).toEqual(new Map([['0310028M', 'LYC'], ['0311177L', 'LYC']]));
  });

  it('refuses a text holding the separator rather than miscount it', async () => {
    const w = await workspace();
    await w.db.updateTable('notes').set({ value: '12\u001f13' }).where('numero', '=', '1').execute();
    await expect(unitNoteGroups(w.db, 'U4', 'E4', ['scolaire_public'])).rejects.toThrow(/séparateur/);
  });
});

describe('writeAdjustedNotes', () => {
  const notes = (w: Workspace) => w.db.selectFrom('notes').select(['numero', 'value', 'source']).orderBy('numero').execute();

  it('writes the notes, one note_audit row each with the motif, one audit_log row', async () => {
    const w = await workspace();
    await writeAdjustedNotes(w, new Date('2024-06-20T10:00:00Z'), 'harmonisation:a.csv', [
      { numero: '1', unite: 'U4', old: '12', new: '13', motif: 'commission sévère' },
      { numero: '3', unite: 'U4', old: '9,5', new: '10,5', motif: 'commission sévère' },
    ], { lines: 1 });
    expect(await w.db.selectFrom('note_audit').select(['numero', 'old_value', 'new_value', 'source', 'motif']).orderBy('id').execute()).toEqual([
      { numero: '1', old_value: '12', new_value: '13', source: 'harmonisation:a.csv', motif: 'commission sévère' },
      { numero: '3', old_value: '9,5', new_value: '10,5', source: 'harmonisation:a.csv', motif: 'commission sévère' },
    ]);
    expect(await w.db.selectFrom('audit_log').select(['command', 'detail']).execute()).toEqual([{ command: 'harmonisation apply', detail: '{"lines":1}' }]);
  });

  it('a note that changed since it was read aborts everything: nothing written, nothing audited', async () => {
    const w = await workspace();
    const before = await notes(w);
    await expect(writeAdjustedNotes(w, new Date(), 'harmonisation:a.csv', [
      { numero: '1', unite: 'U4', old: '12', new: '13', motif: 'm' },
      { numero: '3', unite: 'U4', old: '9', new: '10', motif: 'm' }, // stored: 9,5
    ], {})).rejects.toBeInstanceOf(StaleNoteError);
    expect(await notes(w)).toEqual(before);
    expect(await w.db.selectFrom('note_audit').select('id').execute()).toEqual([]);
    expect(await w.db.selectFrom('audit_log').select('id').execute()).toEqual([]);
  });
});
