// ccst notes status as a command (fake Ctx, SQLite): the data on stdout (text and --json), nothing on stderr, exit 0
// with notes missing; per lot for the anonymous copies, the correcteur to chase and the missing anonymity numbers.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/notes-status.js';
import { formatAnonymat } from '../../src/domain/examiners/anonymity.js';
import { fakeCtx } from '../helpers/fake-ctx.js';
import { PEOPLE, sessionWorkspace } from '../helpers/documents-workspace.js';
import { CcstError } from '../../src/cli/errors.js';

const A1 = formatAnonymat(31_415_926);
const A3 = formatAnonymat(16_180_339);
const AT = '2024-05-01T00:00:00.000Z';

function workspace() {
  return sessionWorkspace(PEOPLE, (db) => {
    for (const [numero, anonymat, lot] of [['24001', A1, 'E5-01'], ['24004', A3, 'E5-01']]) {
      db.prepare('INSERT INTO copies (numero, epreuve, anonymat, issued_at) VALUES (?, ?, ?, ?)').run(numero, 'E5', anonymat, AT);
      db.prepare('INSERT INTO lot_copies (anonymat, lot, position) VALUES (?, ?, 1)').run(anonymat, lot);
    }
    db.prepare("INSERT INTO lots (name, epreuve, academie, correcteur, number, pinned, built_at) VALUES ('E5-01', 'E5', 'TOULOUSE', 'ada@ac-toulouse.fr', 1, 0, ?)").run(AT);
    for (const [numero, unite, value] of [['24001', 'U5', '12'], ['24002', 'U5', 'ABS'], ['24001', 'U4', '11'], ['24003', 'U4', 'NV']]) {
      db.prepare('INSERT INTO notes (numero, unite, value, source, updated_at) VALUES (?, ?, ?, ?, ?)').run(numero, unite, value, 'x.csv', AT);
    }
  });
}

describe('notes status', () => {
  it('text: per épreuve, per lot with its correcteur and missing copies, the candidates without a note', async () => {
    const ws = workspace();
    const ctx = fakeCtx({ cwd: ws.dir });
    await run(ctx, { epreuve: 'E5' });
    expect(ctx.out()).toBe([
      'E5 (U5), copies anonymes : 5 candidat(s) attendu(s), 2 note(s), 3 manquante(s) — dont codes : ABS 1',
      `  lot E5-01 — ada@ac-toulouse.fr : 2 copie(s), 1 note(s), 1 manquante(s) : ${A3}`,
      '  sans copie ni note : 24003, 24005',
      '',
    ].join('\n'));
    expect(ctx.err()).toBe('');
    const all = fakeCtx({ cwd: ws.dir });
    await run(all, {});
    // 24004 is dispensed of U4 (PEOPLE): four expected.
    expect(all.out()).toContain('E4 (U4) : 4 candidat(s) attendu(s), 2 note(s), 2 manquante(s) — dont codes : NV 1\n  sans note : 24002, 24005\n');
  });

  it('--json: every épreuve with its lots', async () => {
    const ws = workspace();
    const ctx = fakeCtx({ cwd: ws.dir });
    await run(ctx, { json: true });
    const e5 = JSON.parse(ctx.out()).epreuves.find((e: { epreuve: string }) => e.epreuve === 'E5');
    expect(e5).toMatchObject({ anonyme: true, attendus: 5, notes: 2, manquantes: 3, lots: [{ lot: 'E5-01', correcteur: 'ada@ac-toulouse.fr', copies: 2, notes: 1, manquantes: [A3] }] });
  });

  it('an unknown --epreuve is a usage error', async () => {
    const ws = workspace();
    const e = await run(fakeCtx({ cwd: ws.dir }), { epreuve: 'E9' }).catch((x) => x);
    expect(e).toBeInstanceOf(CcstError);
    expect(e.exitCode).toBe(2);
  });
});
