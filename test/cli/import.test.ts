// ccst import, in-process with a fake Ctx: encodings, delimiters, title rows, Excel date cells, duplicates,
// all-or-nothing, --skip-invalid, idempotent re-import, --dry-run, --map and interactive mapping, --json.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fakeCtx, type FakeCtx } from '../helpers/fake-ctx.js';
import { run as init } from '../../src/cli/commands/init.js';
import { run as importRun } from '../../src/cli/commands/import.js';
import { CcstError } from '../../src/cli/errors.js';
import { FIXTURES_DIR } from '../../src/io/paths.js';
import { loadExcelJS } from '../../src/io/exceljs-loader.js';
import type { Prompter } from '../../src/cli/context.js';

const fixture = (name: string) => path.join(FIXTURES_DIR, 'import', name);

async function workspace(academie: string | undefined = 'TOULOUSE'): Promise<{ dir: string; db: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-import-'));
  const db = path.join(dir, 'ccst.db');
  await init(fakeCtx({ cwd: dir }), { workspace: db, session: '2024', academie });
  return { dir, db };
}

async function ccstImport(db: string, input: Record<string, unknown>, over: Partial<FakeCtx> = {}) {
  const ctx = fakeCtx({ cwd: path.dirname(db), ...over });
  let error: CcstError | undefined;
  try {
    await importRun(ctx, { workspace: db, ...input });
  } catch (e) {
    if (!(e instanceof CcstError)) throw e;
    error = e;
  }
  return { ctx, error, out: ctx.out(), err: ctx.err() };
}

function rows(db: string, sql = 'SELECT * FROM candidates ORDER BY numero'): Record<string, unknown>[] {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    d.close();
  }
}
const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const dump = (db: string) =>
  JSON.stringify(['candidates', 'audit_log', 'meta'].map((t) => rows(db, `SELECT * FROM ${t} ORDER BY 1`)));

describe('reading the file', () => {
  it.each([
    ['candidats-windows-1252.csv', 'CSV Windows-1252, séparateur « ; »'],
    ['candidats-utf8-virgule.csv', 'CSV UTF-8, séparateur « , »'],
    ['candidats-tabulation.tsv', 'CSV UTF-8, séparateur tabulation'],
    ['candidats-titre.csv', 'CSV UTF-8, séparateur « ; », en-tête ligne 4'],
  ])('%s: detected (%s), every accent kept', async (file, described) => {
    const { db } = await workspace();
    const r = await ccstImport(db, { file: fixture(file) });
    expect(r.error).toBeUndefined();
    expect(r.err).toContain(described);
    expect(r.err).toContain('5 ligne(s) lue(s) — 5 créés, 0 mis à jour, 0 inchangé(s), 0 rejeté(s)');
    expect(r.out).toBe(''); // messages go to stderr only
    const stored = rows(db);
    expect(stored.map((c) => `${c.nom} ${c.prenom}`)).toEqual(['MARTIN Léa', 'BÉNAZET Maël', 'ŒILLET François', 'GARÇON Zoé', 'HÉRAIL Benoît']);
    expect(stored.map((c) => c.commune)).toContain('L’Isle-Jourdain');
    expect(stored.map((c) => c.etablissement)).toContain('GRETA, Tarbes');
    expect(stored[1]).toMatchObject({ academie: 'TOULOUSE', voie: 'scolaire_prive_sous_contrat', langue: 'espagnol', date_naissance: '2003-09-03' });
  });

  it('header aliases in other spellings; unknown columns are reported once, not fatal', async () => {
    const { dir, db } = await workspace();
    const file = path.join(dir, 'liste.csv');
    fs.writeFileSync(file, 'Numéro d’inscription;NOM DE FAMILLE;prénoms;Né(e) le;Statut du candidat;Code RNE;Classe;Remarque\n'
      + '17;Dupont;Jean;01/02/2004;scolaire public;0310028M;BTS2;\n18;Durand;Ana;02/03/2004;scolaire public;0310028M;BTS2;r\n');
    const r = await ccstImport(db, { file });
    expect(r.error).toBeUndefined();
    expect(r.err.match(/Colonnes ignorées/g)).toHaveLength(1);
    expect(r.err).toContain('« Classe », « Remarque »');
    expect(rows(db).map((c) => [c.numero, c.nom, c.date_naissance])).toEqual([['17', 'Dupont', '2004-02-01'], ['18', 'Durand', '2004-03-02']]);
  });

  it('XLSX with Excel date cells (UTC midnight), numbers and a title row', async () => {
    const { dir, db } = await workspace();
    const file = path.join(dir, 'liste.xlsx');
    const wb = new (loadExcelJS().Workbook)();
    const ws = wb.addWorksheet('BTS CCST');
    ws.addRow(['Liste des candidats — session 2024']);
    ws.addRow(['N° candidat', 'Nom', 'Prénom', 'Date de naissance', 'Voie', 'UAI', 'Code postal', 'EF2']);
    ws.addRow([2431000101, 'Nguyễn', 'Đức', new Date(Date.UTC(2004, 0, 1)), 'Scolaire public', '0310028M', 9000, true]);
    ws.addRow([2431000108, 'Ødegård', 'Åsa', new Date(Date.UTC(2003, 11, 31)), 'Candidat individuel', null, 31000, false]);
    ws.getColumn(4).numFmt = 'dd/mm/yyyy';
    await wb.xlsx.writeFile(file);
    const r = await ccstImport(db, { file, sheet: 'bts ccst' });
    expect(r.error).toBeUndefined();
    expect(r.err).toContain('XLSX, feuille « BTS CCST », en-tête ligne 2');
    expect(rows(db).map((c) => [c.numero, c.nom, c.prenom, c.date_naissance, c.code_postal, c.ef2])).toEqual([
      ['2431000101', 'Nguyễn', 'Đức', '2004-01-01', '09000', 1],
      ['2431000108', 'Ødegård', 'Åsa', '2003-12-31', '31000', 0],
    ]);
  });

  it('no header found, or a required column missing: exit 3 before reading rows', async () => {
    const { dir, db } = await workspace();
    const file = path.join(dir, 'x.csv');
    fs.writeFileSync(file, 'a;b;c\n1;2;3\n');
    expect((await ccstImport(db, { file })).error?.message).toContain('ligne d’en-tête introuvable');
    fs.writeFileSync(file, 'Nom;Prénom;Voie\nDupont;Jean;scolaire public\n');
    const r = await ccstImport(db, { file });
    expect(r.error?.exitCode).toBe(3);
    expect(r.error?.message).toContain('colonne(s) obligatoire(s) absente(s) de l’en-tête (ligne 1) : N° candidat');
  });
});

