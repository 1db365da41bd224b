// `ccst demo` is the README's first command: the whole Toulouse 2023 session on the bundled fixtures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccst } from '../helpers/cli.js';

describe('ccst demo', () => {
  it('runs every step and leaves the documents of a session', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-demo-'));
    const r = ccst(['demo', '--dir', 'session'], { cwd: dir });
    expect(r.stderr).toContain('Démonstration terminée');
    expect(r.status).toBe(0);
    const out = path.join(dir, 'session');
    for (const f of ['candidats.xlsx', 'affectations.xlsx', 'convocations.pdf', 'grilles-E4-ponctuel.pdf', 'non-conformes.pdf', 'conformite.csv', 'pv.csv', 'bordereaux-E4.pdf', 'releves.pdf']) {
      expect(fs.statSync(path.join(out, f)).size, f).toBeGreaterThan(0);
    }
    // PV: BOM, header, one row per candidate of the circular's 170.
    const pv = fs.readFileSync(path.join(out, 'pv.csv'), 'utf8');
    expect(pv.startsWith('\uFEFFnumero;')).toBe(true);
    expect(pv.trim().split('\r\n')).toHaveLength(171);
    // The written-centre table of the circular (§1.1) is in the assign-centres report on stdout.
    expect(r.stdout).toContain("LPO Déodat – Toulouse [0310044E] : 54 candidat(s)");
    expect(r.stdout).toContain("LYC Myriam – Toulouse [0311201M] : 40 candidat(s)");

    // On the demo's workspace: the EAD candidate keeps U4 by bénéfice (2022), so there is no E4 dossier to control.
    fs.writeFileSync(path.join(out, 'd.csv'), 'numero;epreuve;depot;attestation_stage;semaines_stage;semaines_consecutives_1re_annee;certificat_travail;signatures;fiche_descriptive;amenagement_duree;autre\n0231000019;E4;2023-03-10;oui;14;6;non;oui;oui;non;\n');
    const conf = ccst(['conformity', 'd.csv', '--date-limite', '2023-03-15'], { cwd: out });
    expect(conf.status).toBe(3);
    expect(conf.stderr).toContain('d.csv, ligne 2, colonne « epreuve » : U4 est conservée par bénéfice (session 2022)');
  });
});
