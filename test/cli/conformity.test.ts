// ccst conformity: decisions recorded as NV (conformity + notes + note_audit), annexe 4 forms read back, summary CSV,
// exit 3 with nothing recorded on a bad file.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/conformity.js';
import { CcstError } from '../../src/cli/errors.js';
import { fakeCtx } from '../helpers/fake-ctx.js';
import { pdfText } from '../helpers/pdf-text.js';
import { PEOPLE, person, sessionWorkspace } from '../helpers/documents-workspace.js';
import { ANNEXE4_MOTIFS, ANNEXE4_EPREUVE_LINES, ANNEXE4_TEXT } from '../../src/domain/conformity/motifs.js';

const HEADER = 'numero;epreuve;depot;attestation_stage;semaines_stage;semaines_consecutives_1re_annee;certificat_travail;signatures;fiche_descriptive;amenagement_duree;autre';
const GOOD_ROWS = [
  '24001;E4;01/03/2024;oui;12;4;;oui;oui;non;', // 12 < 14 weeks → NV
  '24001;E62;01/03/2024;oui;12;4;;non;oui;non;', // same + not signed → NV
  '24002;E4;2024-03-02;;;;non;oui;oui;;', // experience without certificat → NV
  '24003;E61;2024-03-02;oui;;;;oui;oui;;', // apprentice: conforme
  '24004;E61;2024-03-10;oui;7;;;oui;oui;non;', // U4 dispensed: 7 weeks enough, but late → NV
  '24005;E4;2024-03-01;oui;14;4;;oui;oui;non;', // conforme
];

function setup(rows = GOOD_ROWS) {
  const ws = sessionWorkspace();
  const file = path.join(ws.dir, 'dossiers.csv');
  fs.writeFileSync(file, [HEADER, ...rows].join('\n'));
  return { ...ws, dossiers: file };
}

const dump = (db: string) => {
  const d = new Database(db, { readonly: true });
  const out = {
    conformity: d.prepare('SELECT numero, epreuve, conforme, motifs FROM conformity ORDER BY numero, epreuve').all() as { numero: string; epreuve: string; conforme: number; motifs: string }[],
    notes: d.prepare('SELECT numero, unite, value, source FROM notes ORDER BY numero, unite').all(),
    audit: d.prepare('SELECT numero, unite, old_value, new_value, source FROM note_audit ORDER BY id').all(),
  };
  d.close();
  return out;
};

