// ccst lists / bordereaux / releves on a small workspace: PDFs read back with pdfjs-dist, XLSX re-opened with exceljs.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as runLists } from '../../src/cli/commands/lists.js';
import { run as runBordereaux } from '../../src/cli/commands/bordereaux.js';
import { run as runReleves } from '../../src/cli/commands/releves.js';
import { CcstError } from '../../src/cli/errors.js';
import { loadExcelJS } from '../../src/io/exceljs-loader.js';
import { loadBundledRegulation } from '../../src/io/regulation-file.js';
import { rulesFrom } from '../../src/domain/deliberation/rules.js';
import { deliberateCandidate, resultDetail } from '../../src/domain/deliberation/candidate-result.js';
import { parseNoteCell, type NoteCell } from '../../src/domain/deliberation/note-cell.js';
import type { Db } from '../../src/store/workspace.js';
import { fakeCtx } from '../helpers/fake-ctx.js';
import { pdfText } from '../helpers/pdf-text.js';
import { PEOPLE, person, sessionWorkspace } from '../helpers/documents-workspace.js';

const reg = loadBundledRegulation();
const CENTRE = '0310028M';
const people = [
  ...PEOPLE.map((p) => ({ ...p, voie: 'candidat_individuel' })),
  person('24006', 'BERNARD', 'Chloé', { voie: 'candidat_individuel', tempsMajore: '1/3' }),
];

function fill(db: Db) {
  db.prepare(`INSERT INTO centres (uai, type, nom, commune, academie, epreuves, capacite, zone) VALUES (?, 'ecrit', 'Lycée Déodat de Séverac', 'Toulouse', 'TOULOUSE', 'E1 E21 E3 E5', 200, 'metropole')`).run(CENTRE);
  db.prepare(`INSERT INTO centres (uai, type, nom, commune, academie, epreuves, capacite, zone) VALUES (?, 'oral', 'Lycée Déodat de Séverac', 'Toulouse', 'TOULOUSE', 'E4 E61 E62', 50, 'metropole')`).run(CENTRE);
  const assign = db.prepare('INSERT INTO assignments (numero, epreuve, centre_uai) VALUES (?, ?, ?)');
  const slot = db.prepare('INSERT INTO oral_slots (numero, epreuve, centre_uai, date, start, end, commission, passage) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (const p of people) {
    assign.run(p.numero, 'E3', CENTRE);
    if (p.numero !== '24004') assign.run(p.numero, 'E4', CENTRE);
  }
  slot.run('24001', 'E4', CENTRE, '2024-05-21', '08:00', '10:00', 1, '09:00');
  slot.run('24002', 'E4', CENTRE, '2024-05-21', '10:00', '12:00', 1, '11:00');
  slot.run('24005', 'E4', CENTRE, '2024-05-21', '08:00', '10:00', 2, '09:00');
  slot.run('24006', 'E4', CENTRE, '2024-05-22', '08:00', '10:00', 1, '09:00');
  const note = db.prepare(`INSERT INTO notes (numero, unite, value, source, updated_at) VALUES (?, ?, ?, 'test', '2024-06-01')`);
  note.run('24001', 'U4', '15,5');
  note.run('24002', 'U4', 'ABS');
  note.run('24005', 'U4', 'NV');
}

