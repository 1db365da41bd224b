// Issue #9 item 9: the looser corners of the inputs, one line per case. Source: issue #9 « Looser corners » (each
// value below was accepted and stored before), calendar wording of the Toulouse 2023 circular
// (shared/reference/circulaire-toulouse-2023.md: « Lundi 15 mai 2023 », « 14h00 – 18h00 », « Mise en loge 2 heures »).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCalendarDate, parseLockIn, parseTimeRange } from '../../src/domain/calendar/fields.js';
import { parseCentreRow, parseLangues, type CentreCells } from '../../src/domain/assignment/centre-row.js';
import { REG } from '../helpers/assignment-builders.js';
import { ccst } from '../helpers/cli.js';

const centre = (over: CentreCells): CentreCells => ({
  uai: '0310028M', nom: 'LGT Vincent Auriol', academie: 'Toulouse', type: 'ecrit', epreuves: 'E1 E2-1 E3 E5', capacite: '40', ...over,
});

describe('#9 item 9: looser corners', () => {
  it.each([
    ['-1h00 – 2h00', false],
    ['- 1h00 – 2h00', false],
    ['14h00 – 18h00', true],
    ['9h – 12h30', true],
    ['14h00 –', false],
  ])('calendar horaire %j accepted: %s', (v, accepted) => expect(parseTimeRange(v).ok).toBe(accepted));

  it.each([
    ['99999 h', undefined],
    ['5999940', undefined], // 99,999 hours in minutes
    ['1h75', undefined],
    ['13 h', undefined],
    ['12 h', 720],
    ['Mise en loge 2 heures', 120],
    ['1h30', 90],
    ['', undefined],
  ])('mise en loge %j → %j', (v, minutes) => {
    const r = parseLockIn(v);
    if (minutes === undefined && v !== '') expect(r.ok).toBe(false);
    else expect(r).toEqual({ ok: true, value: minutes });
  });

  it.each([
    ['mardi 15 mai 2023', 'date incohérente « mardi 15 mai 2023 » : le 15 mai 2023 est un lundi'],
    ['samedi 1er juillet 2023', undefined],
    ['Lundi 15 mai 2023', undefined],
    ['15 mai 2023', undefined],
    ['blurp 15 mai 2023', 'date invalide « blurp 15 mai 2023 » : « blurp » n’est pas un jour de la semaine'],
  ])('calendar date %j: %s', (v, message) => {
    const r = parseCalendarDate(v);
    if (message) expect(r).toMatchObject({ ok: false, message });
    else expect(r.ok).toBe(true);
  });

  it.each([
    ['99999999999999999999', false],
    ['100001', false],
    ['100000', true],
    ['0', false],
    ['40', true],
  ])('centre capacité %j accepted: %s', (capacite, accepted) => {
    const r = parseCentreRow(REG, centre({ capacite }));
    expect(r.issues.some((i) => i.field === 'capacite')).toBe(!accepted);
  });

  it.each([
    ['klingon', false],
    ['anglais klingon', false],
    ['anglais espagnol', true],
    ['E22: anglais | EF1: grec moderne', true],
    ['E22: en es', true],
  ])('centre langues %j accepted: %s', (langues, accepted) => {
    const r = parseLangues(REG, langues);
    expect(r.ok).toBe(accepted);
    if (!r.ok) expect(r.message).toMatch(/langue inconnue « klingon »/);
  });

  const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-corners-'));

  it('notes without a workspace: a numéro that no candidate can have is refused with its row', () => {
    const d = dir();
    fs.writeFileSync(path.join(d, 'notes.csv'), `numero;nom;prenom;U1\n02400001;A;B;12\nun numéro;C;D;12\n${'9'.repeat(40)};E;F;12\n`);
    const r = ccst(['deliberate', 'notes.csv'], { cwd: d });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('notes.csv, ligne 3, colonne « numero » : numéro de candidat invalide : « un numéro »');
    expect(r.stderr).toContain('notes.csv, ligne 4, colonne « numero » : numéro de candidat invalide');
  });

  it('a stray quote is reported at its own line, not at the end of the file', () => {
    const d = dir();
    const rows = Array.from({ length: 60 }, (_, i) => `0240${String(i + 10).padStart(4, '0')};A;B;12`).join('\n');
    fs.writeFileSync(path.join(d, 'notes.csv'), `numero;nom;prenom;U1\n02400001;"A;B;12\n${rows}\n`);
    const r = ccst(['deliberate', 'notes.csv'], { cwd: d });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('notes.csv, ligne 2 : un guillemet ouvert dans cette ligne n’est jamais fermé');
  });

  it('folders ccst creates are 0700, like its files 0600', () => {
    const d = dir();
    const r = ccst(['demo', '--dir', 'session'], { cwd: d });
    expect(r.status, r.stderr).toBe(0);
    for (const sub of ['session', 'session/listes-xlsx', 'session/listes-myriam']) {
      expect((fs.statSync(path.join(d, sub)).mode & 0o777).toString(8), sub).toBe('700');
    }
  }, 180_000); // a whole demo session: slow on a loaded machine
});
