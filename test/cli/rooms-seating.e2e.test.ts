// Issue #14 §1, §2, §5 end to end on the built CLI with the Toulouse 2023 session and invented rooms
// (fixtures/toulouse-2023/salles.csv): rooms import (row- and column-precise errors, exit 3, nothing written,
// idempotent), seating E5 at LPO Déodat (0310044E) — the two tiers-temps candidates in the aménagement room B01 —,
// a capacity shortfall (exit 4, nothing stored), a stable re-run, --reset, the export, and the room documents read
// back with pdfjs-dist (every candidate once; the tiers-temps end on the PV of B01).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ccst, REPO } from '../helpers/cli.js';
import { pdfText } from '../helpers/pdf-text.js';

const FIX = path.join(REPO, 'fixtures');
const DEODAT = '0310044E';
let dir: string;
const run = (args: string[]) => ccst(args, { cwd: dir });
const write = (name: string, text: string) => {
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};
interface Seat { numero: string; epreuve: string; centre_uai: string; salle: string; place: number; amenagement: string }
const exportSeats = (args: string[] = []): Seat[] => {
  const r = run(['seating', 'export', '--json', ...args]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-rooms-'));
  for (const args of [
    ['init', '--session', '2023', '--academie', 'TOULOUSE'],
    ['calendar', 'import', path.join(FIX, 'calendrier-toulouse-2023.csv')],
    ['import', path.join(FIX, 'toulouse-2023', 'candidats.csv')],
    ['centres', 'import', path.join(FIX, 'toulouse-2023', 'centres.csv')],
    ['assign-centres'],
  ]) {
    const r = run(args);
    expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  }
});

describe('ccst rooms import', () => {
  it('refuses a bad file whole: every error with its row and column, exit 3, nothing written', () => {
    const bad = write('salles-fausses.csv', [
      'centre_uai;salle;capacite;accessible;amenagements;epreuves;dates',
      `${DEODAT};A101;24;non;non;;`,
      '0310044X;A102;24;non;non;;',
      '0999999F;A103;24;non;non;;',
      `${DEODAT};A104;0;peut-être;non;;`,
      `${DEODAT};A105;99999;non;non;E4;`,
      `${DEODAT};a101;10;non;non;;`,
      `${DEODAT};A106;10;non;non;;17/05/2019`,
    ].join('\n'));
    const r = run(['rooms', 'import', bad]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('salles-fausses.csv : 8 erreur(s), aucune salle enregistrée');
    expect(r.stderr).toMatch(/ligne 3, colonne « centre_uai » : .*0310044X/);
    expect(r.stderr).toContain('ligne 4, colonne « centre_uai » : centre 0999999F absent du workspace');
    expect(r.stderr).toContain('ligne 5, colonne « capacite » : capacité invalide « 0 » (nombre entier de places, de 1 à 400)');
    expect(r.stderr).toContain('ligne 5, colonne « accessible » : accessible (PMR) : « peut-être » n’est pas oui/non');
    expect(r.stderr).toContain('ligne 6, colonne « capacite » : capacité invalide « 99999 »');
    expect(r.stderr).toContain('ligne 6, colonne « epreuves » : E4 n’est jamais une épreuve écrite ponctuelle');
    expect(r.stderr).toContain('ligne 7, colonne « salle » : salle « a101 » du centre 0310044E déjà décrite ligne 2');
    expect(r.stderr).toMatch(/ligne 8, colonne « dates » : .*2019/);
    const list = run(['rooms', 'list', '--json']);
    expect(JSON.parse(list.stdout).rooms).toEqual([]);
  });

  it('imports the rooms; importing again changes nothing', () => {
    const file = path.join(FIX, 'toulouse-2023', 'salles.csv');
    const first = run(['rooms', 'import', file, '--json']);
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ rooms: 14, created: 14, updated: 0, seats: 211, centres: 8 });
    const again = run(['rooms', 'import', file, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ rooms: 14, created: 0, updated: 14 });
    const rooms = JSON.parse(run(['rooms', 'list', '--centre', DEODAT, '--json']).stdout).rooms;
    expect(rooms.map((r: { salle: string }) => r.salle)).toEqual(['A101', 'A102', 'B01', 'C12']);
    expect(rooms[2]).toMatchObject({ capacite: 6, accessible: true, amenagements: true, epreuves: [], dates: [] });
    expect(rooms[3]).toMatchObject({ epreuves: ['E1', 'E3', 'E5'] });
  });
});

