// Issue #10 §7 — the aménagements imported with the candidates are printed on the convocation and on the centre's
// lists (liste d'appel, liste d'émargement, XLSX), not only « temps majoré » on the roll-call.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as runLists } from '../../src/cli/commands/lists.js';
import { run as runConvocations } from '../../src/cli/commands/convocations.js';
import { loadExcelJS } from '../../src/io/exceljs-loader.js';
import type { Db } from '../../src/store/workspace.js';
import { fakeCtx } from '../helpers/fake-ctx.js';
import { collapse, pdfText } from '../helpers/pdf-text.js';
import { person, sessionWorkspace } from '../helpers/documents-workspace.js';

const CENTRE = '0310028M';
const individuel = { voie: 'candidat_individuel', etablissementUai: undefined, etablissement: undefined };
const people = [
  person('24001', 'NGUYỄN', 'Đức', { ...individuel, tempsMajore: '1/3', amenagements: 'secrétaire, salle isolée' }),
  person('24002', 'ØDEGÅRD', 'Ødegård', { ...individuel, amenagements: 'sujet agrandi (A3)' }),
  person('24003', 'ABADIE', 'Jules', individuel),
];

function fill(db: Db) {
  const centre = db.prepare(`INSERT INTO centres (uai, type, nom, adresse, code_postal, commune, academie, epreuves, capacite, zone) VALUES (?, ?, 'Lycée Déodat de Séverac', '26 boulevard Déodat de Séverac', '31300', 'Toulouse', 'TOULOUSE', ?, 100, 'metropole')`);
  centre.run(CENTRE, 'ecrit', 'E1 E21 E3 E5');
  centre.run(CENTRE, 'oral', 'E4 E61 E62');
  const assign = db.prepare('INSERT INTO assignments (numero, epreuve, centre_uai) VALUES (?, ?, ?)');
  for (const p of people) for (const e of ['E1', 'E21', 'E3', 'E5', 'E4']) assign.run(p.numero, e, CENTRE);
  const slot = db.prepare('INSERT INTO oral_slots (numero, epreuve, centre_uai, date, start, end, commission, passage) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  slot.run('24001', 'E4', CENTRE, '2024-05-21', '08:00', '10:40', 1, '09:20');
  slot.run('24002', 'E4', CENTRE, '2024-05-21', '10:40', '12:40', 1, '11:40');
  slot.run('24003', 'E4', CENTRE, '2024-05-21', '14:00', '16:00', 1, '15:00');
}

describe('issue #10 §7 aménagements on the convocation and the centre’s lists', () => {
  it('liste d’appel, liste d’émargement (written and oral) and the XLSX name every aménagement', async () => {
    const s = sessionWorkspace(people, fill);
    const out = path.join(s.dir, 'listes');
    await runLists(fakeCtx({ cwd: s.dir }), { workspace: s.file, centre: CENTRE, output: out });
    for (const kind of ['appel', 'emargement']) {
      const pages = (await pdfText(fs.readFileSync(path.join(out, `${kind}-${CENTRE}.pdf`)))).pages.map(collapse);
      const e3 = pages.find((p) => p.includes('E3 — '))!;
      const e4 = pages.find((p) => p.includes('E4 — '))!;
      for (const p of [e3, e4]) {
        expect(p, kind).toMatch(/NGUYỄN Đức (\d\d:\d\d )?temps majoré 1\/3 ; secrétaire, salle isolée/);
        expect(p, kind).toMatch(/ØDEGÅRD Ødegård (\d\d:\d\d )?sujet agrandi \(A3\)/);
        expect(p, kind).toContain('Aménagement');
      }
    }
    const ExcelJS = loadExcelJS();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, `listes-${CENTRE}.xlsx`));
    const sheet = wb.worksheets.find((w) => w.name.startsWith('E3'))!;
    const rows = new Map<string, unknown>();
    sheet.eachRow((r) => rows.set(String(r.getCell(1).value), r.getCell(4).value));
    expect(rows.get('24001')).toBe('temps majoré 1/3 ; secrétaire, salle isolée');
    expect(rows.get('24002')).toBe('sujet agrandi (A3)');
    expect(rows.get('24003') ?? '').toBe(''); // an empty cell reads back as null
  });

  it('the convocation says which aménagements are granted, still one page per candidate', async () => {
    const s = sessionWorkspace(people, fill);
    await runConvocations(fakeCtx({ cwd: s.dir }), { workspace: s.file });
    const { pages } = await pdfText(fs.readFileSync(path.join(s.dir, 'convocations.pdf')));
    expect(pages).toHaveLength(3);
    const pageOf = (name: string) => collapse(pages.find((p) => p.includes(name))!);
    expect(pageOf('NGUYỄN')).toContain('Aménagements d’épreuves accordés temps majoré 1/3 ; secrétaire, salle isolée.');
    expect(pageOf('NGUYỄN')).toContain('temps majoré (1/3) : fin à');
    expect(pageOf('ØDEGÅRD')).toContain('Aménagements d’épreuves accordés sujet agrandi (A3).');
    expect(pageOf('ABADIE')).not.toContain('Aménagements d’épreuves accordés');
  });
});
