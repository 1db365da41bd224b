// End to end on the built CLI with the Toulouse 2023 session (issue #14 §4, « Done when »): the rooms' PV with one
// absent and one late candidate, a fraud case for another, then the deliberation — from the notes file, on top of
// the workspace, whose stored ABS it must see — shows ABS for the absent and marks the fraud case; `releves` withholds
// that candidate's relevé until `incidents close`. Runs on both engines (test/setup/pg-files.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ccst, REPO } from '../helpers/cli.js';
import { queryWorkspace, workspaceFingerprint } from '../helpers/engine.js';
import { pdfText } from '../helpers/pdf-text.js';

const FIX = path.join(REPO, 'fixtures');
const ABSENT = '0231000002';
const LATE = '0231000003';
const FRAUD = '0231000005';
/** A second fraud case, sanctioned: nullité de l'épreuve E5 (U5 12,75 in the bordereau). */
const SANCTIONED = '0231000006';
let dir: string;
const run = (args: string[]) => ccst(args, { cwd: dir });
const ok = (args: string[]) => {
  const r = run(args);
  expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
};
const pvLine = (file: string, numero: string) => {
  const lines = fs.readFileSync(path.join(dir, file), 'utf8').replace(/^\uFEFF/, '').split('\r\n');
  const head = lines[0]!.split(';');
  const cells = lines.find((l) => l.startsWith(`${numero};`))!.split(';');
  return Object.fromEntries(head.map((h, i) => [h, cells[i]]));
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-attend-'));
  for (const args of [
    ['init', '--session', '2023', '--academie', 'TOULOUSE', '--retard-max', '60', '--retard-source', 'circulaire Toulouse 2023 §1.1'],
    ['calendar', 'import', path.join(FIX, 'calendrier-toulouse-2023.csv')],
    ['import', path.join(FIX, 'toulouse-2023', 'candidats.csv')],
    ['centres', 'import', path.join(FIX, 'toulouse-2023', 'centres.csv')],
    ['assign-centres'],
  ]) ok(args);
  // The room's PV for E5 (Métropole 14h30): one absent, one late past the first hour, one late within it.
  fs.writeFileSync(path.join(dir, 'pv-salle.csv'), `numero;statut;heure;observation\n0231000001;present;;\n${ABSENT};absent;;\n${LATE};retard;15:45;arrivé à 15h45\n0231000004;retard;14h50;\n`);
  // The bordereau gives no E5 note to the absent candidate.
  const notes = fs.readFileSync(path.join(FIX, 'toulouse-2023', 'notes.csv'), 'utf8');
  fs.writeFileSync(path.join(dir, 'notes.csv'), notes.replace(`${ABSENT};10,25;13,25;17;20;18;12;`, `${ABSENT};10,25;13,25;17;20;18;;`));
}, 300_000);

