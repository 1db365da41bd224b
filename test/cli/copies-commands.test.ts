// The `ccst copies` commands in process (fake Ctx) on a small SQLite session: stdout holds data only and never a
// candidate, stderr the summary; the secret is never printed; --dry-run stores nothing; a shortage stores nothing;
// the correspondence needs --lever-anonymat. The Toulouse flow on the built CLI, both engines: copies.e2e.test.ts.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cand, uai } from '../helpers/assignment-builders.js';
import { sessionWorkspace } from '../helpers/documents-workspace.js';
import { query } from '../helpers/assignment-workspace.js';
import { fakeCtx } from '../helpers/fake-ctx.js';
import { CcstError } from '../../src/cli/errors.js';
import { run as anonymise } from '../../src/cli/commands/copies-anonymise.js';
import { run as lots } from '../../src/cli/commands/copies-lots.js';
import { run as correspondance } from '../../src/cli/commands/copies-correspondance.js';
import { run as bordereaux } from '../../src/cli/commands/copies-bordereaux.js';

const ETABS = [uai('031', 1), uai('031', 2), uai('031', 3)];
const CENTRE = uai('031', 900);
const PEOPLE = Array.from({ length: 12 }, (_, i) => cand(`24000000${String(i).padStart(2, '0')}`, { nom: `ELEVE${i}`, etablissementUai: ETABS[i % 3] }));

function session() {
  return sessionWorkspace(PEOPLE, (db) => {
    db.prepare(`INSERT INTO centres (uai, type, nom, academie, epreuves, capacite, dates, langues, origines, zone) VALUES (?, 'ecrit', 'Écrit', 'TOULOUSE', 'E1 E21 E3 E5', 100, '', '', '', 'metropole')`).run(CENTRE);
    for (const c of PEOPLE) for (const e of ['E3', 'E5']) db.prepare('INSERT INTO assignments (numero, epreuve, centre_uai, pinned) VALUES (?, ?, ?, 0)').run(c.numero, e, CENTRE);
    const examiner = db.prepare(`INSERT INTO examiners (email, nom, prenom, profils, etablissement_uai, academie, epreuves, dates, max_candidats, max_copies, created_at, updated_at)
      VALUES (?, ?, 'P', ?, ?, 'TOULOUSE', ?, '2024-05-30', NULL, ?, '2024-01-01', '2024-01-01')`);
    ETABS.forEach((u, i) => examiner.run(`sti${i}@x.fr`, `CORR${i}`, 'sti', u, 'E5', null));
    examiner.run('cejm@x.fr', 'CEJM', 'cejm', ETABS[0], 'E3', 2);
  });
}
async function fails(p: Promise<unknown>): Promise<CcstError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(CcstError);
  return e as CcstError;
}