describe('ccst conformity', () => {
  it('records NV for non-conforming dossiers and prints the summary', async () => {
    const s = setup();
    const ctx = fakeCtx({ cwd: s.dir });
    await run(ctx, { file: s.dossiers, workspace: s.file, dateLimite: '2024-03-08', summary: '-' });
    const db = dump(s.file);
    expect(db.conformity.map((r) => [r.numero, r.epreuve, r.conforme])).toEqual([
      ['24001', 'E4', 0], ['24001', 'E62', 0], ['24002', 'E4', 0], ['24003', 'E61', 1], ['24004', 'E61', 0], ['24005', 'E4', 1],
    ]);
    expect(db.notes).toEqual([
      { numero: '24001', unite: 'U4', value: 'NV', source: 'conformite:dossiers.csv' },
      { numero: '24001', unite: 'U62', value: 'NV', source: 'conformite:dossiers.csv' },
      { numero: '24002', unite: 'U4', value: 'NV', source: 'conformite:dossiers.csv' },
      { numero: '24004', unite: 'U61', value: 'NV', source: 'conformite:dossiers.csv' },
    ]);
    expect(db.audit).toHaveLength(4);
    const motifs24004 = JSON.parse(db.conformity.find((r) => r.numero === '24004')!.motifs);
    expect(motifs24004[0].libelle).toBe('autres (à préciser) : dépôt hors délai (déposé le 10/03/2024, date limite 08/03/2024)');

    const csv = ctx.out();
    expect(csv.startsWith('\uFEFFnumero;nom;prenom;epreuve;unite;conforme;note;motifs;observations\r\n')).toBe(true);
    // Sorted by nom: ABADIE, DURAND, MARTIN, NGUYỄN, ØDEGÅRD.
    expect(csv.split('\r\n').slice(1, 7).map((l) => l.split(';').slice(0, 7).join(';'))).toEqual([
      '24005;ABADIE;Jules;E4;U4;oui;',
      '24004;DURAND;Zoé;E61;U61;non;NV',
      '24003;MARTIN;Léa;E61;U61;oui;',
      '24001;NGUYỄN;Đức;E4;U4;non;NV',
      '24001;NGUYỄN;Đức;E62;U62;non;NV',
      '24002;ØDEGÅRD;Ødegård;E4;U4;non;NV',
    ]);
    expect(ctx.err()).toMatch(/6 dossier\(s\) contrôlé\(s\) : 2 conforme\(s\), 4 non conforme\(s\) \(3 candidat\(s\)\)/);
  });

  it('writes one annexe 4 form per non-conforming candidate, motifs ticked, names intact', async () => {
    const s = setup();
    const pdf = path.join(s.dir, 'formulaires.pdf');
    const ctx = fakeCtx({ cwd: s.dir });
    await run(ctx, { file: s.dossiers, workspace: s.file, dateLimite: '2024-03-08', output: pdf, summary: path.join(s.dir, 'r.csv') });
    const text = await pdfText(fs.readFileSync(pdf));
    expect(text.pages).toHaveLength(3); // DURAND, NGUYỄN (E4 + E62 on one form), ØDEGÅRD
    const [durand, nguyen, odegard] = text.pages.map((p) => p.replace(/\s+/g, ' '));
    for (const p of [durand, nguyen, odegard]) {
      expect(p).toContain('BTS CONSEIL ET COMMERCIALISATION DE SOLUTIONS TECHNIQUES - SESSION 2024');
      expect(p).toContain(ANNEXE4_TEXT.header);
      expect(p).toContain(ANNEXE4_TEXT.legal);
      expect(p).toContain(ANNEXE4_TEXT.intro);
      for (const line of Object.values(ANNEXE4_EPREUVE_LINES)) expect(p).toContain(line);
      for (const m of Object.values(ANNEXE4_MOTIFS)) expect(p).toContain(m);
      expect(p).toContain('Noms des contrôleurs');
      expect(p).toContain('Date et signatures');
    }
    expect(nguyen).toContain('NGUYỄN');
    expect(nguyen).toContain('Đức');
    expect(nguyen).toContain('E4 : (12 semaines pour 14 requises)');
    expect(nguyen).toContain('E62 : (12 semaines pour 14 requises)');
    expect(nguyen).toMatch(/certificat\(s\) ou attestation\(s\) non visé\(s\) ou non signé\(s\) E62 /);
    expect(odegard).toContain('ØDEGÅRD');
    expect(odegard).toContain('Ødegård');
    expect(odegard).toMatch(/absence de certificat\(s\) de travail E4 /);
    expect(durand).toContain('E61 : dépôt hors délai (déposé le 10/03/2024, date limite 08/03/2024)');
  });

  it('exit 3 with row/column messages and nothing recorded when a row is bad or incomplete', async () => {
    const s = setup([
      ...GOOD_ROWS,
      '24005;E61;2024-03-01;oui;;4;;oui;oui;non;', // scolaire without semaines_stage
      '24099;E4;2024-03-01;oui;14;4;;oui;oui;non;', // unknown candidate
      '24005;E4;2024-03-01;oui;14;4;;oui;oui;non;', // duplicate
      '24004;E4;2024-03-01;oui;14;4;;oui;oui;non;', // U4 dispensed
      '24001;E5;32/01/2024;peut-être;;;;oui;oui;non;',
    ]);
    const before = fs.readFileSync(s.file);
    const ctx = fakeCtx({ cwd: s.dir });
    const err = await run(ctx, { file: s.dossiers, workspace: s.file, summary: '-' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CcstError);
    const e = err as CcstError;
    expect(e.exitCode).toBe(3);
    const details = e.details.join('\n');
    expect(details).toContain('dossiers.csv, ligne 8, colonne « semaines_stage » : valeur manquante');
    expect(details).toContain('dossiers.csv, ligne 9, colonne « numero » : candidat 24099 absent du workspace');
    expect(details).toContain('dossiers.csv, ligne 10, colonne « epreuve » : dossier E4 du candidat 24005 déjà présent ligne 7');
    expect(details).toContain('dossiers.csv, ligne 11, colonne « epreuve » : U4 est dispensée');
    expect(details).toContain('dossiers.csv, ligne 12, colonne « epreuve »');
    expect(details).toContain('dossiers.csv, ligne 12, colonne « depot » : date invalide');
    expect(details).toContain('dossiers.csv, ligne 12, colonne « attestation_stage »');
    expect(ctx.out()).toBe('');
    expect(fs.readFileSync(s.file).equals(before)).toBe(true);
  });

  it('--dry-run records nothing; a later conforming check withdraws only its own NV', async () => {
    const s = setup();
    const before = fs.readFileSync(s.file);
    await run(fakeCtx({ cwd: s.dir }), { file: s.dossiers, workspace: s.file, summary: '-', dryRun: true });
    expect(fs.readFileSync(s.file).equals(before)).toBe(true);

    await run(fakeCtx({ cwd: s.dir }), { file: s.dossiers, workspace: s.file, summary: '-', dateLimite: '2024-03-08' });
    // The office corrects 24001's E4 row (the attestation said 14 weeks) and re-runs.
    fs.writeFileSync(s.dossiers, [HEADER, '24001;E4;01/03/2024;oui;14;4;;oui;oui;non;'].join('\n'));
    const ctx = fakeCtx({ cwd: s.dir });
    await run(ctx, { file: s.dossiers, workspace: s.file, summary: '-' });
    const db = dump(s.file);
    expect(db.notes.map((n: any) => `${n.numero}/${n.unite}=${n.value}`)).toEqual(['24001/U62=NV', '24002/U4=NV', '24004/U61=NV']);
    expect(db.audit.at(-1)).toEqual({ numero: '24001', unite: 'U4', old_value: 'NV', new_value: '', source: 'conformite:dossiers.csv' });
    expect(ctx.err()).toContain('24001 U4 : dossier désormais conforme, NV retiré.');
    // The deadline of the first run was remembered: 24004's late E61 stays NV on a re-run without --date-limite.
    expect(ctx.err()).toContain('Date limite de dépôt enregistrée dans le workspace : 2024-03-08.');
    fs.writeFileSync(s.dossiers, [HEADER, '24004;E61;2024-03-10;oui;7;;;oui;oui;non;'].join('\n'));
    await run(fakeCtx({ cwd: s.dir }), { file: s.dossiers, workspace: s.file, summary: '-' });
    expect(dump(s.file).notes.map((n: any) => `${n.numero}/${n.unite}=${n.value}`)).toContain('24004/U61=NV');
  });

  it('refuses an impossible --date-limite (exit 2), e.g. 30 February', async () => {
    const s = setup();
    const e = (await run(fakeCtx({ cwd: s.dir }), { file: s.dossiers, workspace: s.file, dateLimite: '2024-02-30' }).catch((x: unknown) => x)) as CcstError;
    expect([e.exitCode, e.message]).toEqual([2, '--date-limite : date invalide « 2024-02-30 » (attendu JJ/MM/AAAA ou AAAA-MM-JJ)']);
  });

  it('replaces an existing note by NV with an audit row and a warning', async () => {
    const s = sessionWorkspace(undefined, (db) => {
      db.prepare("INSERT INTO notes VALUES ('24005', 'U4', '15', 'notes.csv', '2024-05-01T00:00:00Z')").run();
    });
    const f = path.join(s.dir, 'd.csv');
    fs.writeFileSync(f, [HEADER, '24005;E4;2024-03-01;oui;14;4;;non;oui;non;'].join('\n'));
    const ctx = fakeCtx({ cwd: s.dir });
    await run(ctx, { file: f, workspace: s.file, summary: '-' });
    expect(dump(s.file).audit).toEqual([{ numero: '24005', unite: 'U4', old_value: '15', new_value: 'NV', source: 'conformite:d.csv' }]);
    expect(ctx.err()).toContain('24005 U4 : la note 15 est remplacée par NV');
  });

  // Circulaire nationale 2024 annexe 4 « absence de fiche(s) descriptive(s) ou de dossier »; E4: « En l'absence de
  // dossier, le candidat ne peut être interrogé à cette épreuve. La mention non valide lui est alors attribuée ».
  describe('#10 item 5: a ponctuel candidate with no dossier row is listed, NV after the date limite unless --partial', () => {
    const people = [
      ...PEOPLE, // 24002 ØDEGÅRD (expérience professionnelle: E4, E61, E62 ponctuel) has only an E4 row
      person('24006', 'BRUNEL', 'Inès', { voie: 'scolaire_prive_hors_contrat', etablissementUai: '0312744K', etablissement: 'Euridice' }),
      person('24007', 'COSTES', 'Paul', { voie: 'enseignement_distance', etablissementUai: undefined, etablissement: undefined, benefices: [{ unite: 'U4', note: 1200, session: 2023 }] }),
    ];
    const after = () => new Date('2024-03-20T10:00:00Z');
    const absentees = ['24006/E4', '24006/E61', '24006/E62', '24007/E61', '24007/E62', '24002/E61', '24002/E62'];
    const cases: { name: string; dateLimite?: string; partial?: boolean; nv: boolean; why: RegExp }[] = [
      { name: 'after the date limite: NV with the annexe 4 motif', dateLimite: '2024-03-08', nv: true, why: /NV \(annexe 4 « absence de dossier », date limite 08\/03\/2024 passée\)/ },
      { name: '--partial: listed, no NV', dateLimite: '2024-03-08', partial: true, nv: false, why: /pas de NV : fichier déclaré partiel/ },
      { name: 'no date limite: listed, no NV, says which flag', nv: false, why: /ajoutez --date-limite/ },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const s = sessionWorkspace(people);
        const f = path.join(s.dir, 'dossiers.csv');
        fs.writeFileSync(f, [HEADER, ...GOOD_ROWS].join('\n'));
        const ctx = fakeCtx({ cwd: s.dir, now: after });
        const pdf = path.join(s.dir, 'f.pdf');
        await run(ctx, { file: f, workspace: s.file, summary: '-', dateLimite: c.dateLimite, partial: c.partial, output: pdf });
        const err = ctx.err();
        expect(err).toMatch(new RegExp(`7 dossier\\(s\\) absent\\(s\\) du fichier`));
        expect(err).toMatch(c.why);
        for (const a of absentees) expect(err).toMatch(new RegExp(`  ${a.split('/')[0]} .* : ${a.split('/')[1]}\\n`));
        const lines = ctx.out().split('\r\n').map((l) => l.split(';'));
        const absentLines = lines.filter((l) => l[7]?.includes('aucun dossier'));
        expect(absentLines.map((l) => `${l[0]}/${l[3]}`).sort()).toEqual([...absentees].sort());
        for (const l of absentLines) {
          expect(l[7]).toBe('absence de fiche(s) descriptive(s) ou de dossier (aucun dossier : pas de ligne dans dossiers.csv)');
          expect([l[5], l[6]]).toEqual(c.nv ? ['non', 'NV'] : ['absent', '']);
        }
        const nvNotes = dump(s.file).notes.filter((n: any) => ['24006', '24007'].includes(n.numero) || (n.numero === '24002' && n.unite !== 'U4'));
        expect(nvNotes.map((n: any) => `${n.numero}/${n.unite}=${n.value}`).sort()).toEqual(
          c.nv ? ['24002/U61=NV', '24002/U62=NV', '24006/U4=NV', '24006/U61=NV', '24006/U62=NV', '24007/U61=NV', '24007/U62=NV'] : [],
        );
        const forms = (await pdfText(fs.readFileSync(pdf))).pages.map((p) => p.replace(/\s+/g, ' '));
        expect(forms.some((p) => p.includes('BRUNEL'))).toBe(c.nv);
      });
    }

    it('before the date limite the dossier may still come: listed, no NV', async () => {
      const s = sessionWorkspace(people);
      const f = path.join(s.dir, 'dossiers.csv');
      fs.writeFileSync(f, [HEADER, ...GOOD_ROWS].join('\n'));
      const ctx = fakeCtx({ cwd: s.dir }); // 1 March 2024
      await run(ctx, { file: f, workspace: s.file, summary: '-', dateLimite: '2024-03-08' });
      expect(ctx.err()).toContain('pas encore de NV : dépôt possible jusqu’au 08/03/2024');
      expect(dump(s.file).notes.filter((n: any) => n.numero === '24006')).toEqual([]);
    });
  });
});

