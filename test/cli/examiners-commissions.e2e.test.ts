// Issue #13 §1, §2, §6 end to end on the built CLI, on the Toulouse 2023 session (fixtures/toulouse-2023) with its
// invented examiners (examinateurs.csv): import (good, bad, again, XLSX round trip), commissions build (shortage →
// exit 4 and nothing stored; success; pins kept by re-runs; --epreuve), commissions list. Only the CLI is used, so
// the file runs on either engine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ccst, REPO } from '../helpers/cli.js';
import { workspaceFor } from '../helpers/engine.js';
import { fakeCtx } from '../helpers/fake-ctx.js';
import type { Ctx } from '../../src/cli/context.js';
import { run as commissionsList } from '../../src/cli/commands/commissions-list.js';
import { run as status } from '../../src/cli/commands/status.js';
import { loadExcelJS } from '../../src/io/exceljs-loader.js';

const FIX = path.join(REPO, 'fixtures');
const EXAMINERS = path.join(FIX, 'toulouse-2023', 'examinateurs.csv');
let dir: string;
const run = (args: string[]) => ccst(args, { cwd: dir });
const ok = (args: string[]) => {
  const r = run(args);
  expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
};
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};
/**
 * What the workspace holds between the spawned commands under test, read by the same command modules run in-process
 * (CI time: one CLI start less for each of some twenty reads, on each engine). `status` and `commissions list` are
 * spawned too below, and the spawned `commissions list --json` is checked equal to the in-process one.
 */
const inProcess = async (command: (ctx: Ctx, input: Record<string, unknown>) => Promise<void>, input: Record<string, unknown>) => {
  const ctx = fakeCtx({ cwd: dir });
  await command(ctx, { workspace: workspaceFor(dir), ...input });
  return ctx.out();
};
const lastAction = async () => JSON.parse(await inProcess(status, { json: true })).lastActions[0].command as string;
const fixtureLines = () => fs.readFileSync(EXAMINERS, 'utf8').trimEnd().split('\n');

interface Listed {
  name: string; centreUai: string; date: string; epreuve: string;
  members: { email: string; role: string; how: string; etablissementUai: string | null; pinned: boolean }[];
  candidates: { numero: string; etablissementUai: string | null }[];
}
const list = async (): Promise<Listed[]> => JSON.parse(await inProcess(commissionsList, { json: true })).commissions;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-examiners-'));
  for (const args of [
    ['init', '--session', '2023', '--academie', 'TOULOUSE'],
    ['calendar', 'import', path.join(FIX, 'calendrier-toulouse-2023.csv')],
    ['import', path.join(FIX, 'toulouse-2023', 'candidats.csv')],
    ['centres', 'import', path.join(FIX, 'toulouse-2023', 'centres.csv')],
    ['assign-centres'],
    ['schedule-orals', '--commissions', '2'],
  ]) ok(args);
});

