// writeNotes (src/store/deliberation.ts), on the engine of the run: the writes are taken as they are made (a
// generator), a note written twice in one call (the file's note, then the jury's) is compared with its first write,
// the same notes again change nothing, and writes of one candidate that do not come together are refused (a bug: the
// earlier candidates' notes are not kept) with nothing stored.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutate, openWorkspace, type Workspace } from '../../src/store/workspace.js';
import { noteAudit, storedNotes, writeNotes, type NoteWrite } from '../../src/store/deliberation.js';
import { workspaceFor } from '../helpers/engine.js';

let dir: string;
let ws: Workspace;
const AT = new Date('2024-06-20T10:00:00.000Z');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-note-writes-'));
  ws = await openWorkspace(workspaceFor(dir), { create: true });
});

afterAll(async () => {
  await ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs writeNotes in one mutate, against the notes stored at its start, with the writes given by a generator. */
async function write(writes: NoteWrite[], deliberated = new Set<string>()) {
  return mutate(ws, 'test', AT, async (trx) => {
    const report = await writeNotes(trx, AT, (function* () { yield* writes; })(), deliberated, await storedNotes(trx));
    return { result: report, detail: {} };
  });
}

const file = (numero: string, unite: string, value: string): NoteWrite => ({ numero, unite, value, source: 'notes.csv' });
const jury = (numero: string, unite: string, value: string): NoteWrite => ({ numero, unite, value, source: 'jury:jury.csv', motif: 'harmonisation' });

describe('writeNotes', () => {
  it('stores first notes without audit; the jury note after the file note is audited from the file value', async () => {
    const report = await write([file('1001', 'U1', '9'), file('1001', 'U3', '12'), jury('1001', 'U1', '10'), file('1002', 'U1', '15')]);
    expect(report).toEqual({ inserted: 3, changed: 1, unchanged: 0, afterDeliberation: [] });
    const stored = await mutate(ws, 'read', AT, async (trx) => ({ result: await storedNotes(trx), detail: {} }));
    expect(stored.get('1001')?.get('U1')).toEqual({ value: '10', source: 'jury:jury.csv' });
    expect(stored.get('1002')?.get('U1')?.value).toBe('15');
    expect((await noteAudit(ws.db)).map((a) => [a.numero, a.unite, a.old_value, a.new_value, a.motif])).toEqual([['1001', 'U1', '9', '10', 'harmonisation']]);
  });

  it('the same notes again: nothing stored, nothing audited; a change after deliberation is reported', async () => {
    expect(await write([file('1001', 'U3', '12'), file('1002', 'U1', '15')])).toEqual({ inserted: 0, changed: 0, unchanged: 2, afterDeliberation: [] });
    const report = await write([file('1002', 'U1', '16')], new Set(['1002']));
    expect(report.afterDeliberation).toEqual([{ numero: '1002', unite: 'U1', old: '15', new: '16' }]);
    expect((await noteAudit(ws.db, '1002')).map((a) => [a.old_value, a.new_value])).toEqual([['15', '16']]);
  });

  it('refuses a candidate whose writes do not come together, and nothing is stored', async () => {
    const before = (await noteAudit(ws.db)).length;
    await expect(write([file('1003', 'U1', '11'), file('1004', 'U1', '11'), jury('1003', 'U1', '12')])).rejects.toThrow(/1003/);
    const stored = await mutate(ws, 'read', AT, async (trx) => ({ result: await storedNotes(trx), detail: {} }));
    expect(stored.has('1003') || stored.has('1004')).toBe(false);
    expect((await noteAudit(ws.db)).length).toBe(before);
  });
});