describe('ccst seat', () => {
  it('a shortfall is reported exactly, exit 4, and nothing is stored', () => {
    // A102 24 → 20 places, C12 12 → 2: 52 seats for 54 candidates, of which B01's 6 are for aménagements only.
    const shrink = write('salles-a102.csv', ['centre_uai;salle;capacite;accessible;amenagements', `${DEODAT};A102;20;non;non`, `${DEODAT};C12;2;oui;non`].join('\n'));
    expect(run(['rooms', 'import', shrink]).status).toBe(0);
    const r = run(['seat', '--epreuve', 'E5', '--centre', DEODAT]);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain('places insuffisantes pour E5 : aucune place enregistrée');
    expect(r.stderr).toContain('LPO Déodat (0310044E), E5 du 2023-05-17 : 54 candidat(s) pour 52 place(s) dans 4 salle(s) : 6 place(s) manquante(s)');
    expect(r.stderr).toContain('6 candidat(s) sans aménagement sans place : 52 à placer, 46 place(s) libre(s) en salle ordinaire ou accessible');
    expect(run(['seating', 'export', '--json']).status).toBe(2); // nothing stored: « aucune place enregistrée »
    expect(run(['rooms', 'import', path.join(FIX, 'toulouse-2023', 'salles.csv')]).status).toBe(0);
  });

  it('seats E5 at LPO Déodat: everyone once, tiers-temps in the aménagement room, no room over capacity', () => {
    const r = run(['seat', '--epreuve', 'E5', '--centre', DEODAT, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ epreuve: 'E5', seats: 54, kept: 0, placed: 54 });
    expect(report.centres[0]).toMatchObject({ uai: DEODAT, date: '2023-05-17', start: '14:30', end: '18:30', candidates: 54 });
    const seats = exportSeats(['--epreuve', 'E5']);
    expect(seats).toHaveLength(54);
    expect(new Set(seats.map((s) => s.numero)).size).toBe(54);
    expect(new Set(seats.map((s) => `${s.salle}-${s.place}`)).size).toBe(54);
    const tiers = seats.filter((s) => s.amenagement.includes('temps majoré'));
    expect(tiers.map((s) => `${s.numero}:${s.salle}`).sort()).toEqual(['0231000037:B01', '0231000125:B01']);
    const cap: Record<string, number> = { A101: 24, A102: 24, B01: 6, C12: 12 };
    for (const [salle, n] of Object.entries(cap)) expect(seats.filter((s) => s.salle === salle).length).toBeLessThanOrEqual(n);
  });

  it('a re-run moves nobody; --reset with --order numero redoes the plan; other centres untouched', () => {
    const before = exportSeats(['--epreuve', 'E5']);
    const again = run(['seat', '--epreuve', 'E5', '--centre', DEODAT, '--spread-establishments', '--json']);
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ kept: 54, placed: 0 });
    expect(exportSeats(['--epreuve', 'E5'])).toEqual(before);
    const dry = run(['seat', '--epreuve', 'E5', '--centre', DEODAT, '--reset', '--order', 'numero', '--dry-run']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(exportSeats(['--epreuve', 'E5'])).toEqual(before);
    expect(run(['seat', '--epreuve', 'E5', '--centre', DEODAT, '--reset', '--order', 'numero']).status).toBe(0);
    const redone = exportSeats(['--epreuve', 'E5']).filter((s) => s.salle === 'A101');
    expect(redone.map((s) => s.numero)).toEqual([...redone.map((s) => s.numero)].sort());
  });

  it('refuses an oral épreuve and an unknown one (exit 2)', () => {
    expect(run(['seat', '--epreuve', 'E4']).stderr).toContain('E4 n’est pas une épreuve écrite');
    expect(run(['seat', '--epreuve', 'E4']).status).toBe(2);
    expect(run(['seat', '--epreuve', 'E9']).status).toBe(2);
  });

  it('seating export writes an XLSX/CSV with the columns of the issue', () => {
    const r = run(['seating', 'export', '--epreuve', 'E5', '-o', 'places.csv']);
    expect(r.status, r.stderr).toBe(0);
    const text = fs.readFileSync(path.join(dir, 'places.csv'), 'utf8');
    expect(text.split(/\r?\n/)[0]).toBe('\uFEFFnumero;epreuve;centre_uai;salle;place;amenagement');
    expect(text).toContain('0231000037;E5;0310044E;B01;');
  });
});

describe('ccst rooms documents', () => {
  it('refuses while candidates of the épreuve have no seat (other centres not seated yet), exit 4', () => {
    const r = run(['rooms', 'documents', '--epreuve', 'E5', '-o', 'docs-all']);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain('candidat(s) de E5 sans place : aucun document écrit');
    expect(fs.existsSync(path.join(dir, 'docs-all'))).toBe(false);
  });

  it('writes plans, labels, émargement and PV per room: every candidate once, B01’s tiers-temps end at 19h50', async () => {
    const r = run(['rooms', 'documents', '--epreuve', 'E5', '--centre', DEODAT, '-o', 'docs']);
    expect(r.status, r.stderr).toBe(0);
    const seats = exportSeats(['--epreuve', 'E5']);
    const read = async (kind: string) => pdfText(fs.readFileSync(path.join(dir, 'docs', `${kind}-E5-${DEODAT}.pdf`)));
    for (const kind of ['plans', 'etiquettes', 'emargement']) {
      const text = await read(kind);
      for (const s of seats) expect(text.flat.split(s.numero).length - 1, `${kind} ${s.numero}`).toBe(1);
    }
    // The door copy: numéros, no names; one page per room (4 rooms used).
    const plans = await read('plans');
    expect(plans.pages).toHaveLength(4);
    expect(plans.flat).not.toContain('CASTAÑEDA');
    const labels = await read('etiquettes');
    expect(labels.flat).toContain('CASTAÑEDA');
    // E5: 17/05/2023 14h30–18h30 (calendrier Toulouse 2023); tiers-temps 1/3 of 4 h = 80 min → 19h50 (D351-28).
    const pv = await read('pv-deroulement');
    expect(pv.pages).toHaveLength(4);
    const b01 = pv.pages.map((p) => p.replace(/\s+/g, ' ')).find((p) => p.includes('Salle B01'))!;
    expect(b01).toContain('Début : 14h30');
    expect(b01).toContain('Fin : 18h30');
    expect(b01).toContain('Fin avec temps majoré 1/3 : 19h50 (2 candidat(s))');
    expect(b01).toContain('Inscrits dans la salle : 2');
    const a101 = pv.pages.map((p) => p.replace(/\s+/g, ' ')).find((p) => p.includes('Salle A101'))!;
    expect(a101).not.toContain('temps majoré');
  });

  it('an existing file is not replaced without --force (exit 2)', () => {
    expect(run(['rooms', 'documents', '--epreuve', 'E5', '--centre', DEODAT, '-o', 'docs']).status).toBe(2);
    expect(run(['rooms', 'documents', '--epreuve', 'E5', '--centre', DEODAT, '-o', 'docs', '--force']).status).toBe(0);
  });
});
