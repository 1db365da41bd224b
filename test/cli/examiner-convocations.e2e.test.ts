// Issue #13 §4 (convocations of examiners and correcteurs) and §2 (stored commissions never silently disagree with the
// timetable), end to end on the built CLI, on the Toulouse 2023 session with its invented examiners. The PDFs are read
// back with pdfjs-dist. Lots are planted in the workspace as `copies lots` stores them (migration 010 tables), so the
// file runs on either engine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ccst, REPO } from '../helpers/cli.js';
import { queryWorkspace, writeWorkspace } from '../helpers/engine.js';
import { pdfText } from '../helpers/pdf-text.js';

const FIX = path.join(REPO, 'fixtures');
let dir: string;
const run = (args: string[]) => ccst(args, { cwd: dir });
const ok = (args: string[]) => {
  const r = run(args);
  expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
};
const clock = (t: string) => t.replace(':', 'h');

interface Listed {
  name: string; epreuve: string; date: string; start: string; end: string;
  members: { email: string; nom: string; prenom: string; role: string }[];
  candidates: { numero: string; nom: string; prenom: string; epreuve: string; passage: string | null }[];
}
const list = (): Listed[] => JSON.parse(ok(['commissions', 'list', '--json']).stdout).commissions;
const fileOf = (email: string) => `convocation-${email.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;
const textOf = async (file: string) => (await pdfText(fs.readFileSync(file))).flat;

// Two lots of E5 copies (anonymity numbers only): one for a correcteur who also sits on an E4 commission, one for a
// correcteur who sits on none.
const LOTS = [
  { name: 'E5-01', correcteur: 'anne.orliac@ac-toulouse.fr', anonymats: Array.from({ length: 12 }, (_, i) => `${40000000 + i * 7919}K`) },
  { name: 'E5-02', correcteur: 'ines.zamora@ac-toulouse.fr', anonymats: Array.from({ length: 9 }, (_, i) => `${50000000 + i * 7919}M`) },
];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-exconv-'));
  for (const args of [
    ['init', '--session', '2023', '--academie', 'TOULOUSE'],
    ['calendar', 'import', path.join(FIX, 'calendrier-toulouse-2023.csv')],
    ['import', path.join(FIX, 'toulouse-2023', 'candidats.csv')],
    ['centres', 'import', path.join(FIX, 'toulouse-2023', 'centres.csv')],
    ['assign-centres'],
    ['schedule-orals', '--commissions', '2'],
    ['examiners', 'import', path.join(FIX, 'toulouse-2023', 'examinateurs.csv')],
    ['commissions', 'build'],
  ]) ok(args);
  writeWorkspace(dir, 'INSERT INTO lots (name, epreuve, academie, correcteur, number, pinned, built_at) VALUES (?, ?, ?, ?, ?, 0, ?)',
    LOTS.map((l, i) => [l.name, 'E5', 'TOULOUSE', l.correcteur, i + 1, '2023-05-20T10:00:00.000Z']));
  writeWorkspace(dir, 'INSERT INTO lot_copies (anonymat, lot, position) VALUES (?, ?, ?)', LOTS.flatMap((l) => l.anonymats.map((a, i) => [a, l.name, i])));
}, 120_000);

describe('ccst examiners convocations', () => {
  it('one PDF per member of every commission, listing that commission\'s candidates and passage times', async () => {
    const r = ok(['examiners', 'convocations', '-o', 'conv/', '--entente', '2023-05-29 14:00 Lycée Déodat, salle 12', '--harmonisation', '2023-06-07 09:00 visioconférence']);
    const commissions = list();
    const members = new Set(commissions.flatMap((c) => c.members.map((m) => m.email)));
    const files = fs.readdirSync(path.join(dir, 'conv')).sort();
    expect(files).toEqual([...new Set([...members, ...LOTS.map((l) => l.correcteur)])].map(fileOf).sort());
    expect(r.stderr).toContain(`${files.length} convocation(s) : 13 commission(s), 2 lot(s) de copies`);
    for (const c of commissions) {
      for (const m of c.members) {
        const text = await textOf(path.join(dir, 'conv', fileOf(m.email)));
        expect(text, m.email).toContain(c.name);
        expect(text).toContain(`${m.nom}`);
        expect(text).toContain(`Candidats affectés à la commission (${c.candidates.length})`);
        for (const k of c.candidates) expect(text, `${c.name} ${k.numero}`).toMatch(new RegExp(`${clock(k.passage!)} ${k.numero} ${k.nom} ${k.prenom}`));
        // The other members are named, with their seat.
        for (const o of c.members.filter((o) => o.email !== m.email)) expect(text).toContain(`${o.nom} ${o.prenom} — ${o.role}`);
        expect(text).toContain('Réunion d’entente : lundi 29 mai 2023 à 14h00 — Lycée Déodat, salle 12');
        expect(text).toContain('Commission d’harmonisation : mercredi 7 juin 2023 à 09h00 — visioconférence');
      }
    }
    // Circulaire Toulouse 2023 §1.2.1: lists produced after « 2 semaines à l'avance » (today is long after 2023).
    expect(r.stderr).toContain('liste des candidats remise moins de 14 jours avant l’oral pour 13 commission(s)');
    expect(r.stderr).toContain('E4-0311201M-2023-06-21-1 : oral le mercredi 21 juin 2023, liste due le mercredi 7 juin 2023');
  });

  it('a correcteur\'s convocation: lots, épreuve, copy counts and anonymity numbers — never a candidate', async () => {
    const numeros = list().flatMap((c) => c.candidates);
    const text = await textOf(path.join(dir, 'conv', fileOf('ines.zamora@ac-toulouse.fr')));
    expect(text).toContain('CONVOCATION — CORRECTEUR');
    expect(text).toMatch(/E5-02 E5 – Management de l.activité technico- ?commerciale épreuve écrite du mercredi 17 mai 2023, 14h30 – 18h30 9/);
    for (const a of LOTS[1]!.anonymats) expect(text).toContain(a);
    expect(text).not.toMatch(/023100\d{4}/); // no numéro de candidat
    for (const k of numeros) expect(text).not.toContain(`${k.nom} ${k.prenom}`);
    // Examiner and correcteur: the E4 commission with its candidates, the lot by anonymity number.
    const both = await textOf(path.join(dir, 'conv', fileOf('anne.orliac@ac-toulouse.fr')));
    expect(both).toContain('CONVOCATION — EXAMINATEUR ET CORRECTEUR');
    expect(both).toContain('E5-01');
    for (const a of LOTS[0]!.anonymats) expect(both).toContain(a);
  });

  it('--json --dry-run lists what would be produced and writes nothing; --epreuve and --examinateur select', () => {
    const out = path.join(dir, 'rien');
    const r = ok(['examiners', 'convocations', '-o', out, '--epreuve', 'E5', '--dry-run', '--json']);
    const listed = JSON.parse(r.stdout);
    expect(listed.dryRun).toBe(true);
    expect(listed.convocations.map((c: { email: string }) => c.email)).toEqual(['anne.orliac@ac-toulouse.fr', 'ines.zamora@ac-toulouse.fr']);
    expect(listed.convocations[0]).toMatchObject({ commissions: [], lots: [{ name: 'E5-01', epreuve: 'E5', copies: 12 }] });
    expect(fs.existsSync(out)).toBe(false);
    const one = JSON.parse(ok(['examiners', 'convocations', '-o', out, '--examinateur', 'Helene.Aubert@ac-toulouse.fr', '--dry-run', '--json']).stdout);
    expect(one.convocations).toHaveLength(1);
    expect(one.convocations[0].commissions.map((c: { epreuve: string }) => c.epreuve).sort()).toEqual(['E22', 'EF1']);
    expect(run(['examiners', 'convocations', '--examinateur', 'personne@example.fr']).status).toBe(2);
    expect(run(['examiners', 'convocations', '--epreuve', 'E99']).status).toBe(2);
  });

  it('existing files are replaced only with --force', () => {
    const r = run(['examiners', 'convocations', '-o', 'conv/']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--force');
    ok(['examiners', 'convocations', '-o', 'conv/', '--force']);
  });
});

describe('schedule-orals after commissions build (issue #13 §2)', () => {
  it('a timetable that moves candidates names every commission to rebuild; convocations are refused until then', () => {
    const before = list();
    const r = ok(['schedule-orals', '--commissions', '2', '--reset', '--yes', '--day-start', '09:00']);
    expect(r.stderr).toContain('commission(s) composée(s) ne correspondent plus à ces horaires');
    expect(r.stderr).toContain('E4-0311201M-2023-06-21-1 : horaires 08:00–17:10 à la composition, 09:00–17:30 maintenant');
    expect(r.stderr).toContain('E4-0311201M-2023-06-22-1 : planifiée, sans examinateurs');
    expect(r.stderr).toMatch(/Candidats déplacés :\n {2}E4-0311201M-2023-06-21-1 : arrivent \d+/);
    expect(r.stderr).toContain('Relancez ccst commissions build');
    // Nothing downstream uses the stale commissions silently.
    const refused = run(['examiners', 'convocations', '-o', 'conv2/']);
    expect(refused.status).toBe(4);
    expect(refused.stderr).toContain('ne correspondent plus aux horaires d’oral : aucune convocation produite');
    expect(refused.stderr).toContain('E4-0311201M-2023-06-22-2 : planifiée, sans examinateurs');
    expect(fs.existsSync(path.join(dir, 'conv2'))).toBe(false);
    const listed = run(['commissions', 'list', '--json']);
    expect(listed.stderr).toContain('ne correspondent plus aux horaires d’oral');
    expect(JSON.parse(listed.stdout).unbuilt).toEqual(['E4-0311201M-2023-06-22-1', 'E4-0311201M-2023-06-22-2']);
    expect(list().map((c) => c.name)).toEqual(before.map((c) => c.name));
    // The examiners are available on 21/06 only: the office starts the day earlier instead, then rebuilds.
    const again = ok(['schedule-orals', '--commissions', '2', '--reset', '--yes', '--day-start', '07:30']);
    expect(again.stderr).toContain('E4-0311201M-2023-06-21-1 : horaires 08:00–17:10 à la composition, 07:30–17:30 maintenant');
    // The rebuild says what it recomposed, and everything agrees again.
    const rebuilt = ok(['commissions', 'build']);
    expect(rebuilt.stderr).toContain('Horaires d’oral modifiés depuis la dernière composition');
    const after = run(['commissions', 'list', '--json']);
    expect(after.stderr).not.toContain('ne correspondent plus');
    expect(JSON.parse(after.stdout).commissions.map((c: Listed) => c.name)).toEqual(before.map((c) => c.name));
    ok(['examiners', 'convocations', '-o', 'conv2/', '--epreuve', 'E4']);
  });

  it('candidates swapped between two commissions with the same hours are caught by the basis', () => {
    // Two E61 candidates passing at the same time before commissions 1 and 2 change commission behind ccst's back:
    // the hours of both commissions stay the same, only the basis kept by commissions build sees it.
    const slots = queryWorkspace<{ numero: string; commission: number; start: string }>(dir, "SELECT numero, commission, start FROM oral_slots WHERE epreuve = 'E61' ORDER BY start, commission");
    const one = slots.find((s) => s.commission === 1 && slots.some((t) => t.commission === 2 && t.start === s.start))!;
    const two = slots.find((t) => t.commission === 2 && t.start === one.start)!;
    const swap = () => writeWorkspace(dir, "UPDATE oral_slots SET commission = ? WHERE epreuve = 'E61' AND numero = ?", [[2, one.numero], [1, two.numero]]);
    const back = () => writeWorkspace(dir, "UPDATE oral_slots SET commission = ? WHERE epreuve = 'E61' AND numero = ?", [[1, one.numero], [2, two.numero]]);
    swap();
    const r = run(['examiners', 'convocations', '-o', 'conv3/', '--epreuve', 'E61']);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain('E61-0311201M-2023-06-21-1 : candidats modifiés depuis la composition');
    expect(r.stderr).toContain('E61-0311201M-2023-06-21-2 : candidats modifiés depuis la composition');
    // Other épreuves are not concerned.
    ok(['examiners', 'convocations', '-o', 'conv3/', '--epreuve', 'E4']);
    back();
    ok(['examiners', 'convocations', '-o', 'conv4/', '--epreuve', 'E61']);
  });
});