describe('bad rows: all or nothing', () => {
  it('reports every bad cell with row and column, grouped; the database is byte-for-byte unchanged', async () => {
    const { db } = await workspace();
    await ccstImport(db, { file: fixture('candidats-titre.csv') });
    const before = { dump: dump(db), sha: sha(db) };
    const r = await ccstImport(db, { file: fixture('candidats-erreurs.csv') });
    expect(r.error?.exitCode).toBe(3);
    expect(r.error?.message).toBe('candidats-erreurs.csv : 4 ligne(s) invalide(s) sur 5 — rien n’a été importé.');
    const details = r.error!.details.join('\n');
    for (const line of [
      'candidats-erreurs.csv, ligne 3, colonne « Nom » : nom manquant',
      'candidats-erreurs.csv, ligne 3, colonne « Date de naissance » : date de naissance impossible : « 31/02/2003 »',
      'candidats-erreurs.csv, ligne 3, colonne « UAI » : clé UAI incorrecte : 0311586A (attendu 0311586F)',
      'candidats-erreurs.csv, ligne 4, colonne « Voie » : voie de formation inconnue : « Scolaire privé »',
      'candidats-erreurs.csv, ligne 2, colonne « N° candidat » : numéro 2431000101 présent aussi ligne 5',
      'candidats-erreurs.csv, ligne 5, colonne « N° candidat » : numéro 2431000101 déjà présent ligne 2',
    ]) expect(details).toContain(line);
    expect(details).toMatch(/doublon \(2\) :/);
    expect(dump(db)).toBe(before.dump);
    expect(sha(db)).toBe(before.sha);
  });

  it('--json prints the rejected report on stdout as well', async () => {
    const { db } = await workspace();
    const r = await ccstImport(db, { file: fixture('candidats-erreurs.csv'), json: true });
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ status: 'rejected', rowsRead: 5, rejected: 4, created: 0 });
    expect(report.issues).toContainEqual({ row: 3, column: 'UAI', kind: 'uai-cle', message: 'clé UAI incorrecte : 0311586A (attendu 0311586F)' });
  });

  it('--skip-invalid imports the valid rows; both duplicated rows are left out', async () => {
    const { db } = await workspace();
    const r = await ccstImport(db, { file: fixture('candidats-erreurs.csv'), skipInvalid: true });
    // Issue #10 item 15: rows were rejected, so the exit code says so (3) although the valid ones are imported.
    expect([r.error?.code, r.error?.exitCode]).toEqual(['ROWS_REJECTED', 3]);
    expect(r.err).toContain('5 ligne(s) lue(s) — 1 créés, 0 mis à jour, 0 inchangé(s), 4 rejeté(s)');
    expect(r.err).toContain('ligne 4, colonne « Voie »');
    expect(rows(db).map((c) => c.numero)).toEqual(['2431000129']);
  });

  it('a duplicate that first updated a stored candidate is undone exactly (--skip-invalid)', async () => {
    const { dir, db } = await workspace();
    await ccstImport(db, { file: fixture('candidats-titre.csv') });
    const before = rows(db).find((c) => c.numero === '2431000101');
    const file = path.join(dir, 'dup.csv');
    fs.writeFileSync(file, 'N° candidat;Nom;Voie;UAI\n2431000101;MARTIN-CHANGÉ;scolaire public;0310028M\n2431000101;MARTIN;scolaire public;0310028M\n');
    const r = await ccstImport(db, { file, skipInvalid: true });
    expect(r.err).toContain('0 créés, 0 mis à jour, 0 inchangé(s), 2 rejeté(s)');
    expect(rows(db).find((c) => c.numero === '2431000101')).toEqual(before);
  });
});

