// `ccst demo` is the README's first command: the whole Toulouse 2023 session on the bundled fixtures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ccst, cliEnv } from '../helpers/cli.js';
import { pdfText } from '../helpers/pdf-text.js';

/** Every file under `dir` with its bytes' length and mtime: what « left as it was » compares. */
const snapshot = (dir: string) => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort().map((f) => {
  const st = fs.statSync(path.join(dir, f));
  return `${f} ${st.isDirectory() ? 'dir' : `${st.size} ${st.mtimeMs}`}`;
});

describe('ccst demo', () => {
  // One spawned process runs every step of the session (28 commands): ≈ 8 s of CPU, but the CI machine is shared.
  it('runs every step and leaves the documents of a session', { timeout: 180_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-demo-'));
    const r = ccst(['demo', '--dir', 'session'], { cwd: dir });
    expect(r.stderr).toContain('Démonstration terminée');
    expect(r.status).toBe(0);
    const out = path.join(dir, 'session');
    for (const f of ['candidats.xlsx', 'affectations.xlsx', 'convocations.pdf', 'grilles-E4-ponctuel.pdf', 'non-conformes.pdf', 'conformite.csv', 'pv.csv', 'bordereaux-E4.pdf', 'releves.pdf', 'commissions.xlsx', 'bordereaux-copies-E5/E5-01.pdf', 'bordereaux-copies-E5/E5-01.xlsx']) {
      expect(fs.statSync(path.join(out, f)).size, f).toBeGreaterThan(0);
    }
    // Issue #13 §4: one convocation per examiner of the 13 commissions and per correcteur of the 5 E5 lots (the
    // E5 correcteurs also sit on E4/E61/E62 commissions: 21 people), none for the others.
    const convs = fs.readdirSync(path.join(out, 'convocations-examinateurs'));
    expect(convs).toHaveLength(21);
    expect(convs).toContain('convocation-claire.jammes_ac-toulouse.fr.pdf');
    expect(r.stderr).toContain('21 convocation(s) : 13 commission(s), 5 lot(s) de copies');
    // Each E5 correcteur's convocation carries their lot and exactly its anonymity numbers (copies lots --json).
    const lots = JSON.parse(ccst(['copies', 'lots', '--epreuve', 'E5', '--size', '35', '--dry-run', '--json'], { cwd: out }).stdout).lots as { lot: string; correcteur: { email: string }; count: number; anonymats: string[] }[];
    expect(lots).toHaveLength(5);
    for (const l of lots) {
      const text = (await pdfText(fs.readFileSync(path.join(out, 'convocations-examinateurs', `convocation-${l.correcteur.email.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`)))).flat;
      expect(text, l.lot).toContain(`Lot ${l.lot} — n° d’anonymat (${l.count})`);
      for (const a of l.anonymats) expect(text).toContain(a);
    }
    // PV: BOM, header, one row per candidate of the circular's 170.
    const pv = fs.readFileSync(path.join(out, 'pv.csv'), 'utf8');
    expect(pv.startsWith('\uFEFFnumero;')).toBe(true);
    expect(pv.trim().split('\r\n')).toHaveLength(171);
    // The written-centre table of the circular (§1.1) is in the assign-centres report on stdout.
    expect(r.stdout).toContain("LPO Déodat – Toulouse [0310044E] : 54 candidat(s)");
    expect(r.stdout).toContain("LYC Myriam – Toulouse [0311201M] : 40 candidat(s)");

    // Épreuves de contrôle (issue 11 item 8): the 4 CONTROLE candidates chose, were scheduled, convened and noted.
    for (const f of ['controle-eligibles.csv', 'controle-convocations.pdf', 'controle-bordereaux.pdf']) expect(fs.statSync(path.join(out, f)).size, f).toBeGreaterThan(0);
    const pv2 = fs.readFileSync(path.join(out, 'pv-controle.csv'), 'utf8').trim().split('\r\n');
    expect(pv2).toHaveLength(5);
    expect(pv2.find((l) => l.startsWith('0231000169'))).toContain('MG 10,86 ≥ 10');
    expect(pv2.find((l) => l.startsWith('0231000169'))).toContain(';ADMIS;');
    expect(pv2.find((l) => l.startsWith('0231000149'))).toContain(';AJOURNE;');
    const st = ccst(['status'], { cwd: out });
    expect(st.stdout + st.stderr).toContain('ADMIS 116, AJOURNE 51, ELIMINE 3');
    // A choice outside the eligible list: row and column, exit 3, nothing stored.
    fs.writeFileSync(path.join(out, 'choix.csv'), 'numero;unites\n0231000057;U1 U4\n0231000001;U1\n');
    const bad = ccst(['controle', 'choices', 'choix.csv'], { cwd: out });
    expect(bad.status).toBe(3);
    expect(bad.stderr).toContain('choix.csv, ligne 2, colonne « unites » : 0231000057 : « U4 » ne peut pas être choisie');
    expect(bad.stderr).toContain('choix.csv, ligne 3, colonne « numero »');

    // On the demo's workspace: the EAD candidate keeps U4 by bénéfice (2022), so there is no E4 dossier to control.
    fs.writeFileSync(path.join(out, 'd.csv'), 'numero;epreuve;depot;attestation_stage;semaines_stage;semaines_consecutives_1re_annee;certificat_travail;signatures;fiche_descriptive;amenagement_duree;autre\n0231000019;E4;2023-03-10;oui;14;6;non;oui;oui;non;\n');
    const conf = ccst(['conformity', 'd.csv', '--date-limite', '2023-03-15'], { cwd: out });
    expect(conf.status).toBe(3);
    expect(conf.stderr).toContain('d.csv, ligne 2, colonne « epreuve » : U4 est conservée par bénéfice (session 2022)');

    // The output rule (issue #9 item 10) on --dir: a previous demo is replaced only with --force; the user's
    // workspace never; a demo cancelled halfway (Ctrl-C) leaves the folder as it was, without its temp folder.
    const before = snapshot(out);
    const again = ccst(['demo', '--dir', 'session'], { cwd: dir });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('--force');
    const mine = ccst(['demo', '--dir', '.', '--force'], { cwd: out });
    expect(mine.status).toBe(2);
    expect(mine.stderr).toContain('le workspace');
    expect(snapshot(out)).toEqual(before);
  }, 240_000); // the whole session, some twenty-five commands in one process

  it('a demo cancelled by Ctrl-C leaves --dir as it was and no temp folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-demo-'));
    fs.writeFileSync(path.join(dir, 'pv.csv'), 'un PV à garder\n');
    const child = spawn(process.execPath, [BIN, 'demo', '--dir', dir, '--force'], { cwd: dir, env: cliEnv(dir) });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Interrupted once the demo has built its workspace in the temp folder (step 1 done, step 2 announced).
    const deadline = Date.now() + 120_000;
    while (!stderr.includes('[3/') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toHaveLength(1);
    child.kill('SIGINT');
    expect(await exit).toBe(130);
    expect(stderr).toContain('Opération annulée');
    expect(fs.readdirSync(dir)).toEqual(['pv.csv']);
    expect(fs.readFileSync(path.join(dir, 'pv.csv'), 'utf8')).toBe('un PV à garder\n');
  }, 180_000);
});
