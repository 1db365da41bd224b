// End to end on the built CLI with the Toulouse 2023 session (fixtures/toulouse-2023, circulaire Toulouse 2023):
// the written-centre table and the oral placement must be exactly the circular's (§1.1 and §1.2.3).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ccst, REPO } from '../helpers/cli.js';
import { queryWorkspace } from '../helpers/engine.js';
import { loadExcelJS } from '../../src/io/exceljs-loader.js';

const FIX = path.join(REPO, 'fixtures');
let dir: string;
const run = (args: string[]) => ccst(args, { cwd: dir });

interface Origin { label: string; count: number }
interface Report {
  written: { nom: string; total: number; capacite: number; origins: Origin[] }[];
  oral: { nom: string; commune: string; dates: string[]; groups: { epreuve: string; langue: string | null; count: number; origins: Origin[] }[] }[];
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-toulouse-'));
  for (const args of [
    ['init', '--session', '2023', '--academie', 'TOULOUSE'],
    ['calendar', 'import', path.join(FIX, 'calendrier-toulouse-2023.csv')],
    ['import', path.join(FIX, 'toulouse-2023', 'candidats.csv')],
    ['centres', 'import', path.join(FIX, 'toulouse-2023', 'centres.csv')],
  ]) {
    const r = run(args);
    expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  }
});

