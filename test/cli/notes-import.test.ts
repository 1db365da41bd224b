// ccst notes import as a command (fake Ctx, SQLite): filled bordereaux by lot (XLSX under a title block, CSV) and
// notes by numéro, stored with the audit of `ccst deliberate`; every refusal of issue #13 item 5 listed with file, row
// and column, exit 3, nothing stored — all files or none. The copies and lots are planted as `ccst copies anonymise`
// and `ccst copies lots` store them (migration 010-copies-lots).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/notes-import.js';
import { CcstError } from '../../src/cli/errors.js';
import { formatAnonymat } from '../../src/domain/examiners/anonymity.js';
import { loadExcelJS } from '../../src/io/exceljs-loader.js';
import { fakeCtx } from '../helpers/fake-ctx.js';
import { PEOPLE, sessionWorkspace, type SqliteDb } from '../helpers/documents-workspace.js';

// Copies of E5 (four candidates present; 24002 absent) in two lots, one copy of E3.
const A1 = formatAnonymat(31_415_926);
const A2 = formatAnonymat(27_182_818);
const A3 = formatAnonymat(16_180_339);
const A4 = formatAnonymat(14_142_135);
const B1 = formatAnonymat(57_721_566);
const COPIES: [string, string, string, string | null][] = [
  ['24001', 'E5', A1, 'E5-01'], ['24003', 'E5', A2, 'E5-01'], ['24004', 'E5', A3, 'E5-02'], ['24005', 'E5', A4, 'E5-02'], ['24001', 'E3', B1, 'E3-01'],
];
const AT = '2024-05-01T00:00:00.000Z';

function seedCopies(db: SqliteDb): void {
  for (const [numero, epreuve, anonymat, lot] of COPIES) {
    db.prepare('INSERT INTO copies (numero, epreuve, anonymat, issued_at) VALUES (?, ?, ?, ?)').run(numero, epreuve, anonymat, AT);
    if (lot) db.prepare('INSERT INTO lot_copies (anonymat, lot, position) VALUES (?, ?, ?)').run(anonymat, lot, 1);
  }
  for (const [name, epreuve, correcteur, number] of [['E5-01', 'E5', 'ada.lovelace@ac-toulouse.fr', 1], ['E5-02', 'E5', 'alan.turing@ac-toulouse.fr', 2], ['E3-01', 'E3', 'grace.hopper@ac-toulouse.fr', 1]] as const) {
    db.prepare('INSERT INTO lots (name, epreuve, academie, correcteur, number, pinned, built_at) VALUES (?, ?, ?, ?, ?, 0, ?)').run(name, epreuve, 'TOULOUSE', correcteur, number, AT);
  }
}

function workspace() {
  const ws = sessionWorkspace(PEOPLE, seedCopies);
  const query = <T>(sql: string, ...params: unknown[]): T[] => {
    const db = new Database(ws.file, { readonly: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  };
  const write = (sql: string, ...params: unknown[]) => {
    const db = new Database(ws.file);
    db.prepare(sql).run(...params);
    db.close();
  };
  return { ...ws, query, write, notes: () => query<{ numero: string; unite: string; value: string; source: string }>('SELECT numero, unite, value, source FROM notes ORDER BY numero, unite') };
}

/** A bordereau as `ccst copies bordereaux` writes it: a sheet named after the lot, a title block, the header, the copies. */
async function bordereauXlsx(file: string, lot: string, rows: [string, string | number | null][], opts: { lotColumn?: boolean } = {}): Promise<string> {
  const ExcelJS = loadExcelJS();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(lot);
  ws.addRow([`Bordereau de notation — lot ${lot}`]);
  ws.addRow(['Épreuve', 'E5', 'Correcteur', 'ada.lovelace@ac-toulouse.fr']);
  ws.addRow(['Note sur 20 : « 12,5 », ou ABS / ABJ']);
  ws.addRow([]);
  ws.addRow(['lot', 'anonymat', 'note', 'observation']);
  for (const [anonymat, note] of rows) ws.addRow([opts.lotColumn === false ? null : lot, anonymat, note, null]);
  await wb.xlsx.writeFile(file);
  return file;
}

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => undefined, (x) => x);
  expect(e).toBeInstanceOf(CcstError);
  return e as CcstError;
};

