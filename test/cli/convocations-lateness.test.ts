// Issue #11 finding 2 on the commands: --retard-max / --retard-source at init and calendar import, stored in the
// workspace, printed only when set and under the académie's heading (circulaire Toulouse 2023 §1.1 « l'accès aux
// salles de composition lors des épreuves écrites peut être autorisé dans la limite de la première heure »).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as runInit } from '../../src/cli/commands/init.js';
import { run as runCalendarImport } from '../../src/cli/commands/calendar-import.js';
import { run as runConvocations } from '../../src/cli/commands/convocations.js';
import type { CcstError } from '../../src/cli/errors.js';
import { openWorkspace } from '../../src/store/workspace.js';
import { readLateness } from '../../src/store/session.js';
import { fakeCtx } from '../helpers/fake-ctx.js';
import { collapse, pdfText } from '../helpers/pdf-text.js';
import { person, sessionWorkspace } from '../helpers/documents-workspace.js';

const lateness = async (file: string) => {
  const ws = await openWorkspace(file, { create: false });
  try {
    return await readLateness(ws.db);
  } finally {
    await ws.close();
  }
};

describe('académie late-arrival rule (issue #11 finding 2)', () => {
  it('init stores it with its source; a limit without source, or a source alone, is a usage error (exit 2)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-late-'));
    const ctx = fakeCtx({ cwd: dir });
    const bad = [{ retardMax: '60' }, { retardSource: 'circulaire Toulouse 2023 §1.1' }, { retardMax: 'une heure', retardSource: 'x' }];
    for (const flags of bad) {
      const e = (await runInit(ctx, { session: '2023', academie: 'TOULOUSE', ...flags }).catch((x: unknown) => x)) as CcstError;
      expect(e.exitCode).toBe(2);
      expect(fs.existsSync(path.join(dir, 'ccst.db'))).toBe(false);
    }
    await runInit(ctx, { session: '2023', academie: 'TOULOUSE', retardMax: '60', retardSource: 'circulaire Toulouse 2023 §1.1' });
    expect(await lateness(path.join(dir, 'ccst.db'))).toEqual({ minutes: 60, source: 'circulaire Toulouse 2023 §1.1' });
  });

  it('convocations print it under « Règle de l’académie (source) » only when set; calendar import sets and removes it', async () => {
    const s = sessionWorkspace([person('24001', 'NGUYỄN', 'Đức', { voie: 'candidat_individuel', etablissementUai: undefined })]);
    const ctx = fakeCtx({ cwd: s.dir });
    const text = async (out: string) => {
      await runConvocations(ctx, { workspace: s.file, output: out });
      return collapse((await pdfText(fs.readFileSync(path.join(s.dir, out)))).flat);
    };
    const none = await text('none.pdf');
    expect(none).not.toContain('Retards');
    expect(none).not.toContain('accès refusé');
    expect(none).toContain('aucune sortie avant 16h30'); // annexe 2 stays national
    fs.writeFileSync(path.join(s.dir, 'cal.csv'), 'epreuve;date;zone;horaire\nE3;14/05/2024;Métropole;14h00 – 18h00\n');
    await runCalendarImport(ctx, { workspace: s.file, file: path.join(s.dir, 'cal.csv'), retardMax: '60', retardSource: 'circulaire Toulouse 2023 §1.1' });
    expect(ctx.err()).toContain('Règle de retard de l’académie : accès dans la limite de 60 min (circulaire Toulouse 2023 §1.1).');
    const set = await text('set.pdf');
    expect(set).toContain('accès refusé après 15h00');
    expect(set).toContain('Règle de l’académie (circulaire Toulouse 2023 §1.1)');
    expect(set).toContain("dans la limite de la première heure de l'épreuve");
    expect(set.indexOf('Règles de l’examen (circulaire nationale')).toBeLessThan(set.indexOf('Retards'));
    await runCalendarImport(ctx, { workspace: s.file, file: path.join(s.dir, 'cal.csv'), retardMax: '0' });
    expect(await lateness(s.file)).toBeUndefined();
    expect(await text('removed.pdf')).not.toContain('Retards');
  });
});
