// Command tests (fake Ctx) for centres import, assign-centres, schedule-orals and assignments export:
// exit codes, nothing written on error, idempotence, stdout/stderr separation.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CcstError } from '../../src/cli/errors.js';
import { run as centresImport } from '../../src/cli/commands/centres-import.js';
import { run as assignCentres } from '../../src/cli/commands/assign-centres.js';
import { run as scheduleOrals } from '../../src/cli/commands/schedule-orals.js';
import { run as assignmentsExport } from '../../src/cli/commands/assignments-export.js';
import { fakeCtx } from '../helpers/fake-ctx.js';
import { assignmentWorkspace, query } from '../helpers/assignment-workspace.js';
import { cand, uai } from '../helpers/assignment-builders.js';

const HEADER = 'uai;nom;adresse;code_postal;commune;academie;type;epreuves;capacite;dates;langues;origines;zone';
const W1 = uai('031', 101);
const W2 = uai('081', 102);
const O1 = uai('031', 201);
const ETAB = uai('031', 11);
const centresCsv = (capW1 = 10, capW2 = 10) =>
  [
    HEADER,
    `${W1};Lycée Un;;31000;Toulouse;Toulouse;ecrit;E1 E2-1 E3 E5;${capW1};;;;`,
    `${W2};Lycée Deux;;81000;Albi;Toulouse;ecrit;E1 E21 E3 E5;${capW2};;;;`,
    `${O1};Lycée Oral;;31000;Toulouse;Toulouse;oral;E2-2 E4 E6-1 E6-2 EF1;10;20/06/2024, 21/06/2024;anglais espagnol;;`,
  ].join('\n') + '\n';

function setup(n = 4) {
  const candidates = Array.from({ length: n }, (_, i) =>
    cand(`240${i}`, { voie: i % 2 ? 'scolaire_prive_hors_contrat' : 'scolaire_public', etablissementUai: ETAB, nom: `NOM${i}`, ef1: i === 0 ? 'espagnol' : undefined }),
  );
  const ws = assignmentWorkspace(candidates);
  const write = (name: string, text: string) => {
    const f = path.join(ws.dir, name);
    fs.writeFileSync(f, text);
    return f;
  };
  return { ...ws, write, ctx: () => fakeCtx({ cwd: ws.dir, env: { CCST_WORKSPACE: ws.file } }) };
}

async function fails(p: Promise<unknown>): Promise<CcstError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CcstError) return e;
    throw e;
  }
  throw new Error('expected a CcstError');
}

describe('ccst centres import', () => {
  it('imports, and re-importing the same file changes nothing (upsert by UAI and type)', async () => {
    const s = setup();
    const file = s.write('centres.csv', centresCsv());
    const c1 = s.ctx();
    await centresImport(c1, { file });
    expect(c1.out()).toBe('');
    expect(c1.err()).toContain('3 centre(s) (2 d’écrit, 1 d’oral) : 3 nouveau(x), 0 mis à jour.');
    const c2 = s.ctx();
    await centresImport(c2, { file });
    expect(c2.err()).toContain('0 nouveau(x), 3 mis à jour.');
    expect(query(s.file, 'SELECT uai, type, epreuves, dates, langues FROM centres ORDER BY type, uai')).toEqual([
      { uai: W1, type: 'ecrit', epreuves: 'E1 E21 E3 E5', dates: '', langues: '' },
      { uai: W2, type: 'ecrit', epreuves: 'E1 E21 E3 E5', dates: '', langues: '' },
      { uai: O1, type: 'oral', epreuves: 'E22 E4 E61 E62 EF1', dates: '2024-06-20 2024-06-21', langues: 'anglais espagnol' },
    ]);
  });

  it('refuses a file with errors (exit 3), row- and column-precise, and writes nothing', async () => {
    const s = setup();
    const bad = [
      HEADER,
      `${W1.slice(0, 7)}A;Lycée Un;;31000;Toulouse;Toulouse;ecrit;E1 E3;10;;;;`,
      `${W2};Lycée Deux;;81000;Albi;Atlantide;ecrit;E1 E9;dix;;;;`,
      `${O1};Lycée Oral;;31000;Toulouse;Toulouse;oral;E22;10;31/02/2024;;;`,
    ].join('\n');
    const e = await fails(centresImport(s.ctx(), { file: s.write('bad.csv', bad) }));
    expect(e.exitCode).toBe(3);
    const text = e.details.join('\n');
    expect(text).toContain(`bad.csv, ligne 2, colonne « uai » : clé UAI incorrecte : ${W1.slice(0, 7)}A (attendu ${W1})`);
    expect(text).toContain('bad.csv, ligne 3, colonne « academie » : académie inconnue « Atlantide »');
    expect(text).toContain('bad.csv, ligne 3, colonne « epreuves » : épreuve inconnue « E9 »');
    expect(text).toContain('bad.csv, ligne 3, colonne « capacite » : capacité invalide « dix »');
    expect(text).toContain('bad.csv, ligne 4, colonne « dates » : date invalide « 31/02/2024 »');
    expect(text).toContain('bad.csv, ligne 4, colonne « langues » : E22 est une épreuve de langue : indiquez les langues proposées');
    expect(query(s.file, 'SELECT count(*) AS n FROM centres')).toEqual([{ n: 0 }]);
  });

  it('refuses a written centre listing an oral-only épreuve', async () => {
    const s = setup();
    const e = await fails(centresImport(s.ctx(), { file: s.write('c.csv', `${HEADER}\n${W1};Lycée;;;;Toulouse;ecrit;E1 E4;10;;;;\n`) }));
    expect(e.details.join('\n')).toContain('E4 n’est jamais une épreuve écrite ponctuelle');
  });
});

