// Command tests of `attendance` and `incidents` with a fake Ctx on a small SQLite session (issue #14 §4): --dry-run
// stores nothing, refusals carry their exit code and French message, the help has examples.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { fakeCtx } from '../helpers/fake-ctx.js';
import { sessionWorkspace } from '../helpers/documents-workspace.js';
import { run as attendanceImport } from '../../src/cli/commands/attendance-import.js';
import { run as attendanceJustify } from '../../src/cli/commands/attendance-justify.js';
import { run as incidents } from '../../src/cli/commands/incidents.js';
import { buildProgram } from '../../src/cli/program.js';
import { CcstError } from '../../src/cli/errors.js';
import { loadExcelJS } from '../../src/io/exceljs-loader.js';
import { pdfText } from '../helpers/pdf-text.js';

const hash = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function failure(p: Promise<unknown>): Promise<CcstError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(CcstError);
  return e as CcstError;
}

describe('ccst attendance', () => {
  it('--dry-run reports the ABS it would write and stores nothing', async () => {
    const { dir, file } = sessionWorkspace();
    fs.writeFileSync(path.join(dir, 'pv.csv'), 'N° candidat;Présence;Heure d’arrivée\n24001;absent;\n24003;P;\n24005;retard;15:00\n');
    const before = hash(file);
    const ctx = fakeCtx({ cwd: dir });
    await attendanceImport(ctx, { file: path.join(dir, 'pv.csv'), epreuve: 'e5', dryRun: true, json: true });
    const summary = JSON.parse(ctx.out());
    expect(summary).toMatchObject({ dryRun: true, present: 1, absent: 1, retard: 1, lateness: null });
    expect(summary.notes.written).toEqual([{ numero: '24001', unite: 'U5', value: 'ABS', motif: 'absent à E5 (PV de salle)' }]);
    expect(ctx.err()).toContain('Vérification seule (--dry-run) : rien n’a été enregistré.');
    expect(hash(file)).toBe(before);
  });

  it('reads an XLSX PV whose arrival times are Excel time cells, and stores the late arrival', async () => {
    const { dir, file } = sessionWorkspace();
    const wb = new (loadExcelJS().Workbook)();
    const ws = wb.addWorksheet('PV E5');
    ws.addRow(['numero', 'epreuve', 'statut', 'heure', 'observation']);
    ws.addRow(['24001', 'E5', 'Absent', null, null]);
    ws.addRow(['24003', 'E5', 'Retard', new Date(Date.UTC(1899, 11, 30, 15, 5)), 'bus en retard']);
    ws.getCell('D3').numFmt = 'hh:mm';
    await wb.xlsx.writeFile(path.join(dir, 'pv.xlsx'));
    const ctx = fakeCtx({ cwd: dir });
    await attendanceImport(ctx, { file: path.join(dir, 'pv.xlsx'), json: true });
    expect(JSON.parse(ctx.out())).toMatchObject({ absent: 1, retard: 1, changed: 2 });
    // No académie rule in this workspace: the late arrival is recorded, said « non évalué », never guessed.
    expect(ctx.err()).toContain('Retard non évalué — E5 : aucune règle de retard de l’académie');
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT statut, heure, late, observation FROM attendance WHERE numero = '24003'").get()).toEqual({ statut: 'retard', heure: '15:05', late: 0, observation: 'bus en retard' });
    db.close();
  });

  it('a file without an épreuve column needs --epreuve (exit 3, said before reading the lines)', async () => {
    const { dir } = sessionWorkspace();
    fs.writeFileSync(path.join(dir, 'pv.csv'), 'numero;statut\n24001;absent\n');
    const e = await failure(attendanceImport(fakeCtx({ cwd: dir }), { file: path.join(dir, 'pv.csv') }));
    expect([e.exitCode, e.message]).toEqual([3, 'pv.csv : pas de colonne epreuve : indiquez l’épreuve du PV avec --epreuve, ex. --epreuve E5']);
  });

  it('an absence on a dispensed unit is refused at its row (DURAND is dispensed of U4)', async () => {
    const { dir } = sessionWorkspace();
    fs.writeFileSync(path.join(dir, 'pv.csv'), 'numero;epreuve;statut\n24004;E4;absent\n');
    const e = await failure(attendanceImport(fakeCtx({ cwd: dir }), { file: path.join(dir, 'pv.csv') }));
    expect(e.exitCode).toBe(3);
    expect(e.details.join('\n')).toContain('pv.csv, ligne 2, colonne « statut » : 24004 absent à E4 alors qu’il en est dispensé');
  });

  it('justify without a recorded absence is refused; --motif is required', async () => {
    const { dir } = sessionWorkspace();
    const e = await failure(attendanceJustify(fakeCtx({ cwd: dir }), { numero: '24001', epreuve: 'E5', motif: 'certificat' }));
    expect([e.exitCode, e.message]).toEqual([3, 'aucune présence enregistrée pour 24001 à E5 : importez d’abord le PV de salle (ccst attendance import)']);
    expect((await failure(attendanceJustify(fakeCtx({ cwd: dir }), { numero: '24001', epreuve: 'E5' }))).exitCode).toBe(2);
  });
});