describe('re-import', () => {
  it('is idempotent and reports changed fields per candidate', async () => {
    const { dir, db } = await workspace();
    await ccstImport(db, { file: fixture('candidats-titre.csv') });
    const first = rows(db);
    const again = await ccstImport(db, { file: fixture('candidats-titre.csv') });
    expect(again.err).toContain('0 créés, 0 mis à jour, 5 inchangé(s), 0 rejeté(s)');
    expect(rows(db)).toEqual(first); // updated_at untouched too
    const changed = path.join(dir, 'changed.csv');
    fs.writeFileSync(changed, fs.readFileSync(fixture('candidats-titre.csv'), 'utf8').replace(';Toulouse', ';Muret').replace('Benoît', 'Benoit'));
    const r = await ccstImport(db, { file: changed, json: true });
    expect(r.err).toContain('0 créés, 2 mis à jour, 3 inchangé(s), 0 rejeté(s)');
    expect(r.err).toContain('  2431000101 : commune Toulouse → Muret');
    expect(r.err).toContain('  2431000129 : prenom Benoît → Benoit');
    expect(JSON.parse(r.out).changes[0]).toEqual({ numero: '2431000101', row: 5, fields: [{ field: 'commune', before: 'Toulouse', after: 'Muret' }] });
    const audit = rows(db, 'SELECT command, detail FROM audit_log ORDER BY id').map((a) => a.command);
    expect(audit).toEqual(['init', 'import', 'import', 'import']);
  });

  it('--dry-run reports without writing', async () => {
    const { db } = await workspace();
    const before = sha(db);
    const r = await ccstImport(db, { file: fixture('candidats-titre.csv'), dryRun: true, json: true });
    expect(r.err).toContain('5 à créer');
    expect(r.err).toContain('rien n’a été enregistré');
    expect(JSON.parse(r.out)).toMatchObject({ status: 'dry-run', created: 5 });
    expect(sha(db)).toBe(before);
  });
});

describe('workspace creation and column mapping', () => {
  it('creates the workspace with the default regulation on first import, and only on success', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-import-'));
    const db = path.join(dir, 'nouveau.db');
    const bad = await ccstImport(db, { file: fixture('candidats-titre.csv') }); // no académie column, none by default
    expect(bad.error?.message).toContain('pas de colonne « Académie »');
    expect(fs.readdirSync(dir)).toEqual([]);
    const r = await ccstImport(db, { file: path.join(FIXTURES_DIR, 'candidats-demo.csv') });
    expect(r.error).toBeUndefined();
    expect(r.err).toContain('Workspace créé');
    expect(fs.readdirSync(dir)).toEqual(['nouveau.db']);
    expect(fs.statSync(db).mode & 0o777).toBe(0o600);
    expect(rows(db, "SELECT value FROM meta WHERE key = 'session'")).toEqual([{ value: '2024' }]);
    expect(rows(db, 'SELECT count(*) AS n FROM candidates')).toEqual([{ n: 40 }]);
  });

  it('--map maps an unknown column; a wrong --map is a usage error', async () => {
    const { dir, db } = await workspace();
    const file = path.join(dir, 'm.csv');
    fs.writeFileSync(file, 'Num Cand;Nom;Voie;Etab.\n17;Dupont;candidat individuel;\n');
    expect((await ccstImport(db, { file })).error?.message).toContain('N° candidat');
    const r = await ccstImport(db, { file, map: ['Num Cand=numero'] });
    expect(r.error).toBeUndefined();
    expect(rows(db).map((c) => c.numero)).toEqual(['17']);
    expect((await ccstImport(db, { file, map: ['Num Cand=pointure'] })).error?.exitCode).toBe(2);
    expect((await ccstImport(db, { file, map: ['Absente=numero'] })).error?.message).toContain('pas de colonne « Absente »');
  });

  it('at a terminal, unknown columns are offered for mapping (flag-free path)', async () => {
    const { dir, db } = await workspace();
    const file = path.join(dir, 'm.csv');
    fs.writeFileSync(file, 'Num Cand;Nom;Voie;Bahut\n17;Dupont;scolaire public;0310028M\n');
    const asked: string[] = [];
    const prompt: Prompter = {
      confirm: async () => false,
      input: async () => '',
      select: async <T extends string>(message: string) => {
        asked.push(message);
        return (message.includes('Num Cand') ? 'numero' : 'etablissement_uai') as T;
      },
    };
    const r = await ccstImport(db, { file }, { isTTY: true, prompt });
    expect(r.error).toBeUndefined();
    expect(asked).toEqual(['Colonne « Num Cand » : quel champ contient-elle ?', 'Colonne « Bahut » : quel champ contient-elle ?']);
    expect(rows(db).map((c) => [c.numero, c.etablissement_uai])).toEqual([['17', '0310028M']]);
  });
});

