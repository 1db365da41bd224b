// Issue #11 finding 1 (done-when): local times overseas on convocations, in-process commands on a workspace.
// Source: circulaire nationale 2024, annexe 2: « Mardi 14 mai 2024 | E.3 | Métropole 14h00 - 18h00 |
// Guadeloupe Martinique Guyane 08h00 – 12h00 | La Réunion 16h00 – 20h00 » — the same instant; a published 2026
// calendar: « Guyane 9h–13h, La Réunion 16h–20h, Mayotte 15h–19h ». Nouméa (UTC+11) would read 23h00–03h00.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as runConvocations } from '../../src/cli/commands/convocations.js';
import { run as runCalendarImport } from '../../src/cli/commands/calendar-import.js';
import type { CcstError } from '../../src/cli/errors.js';
import { getMeta, mutate, openWorkspace, setMeta } from '../../src/store/workspace.js';
import type { SqliteDb as Db } from '../helpers/documents-workspace.js';
import { fakeCtx } from '../helpers/fake-ctx.js';
import { collapse, pdfText } from '../helpers/pdf-text.js';
import { person, sessionWorkspace } from '../helpers/documents-workspace.js';

const ind = { voie: 'candidat_individuel', etablissementUai: undefined, etablissement: undefined } as const;
const people = [
  person('24101', 'ATTOUMANI', 'Nasma', { ...ind, academie: 'MAYOTTE' }),
  person('24102', 'CHARLERY', 'Loïc', { ...ind, academie: 'GUYANE' }),
  person('24103', 'WAKAIE', 'Hnadro', { ...ind, academie: 'NOUVELLE-CALEDONIE' }),
  person('24104', 'NGUYỄN', 'Đức', { ...ind }),
];

function fill(db: Db) {
  const centre = db.prepare(`INSERT INTO centres (uai, type, nom, adresse, code_postal, commune, academie, epreuves, capacite, zone) VALUES (?, 'ecrit', ?, NULL, ?, ?, ?, 'E1 E21 E3 E5', 100, ?)`);
  centre.run('9760001A', 'Lycée de Mamoudzou', '97600', 'Mamoudzou', 'MAYOTTE', 'reunion');
  centre.run('9730001A', 'Lycée Félix Éboué', '97300', 'Cayenne', 'GUYANE', 'antilles_guyane');
  centre.run('9830001A', 'Lycée Lapérouse', '98800', 'Nouméa', 'NOUVELLE-CALEDONIE', 'metropole');
  const assign = db.prepare('INSERT INTO assignments (numero, epreuve, centre_uai) VALUES (?, ?, ?)');
  for (const e of ['E1', 'E21', 'E3', 'E5']) {
    assign.run('24101', e, '9760001A');
    assign.run('24102', e, '9730001A');
    assign.run('24103', e, '9830001A');
  }
}