describe('ccst lists --centre', () => {
  it('writes roll-call, sign-in and blank bordereaux PDFs and the XLSX, per épreuve and commission', async () => {
    const s = sessionWorkspace(people, fill);
    const out = path.join(s.dir, 'out');
    const ctx = fakeCtx({ cwd: s.dir });
    await runLists(ctx, { workspace: s.file, centre: CENTRE.toLowerCase(), output: out });
    expect(fs.readdirSync(out).sort()).toEqual([
      `appel-${CENTRE}.pdf`, `bordereaux-vierges-${CENTRE}.pdf`, `bordereaux-vierges-${CENTRE}.xlsx`, `emargement-${CENTRE}.pdf`, `listes-${CENTRE}.xlsx`,
    ]);
    // Groups: E3 written (6 candidates), E4 21/05 commission 1 (2), commission 2 (1), 22/05 commission 1 (1); 24003 has E4 assigned but no slot.
    const appel = await pdfText(fs.readFileSync(path.join(out, `appel-${CENTRE}.pdf`)));
    const pages = appel.pages.map((p) => p.replace(/\s+/g, ' '));
    expect(pages).toHaveLength(5);
    expect(pages[0]).toContain('LISTE D’APPEL');
    expect(pages[0]).toContain('E3 — Culture économique, juridique et managériale');
    const e3 = reg.calendar.written.find((w) => w.epreuve === 'E3')!;
    expect(pages[0]).toContain(`${e3.date.slice(8, 10)}/${e3.date.slice(5, 7)}/${e3.date.slice(0, 4)}, ${e3.times.metropole.start} – ${e3.times.metropole.end}`);
    for (const name of ['NGUYỄN', 'Đức', 'ØDEGÅRD', 'Ødegård', 'temps majoré 1/3']) expect(pages[0]).toContain(name);
    expect(pages[1]).toMatch(/Commission : 1/);
    expect(pages[1]).toMatch(/24001 NGUYỄN Đức 09:00.*24002 ØDEGÅRD Ødegård 11:00/);
    expect(pages[2]).toMatch(/Commission : 2/);
    expect(pages[3]).toContain('22/05/2024');
    expect(pages[4]).toContain('horaire non fixé'); // 24003: E4 assigned, not yet scheduled
    const emarg = await pdfText(fs.readFileSync(path.join(out, `emargement-${CENTRE}.pdf`)));
    expect(emarg.flat).toContain('LISTE D’ÉMARGEMENT');
    expect(emarg.flat).toContain('Signature à la remise');
    const blank = await pdfText(fs.readFileSync(path.join(out, `bordereaux-vierges-${CENTRE}.pdf`)));
    expect(blank.flat).toContain('BORDEREAU DE NOTATION');
    expect(blank.flat).not.toContain('15,5'); // blank: notes are not printed

    const ExcelJS = loadExcelJS();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, `listes-${CENTRE}.xlsx`));
    expect(wb.worksheets.map((w) => w.name)).toEqual([`E3 ${e3.date.slice(5)}`, 'E4 C1 05-21', 'E4 C2 05-21', 'E4 C1 05-22', 'E4']);
    const sheet = wb.getWorksheet('E4 C1 05-21')!;
    expect(sheet.getRow(4).values).toEqual([, 'numero', 'nom', 'prenom', 'heure', 'amenagement', 'present', 'absent', 'signature']);
    expect([sheet.getRow(5).getCell(2).value, sheet.getRow(5).getCell(3).value]).toEqual(['NGUYỄN', 'Đức']);
    expect(sheet.getRow(6).getCell(2).value).toBe('ØDEGÅRD');
  });

  it('--salles splits written épreuves by room (orals keep their commissions); too few seats → exit 4', async () => {
    const s = sessionWorkspace(people, fill);
    const out = path.join(s.dir, 'salles');
    await runLists(fakeCtx({ cwd: s.dir }), { workspace: s.file, centre: CENTRE, output: out, salles: 'A101:4,B12:4' });
    const pages = (await pdfText(fs.readFileSync(path.join(out, `appel-${CENTRE}.pdf`)))).pages.map((p) => p.replace(/\s+/g, ' '));
    expect(pages).toHaveLength(6); // E3 in A101 (4) and B12 (2), then the 4 E4 groups
    expect(pages[0]).toMatch(/Salle : A101.*24005 ABADIE.*24003 MARTIN/);
    expect(pages[0]).not.toContain('24001');
    expect(pages[1]).toMatch(/Salle : B12.*24001 NGUYỄN.*24002 ØDEGÅRD/);
    const e = (await runLists(fakeCtx({ cwd: s.dir }), { workspace: s.file, centre: CENTRE, output: path.join(s.dir, 'x'), salles: 'A101:4' }).catch((x: unknown) => x)) as CcstError;
    expect([e.exitCode, e.details]).toEqual([4, ['E3 : 6 candidat(s) pour 4 place(s)']]);
    expect(fs.existsSync(path.join(s.dir, 'x', `appel-${CENTRE}.pdf`))).toBe(false);
  });

  it('refuses an unknown centre (exit 2)', async () => {
    const s = sessionWorkspace(people, fill);
    const e = (await runLists(fakeCtx({ cwd: s.dir }), { workspace: s.file, centre: '0999999Z' }).catch((x: unknown) => x)) as CcstError;
    expect([e.exitCode, e.message]).toEqual([2, 'centre inconnu : 0999999Z']);
  });
});

describe('ccst bordereaux --epreuve', () => {
  it('PDF: notes from the workspace, NV and ABS in place of the note, signature table', async () => {
    const s = sessionWorkspace(people, fill);
    const out = path.join(s.dir, 'E4.pdf');
    const ctx = fakeCtx({ cwd: s.dir });
    await runBordereaux(ctx, { workspace: s.file, epreuve: 'U4', output: out });
    const text = await pdfText(fs.readFileSync(out));
    const pages = text.pages.map((p) => p.replace(/\s+/g, ' '));
    expect(pages[0]).toContain('BORDEREAU DE NOTATION');
    expect(pages[0]).toMatch(/24001 NGUYỄN Đức 09:00 15,5/);
    expect(pages[0]).toMatch(/24002 ØDEGÅRD Ødegård 11:00 ABS/);
    expect(pages[1]).toMatch(/24005 ABADIE Jules 09:00 NV/);
    expect(text.flat).toContain('Émargement des membres de la commission');
    expect(ctx.err()).toMatch(/sans note enregistrée pour U4/);
  });

  it('XLSX: one sheet per commission, numeric notes as numbers and codes as text', async () => {
    const s = sessionWorkspace(people, fill);
    const out = path.join(s.dir, 'E4.xlsx');
    await runBordereaux(fakeCtx({ cwd: s.dir }), { workspace: s.file, epreuve: 'E4', centre: CENTRE, output: out });
    const wb = new (loadExcelJS().Workbook)();
    await wb.xlsx.readFile(out);
    const c1 = wb.worksheets[0]!;
    expect(c1.getRow(4).values).toEqual([, 'numero', 'nom', 'prenom', 'heure', 'note', 'observations', 'epreuve']);
    expect((c1.getRow(5).values as unknown[]).slice(1, 6)).toEqual(['24001', 'NGUYỄN', 'Đức', '09:00', 15.5]);
    expect(c1.getRow(6).getCell(5).value).toBe('ABS');
    expect(wb.worksheets[1]!.getRow(5).getCell(5).value).toBe('NV');
  });

  it('unknown épreuve → exit 2', async () => {
    const s = sessionWorkspace(people, fill);
    const e = (await runBordereaux(fakeCtx({ cwd: s.dir }), { workspace: s.file, epreuve: 'E9' }).catch((x: unknown) => x)) as CcstError;
    expect(e.exitCode).toBe(2);
  });
});