// Each test spawns the CLI several times: a loaded CI machine needs more than the default minute.
describe('after the épreuve: attendance, incidents, fraud (Toulouse 2023)', { timeout: 180_000 }, () => {
  it('refuses a bad PV with row/column-precise errors, exit 3, nothing stored', () => {
    fs.writeFileSync(path.join(dir, 'pv-faux.csv'), 'numero;epreuve;statut;heure\n0231000001;E5;peut-être;\n9999999999;E5;absent;\n0231000001;E9;retard;\n');
    const before = workspaceFingerprint(dir);
    const r = run(['attendance', 'import', 'pv-faux.csv']);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('pv-faux.csv, ligne 2, colonne « statut » : statut « peut-être » : attendu present, absent ou retard');
    expect(r.stderr).toContain('pv-faux.csv, ligne 3, colonne « numero » : candidat 9999999999 absent du workspace');
    expect(r.stderr).toContain('pv-faux.csv, ligne 4, colonne « epreuve »');
    expect(workspaceFingerprint(dir)).toBe(before);
  });

  it('imports the PV: ABS for the absent (audited), the late arrival past the limit flagged; idempotent', () => {
    const r = ok(['attendance', 'import', 'pv-salle.csv', '--epreuve', 'E5', '--json']);
    const summary = JSON.parse(r.stdout);
    expect(summary.notes.written).toEqual([{ numero: ABSENT, unite: 'U5', value: 'ABS', motif: 'absent à E5 (PV de salle)' }]);
    expect(summary.lateBeyondLimit).toEqual([{ numero: LATE, epreuve: 'E5', heure: '15:45', minutes: 75, limit: 60 }]);
    expect(r.stderr).toContain(`Retard au-delà de la limite : ${LATE} à E5, arrivé à 15:45 (75 min après le début ; limite 60 min, circulaire Toulouse 2023 §1.1)`);
    expect(queryWorkspace(dir, `SELECT value, source FROM notes WHERE numero = '${ABSENT}' AND unite = 'U5'`)).toEqual([{ value: 'ABS', source: 'presence:pv-salle.csv' }]);
    expect(queryWorkspace(dir, `SELECT new_value, motif FROM note_audit WHERE numero = '${ABSENT}'`)).toEqual([{ new_value: 'ABS', motif: 'absent à E5 (PV de salle)' }]);
    const before = workspaceFingerprint(dir);
    ok(['attendance', 'import', 'pv-salle.csv', '--epreuve', 'E5']);
    expect(workspaceFingerprint(dir)).toBe(before);
  });

  it('records a fraud case and prints the report for the division des examens', async () => {
    const r = ok(['incidents', 'add', '--numero', FRAUD, '--epreuve', 'E5', '--salle', 'B12', '--heure', '15:10', '--faits', 'téléphone consulté pendant l’épreuve', '--pieces', 'téléphone portable (photo de l’écran)', '--fraude', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: 1, numero: FRAUD, fraude: true });
    ok(['incidents', 'report', '1', '-o', 'fraude.pdf']);
    const { pages, flat } = await pdfText(fs.readFileSync(path.join(dir, 'fraude.pdf')));
    expect(pages).toHaveLength(1);
    for (const text of ['RAPPORT DE FRAUDE OU DE TENTATIVE DE FRAUDE', 'division des examens', FRAUD, 'BERNARD', 'E5', 'Salle : B12', '15h10', 'téléphone consulté pendant l’épreuve', 'téléphone portable (photo de l’écran)', 'Surveillant', 'Chef de centre']) {
      expect(flat).toContain(text);
    }
  });

  it('a notes file that gives the absent a note is refused (exit 3): the PV is the reference', () => {
    const r = run(['deliberate', path.join(FIX, 'toulouse-2023', 'notes.csv'), '-o', 'pv-refuse.csv']);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('colonne « U5 » : U5 : ABS enregistré par le PV de salle');
    expect(fs.existsSync(path.join(dir, 'pv-refuse.csv'))).toBe(false);
  });

  it('deliberate: ABS for the absent (ÉLIMINÉ), « procédure de fraude en cours » for the fraud case, deliberated as any other', () => {
    ok(['deliberate', 'notes.csv', '-o', 'pv.csv']);
    expect(pvLine('pv.csv', ABSENT)).toMatchObject({ U5: 'ABS', decision: 'ELIMINE', motif: 'ABS en U5', observations: '' });
    expect(pvLine('pv.csv', FRAUD)).toMatchObject({ decision: 'ADMIS', observations: 'procédure de fraude en cours (incident n° 1, E5)' });
    // The same from the notes stored in the workspace, with no notes file (ccst deliberate without argument).
    const lines = ok(['deliberate', '--dry-run']).stdout.split('\r\n');
    expect(lines.find((l) => l.startsWith(`${ABSENT};`))).toMatch(/;18;ABS;14,25;.*;ELIMINE;ABS en U5;/);
    expect(lines.find((l) => l.startsWith(`${FRAUD};`))).toMatch(/;ADMIS;.*;procédure de fraude en cours \(incident n° 1, E5\)$/);
  });

  it('an absent whose note is already stored is a conflict: exit 4, nothing stored', () => {
    fs.writeFileSync(path.join(dir, 'pv-tard.csv'), 'numero;epreuve;statut\n0231000006;E5;absent\n');
    const before = workspaceFingerprint(dir);
    const r = run(['attendance', 'import', 'pv-tard.csv']);
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(/pv-tard\.csv, ligne 2 : 0231000006 absent à E5, mais U5 = « [\d,]+ » \(source notes\.csv\)/);
    expect(workspaceFingerprint(dir)).toBe(before);
  });

  it('releves withholds the fraud candidate until incidents close, then issues it', async () => {
    // Two candidates asked (a whole session is the same loop: 170 relevés take a minute on a busy CI machine).
    const held = ok(['releves', '--candidat', FRAUD, '0231000001', '-o', 'releves.pdf']);
    expect(held.stderr).toContain(`${FRAUD} : procédure de fraude en cours (incident n° 1, E5)`);
    const heldText = (await pdfText(fs.readFileSync(path.join(dir, 'releves.pdf')))).flat;
    expect([heldText.includes('0231000001'), heldText.includes(FRAUD)]).toEqual([true, false]);
    const single = run(['releves', '--candidat', FRAUD, '-o', 'seul.pdf']);
    expect(single.status).toBe(4);
    expect(fs.existsSync(path.join(dir, 'seul.pdf'))).toBe(false);
  });

  it('incidents close records the decision once (audited); without sanction the relevé is issued', async () => {
    ok(['incidents', 'close', '1', '--decision', 'commission de discipline du 03/07/2023 : fraude non établie', '--effet', 'aucune_sanction']);
    expect(run(['incidents', 'close', '1', '--decision', 'encore', '--effet', 'blame']).status).toBe(4);
    const list = JSON.parse(ok(['incidents', 'list', '--json']).stdout);
    expect(list[0]).toMatchObject({ id: 1, etat: 'clos', effet: 'aucune_sanction' });
    const released = ok(['releves', '--candidat', FRAUD, '0231000001', '-o', 'releves.pdf', '--force']);
    expect(released.stderr).not.toContain('retenu');
    expect((await pdfText(fs.readFileSync(path.join(dir, 'releves.pdf')))).flat).toContain(FRAUD);
    // Without sanction nothing of the result changes: no note voided.
    expect(queryWorkspace(dir, `SELECT unite FROM notes WHERE numero = '${FRAUD}' AND value = 'NUL'`)).toEqual([]);
    const audit = queryWorkspace<{ command: string }>(dir, "SELECT command FROM audit_log WHERE command LIKE 'incidents%' OR command LIKE 'attendance%' ORDER BY id").map((a) => a.command);
    expect(audit).toEqual(['attendance import', 'incidents add', 'incidents close']);
  });

  it('a justification turns ABS into ABJ (audited with its motif); the next deliberation counts it 0', () => {
    const r = ok(['attendance', 'justify', ABSENT, 'E5', '--motif', 'certificat médical du 17/05/2023']);
    expect(r.stderr).toContain('délibérez à nouveau');
    expect(queryWorkspace(dir, `SELECT old_value, new_value, motif FROM note_audit WHERE numero = '${ABSENT}' AND unite = 'U5' ORDER BY id`).at(-1)).toEqual({ old_value: 'ABS', new_value: 'ABJ', motif: 'absence justifiée : certificat médical du 17/05/2023' });
    // The bordereau may say ABS: the justification recorded since is kept.
    fs.writeFileSync(path.join(dir, 'notes-abs.csv'), fs.readFileSync(path.join(dir, 'notes.csv'), 'utf8').replace(`${ABSENT};10,25;13,25;17;20;18;;`, `${ABSENT};10,25;13,25;17;20;18;ABS;`));
    ok(['deliberate', 'notes-abs.csv', '-o', 'pv2.csv']);
    expect(pvLine('pv2.csv', ABSENT)).toMatchObject({ U5: 'ABJ', decision: 'ADMIS' });
    expect(queryWorkspace(dir, `SELECT value FROM notes WHERE numero = '${ABSENT}' AND unite = 'U5'`)).toEqual([{ value: 'ABJ' }]);
  });

  it('a sanction voids the épreuve (NUL, audited, one transaction); the relevé waits for the new deliberation, which recomputes the result', async () => {
    ok(['incidents', 'add', '--numero', SANCTIONED, '--epreuve', 'E5', '--heure', '15:20', '--faits', 'antisèche dans la trousse', '--fraude']);
    ok(['deliberate', 'notes.csv', '-o', 'pv3.csv']);
    expect(pvLine('pv3.csv', SANCTIONED)).toMatchObject({ U5: '12,75', decision: 'ADMIS', observations: 'procédure de fraude en cours (incident n° 2, E5)' });
    // Usage errors before anything is opened: the interdiction needs its duration, a group its units.
    expect(run(['incidents', 'close', '2', '--decision', 'commission du 03/07/2023', '--effet', 'interdiction']).status).toBe(2);
    expect(run(['incidents', 'close', '2', '--decision', 'commission du 03/07/2023', '--effet', 'interdiction', '--duree', '6']).status).toBe(2);
    expect(run(['incidents', 'close', '2', '--decision', 'commission du 03/07/2023', '--effet', 'nullite_groupe']).status).toBe(2);
    // --dry-run shows the voided note and stores nothing.
    const before = workspaceFingerprint(dir);
    const dry = ok(['incidents', 'close', '2', '--decision', 'commission de discipline du 03/07/2023 : nullité de l’épreuve E5', '--effet', 'nullite_epreuve', '--dry-run', '--json']);
    expect(JSON.parse(dry.stdout)).toMatchObject({ id: 2, numero: SANCTIONED, effet: 'nullite_epreuve', notesAnnulees: [{ unite: 'U5', old: '12,75', value: 'NUL' }], nouvelleDeliberation: true, aConfirmer: true, dryRun: true });
    expect(dry.stderr).toContain('Simulation (--dry-run) : rien n’a été enregistré.');
    expect(workspaceFingerprint(dir)).toBe(before);

    const closed = ok(['incidents', 'close', '2', '--decision', 'commission de discipline du 03/07/2023 : nullité de l’épreuve E5', '--effet', 'nullite_epreuve']);
    expect(closed.stderr).toContain(`${SANCTIONED} U5 : 12,75 → NUL (épreuve annulée : réputé présent sans l’avoir subie, comptée 0)`);
    expect(closed.stderr).toContain('Attention : effet à confirmer');
    expect(closed.stderr).toContain('Nouvelle délibération nécessaire');
    expect(queryWorkspace(dir, `SELECT value, source FROM notes WHERE numero = '${SANCTIONED}' AND unite = 'U5'`)).toEqual([{ value: 'NUL', source: 'discipline:incident-2' }]);
    expect(queryWorkspace(dir, `SELECT old_value, new_value, source FROM note_audit WHERE numero = '${SANCTIONED}' AND unite = 'U5' ORDER BY id`).at(-1)).toEqual({ old_value: '12,75', new_value: 'NUL', source: 'discipline:incident-2' });
    expect(queryWorkspace(dir, "SELECT command FROM audit_log ORDER BY id DESC LIMIT 1")).toEqual([{ command: 'incidents close' }]);

    // The decision is the reference for U5: a note brought back by an import is refused, NUL is never typed in a file.
    fs.writeFileSync(path.join(dir, 'notes-u5.csv'), `numero;U5\n${SANCTIONED};12,75\n`);
    const reimport = run(['notes', 'import', 'notes-u5.csv']);
    expect(reimport.status).toBe(3);
    expect(reimport.stderr).toContain('U5 annulée par une décision disciplinaire');
    fs.writeFileSync(path.join(dir, 'notes-nul.csv'), fs.readFileSync(path.join(dir, 'notes.csv'), 'utf8').replace('0231000007;8,5;16,25;13,75;15,25;13,75;12,5;', '0231000007;8,5;16,25;13,75;15,25;13,75;NUL;'));
    const typed = run(['deliberate', 'notes-nul.csv', '-o', 'pv-nul.csv']);
    expect(typed.status).toBe(3);
    expect(typed.stderr).toContain('NUL en U5 : l’annulation d’une épreuve ne se saisit pas dans un fichier');

    // Closed, but deliberated before the decision: still withheld.
    const held = run(['releves', '--candidat', SANCTIONED, '-o', 'sanction.pdf']);
    expect(held.status).toBe(4);
    expect(held.stderr).toContain(`${SANCTIONED} : incident n° 2 (E5) clos le`);
    expect(held.stderr).toContain('nouvelle délibération attendue');

    // The new deliberation, from the same bordereau: the decision's NUL stands over the file's 12,75, counted 0.
    ok(['deliberate', 'notes.csv', '-o', 'pv4.csv']);
    const line = pvLine('pv4.csv', SANCTIONED);
    // The PV read back: the decision replaces « procédure de fraude en cours » (incident 1, closed without sanction, says so).
    const day = new Date().toISOString().slice(0, 10).split('-').reverse().join('/');
    expect(line).toMatchObject({ U5: 'NUL', decision: 'AJOURNE', observations: `Sanction : nullité de l'épreuve U5 (décision enregistrée le ${day})` });
    expect(pvLine('pv4.csv', FRAUD)).toMatchObject({ observations: `Fraude : aucune sanction (décision enregistrée le ${day})` });
    expect(queryWorkspace(dir, `SELECT value FROM notes WHERE numero = '${SANCTIONED}' AND unite = 'U5'`)).toEqual([{ value: 'NUL' }]);
    const issued = ok(['releves', '--candidat', SANCTIONED, '-o', 'sanction.pdf']);
    expect(issued.stderr).not.toContain('retenu');
    const text = (await pdfText(fs.readFileSync(path.join(dir, 'sanction.pdf')))).flat;
    expect(text).toContain(SANCTIONED);
    expect(text).toContain('NUL (épreuve annulée par sanction disciplinaire, comptée 0)');
  });

  it('an interdiction with sursis is recorded and printed; the voided unit is not offered at the épreuves de contrôle', async () => {
    // 0231000057: CONTROLE (MG 9,87), U22 13,5 — with U22 voided (counted 0) still CONTROLE.
    const CONTROLE = '0231000057';
    ok(['incidents', 'add', '--numero', CONTROLE, '--epreuve', 'E22', '--heure', '10:20', '--faits', 'notes sur la main', '--fraude']);
    const id = JSON.parse(ok(['incidents', 'list', '--json']).stdout).find((i: { numero: string }) => i.numero === CONTROLE).id as number;
    // « peut être prononcée avec sursis si l'interdiction n'excède pas deux ans » (décret 2024-385 art. 9, in the data).
    expect(run(['incidents', 'close', String(id), '--decision', 'commission du 03/07/2023', '--effet', 'interdiction', '--duree', '3', '--sursis']).status).toBe(2);
    expect(run(['incidents', 'close', String(id), '--decision', 'commission du 03/07/2023', '--effet', 'nullite_epreuve', '--sursis']).status).toBe(2);
    const closed = ok(['incidents', 'close', String(id), '--decision', 'commission de discipline du 03/07/2023 : interdiction 1 an avec sursis', '--effet', 'interdiction', '--duree', '1', '--sursis', '--json']);
    expect(JSON.parse(closed.stdout)).toMatchObject({ effet: 'interdiction', dureeAnnees: 1, sursis: true, notesAnnulees: [{ unite: 'U22', old: '13,5', value: 'NUL' }] });
    expect(closed.stderr).toContain('interdiction de subir tout examen conduisant au diplôme (durée --duree, en années ; emporte la nullité de l\'épreuve) — 1 an avec sursis');
    expect(closed.stderr).toContain('Attention : effet à confirmer — sursis :');
    expect(JSON.parse(ok(['incidents', 'list', '--json']).stdout).find((i: { id: number }) => i.id === id)).toMatchObject({ effet: 'interdiction', dureeAnnees: 1, sursis: true });
    ok(['incidents', 'report', String(id), '-o', 'fraude-sursis.pdf']);
    expect((await pdfText(fs.readFileSync(path.join(dir, 'fraude-sursis.pdf')))).flat).toMatch(/1 an avec\s*sursis/);
    ok(['deliberate', 'notes.csv', '-o', 'pv5.csv']);
    const day = new Date().toISOString().slice(0, 10).split('-').reverse().join('/');
    expect(pvLine('pv5.csv', CONTROLE)).toMatchObject({
      U22: 'NUL', decision: 'CONTROLE',
      observations: `Sanction : interdiction de subir tout examen conduisant au diplôme — 1 an avec sursis, épreuve annulée U22 (décision enregistrée le ${day})`,
    });
    const eligible = ok(['controle', 'eligible', '--json']);
    const row = JSON.parse(eligible.stdout).find((r: { numero: string }) => r.numero === CONTROLE);
    expect(row.unites_possibles).not.toContain('U22');
    expect(row.unites_exclues).toContain('U22 : épreuve annulée par une sanction disciplinaire (NUL)');
    expect(eligible.stderr).toContain('Attention : effet à confirmer — 1 candidat(s) avec une épreuve annulée par sanction');
    fs.writeFileSync(path.join(dir, 'choix.csv'), `numero;unites\n${CONTROLE};U22 U1\n`);
    const refused = run(['controle', 'choices', 'choix.csv']);
    expect(refused.status).toBe(3);
    expect(refused.stderr).toMatch(/choix\.csv, ligne 2, colonne « unites » : 0231000057 : « U22 » ne peut pas être choisie \(épreuve annulée par une sanction disciplinaire/);
  });
});
