// ccst candidates export: French-Excel CSV by default, RFC 4180, XLSX, JSON; derived form per unit; formula
// neutralisation; an export re-imports as "unchanged" for every candidate.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { fakeCtx } from '../helpers/fake-ctx.js';
import { run as init } from '../../src/cli/commands/init.js';
import { run as importRun } from '../../src/cli/commands/import.js';
import { run as exportRun } from '../../src/cli/commands/candidates-export.js';
import { CcstError } from '../../src/cli/errors.js';
import { FIXTURES_DIR } from '../../src/io/paths.js';

let dir: string;
let db: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-export-'));
  db = path.join(dir, 'ccst.db');
  await init(fakeCtx({ cwd: dir }), { workspace: db, session: '2024', academie: 'TOULOUSE' });
  await importRun(fakeCtx({ cwd: dir }), { workspace: db, file: path.join(FIXTURES_DIR, 'candidats-demo.csv') });
  // A hostile cell: must come out neutralised, and go back in unchanged.
  const hostile = path.join(dir, 'hostile.csv');
  fs.writeFileSync(hostile, 'N° candidat;Nom;Prénom;Voie;Aménagements;Adresse\n2439999999;"=HYPERLINK(""http://x"";""y"")";@Léa;candidat individuel;+1 salle;-3 rue du Pont\n');
  await importRun(fakeCtx({ cwd: dir }), { workspace: db, file: hostile });
});

async function exportTo(input: Record<string, unknown>) {
  const ctx = fakeCtx({ cwd: dir });
  await exportRun(ctx, { workspace: db, output: '-', csvFormat: 'excel-fr', ...input });
  return ctx;
}

async function reimport(file: string) {
  const ctx = fakeCtx({ cwd: dir });
  await importRun(ctx, { workspace: db, file, json: true });
  return JSON.parse(ctx.out());
}

describe('candidates export', () => {
  it('CSV for French Excel: BOM, ;, CRLF, decimal comma, neutralised formulas, count on stderr only', async () => {
    const ctx = await exportTo({});
    const bytes = (ctx.stdout as unknown as { chunks: Buffer[] }).chunks;
    const text = Buffer.concat(bytes).toString('utf8');
    expect(text.startsWith('\uFEFFN° candidat;Nom;Prénom;Date de naissance;Académie;Voie;UAI;')).toBe(true);
    expect(text).toContain('\r\n');
    expect(ctx.err()).toBe('41 candidat(s) exporté(s).\n');
    const records = parse(text.slice(1), { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(41);
    const hostile = records.find((r) => r['N° candidat'] === '2439999999')!;
    expect([hostile.Nom, hostile['Prénom'], hostile['Aménagements'], hostile.Adresse]).toEqual([
      '\'=HYPERLINK("http://x";"y")', "'@Léa", "'+1 salle", "'-3 rue du Pont",
    ]);
    const pujol = records.find((r) => r.Nom === 'PUJOL')!;
    expect(pujol).toMatchObject({ Voie: 'candidat_individuel', 'Bénéfices': 'U4=12,5@2023', 'Forme U4': 'bénéfice 12,5 (2023)', 'Forme U1': 'ponctuel', 'Forme UF1': '' });
    const ginestet = records.find((r) => r.Nom === 'GINESTET')!;
    expect(ginestet).toMatchObject({ Dispenses: 'diplome : U1 U21 U22', // with its ground (référentiel annexe IV b), read back by ccst import
      'Forme U1': 'dispensé', 'Forme U21': 'dispensé', 'Forme U3': 'ponctuel', 'Forme U4': 'CCF' });
    const benazet = records.find((r) => r.Nom === 'BÉNAZET')!;
    expect(benazet).toMatchObject({ 'EF1 langue': 'espagnol', 'Forme UF1': 'ponctuel', 'Forme U61': 'CCF', 'Date de naissance': '03/09/2003' });
  });

  it('sorted by nom, prénom, numéro with French collation (accents ignored)', async () => {
    const text = (await exportTo({ csvFormat: 'rfc4180' })).out();
    const noms = (parse(text, { columns: true }) as Record<string, string>[]).map((r) => r.Nom);
    expect(noms.slice(0, 5)).toEqual(['=HYPERLINK("http://x";"y")'.replace(/^/, "'"), 'ABADIE', 'ALBERT', 'BARRÈRE', 'BÉNAZET']);
    const sorted = [...noms].sort((a, b) => a.localeCompare(b, 'fr', { sensitivity: 'base' }));
    expect(noms).toEqual(sorted);
  });

  it('RFC 4180: comma, no BOM', async () => {
    const text = (await exportTo({ csvFormat: 'rfc4180' })).out();
    expect(text.startsWith('N° candidat,Nom,Prénom,')).toBe(true);
  });

  it('JSON: canonical field names', async () => {
    const list = JSON.parse((await exportTo({ json: true })).out()) as Record<string, string>[];
    expect(list.find((r) => r.nom === 'QUÉRÉ')).toMatchObject({ numero: '2431000339', benefices: 'U5=10@2023; U61=11@2022', forme_U5: 'bénéfice 10 (2023)', forme_U61: 'bénéfice 11 (2022)' });
  });

  it.each(['csv', 'xlsx'])('round trip: export %s then import gives every candidate unchanged', async (ext) => {
    const file = path.join(dir, `export.${ext}`);
    await exportTo({ output: file });
    expect(await reimport(file)).toMatchObject({ rowsRead: 41, created: 0, updated: 0, unchanged: 41, rejected: 0, unknownColumns: [] });
  });

  it('usage errors: --json with a .csv output; no workspace', async () => {
    await expect(exportTo({ json: true, output: path.join(dir, 'x.csv') })).rejects.toThrow(/se contredisent/);
    const ctx = fakeCtx({ cwd: dir });
    const err = await exportRun(ctx, { workspace: path.join(dir, 'absent.db'), output: '-', csvFormat: 'excel-fr' }).catch((e) => e);
    expect(err).toBeInstanceOf(CcstError);
    expect((err as CcstError).exitCode).toBe(2);
  });
});