describe('ccst incidents', () => {
  it('refuses an unknown candidate (3), a bad time (2), an unknown effect with the list of codes (2)', async () => {
    const { dir } = sessionWorkspace();
    const add = (over: Record<string, unknown>) => incidents(fakeCtx({ cwd: dir }), { sub: 'add', numero: '24001', epreuve: 'E5', heure: '15:10', faits: 'téléphone', ...over });
    expect((await failure(add({ numero: '99999' }))).exitCode).toBe(3);
    expect((await failure(add({ heure: '25:10' }))).message).toContain('--heure attend HH:MM');
    const close = await failure(incidents(fakeCtx({ cwd: dir }), { sub: 'close', id: '1', decision: 'relaxe', effet: 'amende' }));
    expect(close.exitCode).toBe(2);
    expect(close.details.join('\n')).toContain('aucune_sanction');
  });

  it('add then list: the fraud case is open, the centre is taken from the assignment', async () => {
    const { dir } = sessionWorkspace(undefined, (db) => {
      db.prepare("INSERT INTO assignments (numero, epreuve, centre_uai, pinned) VALUES ('24001', 'E5', '0310044E', 0)").run();
    });
    await incidents(fakeCtx({ cwd: dir }), { sub: 'add', numero: '24001', epreuve: 'E5', heure: '15:10', faits: 'antisèche', pieces: 'feuille manuscrite', fraude: true });
    const ctx = fakeCtx({ cwd: dir });
    await incidents(ctx, { sub: 'list', json: true });
    expect(JSON.parse(ctx.out())).toEqual([expect.objectContaining({ id: 1, numero: '24001', centreUai: '0310044E', fraude: true, etat: 'ouvert', pieces: 'feuille manuscrite' })]);
    expect(ctx.err()).toContain('1 incident(s), dont 1 procédure(s) de fraude en cours.');
  });

  it('an interdiction keeps its duration and voids the épreuve; nullite_session voids this session’s notes; a bénéfice in a group is a conflict (4), nothing stored', async () => {
    const { dir, file } = sessionWorkspace(undefined, (db) => {
      const note = db.prepare("INSERT INTO notes (numero, unite, value, source, updated_at) VALUES (?, ?, ?, 'notes.csv', '2023-06-20T10:00:00.000Z')");
      for (const [n, u, v] of [['24001', 'U5', '14'], ['24001', 'U1', '11'], ['24003', 'U5', '9,5'], ['24003', 'U1', '12'], ['24003', 'U3', 'BEN 13@2022'], ['24005', 'U3', 'BEN 13@2022']]) note.run(n, u, v);
    });
    const add = (numero: string) => incidents(fakeCtx({ cwd: dir }), { sub: 'add', numero, epreuve: 'E5', heure: '15:10', faits: 'téléphone', fraude: true });
    for (const n of ['24001', '24003', '24005']) await add(n);
    const close = (id: string, over: Record<string, unknown>) => { const ctx = fakeCtx({ cwd: dir }); return incidents(ctx, { sub: 'close', id, decision: 'commission du 03/07/2023', json: true, ...over }).then(() => ctx); };
    expect((await failure(close('1', { effet: 'interdiction' }))).message).toContain('--duree <années> est obligatoire');
    const interdiction = JSON.parse((await close('1', { effet: 'interdiction', duree: '2' })).out());
    expect(interdiction).toMatchObject({ effet: 'interdiction', dureeAnnees: 2, notesAnnulees: [{ unite: 'U5', old: '14', value: 'NUL' }], nouvelleDeliberation: true });
    const session = JSON.parse((await close('2', { effet: 'nullite_session' })).out());
    expect(session.notesAnnulees).toEqual([{ unite: 'U1', old: '12', value: 'NUL' }, { unite: 'U5', old: '9,5', value: 'NUL' }]);
    const before = hash(file);
    const conflict = await failure(close('3', { effet: 'nullite_groupe', unites: 'U3' }));
    expect(conflict.exitCode).toBe(4);
    expect(conflict.message).toContain('U3 = « BEN 13@2022 » : pas une épreuve de cette session');
    expect(hash(file)).toBe(before);
    const list = fakeCtx({ cwd: dir });
    await incidents(list, { sub: 'list', json: true });
    expect(JSON.parse(list.out()).map((i: { effet?: string; dureeAnnees?: number; etat: string }) => [i.effet, i.dureeAnnees, i.etat])).toEqual([['interdiction', 2, 'clos'], ['nullite_session', undefined, 'clos'], [undefined, undefined, 'ouvert']]);
  });

  it('the report stays one A4 page with very long facts, evidence and decision (cut within their boxes)', async () => {
    const { dir } = sessionWorkspace();
    const long = 'Le candidat consultait un téléphone dissimulé sous sa copie ; '.repeat(45);
    await incidents(fakeCtx({ cwd: dir }), { sub: 'add', numero: '24002', epreuve: 'E5', heure: '16:00', faits: long.slice(0, 2990), pieces: long.slice(0, 1400), fraude: true });
    await incidents(fakeCtx({ cwd: dir }), { sub: 'close', id: '1', decision: long.slice(0, 1900), effet: 'blame' });
    await incidents(fakeCtx({ cwd: dir }), { sub: 'report', id: '1', output: path.join(dir, 'fraude.pdf') });
    const { pages, flat } = await pdfText(fs.readFileSync(path.join(dir, 'fraude.pdf')));
    expect(pages).toHaveLength(1);
    expect(flat).toContain('ØDEGÅRD');
    expect(flat).toContain('Chef de centre');
  });
});

describe('help', () => {
  it('every attendance and incidents subcommand shows examples', () => {
    const program = buildProgram();
    for (const group of ['attendance', 'incidents']) {
      const g = program.commands.find((c: Command) => c.name() === group)!;
      for (const sub of g.commands) {
        let text = '';
        sub.configureOutput({ writeOut: (s) => (text += s) });
        sub.outputHelp();
        expect(text, `${group} ${sub.name()}`).toMatch(/Exemples :\n {2}\$ ccst /);
      }
    }
  });
});