describe('ccst assign-centres', () => {
  async function withCentres(capW1 = 10, capW2 = 10) {
    const s = setup();
    await centresImport(s.ctx(), { file: s.write('centres.csv', centresCsv(capW1, capW2)) });
    return s;
  }

  it('assigns, prints the report on stdout and the summary on stderr; a re-run keeps everyone', async () => {
    const s = await withCentres();
    const c = s.ctx();
    await assignCentres(c, {});
    expect(c.out()).toContain('CENTRES D’ÉCRIT');
    expect(c.out()).toContain(`Lycée Un – Toulouse [${W1}] : 4 candidat(s), capacité 10`);
    expect(c.out()).toContain('EF1 espagnol : 1 candidat(s)');
    expect(c.err()).toContain('nouvellement placée(s)');
    const before = query(s.file, 'SELECT * FROM assignments ORDER BY numero, epreuve');
    const again = s.ctx();
    await assignCentres(again, { json: true });
    const json = JSON.parse(again.out());
    expect(json.stats).toMatchObject({ placed: 0, moved: 0, kept: before.length });
    expect(query(s.file, 'SELECT * FROM assignments ORDER BY numero, epreuve')).toEqual(before);
  });

  it('exits 4 with the exact shortfall and writes nothing when seats are missing', async () => {
    const s = await withCentres(1, 2);
    const e = await fails(assignCentres(s.ctx(), {}));
    expect(e.exitCode).toBe(4);
    expect(e.details).toContain('TOULOUSE, E1 (écrit) : il manque 1 place(s) — 4 candidat(s) pour 3 place(s) disponibles');
    expect(query(s.file, 'SELECT count(*) AS n FROM assignments')).toEqual([{ n: 0 }]);
  });

  it('--dry-run writes nothing; --reset needs --yes without a terminal (exit 2)', async () => {
    const s = await withCentres();
    await assignCentres(s.ctx(), { dryRun: true });
    expect(query(s.file, 'SELECT count(*) AS n FROM assignments')).toEqual([{ n: 0 }]);
    await assignCentres(s.ctx(), {});
    const e = await fails(assignCentres(s.ctx(), { reset: true }));
    expect(e.exitCode).toBe(2);
    await assignCentres(s.ctx(), { reset: true, yes: true });
  });

  it('stores a pin (--pin NUMERO:EPREUVE=UAI, E6-1 spelling accepted) and keeps it afterwards', async () => {
    const s = await withCentres();
    await assignCentres(s.ctx(), { pin: [`2400:E1=${W2}`] });
    await assignCentres(s.ctx(), {});
    expect(query(s.file, "SELECT centre_uai, pinned FROM assignments WHERE numero = '2400' AND epreuve = 'E1'")).toEqual([{ centre_uai: W2, pinned: 1 }]);
    await assignCentres(s.ctx(), { unpin: ['2400:E1'] });
    expect(query(s.file, "SELECT centre_uai, pinned FROM assignments WHERE numero = '2400' AND epreuve = 'E1'")).toEqual([{ centre_uai: W2, pinned: 0 }]);
    const bad = await fails(assignCentres(s.ctx(), { pin: ['2400-E1'] }));
    expect(bad.exitCode).toBe(2);
    const pinsFile = s.write('pins.csv', `numero;epreuve;uai\n2401;E6-1;${W1}\n`);
    const wrongType = await fails(assignCentres(s.ctx(), { pins: pinsFile }));
    expect(wrongType.exitCode).toBe(4);
    expect(wrongType.details.join('\n')).toContain(`épinglage 2401:E61=${W1} impossible : aucun centre d’oral de ce code UAI`);
  });
});

