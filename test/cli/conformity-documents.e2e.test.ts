// The built CLI end to end: import → conformity (NV, annexe 4 forms) → deliberate (NV → ÉLIMINÉ) → relevés,
// bordereaux; exit 3 on a bad dossiers file with nothing written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccst } from '../helpers/cli.js';
import { workspaceFingerprint } from '../helpers/engine.js';
import { pdfText } from '../helpers/pdf-text.js';

const CANDIDATS = [
  'numero;nom;prenom;date_naissance;academie;voie;etablissement_uai;etablissement;langue;ef1;ef2;ef3;dispenses;benefices;amenagements;temps_majore',
  '02400101;NGUYỄN;Đức;12/03/2004;Toulouse;candidat individuel;;;anglais;;non;non;;;;',
  '02400102;ØDEGÅRD;Ødegård;01/02/2003;Toulouse;candidat individuel;;;anglais;;non;non;;;;',
  '02400103;MARTIN;Léa;05/06/2004;Toulouse;scolaire public;0310028M;Lycée Vincent Auriol;anglais;;non;non;;;;',
].join('\n');
const DOSSIERS = [
  'numero;epreuve;depot;attestation_stage;semaines_stage;semaines_consecutives_1re_annee;certificat_travail;signatures;fiche_descriptive;amenagement_duree;autre',
  '02400101;E4;2024-03-01;oui;11;;;oui;oui;non;',
  '02400102;E4;2024-03-01;oui;14;;;oui;oui;non;',
  '02400103;E62;2024-03-01;oui;16;4;;oui;non;non;',
].join('\n');
const NOTES = ['numero;U1;E21;E22;U3;E4;U5;E61;E62', '02400101;12;12;12;12;;12;12;12', '02400102;12;12;12;12;13;12;12;12', '02400103;12;12;12;12;12;12;12;'].join('\n');

describe('ccst conformity → deliberate → releves (built CLI)', () => {
  it('records NV, prints forms, eliminates at deliberation and says so on the relevé', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-e2e-conf-'));
    const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
    write('candidats.csv', CANDIDATS);
    write('dossiers.csv', DOSSIERS);
    write('notes.csv', NOTES);
    expect(ccst(['init', '--session', '2024', '--academie', 'TOULOUSE'], { cwd: dir }).status).toBe(0);
    const imp = ccst(['import', 'candidats.csv'], { cwd: dir });
    expect(imp.status, imp.stderr).toBe(0);

    // The file holds only some dossiers (E61/E62 of the individual candidates are absent): --partial, no NV for them.
    const conf = ccst(['conformity', 'dossiers.csv', '--date-limite', '2024-03-08', '--partial', '-o', 'nc.pdf'], { cwd: dir });
    expect(conf.status, conf.stderr).toBe(0);
    expect(conf.stdout.split('\r\n').slice(1, 8).map((l) => l.split(';').slice(0, 7).join(';'))).toEqual([
      '02400103;MARTIN;Léa;E62;U62;non;NV',
      '02400101;NGUYỄN;Đức;E4;U4;non;NV',
      '02400101;NGUYỄN;Đức;E61;U61;absent;',
      '02400101;NGUYỄN;Đức;E62;U62;absent;',
      '02400102;ØDEGÅRD;Ødegård;E4;U4;oui;',
      '02400102;ØDEGÅRD;Ødegård;E61;U61;absent;',
      '02400102;ØDEGÅRD;Ødegård;E62;U62;absent;',
    ]);
    expect(conf.stderr).toContain('4 dossier(s) absent(s) du fichier pour des épreuves passées en ponctuel — pas de NV : fichier déclaré partiel (--partial)');
    const forms = await pdfText(fs.readFileSync(path.join(dir, 'nc.pdf')));
    expect(forms.pages).toHaveLength(2);
    expect(forms.flat).toContain('E4 : (11 semaines pour 14 requises)');
    expect(forms.flat).toContain('NGUYỄN');

    const pv = ccst(['deliberate', 'notes.csv', '-o', 'pv.csv'], { cwd: dir });
    expect(pv.status, pv.stderr).toBe(0);
    const lines = fs.readFileSync(path.join(dir, 'pv.csv'), 'utf8').split('\r\n');
    expect(lines.find((l) => l.startsWith('02400101'))).toMatch(/;ELIMINE;NV en U4;/);
    expect(lines.find((l) => l.startsWith('02400103'))).toMatch(/;ELIMINE;NV en U62;/);

    const rel = ccst(['releves', '-o', 'releves.pdf'], { cwd: dir });
    expect(rel.status, rel.stderr).toBe(0);
    const releves = await pdfText(fs.readFileSync(path.join(dir, 'releves.pdf')));
    expect(releves.pages).toHaveLength(3);
    expect(releves.pages[1]!.replace(/\s+/g, ' ')).toMatch(/NGUYỄN.*NV \(non valide\).*ÉLIMINÉ\(E\)/);

    const bord = ccst(['bordereaux', '--epreuve', 'E4', '-o', 'E4.pdf'], { cwd: dir });
    expect(bord.status, bord.stderr).toBe(0);
    expect((await pdfText(fs.readFileSync(path.join(dir, 'E4.pdf')))).flat).toMatch(/02400101 NGUYỄN Đức NV/);
  });

  it('exit 3 on a bad dossiers file, nothing written', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-e2e-conf-'));
    fs.writeFileSync(path.join(dir, 'candidats.csv'), CANDIDATS);
    fs.writeFileSync(path.join(dir, 'dossiers.csv'), DOSSIERS.replace('2024-03-01;oui;11', '2024-13-01;peut-être;11'));
    ccst(['init', '--session', '2024'], { cwd: dir });
    ccst(['import', 'candidats.csv'], { cwd: dir });
    const before = workspaceFingerprint(dir);
    const r = ccst(['conformity', 'dossiers.csv', '-o', 'nc.pdf'], { cwd: dir });
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('dossiers.csv, ligne 2, colonne « depot » : date invalide');
    expect(r.stderr).toContain('dossiers.csv, ligne 2, colonne « attestation_stage » : valeur « peut-être » : attendu oui ou non');
    expect(r.stderr).not.toMatch(/at .*\.js/); // no stack trace
    expect(fs.existsSync(path.join(dir, 'nc.pdf'))).toBe(false);
    expect(workspaceFingerprint(dir)).toBe(before);
  });
});