describe('dispenses with their ground (issue 11 finding 3)', () => {
  it('stores U4/U6 dispenses by VAE with their ground (référentiel annexe V b C), refuses U21 alone (annexe IV b « l’unité U2 ») and U5', async () => {
    const { dir, db } = await workspace();
    const file = path.join(dir, 'liste.csv');
    const head = 'N° candidat;Nom;Prénom;Voie;Dispenses\n';
    fs.writeFileSync(file, head + '31;VIDAL;Jean;expérience professionnelle;VAE : U4 U6\n32;ROUX;Ana;candidat individuel;"U2 ; VAE : U4"\n');
    const r = await ccstImport(db, { file });
    expect(r.error).toBeUndefined();
    expect(rows(db).map((c) => [c.numero, c.dispenses])).toEqual([['31', 'U4:vae U61:vae U62:vae'], ['32', 'U21:diplome U22:diplome U4:vae']]);
    const again = await ccstImport(db, { file });
    expect(again.err).toContain('0 créés, 0 mis à jour, 2 inchangé(s)');
    fs.writeFileSync(file, head + '33;SOL;Eva;candidat individuel;diplôme : U21\n34;PUJOL;Luc;candidat individuel;U5\n');
    const bad = await ccstImport(db, { file });
    expect(bad.error?.exitCode).toBe(3);
    const details = bad.error!.details.join('\n');
    expect(details).toMatch(/ligne 2, colonne « Dispenses » : dispense de U21 seule impossible au motif/);
    expect(details).toMatch(/ligne 3, colonne « Dispenses » : DIS impossible en U5/);
  });
});

describe('EF3 request before the date limite d’inscription (issue 11 finding 6)', () => {
  // Code de l'éducation D643-15-1 (circulaire nationale 2024): « La demande de validation est formulée par le candidat
  // au plus tard à la date limite d'inscription à l'examen. »
  it.each([
    ['on the deadline', 'oui;15/11/2023', undefined],
    ['the day after the deadline', 'oui;16/11/2023', /ligne 2, colonne « Demande EF3 » : demande EF3 du 16\/11\/2023 après la date limite d’inscription du 15\/11\/2023 \(D643-15-1/],
    ['a request without EF3', 'non;01/11/2023', /demande EF3 du 01\/11\/2023 alors que le candidat ne présente pas EF3/],
  ])('%s', async (_name, cells, error) => {
    const { dir, db } = await workspace();
    const file = path.join(dir, 'liste.csv');
    fs.writeFileSync(file, `N° candidat;Nom;Prénom;Voie;EF3;Demande EF3\n41;VIDAL;Jean;candidat individuel;${cells}\n`);
    const r = await ccstImport(db, { file, dateLimiteInscription: '2023-11-15' });
    if (!error) {
      expect(r.error).toBeUndefined();
      expect(rows(db)[0]).toMatchObject({ ef3: 1, demande_ef3: '2023-11-15' });
    } else {
      expect(r.error?.exitCode).toBe(3);
      expect(r.error!.details.join('\n')).toMatch(error);
    }
  });

  it('remembers the deadline for the next import', async () => {
    const { dir, db } = await workspace();
    const file = path.join(dir, 'liste.csv');
    fs.writeFileSync(file, 'N° candidat;Nom;Prénom;Voie;EF3;Demande EF3\n41;VIDAL;Jean;candidat individuel;oui;10/11/2023\n');
    expect((await ccstImport(db, { file, dateLimiteInscription: '2023-11-15' })).error).toBeUndefined();
    fs.writeFileSync(file, 'N° candidat;Nom;Prénom;Voie;EF3;Demande EF3\n42;ROUX;Ana;candidat individuel;oui;20/11/2023\n');
    expect((await ccstImport(db, { file })).error?.exitCode).toBe(3);
  });
});