describe('ccst schedule-orals and assignments export', () => {
  it('needs assignments first (exit 3), then schedules and exports times in the centre’s zone', async () => {
    const s = setup();
    await centresImport(s.ctx(), { file: s.write('centres.csv', centresCsv()) });
    const e = await fails(scheduleOrals(s.ctx(), {}));
    expect(e.exitCode).toBe(3);
    await assignCentres(s.ctx(), {});
    const c = s.ctx();
    await scheduleOrals(c, { commissions: '2' });
    expect(c.out()).toContain(`${O1} 2024-06-20 E4 : 2 candidat(s)`);
    const x = s.ctx();
    await assignmentsExport(x, { output: '-', csvFormat: 'rfc4180' });
    const lines = x.out().trim().split('\n');
    expect(lines[0]).toBe('numero,nom,prenom,epreuve,langue,centre_uai,centre_nom,centre_commune,zone,date,heure_debut,heure_passage,heure_fin,heure_fin_temps_majore,commission');
    // Written: circulaire nationale 2024 annexe 2, Métropole. Oral: E22 = 20 min of preparation then 20 min;
    // E4 = 1 h of preparation then 1 h, after the candidate's E22 the same day and 30 min later (--ecart-min default,
    // issue #10 §14).
    expect(lines).toContain(`2400,NOM0,Prénom,E1,,${W1},Lycée Un,Toulouse,metropole,2024-05-15,14:30,,18:30,,`);
    expect(lines).toContain(`2401,NOM1,Prénom,E22,anglais,${O1},Lycée Oral,Toulouse,metropole,2024-06-20,08:00,08:20,08:40,,1`);
    expect(lines).toContain(`2401,NOM1,Prénom,E4,,${O1},Lycée Oral,Toulouse,metropole,2024-06-20,09:10,10:10,11:10,,1`);
    expect(x.err()).toBe('');
  });
});

describe('several agents (issue #12 §2)', () => {
  it('an assignment changed by another agent while this one waits (--reset question): exit 75, theirs is kept', async () => {
    const s = setup();
    await centresImport(s.ctx(), { file: s.write('centres.csv', centresCsv()) });
    await assignCentres(s.ctx(), {});
    const other = (numero: string) => {
      // Another agent's command, committed between our reading and our writing.
      const db = new Database(s.file);
      db.prepare('UPDATE assignments SET centre_uai = ? WHERE numero = ? AND centre_uai = ?').run(W2, numero, W1);
      db.close();
    };
    const before = query<{ numero: string; epreuve: string; centre_uai: string }>(s.file, 'SELECT numero, epreuve, centre_uai FROM assignments ORDER BY numero, epreuve');
    const numero = before.find((p) => p.centre_uai === W1)!.numero;
    const ctx = fakeCtx({
      cwd: s.dir, env: { CCST_WORKSPACE: s.file }, isTTY: true,
      prompt: { confirm: async () => (other(numero), true), select: async () => { throw new Error('select'); }, input: async () => { throw new Error('input'); } },
    });
    const e = (await assignCentres(ctx, { reset: true }).catch((x: unknown) => x)) as CcstError;
    expect([e.exitCode, e.code]).toEqual([75, 'CONFLICT']);
    expect(e.message).toContain('assignments');
    const after = query<{ numero: string; centre_uai: string }>(s.file, 'SELECT numero, epreuve, centre_uai FROM assignments ORDER BY numero, epreuve');
    expect(after.filter((p) => p.numero === numero).some((p) => p.centre_uai === W2)).toBe(true);
    expect(after.length).toBe(before.length);
  });
});