describe('notation sous réserve de vérification (circulaire Toulouse 2023 §1.2.2, issue 11 finding 6)', () => {
  const HEAD = 'numero;epreuve;depot;attestation_stage;semaines_stage;semaines_consecutives_1re_annee;signatures;fiche_descriptive;reserve';
  it('evaluated under réserve: no NV, deliberation refused; réserve lifted: confirmed, or NV replacing the note', async () => {
    const { run: deliberate } = await import('../../src/cli/commands/deliberate.js');
    const s = setup([]);
    const write = (rows: string[]) => fs.writeFileSync(s.dossiers, [HEAD, ...rows].join('\n'));
    write(['24001;E4;2024-03-01;oui;14;4;oui;oui;oui', '24005;E4;2024-03-01;oui;14;4;oui;oui;oui']);
    const ctx = fakeCtx({ cwd: s.dir });
    await run(ctx, { file: s.dossiers, workspace: s.file, summary: '-' });
    expect(ctx.out()).toContain('sous réserve');
    expect(dump(s.file).notes).toEqual([]);
    const notes = path.join(s.dir, 'notes.csv');
    fs.writeFileSync(notes, 'numero;U1;U21;U22;U3;U4;U5;U61;U62\n24001;12;12;12;12;15;12;12;12\n24005;12;12;12;12;15;12;12;12\n');
    const refused = await deliberate(fakeCtx({ cwd: s.dir }), { notes, workspace: s.file }).catch((e) => e);
    expect(refused.exitCode).toBe(3);
    expect(refused.details.join('\n')).toContain('notes.csv, ligne 2, colonne « U4 » : U4 : notation sous réserve de vérification du dossier');
    // Vérification faite: 24001 conforme (note confirmée), 24005 non signé → NV.
    write(['24001;E4;2024-03-01;oui;14;4;oui;oui;non', '24005;E4;2024-03-01;oui;14;4;non;oui;non']);
    const lifted = fakeCtx({ cwd: s.dir });
    await run(lifted, { file: s.dossiers, workspace: s.file, summary: '-' });
    expect(lifted.err()).toContain('24001 U4 : réserve de vérification levée — notation confirmée');
    expect(lifted.err()).toContain('24005 U4 : réserve de vérification levée — dossier non conforme, NV');
    fs.writeFileSync(notes, 'numero;U1;U21;U22;U3;U4;U5;U61;U62\n24001;12;12;12;12;15;12;12;12\n24005;12;12;12;12;;12;12;12\n');
    const ok = fakeCtx({ cwd: s.dir });
    await deliberate(ok, { notes, workspace: s.file });
    expect(ok.out()).toMatch(/ELIMINE/);
  });

  it('warns when a non-conforming dossier was told less than a week before the épreuve (§1.2.1)', async () => {
    const s = setup([]);
    fs.writeFileSync(s.dossiers, 'numero;epreuve;depot;attestation_stage;semaines_stage;semaines_consecutives_1re_annee;signatures;fiche_descriptive;date_information;date_epreuve\n24001;E4;2024-03-01;oui;14;4;non;oui;2024-06-05;2024-06-10\n');
    const ctx = fakeCtx({ cwd: s.dir });
    await run(ctx, { file: s.dossiers, workspace: s.file, summary: '-' });
    expect(ctx.err()).toContain('24001 E4 : information tardive : le 05/06/2024, 5 jour(s) avant l’épreuve du 10/06/2024 (au moins 7 jours avant l’épreuve, circulaire Toulouse 2023 §1.2.1)');
  });
});
