// Issue #11 findings 1 and 5: a workspace made before them still loads, the new regulation facts derived from the
// académie / voie of the same code in the bundled regulation.
import { describe, expect, it } from 'vitest';
import { getMeta, mutate, openWorkspace, setMeta } from '../../src/store/workspace.js';
import { sessionRegulation } from '../../src/store/session.js';
import { sessionWorkspace } from '../helpers/documents-workspace.js';

describe('sessionRegulation on a workspace stored before issue #11', () => {
  it('derives académie time zones and voies without establishment', async () => {
    const s = sessionWorkspace([]);
    const ws = await openWorkspace(s.file, { create: false });
    try {
      await mutate(ws, 'test-old', new Date('2024-01-01T00:00:00Z'), async (db) => {
        const old = JSON.parse((await getMeta(db, 'regulation'))!);
        for (const a of old.academies) delete a.timeZone;
        for (const v of old.voies) delete v.withoutEstablishment;
        await setMeta(db, 'regulation', JSON.stringify(old));
        return { result: undefined, detail: {} };
      });
      const reg = await sessionRegulation(ws.db);
      expect(reg.academies.find((a) => a.code === 'MAYOTTE')?.timeZone).toBe('Indian/Mayotte');
      expect(reg.voies.filter((v) => v.withoutEstablishment).map((v) => v.code).sort()).toEqual(['candidat_individuel', 'enseignement_distance', 'experience_professionnelle']);
    } finally {
      await ws.close();
    }
  });
});
