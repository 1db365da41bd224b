// ccst regulation show|check|new (issue 11 finding 9), in-process with a fake Ctx; one e2e run of check on the built CLI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/regulation.js';
import { fakeCtx } from '../helpers/fake-ctx.js';
import { bundledRegulationPath } from '../../src/io/regulation-file.js';
import { ccst, REPO } from '../helpers/cli.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ccst-reg-'));
const TEST_REG = path.join(REPO, 'test', 'fixtures', 'regulations', 'bts-ccst-reforme-test.json');

describe('ccst regulation', () => {
  it('show: units, coefficients, ECTS, the contrôle regime of the session asked', async () => {
    const ctx = fakeCtx({ cwd: tmp() });
    await run(ctx, { action: 'show', file: 'bts-ccst-2024', session: '2025' });
    const out = ctx.out();
    expect(out).toContain('U4     E4       6');
    expect(out).toContain('Épreuve E2 (coef 3) = U21 + U22');
    expect(out).toContain('Épreuves de contrôle (session 2025) : Épreuves de contrôle');
    expect(out).toMatch(/session 2025\) : [^\n]*arrêté/);
    const reform = fakeCtx({ cwd: tmp() });
    await run(reform, { action: 'show', file: TEST_REG });
    expect(reform.out()).toContain('U5     E5       6     30');
    expect(reform.out()).toContain('Correspondance avec bts-ccst-2024 (bénéfices jusqu’à la session 2025) : U1 → U1, U21 → U2');
  });

  it('check: passes on the bundled file, exits 3 on a broken copy with precise messages', async () => {
    const dir = tmp();
    const ok = fakeCtx({ cwd: dir });
    await run(ok, { action: 'check', file: bundledRegulationPath('bts-ccst-2024') });
    expect(ok.err()).toContain('bts-ccst-2024.json : règlement valide');
    const broken = JSON.parse(fs.readFileSync(bundledRegulationPath('bts-ccst-2024'), 'utf8'));
    broken.units.find((u: { code: string }) => u.code === 'U62').coefficient = 4;
    broken.regroupements.autonomous.push('ATLANTIDE');
    fs.writeFileSync(path.join(dir, 'mon-reglement.json'), JSON.stringify(broken));
    const err = await run(fakeCtx({ cwd: dir }), { action: 'check', file: 'mon-reglement.json' }).catch((e) => e);
    expect(err.exitCode).toBe(3);
    expect(err.message).toBe('mon-reglement.json : règlement invalide, 1 erreur(s)');
    expect(err.details).toContain('regroupements: académie inconnue ATLANTIDE');
  });

  it('new --from bts-ccst-2024 --session 2027: a copy to edit, listing the fields to confirm; check then passes with warnings', async () => {
    const dir = tmp();
    const ctx = fakeCtx({ cwd: dir });
    await run(ctx, { action: 'new', from: 'bts-ccst-2024', session: '2027' });
    const file = path.join(dir, 'bts-ccst-2027.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(json).toMatchObject({ id: 'bts-ccst-2027', session: 2027, calendar: { written: [] } });
    expect(json.toConfirm).toContain('units[].ects : crédits européens de chaque épreuve (annexe IV c de l’arrêté, après le décret n° 2024-788)');
    expect(ctx.err()).toContain('À confirmer d’après l’arrêté');
    expect(ctx.err()).toContain('controle.arrete-2025.choice');
    const again = await run(fakeCtx({ cwd: dir }), { action: 'new', from: 'bts-ccst-2024', session: '2027' }).catch((e) => e);
    expect(again.exitCode).toBe(2);
    const check = fakeCtx({ cwd: dir });
    await run(check, { action: 'check', file: 'bts-ccst-2027.json' });
    expect(check.err()).toContain('Attention : à confirmer : units[].coefficient');
  });

  it('check on the built CLI: exit 3, messages on stderr, nothing on stdout', () => {
    const dir = tmp();
    const broken = JSON.parse(fs.readFileSync(bundledRegulationPath('bts-ccst-2024'), 'utf8'));
    delete broken.units.find((u: { code: string }) => u.code === 'U4').forms.C;
    fs.writeFileSync(path.join(dir, 'r.json'), JSON.stringify(broken));
    const r = ccst(['regulation', 'check', 'r.json'], { cwd: dir });
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('unité U4 : forme manquante pour la colonne C (voies scolaire_prive_hors_contrat');
  });
});
