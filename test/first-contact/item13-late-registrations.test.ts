// Issue #10 §13 — late registrations after a first assignment. The case of the issue (« les centres désignés
// (0311201M) ne reçoivent que 0 des 1 candidat(s) » while Déodat has 3 free seats) is reproduced here: it is not a
// fault of the incremental assignment — the late candidate's establishment is designated to a centre that is full
// (circulaire nationale §1-B: the rector designates the centres; a designation is followed exactly, with or without
// --reset). The error now names the establishment, the designated centre's seats and the ways out; late candidates
// of an establishment whose centre has room take free seats and nobody moves.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CcstError } from '../../src/cli/errors.js';
import { run as centresImport } from '../../src/cli/commands/centres-import.js';
import { run as assignCentres } from '../../src/cli/commands/assign-centres.js';
import { mutate, openWorkspace } from '../../src/store/workspace.js';
import { upsertCandidates } from '../../src/store/candidates.js';
import type { Candidate } from '../../src/domain/candidate.js';
import { fakeCtx } from '../helpers/fake-ctx.js';
import { assignmentWorkspace, query } from '../helpers/assignment-workspace.js';
import { cand, uai } from '../helpers/assignment-builders.js';

const HEADER = 'uai;nom;adresse;code_postal;commune;academie;type;epreuves;capacite;dates;langues;origines;zone';
const M = uai('031', 201); // « Myriam »: designated for ETAB_M
const D = uai('031', 202); // « Déodat »: designated for ETAB_D
const ETAB_M = uai('031', 11);
const ETAB_D = uai('031', 12);
const ETAB_X = uai('031', 13); // designated nowhere
const centres = (capM: number, capD: number) =>
  [HEADER, `${M};LYC Myriam;;31000;Toulouse;Toulouse;ecrit;E1 E3 E5;${capM};;;${ETAB_M};`, `${D};LPO Déodat;;31000;Toulouse;Toulouse;ecrit;E1 E3 E5;${capD};;;${ETAB_D};`].join('\n') + '\n';
const of = (etab: string, nom: string, n: number) =>
  Array.from({ length: n }, (_, i) => cand(`24${etab.slice(5, 7)}${nom.length}${i}`, { etablissementUai: etab, etablissement: nom, nom: `${nom}${i}` }));

async function setUp(first: Candidate[], capM: number, capD: number) {
  const ws = assignmentWorkspace(first);
  const ctx = () => fakeCtx({ cwd: ws.dir, env: { CCST_WORKSPACE: ws.file } });
  const file = path.join(ws.dir, 'centres.csv');
  fs.writeFileSync(file, centres(capM, capD));
  await centresImport(ctx(), { file });
  await assignCentres(ctx(), {});
  const register = async (late: Candidate[]) => {
    const w = await openWorkspace(ws.file);
    try {
      await mutate(w, 'test-late', new Date('2024-03-01T00:00:00Z'), async (db) => {
        await upsertCandidates(db, new Date('2024-03-01T00:00:00Z'), late);
        return { result: undefined, detail: {} };
      });
    } finally {
      await w.close();
    }
  };
  const placements = () => query<{ numero: string; epreuve: string; centre_uai: string }>(ws.file, 'SELECT numero, epreuve, centre_uai FROM assignments ORDER BY numero, epreuve');
  return { ...ws, ctx, file, register, placements };
}

async function refusal(p: Promise<unknown>): Promise<CcstError> {
  const e = await p.catch((x: unknown) => x);
  if (!(e instanceof CcstError)) throw new Error(`expected a CcstError, got ${String(e)}`);
  return e;
}

describe('issue #10 §13 late registrations after a first assignment', () => {
  it('designated centre full: names the establishment, the centre’s seats and the ways out; nothing is written', async () => {
    const s = await setUp([...of(ETAB_M, 'LYC MYRIAM', 3), ...of(ETAB_D, 'LPO DEODAT', 4)], 3, 9);
    const before = s.placements();
    await s.register([...of(ETAB_M, 'LYC MYRIAM', 4).slice(3), ...of(ETAB_D, 'LPO DEODAT', 6).slice(4)]);
    const e = await refusal(assignCentres(s.ctx(), {}));
    expect(e.exitCode).toBe(4);
    const d = e.details.join('\n');
    expect(d).toContain(`TOULOUSE, E1 (écrit) : l’établissement ${ETAB_M} (LYC MYRIAM) est désigné au centre ${M} (LYC Myriam) : 3 places, 0 restante (3 attribuée(s) lors d’une affectation précédente) — 1 candidat(s) de l’établissement sans place`);
    expect(d).toContain(`Augmentez la capacité du ou des centres désignés (${M})`);
    // Déodat has 9 − 4 − 2 = 3 free seats once its own late candidates are placed: named as a way out.
    expect(d).toContain(`Ou désignez aussi un centre qui a encore des places pour ${ETAB_M} (colonne origines de centres.csv) — ${D} LPO Déodat : 3 place(s) libre(s).`);
    expect(d).toContain('ccst assign-centres --pin NUMERO:EPREUVE=UAI');
    expect(d).toContain('--reset n’y changerait rien');
    expect(s.placements()).toEqual(before);

    // The same refusal with --reset: the designation, not the incremental run, leaves the candidate without a seat.
    const r = await refusal(assignCentres(s.ctx(), { reset: true, yes: true }));
    expect(r.details.join('\n')).toContain(`l’établissement ${ETAB_M} (LYC MYRIAM) est désigné au centre ${M}`);

    // One more seat at Myriam: the late candidates take free seats and nobody moves.
    fs.writeFileSync(s.file, centres(4, 9));
    await centresImport(s.ctx(), { file: s.file });
    const ok = s.ctx();
    await assignCentres(ok, {});
    expect(ok.err()).toMatch(/: 21 conservée\(s\), 0 épinglée\(s\), 9 nouvellement placée\(s\), 0 déplacée\(s\)/);
    const after = s.placements();
    for (const p of before) expect(after).toContainEqual(p);
    expect(after.filter((p) => p.centre_uai === M)).toHaveLength(12); // 4 candidates × E1, E3, E5
  });

  it('suggests --reset only when seats of the designated centre went to another establishment in an earlier run', async () => {
    // ETAB_X, designated nowhere, took a seat at Myriam in the first run (Déodat had less room).
    const s = await setUp([...of(ETAB_M, 'LYC MYRIAM', 2), ...of(ETAB_D, 'LPO DEODAT', 1), ...of(ETAB_X, 'LYCEE X', 1)], 3, 2);
    expect(s.placements().filter((p) => p.centre_uai === M)).toHaveLength(9);
    await s.register(of(ETAB_M, 'LYC MYRIAM', 3).slice(2));
    const e = await refusal(assignCentres(s.ctx(), {}));
    expect(e.details.join('\n')).toContain('Ou relancez avec --reset : 1 place(s) du centre désigné sont occupées par des candidats d’autres établissements');
    const ok = s.ctx();
    await assignCentres(ok, { reset: true, yes: true });
    expect(s.placements().filter((p) => p.centre_uai === M).map((p) => p.numero)).not.toContain(of(ETAB_X, 'LYCEE X', 1)[0]!.numero);
  });
});