describe('Toulouse 2023 session', () => {
  let report: Report;

  it('assign-centres gives exactly the circular’s written-centre table (§1.1)', () => {
    const r = run(['assign-centres', '--json']);
    expect(r.status, r.stderr).toBe(0);
    report = JSON.parse(r.stdout).report;
    const table = Object.fromEntries(report.written.map((c) => [c.nom, c.total]));
    expect(table).toEqual({
      'Lycée Monteil': 10, 'LGT Vincent Auriol': 8, 'LYC Myriam': 40, 'LPO Déodat': 54,
      'Ltp Pradeau': 18, "LPO D'Artagnan": 8, 'LPA Valentès': 9, 'LPO Rascol': 23,
    });
    const origins = (nom: string) => report.written.find((c) => c.nom === nom)!.origins.map((o) => `${o.label} (${o.count})`);
    expect(origins('LYC Myriam')).toEqual(['LGT HESSEL (20)', 'LYC MYRIAM - TOULOUSE (20)']);
    expect(origins('LPO Déodat')).toEqual([
      'LIMAYRAC (19)', 'LP HESSEL - TOULOUSE (12)', 'EURIDICE - TOULOUSE (11)', 'LPO DEODAT - TOULOUSE (11)',
      'ENSEIGN.DISTANCE RESIDANT 31 - TOULOUSE (1)',
    ]);
    expect(origins('Lycée Monteil')).toEqual(['GRETA DU ROUERGUE - RODEZ (10)']);
    expect(origins('Ltp Pradeau')).toEqual(['CFA ASPECT - MIDI PYR (18)']);
  });

  it('places the orals as the circular (§1.2.3): E22 at Hessel, E4/E61/E62 at Myriam, EF1 by language', () => {
    const where = Object.fromEntries(
      report.oral.flatMap((c) => c.groups.map((g) => [`${g.epreuve}${g.langue ? ' ' + g.langue : ''}`, `${c.nom}: ${g.count} — ${g.origins.map((o) => `${o.label} ${o.count}`).join(', ')}`])),
    );
    expect(where).toEqual({
      'E22 anglais': 'LGT Hessel: 11 — EURIDICE - TOULOUSE 11',
      'E22 espagnol': 'LGT Hessel: 1 — ENSEIGN.DISTANCE RESIDANT 31 - TOULOUSE 1',
      'EF1 espagnol': "LGT Hessel: 32 — LYC MYRIAM - TOULOUSE 19, LPO D'ARTAGNAN - NOGARO 6, LPA VALENTES 5, EURIDICE - TOULOUSE 1, LPO RASCOL - ALBI 1",
      'EF1 anglais': "LPO D'Artagnan: 4 — LPA VALENTES 2, LPO D'ARTAGNAN - NOGARO 2",
      E4: 'LYC Myriam: 11 — EURIDICE - TOULOUSE 11',
      E61: 'LYC Myriam: 12 — EURIDICE - TOULOUSE 11, ENSEIGN.DISTANCE RESIDANT 31 - TOULOUSE 1',
      E62: 'LYC Myriam: 12 — EURIDICE - TOULOUSE 11, ENSEIGN.DISTANCE RESIDANT 31 - TOULOUSE 1',
    });
  });

  it('the text report is the Toulouse-style table, and the own-establishment oral is warned about', () => {
    const r = run(['assign-centres', '--dry-run']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('LPO Déodat – Toulouse [0310044E] : 54 candidat(s), capacité 60');
    expect(r.stdout).toContain('    EF1 anglais : 4 candidat(s) — LPA VALENTES (2), LPO D\'ARTAGNAN - NOGARO (2)');
    expect(r.stderr).toContain('EF1 : 2 candidat(s) de 0320025D interrogé(s) dans leur propre établissement');
    expect(r.stderr).toContain('605 conservée(s), 0 épinglée(s), 0 nouvellement placée(s), 0 déplacée(s)');
  });

  it('a late registration moves nobody; schedule-orals and the exports follow', () => {
    const before = queryWorkspace<{ numero: string; epreuve: string; centre_uai: string }>(dir, 'SELECT numero, epreuve, centre_uai FROM assignments ORDER BY numero, epreuve');
    const late = path.join(dir, 'tardif.csv');
    fs.writeFileSync(late, 'numero;nom;prenom;date_naissance;academie;voie;etablissement_uai;etablissement;langue\n0231000999;ZOLA;Émile;02/04/2003;Toulouse;scolaire_public;0810004P;LPO RASCOL - ALBI;anglais\n');
    expect(run(['import', late]).status).toBe(0);
    const r = run(['assign-centres', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).stats).toMatchObject({ kept: 605, placed: 3, moved: 0 });
    const after = queryWorkspace<{ numero: string; epreuve: string; centre_uai: string }>(dir, 'SELECT numero, epreuve, centre_uai FROM assignments ORDER BY numero, epreuve');
    expect(after.filter((a) => a.numero !== '0231000999')).toEqual(before);
    expect(after.filter((a) => a.numero === '0231000999').map((a) => a.centre_uai)).toEqual(['0810004P', '0810004P', '0810004P']);

    const tight = run(['schedule-orals']);
    expect(tight.status).toBe(4);
    // One commission, a 12:00–13:30 break and 30 min between one candidate's orals (defaults, issue #10 §14).
    expect(tight.stderr).toContain('centre 0311902Z, EF1 : 9 candidat(s) sans créneau');
    const s = run(['schedule-orals', '--commissions', '2', '--json']);
    expect(s.status, s.stderr).toBe(0);
    const slots = JSON.parse(s.stdout).slots as { numero: string; epreuve: string; date: string; start: string; passage: string; end: string }[];
    expect(slots.filter((x) => x.epreuve === 'EF1' && x.date === '2023-06-12')).toHaveLength(4);
    // Tiers-temps (candidate 0231000125, Euridice): E4 = 80 min of preparation + 80 min.
    const e4 = slots.find((x) => x.numero === '0231000125' && x.epreuve === 'E4')!;
    const min = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
    expect([min(e4.passage) - min(e4.start), min(e4.end) - min(e4.passage)]).toEqual([80, 80]);
  });

  it('assignments export: written times of the Toulouse calendar, oral times, and XLSX roll-calls', async () => {
    const r = run(['assignments', 'export', '-o', 'affectations.csv', '--rollcall', 'emargement']);
    expect(r.status, r.stderr).toBe(0);
    const csv = fs.readFileSync(path.join(dir, 'affectations.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFnumero;nom;prenom;epreuve;')).toBe(true);
    expect(csv).toMatch(/0231000999;ZOLA;Émile;E1;;0810004P;LPO Rascol;Albi;metropole;2023-05-16;14:00;;18:00;;/);
    // Tiers-temps (D351-28): E1 14h00–18h00 + 4 h / 3 = 19h20, as on the convocation.
    expect(csv).toMatch(/0231000125;[^;]*;[^;]*;E1;;[^;]*;[^;]*;[^;]*;metropole;2023-05-16;14:00;;18:00;19:20;/);
    const files = fs.readdirSync(path.join(dir, 'emargement')).sort();
    expect(files).toContain('emargement-0311201M-ecrit.xlsx');
    expect(files).toContain('emargement-0311201M-oral.xlsx');
    // #9 item 10: the roll-call workbooks fall under the output rule — replaced only with --force.
    const again = run(['assignments', 'export', '--rollcall', 'emargement']);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('--force');
    expect(files).toHaveLength(11);
    const wb = new (loadExcelJS().Workbook)();
    await wb.xlsx.readFile(path.join(dir, 'emargement', 'emargement-0311201M-oral.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['E4', 'E61', 'E62']);
    const e61 = wb.getWorksheet('E61')!;
    expect(e61.getRow(5).values).toEqual([undefined, 'N°', 'Numéro', 'Nom', 'Prénom', 'Date de naissance', 'Établissement', 'Aménagements', 'Date', 'Convocation', 'Passage', 'Commission', 'Présent', 'Émargement']);
    expect(e61.rowCount).toBe(5 + 12);
    // Issue #10 §7: the aménagements are on the centre's lists.
    const durand = [...Array(12).keys()].map((i) => e61.getRow(6 + i)).find((r) => r.getCell(2).value === '0231000125')!;
    expect(durand.getCell(7).value).toBe('temps majoré 1/3 ; tiers-temps');
  });
});