describe('ccst examiners import / export', () => {
  it('a bad file: every bad cell by row and column, exit 3, nothing stored', async () => {
    const [head, ...rows] = fixtureLines();
    const bad = write('examinateurs-erreurs.csv', [
      head,
      rows[0],
      'Durand;Paul;paul.durand@ac-toulouse.fr;chimie;0310044E;Toulouse;E4;21/06/2023;;', // unknown profile
      'Roux;Léa;lea.roux@ac-toulouse.fr;sti;0310044A;Toulouse;E4;21/06/2023;;', // UAI check letter
      'Petit;Marc;marc.petit@ac-toulouse.fr;economie-gestion;;Toulouse;E4;21/06/2024;;', // no UAI, date outside 2023
      'Aubert;Hélène;HELENE.AUBERT@ac-toulouse.fr;lv-anglais;0310044E;Toulouse;E22;16/06/2023;;', // same e-mail as row 2
      'Simon;Eva;eva.simon@ac-toulouse.fr;lv-anglais;0310044E;Toulouse;E4;16/06/2023;;', // no E4 seat for English
    ].join('\n') + '\n');
    const r = run(['examiners', 'import', bad]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('aucun examinateur enregistré');
    for (const line of [
      'examinateurs-erreurs.csv, ligne 3, colonne « profil » : profil inconnu « chimie »',
      'examinateurs-erreurs.csv, ligne 4, colonne « etablissement_uai »',
      'examinateurs-erreurs.csv, ligne 5, colonne « dates » : date 2024-06-21 hors de la session 2023',
      'examinateurs-erreurs.csv, ligne 5, colonne « etablissement_uai » : code UAI de l’établissement manquant',
      'examinateurs-erreurs.csv, ligne 6, colonne « email » : helene.aubert@ac-toulouse.fr figure déjà ligne 2',
      'examinateurs-erreurs.csv, ligne 7, colonne « epreuves » : E4 : aucun siège de sa commission pour le profil lv-anglais',
    ]) expect(r.stderr).toContain(line);
    expect(r.stdout).toBe('');
    expect(run(['examiners', 'export']).status).toBe(3); // « aucun examinateur »
    expect(await lastAction()).toBe('schedule-orals');
  });

  it('--dry-run checks and stores nothing', () => {
    const r = ok(['examiners', 'import', EXAMINERS, '--dry-run', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ dryRun: true, examiners: 24, created: 24 });
    expect(run(['examiners', 'export']).status).toBe(3);
  });

  it('imports, and a second import of the same file changes nothing (no audit row either)', async () => {
    expect(JSON.parse(ok(['examiners', 'import', EXAMINERS, '--json']).stdout)).toMatchObject({ examiners: 24, created: 24, updated: 0 });
    expect(await lastAction()).toBe('examiners import');
    ok(['status']);
    const again = ok(['examiners', 'import', EXAMINERS, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ examiners: 24, created: 0, updated: 0, unchanged: 24 });
    expect(again.stderr).toContain('0 nouveau(x), 0 mis à jour, 24 inchangé(s)');
  });

  it('an upsert by e-mail: a changed row updates that examiner only', () => {
    const lines = fixtureLines().map((l) => (l.startsWith('Zamora;') ? l.replace(';80', ';40') : l));
    const r = ok(['examiners', 'import', write('examinateurs-v2.csv', lines.join('\n') + '\n'), '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ created: 0, updated: 1, unchanged: 23 });
    const zamora = JSON.parse(ok(['examiners', 'export', '--json']).stdout).find((e: { email: string }) => e.email === 'ines.zamora@ac-toulouse.fr');
    expect(zamora).toMatchObject({ profil: 'cejm', max_copies: 40, dates: '2023-05-22 2023-05-23' });
    ok(['examiners', 'import', EXAMINERS]);
  });

  it('export → XLSX → import reads back the same examiners (nothing changes)', async () => {
    const xlsx = path.join(dir, 'examinateurs.xlsx');
    ok(['examiners', 'export', '-o', xlsx]);
    const ExcelJS = await loadExcelJS();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets[0]!.rowCount).toBe(25);
    expect(JSON.parse(ok(['examiners', 'import', xlsx, '--json']).stdout)).toMatchObject({ examiners: 24, unchanged: 24 });
  });
});

describe('ccst commissions build / list', () => {
  it('a shortage of a profile: the exact report (centre, day, épreuve, seat, how many), exit 4, nothing stored', () => {
    // A session where the STI teachers are busy elsewhere: the same file without their 21/06 availability.
    const lines = fixtureLines().map((l) => (l.includes(';sti;') ? l.replace('21/06/2023', '20/06/2023') : l));
    ok(['examiners', 'import', write('examinateurs-sans-sti.csv', lines.join('\n') + '\n')]);
    const r = run(['commissions', 'build']);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain('6 siège(s) obligatoire(s) sans examinateur ; rien n’a été enregistré');
    for (const e of ['E4', 'E61', 'E62']) {
      const role = e === 'E62' ? 'professeur de sciences et techniques industrielles du bloc de compétences n°4' : 'professeur de sciences et techniques industrielles';
      expect(r.stderr).toContain(`centre 0311201M (LYC Myriam), 2023-06-21, ${e} : siège « ${role} » (profil sti) — 2 examinateur(s) manquant(s) (${e}-0311201M-2023-06-21-1, ${e}-0311201M-2023-06-21-2)`);
    }
    const json = run(['commissions', 'build', '--json']);
    expect(json.status).toBe(4);
    expect(JSON.parse(json.stderr.trim().split('\n').pop()!).error.data.shortages).toHaveLength(3);
    expect(run(['commissions', 'list']).status).toBe(3); // « aucune commission »
    ok(['examiners', 'import', EXAMINERS]);
  });

  it('an examiner of the candidates\' établissement only when no one else is free: warned with the candidates, exit 0', () => {
    // Every économie-gestion teacher at EURIDICE (0313029Z), whose candidates pass E4, E61 and E62.
    const lines = fixtureLines().map((l) => (l.includes(';economie-gestion;') ? l.replace(/;0\d{6}[A-Z];/, ';0313029Z;') : l));
    ok(['examiners', 'import', write('examinateurs-euridice.csv', lines.join('\n') + '\n')]);
    const r = ok(['commissions', 'build', '--dry-run', '--json']);
    const warnings = JSON.parse(r.stdout).warnings as { kind: string; commission: string; numeros: string[] }[];
    expect(warnings.map((w) => w.commission).sort()).toEqual(['E4', 'E61', 'E62'].flatMap((e) => [1, 2].map((n) => `${e}-0311201M-2023-06-21-${n}`)).sort());
    expect(warnings.every((w) => w.kind === 'etablissement' && w.numeros.length > 0)).toBe(true);
    expect(r.stderr).toMatch(/Attention : commission E4-0311201M-2023-06-21-1 : \S+ \(0313029Z\) examine des candidats de son établissement \(0231/);
    expect(run(['commissions', 'list']).status).toBe(3);
    ok(['examiners', 'import', EXAMINERS]);
  });

  it('builds every planned commission from the regulation\'s compositions, none with a candidate of a member\'s établissement', async () => {
    const r = ok(['commissions', 'build']);
    expect(r.stderr).toContain('13 commission(s) composée(s) avec 21 examinateur(s)');
    const all: Listed[] = JSON.parse(ok(['commissions', 'list', '--json']).stdout).commissions;
    expect(await list()).toEqual(all);
    expect(all.map((c) => c.name)).toEqual([
      'EF1-0320025D-2023-06-12-1', 'EF1-0320025D-2023-06-12-2',
      'E22-0311902Z-2023-06-16-1', 'E22-0311902Z-2023-06-16-2', 'E22-0311902Z-2023-06-16-3', 'EF1-0311902Z-2023-06-16-1', 'EF1-0311902Z-2023-06-16-2',
      'E4-0311201M-2023-06-21-1', 'E4-0311201M-2023-06-21-2', 'E61-0311201M-2023-06-21-1', 'E61-0311201M-2023-06-21-2', 'E62-0311201M-2023-06-21-1', 'E62-0311201M-2023-06-21-2',
    ]);
    const seats: Record<string, number> = { E22: 1, EF1: 1, E4: 3, E61: 3, E62: 2 };
    for (const c of all) {
      expect(c.members.length, c.name).toBe(seats[c.epreuve]);
      const etabs = new Set(c.candidates.map((k) => k.etablissementUai));
      for (const m of c.members) if (m.etablissementUai) expect(etabs.has(m.etablissementUai), `${c.name} ${m.email}`).toBe(false);
      expect(c.candidates.length).toBeGreaterThan(0);
    }
    // Sophie Marty teaches at EURIDICE (0313029Z), whose candidates pass E4/E61/E62: others were free.
    expect(all.flatMap((c) => c.members.map((m) => m.email))).not.toContain('sophie.marty@ac-toulouse.fr');
    // The day's E4 / E61 / E62 commissions overlap: no one sits twice on 21/06.
    const day = all.filter((c) => c.date === '2023-06-21').flatMap((c) => c.members.map((m) => m.email));
    expect(new Set(day).size).toBe(day.length);
    expect(await lastAction()).toBe('commissions build');
  });

  it('is stable: a re-run gives the same commissions; --dry-run stores nothing', async () => {
    const before = await list();
    ok(['commissions', 'build']);
    expect(await list()).toEqual(before);
    const moved = JSON.parse(ok(['commissions', 'build', '--dry-run', '--json', '--pin', `E4-0311201M-2023-06-21-1=${before[8]!.members[0]!.email}`]).stdout);
    expect(moved.dryRun).toBe(true);
    expect(await list()).toEqual(before);
  });

  it('a pin moves an examiner and every later build keeps it; --unpin releases it', async () => {
    const before = await list();
    const e4 = (l: Listed[], n: number) => l.find((c) => c.name === `E4-0311201M-2023-06-21-${n}`)!;
    const mover = e4(before, 2).members[0]!.email; // the économie-gestion teacher of E4 n°2
    ok(['commissions', 'build', '--pin', `E4-0311201M-2023-06-21-1=${mover}`]);
    const pinned = await list();
    expect(e4(pinned, 1).members.find((m) => m.email === mover)).toMatchObject({ pinned: true, how: 'profile' });
    ok(['commissions', 'build']);
    expect(await list()).toEqual(pinned);
    ok(['commissions', 'build', '--epreuve', 'E4']);
    expect(await list()).toEqual(pinned);
    ok(['commissions', 'build', '--unpin', `E4-0311201M-2023-06-21-1=${mover}`]);
    expect(await list()).toEqual(before);
  });

  it('a pin that cannot be kept is a conflict: exit 4, nothing stored', async () => {
    const before = await list();
    const r = run(['commissions', 'build', '--pin', 'E4-0311201M-2023-06-21-1=ines.zamora@ac-toulouse.fr']);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain('épinglage ines.zamora@ac-toulouse.fr → E4-0311201M-2023-06-21-1 : non disponible le 2023-06-21');
    expect(run(['commissions', 'build', '--pin', 'nimporte']).status).toBe(2);
    expect(await list()).toEqual(before);
  });

  it('commissions list -o x.xlsx: one row per commission, members with profile and établissement, candidates', async () => {
    const xlsx = path.join(dir, 'commissions.xlsx');
    ok(['commissions', 'list', '-o', xlsx]);
    const ExcelJS = await loadExcelJS();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(14);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['centre_uai', 'centre_nom', 'date', 'epreuve', 'commission', 'debut', 'fin', 'membres', 'nb_candidats', 'candidats']);
    const e62 = (ws.getRow(13).values as unknown[]).slice(1).map(String);
    expect(e62[4]).toBe('E62-0311201M-2023-06-21-1');
    expect(e62[7]).toMatch(/professeur de sciences et techniques industrielles du bloc de compétences n°4 ; sti ; 0\d{6}[A-Z]/);
    expect(e62[9]).toMatch(/^08:00 023\d+ /);
  });
});
