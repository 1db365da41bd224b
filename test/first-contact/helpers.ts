// Shared by the issue #10 tests: a private temporary folder per test file (removed afterwards) and a small
// candidate list written the way offices export it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { ccst } from '../helpers/cli.js';

export function privateDir(name: string): () => string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `ccst-fc-${name}-`));
  let n = 0;
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  return () => {
    const d = path.join(root, String(++n));
    fs.mkdirSync(d);
    return d;
  };
}

export const HEADER = 'N° candidat;Nom;Prénom;Date de naissance;Académie;Voie;UAI;Établissement;Langue;EF1;EF2;EF3;Dispenses;Bénéfices;Aménagements;Tiers temps;Courriel;Adresse;Code postal;Commune';

export function writeCsv(dir: string, name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, '\ufeff' + lines.join('\r\n') + '\r\n');
  return file;
}

/** init + import of the given rows; fails the test on any error. */
export function workspaceWith(dir: string, rows: string[], session = '2024'): void {
  const init = ccst(['init', '--session', session, '--academie', 'TOULOUSE'], { cwd: dir });
  if (init.status !== 0) throw new Error(init.stderr);
  writeCsv(dir, 'candidats.csv', [HEADER, ...rows]);
  const imp = ccst(['import', 'candidats.csv'], { cwd: dir });
  if (imp.status !== 0) throw new Error(imp.stderr);
}