describe('ccst releves', () => {
  const rules = rulesFrom(reg, 2024);
  const cells = (o: Record<string, string>) => new Map(Object.entries(o).map(([k, v]) => [k, (parseNoteCell(v) as { ok: true; value: NoteCell }).value]));
  const result = (numero: string, nom: string, prenom: string, notes: Record<string, string>) => {
    const r = deliberateCandidate(rules, { numero, nom, prenom, etablissement: 'Lycée Déodat de Séverac', cells: cells(notes) });
    if (!r.ok) throw new Error(r.message);
    return { numero, decision: r.value.deliberation.decision, detail: resultDetail(rules, r.value, 2024) };
  };
  const all = { U1: '12', U21: '11', U22: '13', U3: '10', U4: '15,5', U5: 'BEN 14@2022', U61: '12', U62: '11' };
  const results = [
    result('24001', 'NGUYỄN', 'Đức', all),
    result('24002', 'ØDEGÅRD', 'Ødegård', { ...all, U1: '4', U3: '5', U4: '6', U61: '7', U62: '6' }),
    result('24005', 'ABADIE', 'Jules', { ...all, U4: 'NV' }),
  ];
  const setupResults = (db: Db) => {
    const ins = db.prepare('INSERT INTO results (numero, decision, detail, deliberated_at) VALUES (?, ?, ?, ?)');
    for (const r of results) ins.run(r.numero, r.decision, JSON.stringify(r.detail), '2024-07-01T00:00:00Z');
  };

  it('one relevé per candidate: notes, MG as stored, decision, units kept with their last session', async () => {
    expect(results.map((r) => r.decision)).toEqual(['ADMIS', 'AJOURNE', 'ELIMINE']);
    const s = sessionWorkspace(people, setupResults);
    const out = path.join(s.dir, 'rel.pdf');
    await runReleves(fakeCtx({ cwd: s.dir }), { workspace: s.file, output: out });
    const pages = (await pdfText(fs.readFileSync(out))).pages.map((p) => p.replace(/\s+/g, ' '));
    expect(pages).toHaveLength(3);
    const [abadie, nguyen, odegard] = pages;
    expect(nguyen).toContain('RELEVÉ DE NOTES');
    expect(nguyen).toContain('NGUYỄN');
    expect(nguyen).toContain('14 (bénéfice session 2022)');
    expect(nguyen).toContain(`Moyenne générale (sur 20, tronquée au centième) ${results[0]!.detail.moyenne}`);
    expect(nguyen).toContain('ADMIS(E)');
    expect(abadie).toContain('NV (non valide)');
    expect(abadie).toContain('ÉLIMINÉ(E)');
    expect(odegard).toContain('Ødegård');
    expect(odegard).toContain('AJOURNÉ(E)');
    // D643-20: units ≥ 10 are kept 5 years; a bénéfice keeps the validity of its own session.
    expect(odegard).toContain('U21 (11) : note conservable jusqu’à la session 2029 incluse');
    expect(odegard).toContain('U5 (14 (bénéfice session 2022)) : note conservable jusqu’à la session 2027 incluse');
  });

  it('--candidat selects; no results → exit 2', async () => {
    const s = sessionWorkspace(people, setupResults);
    const out = path.join(s.dir, 'one.pdf');
    await runReleves(fakeCtx({ cwd: s.dir }), { workspace: s.file, output: out, candidat: ['24005'] });
    expect((await pdfText(fs.readFileSync(out))).pages).toHaveLength(1);
    const empty = sessionWorkspace(people);
    const e = (await runReleves(fakeCtx({ cwd: empty.dir }), { workspace: empty.file, output: 'x.pdf' }).catch((x: unknown) => x)) as CcstError;
    expect(e.exitCode).toBe(2);
  });
});