describe('ccst convocations — local times overseas (issue #11 finding 1)', () => {
  it('Mayotte reads 15h00–19h00, Guyane 09h00–13h00; Nouméa is listed, not produced (exit 4), until its calendar is imported', async () => {
    const s = sessionWorkspace(people, fill);
    const ctx = fakeCtx({ cwd: s.dir });
    const e = (await runConvocations(ctx, { workspace: s.file }).catch((x: unknown) => x)) as CcstError;
    expect(e.exitCode).toBe(4);
    expect(e.message).toBe('1 convocation(s) non produite(s) : l’horaire des écrits n’a pas de sens à l’heure locale');
    expect(e.details[0]).toMatch(/^candidat 24103 \(WAKAIE Hnadro\) : E1, /);
    expect(e.details[0]).toContain('E3, Nouvelle-Calédonie (Pacific/Noumea, UTC+11) : Métropole 14h00–18h00 le 2024-05-14 tombe de 23h00 le 2024-05-14 à 03h00 le 2024-05-15 à l’heure locale, hors des heures d’épreuve (06h00–21h00)');
    expect(e.details.at(-1)).toContain('ccst calendar import');
    const { pages } = await pdfText(fs.readFileSync(path.join(s.dir, 'convocations.pdf')));
    expect(pages).toHaveLength(3);
    const page = (name: string) => collapse(pages.find((p) => p.includes(name))!);
    expect(page('ATTOUMANI')).toContain('mardi 14 mai 2024 15h00 – 19h00');
    expect(page('ATTOUMANI')).toContain('Horaires en heure locale : Mayotte (UTC+3)');
    expect(page('CHARLERY')).toContain('mardi 14 mai 2024 09h00 – 13h00');
    expect(page('CHARLERY')).toContain('Horaires en heure locale : Guyane (UTC−3)');
    expect(page('NGUYỄN')).toContain('mardi 14 mai 2024 14h00 – 18h00');
    expect(pages.join()).not.toContain('WAKAIE');
    // The columns of annexe 2 the printed times depart from are reported, with what is printed and why.
    expect(ctx.err()).toContain('E3, Guyane (America/Cayenne, UTC−3) : la colonne « Guadeloupe, Martinique, Guyane » indique 08h00–12h00, heure de America/Martinique (UTC−4) ; la convocation imprime 09h00–13h00, le même instant à l’heure locale');
    expect(ctx.err()).toContain('E3, Mayotte (Indian/Mayotte, UTC+3) : la colonne « La Réunion » indique 16h00–20h00');

    // The académie calendar of Nouvelle-Calédonie (zone = the académie, its own day and clock) completes the national one.
    fs.writeFileSync(path.join(s.dir, 'nc.csv'), [
      'epreuve;date;zone;horaire;loge',
      'E3;15/05/2024;Nouvelle-Calédonie;08h00 – 12h00;',
      'E21;16/05/2024;Nouvelle-Calédonie;08h00 – 10h00;',
      'E1;16/05/2024;Nouvelle-Calédonie;13h00 – 17h00;2 h',
      'E5;17/05/2024;Nouvelle-Calédonie;08h00 – 12h00;2 h',
    ].join('\n'));
    await runCalendarImport(ctx, { workspace: s.file, file: path.join(s.dir, 'nc.csv') });
    await runConvocations(ctx, { workspace: s.file, candidat: '24103', output: 'nc.pdf' });
    const nc = collapse((await pdfText(fs.readFileSync(path.join(s.dir, 'nc.pdf')))).flat);
    expect(nc).toContain('mercredi 15 mai 2024 08h00 – 12h00');
    expect(nc).toContain('Horaires en heure locale : Nouvelle-Calédonie (UTC+11)');
    // The national dates are kept for everyone else.
    await runConvocations(ctx, { workspace: s.file, candidat: '24101', output: 'yt.pdf', force: true });
    expect(collapse((await pdfText(fs.readFileSync(path.join(s.dir, 'yt.pdf')))).flat)).toContain('mardi 14 mai 2024 15h00 – 19h00');
  });

  it('a calendar zone that is neither an annexe 2 column nor an académie is refused with its row', async () => {
    const s = sessionWorkspace(people, fill);
    const ctx = fakeCtx({ cwd: s.dir });
    fs.writeFileSync(path.join(s.dir, 'nc.csv'), 'epreuve;date;zone;horaire\nE3;15/05/2024;Nouvelle-Calédonie;08h00 – 12h00\nE3;15/05/2024;Mars;08h00 – 12h00\n');
    const e = (await runCalendarImport(ctx, { workspace: s.file, file: path.join(s.dir, 'nc.csv') }).catch((x: unknown) => x)) as CcstError;
    expect(e.exitCode).toBe(3);
    expect(e.details.join('\n')).toContain('zone inconnue « Mars »');
  });

  it('a workspace made before time zones (stored regulation without them) still loads: derived from the académie', async () => {
    const s = sessionWorkspace(people, fill);
    const ws = await openWorkspace(s.file, { create: false });
    await mutate(ws, 'test-old', new Date('2024-01-01T00:00:00Z'), async (db) => {
      const old = JSON.parse((await getMeta(db, 'regulation'))!);
      for (const a of old.academies) delete a.timeZone;
      delete old.columnTimeZones;
      delete old.calendar.localHours;
      await setMeta(db, 'regulation', JSON.stringify(old));
      return { result: undefined, detail: {} };
    });
    await ws.close();
    const ctx = fakeCtx({ cwd: s.dir });
    await runConvocations(ctx, { workspace: s.file, candidat: '24101' });
    expect(collapse((await pdfText(fs.readFileSync(path.join(s.dir, 'convocations.pdf')))).flat)).toContain('mardi 14 mai 2024 15h00 – 19h00');
  });
});
