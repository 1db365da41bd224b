// Issue #10 §12 — numéros never wrap in roll-calls, sign-in sheets and bordereaux: the column is sized for the
// longest numéro (pdfkit widthOfString), so a list of 10-character numéros (« 0243100014 ») keeps the page count of
// the same list with short numéros.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as runLists } from '../../src/cli/commands/lists.js';
import { run as runBordereaux } from '../../src/cli/commands/bordereaux.js';
import type { SqliteDb as Db } from '../helpers/documents-workspace.js';
import { fakeCtx } from '../helpers/fake-ctx.js';
import { collapse, pdfText } from '../helpers/pdf-text.js';
import { person, sessionWorkspace } from '../helpers/documents-workspace.js';
import { columnWidths } from '../../src/documents/render/index.js';

const CENTRE = '0310028M';
const N = 60;
const NAMES = ['MARTIN', 'BERNARD', 'DUBOIS', 'THOMAS', 'ROBERT', 'RICHARD', 'PETIT', 'DURAND', 'LEROY', 'MOREAU'];

function workspace(numero: (i: number) => string) {
  const people = Array.from({ length: N }, (_, i) =>
    person(numero(i), `${NAMES[i % NAMES.length]}-${String.fromCharCode(65 + (i % 26))}`, 'Camille', { voie: 'candidat_individuel', etablissementUai: undefined, etablissement: undefined }));
  return sessionWorkspace(people, (db: Db) => {
    const centre = db.prepare(`INSERT INTO centres (uai, type, nom, commune, academie, epreuves, capacite, zone) VALUES (?, ?, 'Lycée Déodat de Séverac', 'Toulouse', 'TOULOUSE', ?, 200, 'metropole')`);
    centre.run(CENTRE, 'ecrit', 'E1 E21 E3 E5');
    centre.run(CENTRE, 'oral', 'E4 E61 E62');
    const assign = db.prepare('INSERT INTO assignments (numero, epreuve, centre_uai) VALUES (?, ?, ?)');
    const slot = db.prepare('INSERT INTO oral_slots (numero, epreuve, centre_uai, date, start, end, commission, passage) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    people.forEach((p, i) => {
      assign.run(p.numero, 'E3', CENTRE);
      assign.run(p.numero, 'E61', CENTRE);
      const t = 8 * 60 + 30 * (i % 18);
      const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      slot.run(p.numero, 'E61', CENTRE, i < 18 ? '2024-05-21' : i < 36 ? '2024-05-22' : '2024-05-23', hm(t), hm(t + 30), 1 + Math.floor(i / 54), hm(t));
    });
  });
}

async function pageCounts(numero: (i: number) => string) {
  const s = workspace(numero);
  const out = path.join(s.dir, 'listes');
  await runLists(fakeCtx({ cwd: s.dir }), { workspace: s.file, centre: CENTRE, output: out });
  await runBordereaux(fakeCtx({ cwd: s.dir }), { workspace: s.file, epreuve: 'E61', output: path.join(s.dir, 'bordereaux.pdf') });
  const files = [`appel-${CENTRE}.pdf`, `emargement-${CENTRE}.pdf`, `bordereaux-vierges-${CENTRE}.pdf`].map((f) => path.join(out, f)).concat(path.join(s.dir, 'bordereaux.pdf'));
  const counts: Record<string, number> = {};
  const texts: string[] = [];
  for (const f of files) {
    const t = await pdfText(fs.readFileSync(f));
    counts[path.basename(f)] = t.pages.length;
    texts.push(t.pages.map(collapse).join(' '));
  }
  return { counts, texts, dir: s.dir };
}

describe('issue #10 §12 numéros never wrap', () => {
  // Numéros of the national format are 10 characters (« 0243100014 »); some exports add a check character.
  it.each([10, 11, 12])('a list of %i-character numéros keeps the page count of the same list with 5-character numéros, numéros intact', async (length) => {
    const long = (i: number) => `0243100${String(10 + i).padStart(length - 7, '0')}`;
    const short = await pageCounts((i) => String(24001 + i));
    const got = await pageCounts(long);
    expect(got.counts).toEqual(short.counts);
    // Every numéro is read back whole, followed by its nom (one line, not « 0243100014 / 1 »).
    for (const text of got.texts) {
      for (let i = 0; i < N; i++) expect(text).toContain(`${long(i)} ${NAMES[i % NAMES.length]}`);
    }
  });

  it.each([
    // [weights with a minimum, total points, expected]
    [[1, { weight: 1, min: 10 }, 2], 100, [25, 25, 50]], // the minimum is below the proportional width: unchanged
    [[1, { weight: 1, min: 40 }, 2], 100, [20, 40, 40]], // raised to 40; the others share the 60 left, 1:2
  ])('column widths %j over %i pt → %j', (columns, total, expected) => {
    expect(columnWidths(columns as never, total as number)).toEqual(expected);
  });
});