describe('notes import: bordereaux', () => {
  it('stores the notes of filled bordereaux (XLSX under a title block, CSV) by candidate, the lot and file as source', async () => {
    const w = workspace();
    const x = await bordereauXlsx(path.join(w.dir, 'lot-E5-01.xlsx'), 'E5-01', [[A1, 12.5], [A2, '8,25']]);
    const c = path.join(w.dir, 'lot-E5-02.csv');
    fs.writeFileSync(c, `Bordereau de notation;;;\nLot E5-02;;;\n;;;\nlot;anonymat;note;observation\nE5-02;${A3};ABS;copie non rendue\nE5-02;${A4.toLowerCase()};;\n`);
    const ctx = fakeCtx({ cwd: w.dir });
    await run(ctx, { files: [x, c] });
    expect(w.notes()).toEqual([
      { numero: '24001', unite: 'U5', value: '12,5', source: 'lot:E5-01:lot-E5-01.xlsx' },
      { numero: '24003', unite: 'U5', value: '8,25', source: 'lot:E5-01:lot-E5-01.xlsx' },
      { numero: '24004', unite: 'U5', value: 'ABS', source: 'lot:E5-02:lot-E5-02.csv' },
    ]);
    expect(ctx.err()).toContain('lot-E5-01.xlsx (lot E5-01, ada.lovelace@ac-toulouse.fr) : 2 note(s).');
    expect(ctx.err()).toContain('lot-E5-02.csv (lot E5-02, alan.turing@ac-toulouse.fr) : 1 note(s), 1 copie(s) sans note.');
    expect(ctx.err()).toContain(`copie(s) sans note ${A4} (ligne 6)`);
    expect(ctx.err()).toContain('Workspace : 3 note(s) ajoutée(s), 0 modifiée(s) (historique dans note_audit), 0 inchangée(s).');
    expect(w.query('SELECT command FROM audit_log WHERE command = ?', 'notes import')).toHaveLength(1);
    // The same files again: nothing changes.
    const again = fakeCtx({ cwd: w.dir });
    await run(again, { files: [x, c] });
    expect(again.err()).toContain('0 note(s) ajoutée(s), 0 modifiée(s) (historique dans note_audit), 3 inchangée(s).');
    expect(w.query('SELECT * FROM note_audit')).toEqual([]);
  });

  it('takes the lot from the sheet’s name when the row has none', async () => {
    const w = workspace();
    const x = await bordereauXlsx(path.join(w.dir, 'lot.xlsx'), 'E5-02', [[A3, 11], [A4, 9]], { lotColumn: false });
    await run(fakeCtx({ cwd: w.dir }), { files: [x], epreuve: 'E5' });
    expect(w.notes().map((n) => [n.numero, n.value, n.source])).toEqual([['24004', '11', 'lot:E5-02:lot.xlsx'], ['24005', '9', 'lot:E5-02:lot.xlsx']]);
  });

  it('refuses every bad row at once, with file, row and column, and stores nothing (exit 3)', async () => {
    const w = workspace();
    const wrongLetter = A2.slice(0, 8) + (A2.endsWith('A') ? 'B' : 'A');
    const x = await bordereauXlsx(path.join(w.dir, 'lot-E5-01.xlsx'), 'E5-01', [
      [A1, 12], // row 6: fine
      ['99999999' + formatAnonymat(99_999_999).slice(8), 10], // row 7: unknown number
      [wrongLetter, 10], // row 8: wrong check letter
      [B1, 10], // row 9: a copy of E3
      [A3, 10], // row 10: a copy of lot E5-02
      [A2, 21], // row 11: out of range
      [A1, 12], // row 12: the same copy again
    ]);
    const c = path.join(w.dir, 'lot-E5-02.csv');
    fs.writeFileSync(c, `lot;anonymat;note;observation\nE5-02;${A3};XYZ;\nE5-02;${A4};BEN 12;\nE5-09;${A4};12;\n`);
    const n = path.join(w.dir, 'ccf.csv');
    fs.writeFileSync(n, 'numero;U4\n24001;12\n99999;13\n');
    const ctx = fakeCtx({ cwd: w.dir });
    const e = await refusal(run(ctx, { files: [x, c, n] }));
    expect(e.exitCode).toBe(3);
    expect(e.message).toBe('10 erreur(s) dans les fichiers de notes : aucune note enregistrée.');
    const d = e.details.join('\n');
    for (const line of [
      `lot-E5-01.xlsx, ligne 7, colonne « anonymat » : numéro d’anonymat 99999999${formatAnonymat(99_999_999).slice(8)} inconnu du workspace (aucune copie ne le porte)`,
      `lot-E5-01.xlsx, ligne 8, colonne « anonymat » : numéro d’anonymat erroné : « ${wrongLetter} » (la lettre de contrôle ne correspond pas : chiffre mal recopié ?)`,
      `lot-E5-01.xlsx, ligne 9, colonne « anonymat » : copie ${B1} de l’épreuve E3, pas de E5 (lot E5-01)`,
      `lot-E5-01.xlsx, ligne 10, colonne « lot » : copie ${A3} du lot E5-02, pas du lot E5-01`,
      `lot-E5-01.xlsx, ligne 11, colonne « note » : copie ${A2} : note 21 hors de l’échelle 0 à 20`,
      `lot-E5-01.xlsx, ligne 12, colonne « anonymat » : copie ${A1} déjà présente ligne 6`,
      `lot-E5-02.csv, ligne 2, colonne « note » : copie ${A3} : « XYZ » n’est ni une note`,
      `lot-E5-02.csv, ligne 3, colonne « note » : copie ${A4} : « BEN 12 » : sur un bordereau de correction, une note de 0 à 20, ABS ou ABJ`,
      'lot-E5-02.csv, ligne 4, colonne « lot » : lot « E5-09 » inconnu du workspace (ccst copies lots)',
      'ccf.csv, ligne 3, colonne « numero » : candidat 99999 absent du workspace',
    ]) expect(d).toContain(line);
    expect(w.notes()).toEqual([]);
    expect(w.query('SELECT command FROM audit_log WHERE command = ?', 'notes import')).toEqual([]);
  });

  it('refuses a copy of another épreuve than --epreuve', async () => {
    const w = workspace();
    const x = await bordereauXlsx(path.join(w.dir, 'lot-E5-01.xlsx'), 'E5-01', [[A1, 12]]);
    const e = await refusal(run(fakeCtx({ cwd: w.dir }), { files: [x], epreuve: 'E3' }));
    expect(e.details.join('\n')).toContain(`lot-E5-01.xlsx, ligne 6, colonne « anonymat » : copie ${A1} de l’épreuve E5, pas de E3 (--epreuve)`);
  });

  it('a second note for a copy already marked in another lot is refused; the same note again is accepted', async () => {
    const w = workspace();
    await run(fakeCtx({ cwd: w.dir }), { files: [await bordereauXlsx(path.join(w.dir, 'lot-E5-01.xlsx'), 'E5-01', [[A1, 12]])] });
    // The lots were made again meanwhile: the copy is now in E5-02, whose correcteur marks it too.
    w.write('UPDATE lot_copies SET lot = ? WHERE anonymat = ?', 'E5-02', A1);
    const other = await bordereauXlsx(path.join(w.dir, 'lot-E5-02.xlsx'), 'E5-02', [[A1, 14]]);
    const e = await refusal(run(fakeCtx({ cwd: w.dir }), { files: [other] }));
    expect(e.details.join('\n')).toContain(`lot-E5-02.xlsx, ligne 6, colonne « note » : copie ${A1} : note « 12 » déjà reçue du lot E5-01 en U5 ; une autre note du lot E5-02 (« 14 ») est refusée`);
    const same = await bordereauXlsx(path.join(w.dir, 'lot-E5-02b.xlsx'), 'E5-02', [[A1, 12]]);
    const ctx = fakeCtx({ cwd: w.dir });
    await run(ctx, { files: [same] });
    expect(ctx.err()).toContain('0 note(s) ajoutée(s), 0 modifiée(s) (historique dans note_audit), 1 inchangée(s).');
    expect(w.notes()).toEqual([{ numero: '24001', unite: 'U5', value: '12', source: 'lot:E5-01:lot-E5-01.xlsx' }]);
  });

  it('a corrected bordereau replaces the note, logged in note_audit, and warned after a deliberation', async () => {
    const w = workspace();
    const file = path.join(w.dir, 'lot-E5-01.xlsx');
    await run(fakeCtx({ cwd: w.dir }), { files: [await bordereauXlsx(file, 'E5-01', [[A1, 12], [A2, 9]])] });
    w.write("INSERT INTO results (numero, decision, detail, deliberated_at) VALUES ('24001', 'ADMIS', '{}', ?)", AT);
    const ctx = fakeCtx({ cwd: w.dir });
    await run(ctx, { files: [await bordereauXlsx(file, 'E5-01', [[A1, 13.5], [A2, 9]])] });
    expect(ctx.err()).toContain('Attention : note modifiée après délibération — 24001 U5 : 12 → 13,5');
    expect(ctx.err()).toContain('0 note(s) ajoutée(s), 1 modifiée(s) (historique dans note_audit), 1 inchangée(s).');
    expect(w.query('SELECT numero, unite, old_value, new_value, source FROM note_audit')).toEqual([
      { numero: '24001', unite: 'U5', old_value: '12', new_value: '13,5', source: 'lot:E5-01:lot-E5-01.xlsx' },
    ]);
  });
});

