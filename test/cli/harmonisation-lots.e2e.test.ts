// `ccst harmonisation --epreuve E5 --par lot|correcteur` and `harmonisation apply` with a lot as « groupe » (issue 15
// §1–2, with the lots of issue 13), on the engine of the run (both vitest projects). The Toulouse 2023 session is
// deliberated by the CLI; its E5 copies, lots and correcteurs are seeded with Kysely inserts (migration 010's tables,
// as `ccst copies anonymise|lots` fill them). Expected figures are computed here from the notes table.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ccst, REPO } from '../helpers/cli.js';
import { workspaceFor } from '../helpers/engine.js';
import { openWorkspace, type Workspace } from '../../src/store/workspace.js';

const FIX = path.join(REPO, 'fixtures', 'toulouse-2023');
let dir: string;
let ws: Workspace;
const run = (args: string[]) => ccst(args, { cwd: dir });
const ok = (args: string[]) => {
  const r = run(args);
  expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
};

interface Group { groupe: string; libelle: string; effectif: number; moyenne: number; codes: number }
interface Section { par: string; effectif: number; groupes: Group[] }

const CORRECTEURS = [
  { email: 'a.martin@ac-toulouse.fr', nom: 'MARTIN', prenom: 'Anne' },
  { email: 'b.nguyen@ac-toulouse.fr', nom: 'NGUYỄN', prenom: 'Bảo' },
];
/** Lot → correcteur: Bảo Nguyễn corrects two lots, the correcteur section adds them up. */
const LOTS: [string, string][] = [['E5-01', CORRECTEURS[0]!.email], ['E5-02', CORRECTEURS[1]!.email], ['E5-03', CORRECTEURS[1]!.email]];

const u5Notes = async () => ws.db.selectFrom('notes').select(['numero', 'value']).where('unite', '=', 'U5').orderBy('numero').execute();
/** numero → lot, as seeded: the candidates with an E5 note, in numero order, cut in three. */
let lotOf: Map<string, string>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-harmo-lots-'));
  ok(['init', '--session', '2023', '--academie', 'TOULOUSE']);
  ok(['import', path.join(FIX, 'candidats.csv')]);
  ok(['deliberate', path.join(FIX, 'notes.csv'), '-o', 'pv.csv']);
  ws = await openWorkspace(workspaceFor(dir), { create: false });
  const at = '2023-06-20T10:00:00.000Z';
  const numeros = (await u5Notes()).map((n) => n.numero);
  lotOf = new Map(numeros.map((n, i) => [n, LOTS[Math.floor((i * LOTS.length) / numeros.length)]![0]]));
  await ws.db.insertInto('examiners').values(CORRECTEURS.map((c) => ({
    ...c, profils: 'eco-gestion', etablissement_uai: null, academie: 'TOULOUSE', epreuves: 'E5', dates: '', max_candidats: null, max_copies: null, created_at: at, updated_at: at,
  }))).execute();
  await ws.db.insertInto('lots').values(LOTS.map(([name, correcteur], i) => ({ name, epreuve: 'E5', academie: 'TOULOUSE', correcteur, number: i + 1, pinned: 0, built_at: at }))).execute();
  await ws.db.insertInto('copies').values(numeros.map((numero, i) => ({ numero, epreuve: 'E5', anonymat: `${String(40_000_000 + i * 7)}K`, issued_at: at }))).execute();
  await ws.db.insertInto('lot_copies').values(numeros.map((numero, i) => ({ anonymat: `${String(40_000_000 + i * 7)}K`, lot: lotOf.get(numero)!, position: i }))).execute();
}, 300_000);

afterAll(async () => {
  await ws?.close();
});

/** Count and mean (hundredths, truncated as the report shows two decimals) of the numeric notes of some candidates. */
function expected(notes: { numero: string; value: string }[], member: (numero: string) => boolean) {
  const values = notes.filter((n) => member(n.numero) && /^\d/.test(n.value)).map((n) => Math.round(Number(n.value.replace(',', '.')) * 100));
  return { effectif: values.length, moyenne: Math.trunc(values.reduce((a, b) => a + b, 0) / values.length) / 100 };
}