describe('ccst copies (in process)', () => {
  it('anonymise: counts on stdout, summary on stderr, no numéro and no secret anywhere; --dry-run stores nothing', async () => {
    const { dir, file } = session();
    const dry = fakeCtx({ cwd: dir });
    await anonymise(dry, { workspace: file, epreuve: 'e5', dryRun: true, json: true });
    expect(JSON.parse(dry.out())).toMatchObject({ dryRun: true, present: 12, created: 12 });
    expect(query(file, 'SELECT * FROM copies')).toEqual([]);
    expect(query(file, "SELECT * FROM meta WHERE key = 'anonymat_secret'")).toEqual([]);
    const ctx = fakeCtx({ cwd: dir });
    await anonymise(ctx, { workspace: file, epreuve: 'E5', json: true });
    expect(Object.keys(JSON.parse(ctx.out()))).toEqual(['epreuve', 'dryRun', 'present', 'kept', 'created', 'retired', 'unplaced', 'stale']);
    expect(ctx.err()).toBe('E5 : 12 copie(s) anonymée(s) — 0 numéro(s) conservé(s), 12 créé(s).\n');
    const [secret] = query<{ value: string }>(file, "SELECT value FROM meta WHERE key = 'anonymat_secret'");
    expect(secret!.value).toMatch(/^[0-9a-f]{64}$/);
    for (const text of [ctx.out(), ctx.err()]) {
      expect(text).not.toContain(secret!.value);
      for (const c of PEOPLE) expect(text).not.toContain(c.numero);
    }
    const again = fakeCtx({ cwd: dir });
    await anonymise(again, { workspace: file, epreuve: 'E5' });
    expect(again.err()).toContain('12 numéro(s) conservé(s), 0 créé(s)');
    expect(query(file, "SELECT value FROM meta WHERE key = 'anonymat_secret'")).toEqual([secret]);
  });

  it('lots: the JSON names correcteurs and numbers only; own établissement never; unknown --pin refused', async () => {
    const { dir, file } = session();
    await anonymise(fakeCtx({ cwd: dir }), { workspace: file, epreuve: 'E5' });
    expect((await fails(lots(fakeCtx({ cwd: dir }), { workspace: file, epreuve: 'E5', size: '4', pin: ['E5-77'] }))).exitCode).toBe(2);
    expect((await fails(lots(fakeCtx({ cwd: dir }), { workspace: file, epreuve: 'E5' }))).message).toContain('--size est obligatoire');
    const ctx = fakeCtx({ cwd: dir });
    await lots(ctx, { workspace: file, epreuve: 'E5', size: '4', json: true });
    const out = JSON.parse(ctx.out());
    for (const c of PEOPLE) expect(ctx.out()).not.toContain(c.numero);
    for (const c of PEOPLE) expect(ctx.out()).not.toContain(c.nom);
    const etabOf = new Map(query<{ anonymat: string; etablissement_uai: string }>(file, 'SELECT c.anonymat, k.etablissement_uai FROM copies c JOIN candidates k USING (numero)').map((r) => [r.anonymat, r.etablissement_uai]));
    for (const l of out.lots) {
      expect(Object.keys(l)).toEqual(['lot', 'epreuve', 'academie', 'correcteur', 'count', 'pinned', 'kept', 'anonymats']);
      expect(l.anonymats.map((a: string) => etabOf.get(a))).not.toContain(ETABS[Number(l.correcteur.email[3])]);
    }
    expect(out.lots.reduce((n: number, l: { count: number }) => n + l.count, 0)).toBe(12);
  });

  it('lots --reset after notes were imported by lot: exit 4 naming those lots, nothing changed; --force remakes them', async () => {
    const { dir, file } = session();
    await anonymise(fakeCtx({ cwd: dir }), { workspace: file, epreuve: 'E5' });
    const first = fakeCtx({ cwd: dir });
    await lots(first, { workspace: file, epreuve: 'E5', size: '4', json: true });
    const lot = JSON.parse(first.out()).lots[1].lot as string;
    // A note imported from that lot's bordereau (notes import stores it under its lot: lot-notes.ts lotSource).
    const db = new Database(file);
    db.prepare("INSERT INTO notes (numero, unite, value, source, updated_at) VALUES (?, 'U5', '12', ?, '2024-06-01')").run(PEOPLE[0]!.numero, `lot:${lot}:${lot}.xlsx`);
    db.close();
    const before = query(file, 'SELECT * FROM lot_copies ORDER BY anonymat');
    const e = await fails(lots(fakeCtx({ cwd: dir }), { workspace: file, epreuve: 'E5', size: '3', reset: true }));
    expect(e.exitCode).toBe(4);
    expect(e.message).toBe('--reset : des notes ont déjà été importées pour 1 lot(s) de E5 ; les refaire séparerait ces notes de leurs bordereaux — rien n’a été enregistré');
    expect(e.details[0]).toBe(`lots avec des notes : ${lot}`);
    expect(query(file, 'SELECT * FROM lot_copies ORDER BY anonymat')).toEqual(before);
    // Without --reset nothing is remade: no refusal. With --force the lots are remade.
    await lots(fakeCtx({ cwd: dir }), { workspace: file, epreuve: 'E5', size: '4' });
    await lots(fakeCtx({ cwd: dir }), { workspace: file, epreuve: 'E5', size: '3', reset: true, force: true });
    expect(query<{ n: number }>(file, 'SELECT count(*) AS n FROM lots')[0]!.n).toBe(4);
  });

  it('a shortage: exit 4 with the académie, copies, lots and reason; nothing stored', async () => {
    const { dir, file } = session();
    await anonymise(fakeCtx({ cwd: dir }), { workspace: file, epreuve: 'E3' });
    const e = await fails(lots(fakeCtx({ cwd: dir }), { workspace: file, epreuve: 'E3', size: '2' }));
    expect(e.exitCode).toBe(4);
    // One CEJM correcteur with max_copies 2 takes one lot of 2 (not of their établissement): 10 copies left, 5 lots.
    expect(e.message).toBe('lots de E3 impossibles : 10 copie(s) sans correcteur ; rien n’a été enregistré');
    expect(e.details[0]).toMatch(/^académie TOULOUSE : 10 copie\(s\) sans correcteur \(lots (E3-0\d, ){4}E3-0\d\) — plus de correcteur qualifié disponible/);
    expect(query(file, 'SELECT * FROM lots')).toEqual([]);
    expect(query(file, 'SELECT * FROM lot_copies')).toEqual([]);
  });

  it('correspondance: refused without --lever-anonymat and to stdout; bordereaux: -o must be a folder', async () => {
    const { dir, file } = session();
    const e = await fails(correspondance(fakeCtx({ cwd: dir }), { workspace: file, epreuve: 'E5', output: 'c.csv' }));
    expect([e.exitCode, e.message]).toEqual([2, 'la table de correspondance lève l’anonymat des copies : ajoutez --lever-anonymat pour la produire']);
    expect((await fails(correspondance(fakeCtx({ cwd: dir }), { workspace: file, epreuve: 'E5', output: '-', leverAnonymat: true }))).exitCode).toBe(2);
    expect((await fails(bordereaux(fakeCtx({ cwd: dir }), { workspace: file, epreuve: 'E5', output: file }))).message).toContain('un dossier est attendu');
  });
});