describe('notes import after ccst harmonisation apply', () => {
  // The commission d'harmonisation adjusted the copy's note (source « harmonisation:<file> », store/harmonisation.ts):
  // importing every lot again must not undo it silently.
  const harmonised = async () => {
    const w = workspace();
    const file = await bordereauXlsx(path.join(w.dir, 'lot-E5-01.xlsx'), 'E5-01', [[A1, 12], [A2, 9]]);
    await run(fakeCtx({ cwd: w.dir }), { files: [file] });
    w.write("UPDATE notes SET value = '13', source = 'harmonisation:ajustements-E5.csv' WHERE numero = '24001' AND unite = 'U5'");
    return { w, file };
  };

  it('refuses to replace a harmonised note with the bordereau’s (exit 3, nothing stored), naming the copy, lot and both values', async () => {
    const { w, file } = await harmonised();
    const before = w.notes();
    const e = await refusal(run(fakeCtx({ cwd: w.dir }), { files: [file] }));
    expect(e.exitCode).toBe(3);
    expect(e.details.join('\n')).toContain(
      `lot-E5-01.xlsx, ligne 6, colonne « note » : copie ${A1} : note « 13 » en U5 ajustée par la commission d’harmonisation (harmonisation:ajustements-E5.csv) ; la note « 12 » du lot E5-01 la remplacerait — retirez la ligne pour garder la note harmonisée, ou relancez avec --force pour la remplacer`,
    );
    expect(w.notes()).toEqual(before);
  });

  it('the harmonised value on the bordereau is accepted and changes nothing', async () => {
    const { w } = await harmonised();
    const ctx = fakeCtx({ cwd: w.dir });
    await run(ctx, { files: [await bordereauXlsx(path.join(w.dir, 'lot-E5-01b.xlsx'), 'E5-01', [[A1, 13], [A2, 9]])] });
    expect(ctx.err()).toContain('0 note(s) ajoutée(s), 0 modifiée(s) (historique dans note_audit), 2 inchangée(s).');
    expect(w.notes()[0]).toMatchObject({ numero: '24001', value: '13', source: 'harmonisation:ajustements-E5.csv' });
  });

  it('--force replaces it, says which copies and lots, and logs the harmonised value in note_audit', async () => {
    const { w, file } = await harmonised();
    const ctx = fakeCtx({ cwd: w.dir });
    await run(ctx, { files: [file], force: true, json: true });
    expect(ctx.err()).toContain(`Attention : 1 note(s) ajustée(s) par la commission d’harmonisation remplacée(s) par les notes importées (--force) : copie ${A1} (lot E5-01) en U5 : « 13 » → « 12 »`);
    expect(JSON.parse(ctx.out()).harmoniseesRemplacees).toEqual([
      { fichier: 'lot-E5-01.xlsx', ligne: 6, copie: `copie ${A1}`, unite: 'U5', lot: 'E5-01', harmonisee: '13', source: 'harmonisation:ajustements-E5.csv', nouvelle: '12' },
    ]);
    expect(w.notes()[0]).toMatchObject({ numero: '24001', value: '12', source: 'lot:E5-01:lot-E5-01.xlsx' });
    expect(w.query('SELECT numero, old_value, new_value FROM note_audit')).toEqual([{ numero: '24001', old_value: '13', new_value: '12' }]);
  });
});