describe('ccst harmonisation --epreuve E5 by lot of copies and by correcteur', () => {
  it('--par lot: one group per lot, labelled with its correcteur’s name; figures from the notes', async () => {
    const v = JSON.parse(ok(['harmonisation', '--epreuve', 'E5', '--par', 'lot', '--json']).stdout);
    expect(v.sections.map((s: Section) => s.par)).toEqual(['lot']);
    const groups = (v.sections[0] as Section).groupes;
    expect(groups.map((g) => [g.groupe, g.libelle])).toEqual([['E5-01', 'E5-01 — MARTIN Anne'], ['E5-02', 'E5-02 — NGUYỄN Bảo'], ['E5-03', 'E5-03 — NGUYỄN Bảo']]);
    const notes = await u5Notes();
    for (const g of groups) {
      const e = expected(notes, (n) => lotOf.get(n) === g.groupe);
      expect(g.effectif).toBe(e.effectif);
      expect(g.moyenne).toBe(e.moyenne);
    }
  });

  it('--par correcteur: one group per correcteur, shown by name, all their lots together', async () => {
    const v = JSON.parse(ok(['harmonisation', '--epreuve', 'E5', '--par', 'correcteur', '--json']).stdout);
    const groups = (v.sections[0] as Section).groupes;
    expect(groups.map((g) => g.libelle)).toEqual(['MARTIN Anne', 'NGUYỄN Bảo']);
    const notes = await u5Notes();
    const nguyen = expected(notes, (n) => lotOf.get(n) === 'E5-02' || lotOf.get(n) === 'E5-03');
    expect(groups[1]!.effectif).toBe(nguyen.effectif);
    expect(groups[1]!.moyenne).toBe(nguyen.moyenne);
    // Without --par, a written épreuve gets both sections.
    const both = JSON.parse(ok(['harmonisation', '--epreuve', 'E5', '--json']).stdout);
    expect(both.sections.map((s: Section) => s.par)).toEqual(['lot', 'correcteur']);
  });

  it('--par lot on an épreuve without a written form is refused (exit 2)', () => {
    const r = run(['harmonisation', '--epreuve', 'E4', '--par', 'lot']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('E4 ne se passe à l’écrit dans aucune voie');
  });

  it('apply: a lot as « groupe » adjusts its notes only, audited; the opposite adjustment restores them', async () => {
    const before = await u5Notes();
    fs.writeFileSync(path.join(dir, 'adj.csv'), 'groupe;epreuve;ajustement;motif\ne5-02;E5;+1;correcteur sévère\n');
    const s = JSON.parse(ok(['harmonisation', 'apply', 'adj.csv', '--after-deliberation', '--json']).stdout);
    const inLot = before.filter((n) => lotOf.get(n.numero) === 'E5-02');
    const numeric = inLot.filter((n) => /^\d/.test(n.value));
    expect(s.lignes[0]).toMatchObject({ groupe: 'E5-02', libelle: 'E5-02 — NGUYỄN Bảo', notes: numeric.length });
    const after = new Map((await u5Notes()).map((n) => [n.numero, n.value]));
    for (const n of before) {
      if (lotOf.get(n.numero) !== 'E5-02' || !/^\d/.test(n.value)) expect(after.get(n.numero)).toBe(n.value);
      else expect(after.get(n.numero)).toBe(String(Math.min(2000, Math.round(Number(n.value.replace(',', '.')) * 100) + 100) / 100).replace('.', ','));
    }
    const audit = await ws.db.selectFrom('note_audit').select(['numero', 'motif']).where('source', '=', 'harmonisation:adj.csv').execute();
    expect(new Set(audit.map((a) => lotOf.get(a.numero)))).toEqual(new Set(['E5-02']));
    expect(new Set(audit.map((a) => a.motif))).toEqual(new Set(['correcteur sévère']));

    fs.writeFileSync(path.join(dir, 'undo.csv'), 'groupe;epreuve;ajustement;motif\nE5-02;E5;-1;annulation\n');
    // The first apply wrote the list of notes changed after the deliberation: replacing it takes --force (output rule).
    ok(['harmonisation', 'apply', 'undo.csv', '--after-deliberation', '--force']);
    if (numeric.every((n) => Number(n.value.replace(',', '.')) <= 19)) expect(await u5Notes()).toEqual(before);
  });

  it('apply: an unknown lot is named with its row (exit 3); a correcteur is not a « groupe » (lots only)', () => {
    fs.writeFileSync(path.join(dir, 'bad.csv'), `groupe;epreuve;ajustement;motif\nE5-09;E5;+1;x\n${CORRECTEURS[0]!.email};E5;+1;y\n`);
    const r = run(['harmonisation', 'apply', 'bad.csv', '--after-deliberation']);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('bad.csv, ligne 2, colonne « groupe » : « E5-09 » : aucune note de E5 pour ce groupe');
    expect(r.stderr).toContain('bad.csv, ligne 3, colonne « groupe »');
    expect(r.stderr).toContain('un lot « E5-03 »');
  });
});