describe('notes import: notes by numéro', () => {
  it('stores CCF notes (wide) and oral notes (long), refuses a unit outside --epreuve, and --dry-run stores nothing', async () => {
    const w = workspace();
    const wide = path.join(w.dir, 'ccf.csv');
    fs.writeFileSync(wide, 'numero;nom;U4;U61\n24001;NGUYỄN;12;14,5\n24003;MARTIN;ABS;\n');
    const long = path.join(w.dir, 'oraux.csv');
    fs.writeFileSync(long, 'numero;epreuve;note\n24002;E4;15\n24005;E4;11,25\n');
    const dry = fakeCtx({ cwd: w.dir });
    await run(dry, { files: [wide, long], dryRun: true, json: true });
    expect(JSON.parse(dry.out())).toMatchObject({ dryRun: true, inserted: 5, changed: 0, unchanged: 0 });
    expect(dry.err()).toContain('Vérification seule (--dry-run) : rien n’a été enregistré');
    expect(w.notes()).toEqual([]);
    await run(fakeCtx({ cwd: w.dir }), { files: [wide, long] });
    expect(w.notes().map((n) => `${n.numero} ${n.unite} ${n.value} ${n.source}`)).toEqual([
      '24001 U4 12 ccf.csv', '24001 U61 14,5 ccf.csv', '24002 U4 15 oraux.csv', '24003 U4 ABS ccf.csv', '24005 U4 11,25 oraux.csv',
    ]);
    const e = await refusal(run(fakeCtx({ cwd: w.dir }), { files: [wide], epreuve: 'E4' }));
    expect(e.details.join('\n')).toContain('ccf.csv, ligne 2, colonne « U61 » : candidat 24001 : note de U61 dans un import limité à E4 (--epreuve)');
  });

  it('past 20 files, stderr sums them up (the detail per file is in --json)', async () => {
    const w = workspace();
    const files: string[] = [];
    for (const [i, numero] of ['24001', '24002', '24003'].entries()) {
      for (const unite of ['U1', 'U21', 'U22', 'U3', 'U61', 'U62', 'U5']) {
        const f = path.join(w.dir, `ccf-${numero}-${unite}.csv`);
        fs.writeFileSync(f, `numero;${unite}\n${numero};${10 + i}\n`);
        files.push(f);
      }
    }
    const ctx = fakeCtx({ cwd: w.dir });
    await run(ctx, { files, json: true });
    expect(ctx.err()).toContain('21 fichier(s) : 21 note(s).');
    expect(ctx.err()).not.toContain('ccf-24001-U1.csv');
    expect(JSON.parse(ctx.out()).files).toHaveLength(21);
    expect(w.notes()).toHaveLength(21);
  });

  it('refuses what the inscription contradicts (DIS without dispense), a duplicate across files, and stores nothing of any file', async () => {
    const w = workspace();
    const good = path.join(w.dir, 'ccf-a.csv');
    fs.writeFileSync(good, 'numero;U4\n24001;12\n24003;13\n');
    const bad = path.join(w.dir, 'ccf-b.csv');
    fs.writeFileSync(bad, 'numero;U1;U4\n24005;DIS;\n24001;;12\n');
    const e = await refusal(run(fakeCtx({ cwd: w.dir }), { files: [good, bad] }));
    const d = e.details.join('\n');
    expect(d).toContain('ccf-b.csv, ligne 2, colonne « U1 » : DIS en U1 alors que le candidat n’en est pas dispensé à l’inscription');
    expect(d).toContain('ccf-b.csv, ligne 3, colonne « U4 » : candidat 24001 : deuxième note en U4 dans cet import (déjà ccf-a.csv, ligne 2)');
    expect(w.notes()).toEqual([]);
  });
});
