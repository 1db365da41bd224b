// Issue #10 §8 — the convocation of a candidate whose dossier was found non-conforming says plainly that the
// épreuve will not take place for them and why (circulaire nationale 2024 annexe 4: « le candidat ne peut être
// interrogé à cette épreuve. La mention non valide lui est alors attribuée »), instead of « à venir / centre
// communiqué ultérieurement ».
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as runConformity } from '../../src/cli/commands/conformity.js';
import { run as runConvocations } from '../../src/cli/commands/convocations.js';
import { fakeCtx } from '../helpers/fake-ctx.js';
import { collapse, pdfText } from '../helpers/pdf-text.js';
import { person, sessionWorkspace } from '../helpers/documents-workspace.js';

const individuel = { voie: 'candidat_individuel', etablissementUai: undefined, etablissement: undefined };
const people = [
  person('24001', 'NGUYỄN', 'Đức', individuel), // E4 dossier: 12 weeks → NV; E61, E62 deposited, conforming
  person('24002', 'ABADIE', 'Jules', individuel), // everything conforming
];
const HEADER = 'numero;epreuve;depot;attestation_stage;semaines_stage;semaines_consecutives_1re_annee;certificat_travail;signatures;fiche_descriptive;amenagement_duree;autre';
const ROWS = [
  '24001;E4;2024-03-01;oui;12;;oui;oui;oui;non;',
  '24001;E61;2024-03-01;oui;14;;oui;oui;oui;non;',
  '24001;E62;2024-03-01;oui;14;;oui;oui;oui;non;',
  '24002;E4;2024-03-01;oui;14;;oui;oui;oui;non;',
  '24002;E61;2024-03-01;oui;14;;oui;oui;oui;non;',
  '24002;E62;2024-03-01;oui;14;;oui;oui;oui;non;',
];

describe('issue #10 §8 NV candidate’s convocation', () => {
  it('says the épreuve will not take place and why; other épreuves keep « à venir »', async () => {
    const s = sessionWorkspace(people);
    const dossiers = path.join(s.dir, 'dossiers.csv');
    fs.writeFileSync(dossiers, [HEADER, ...ROWS].join('\n'));
    await runConformity(fakeCtx({ cwd: s.dir }), { file: dossiers, workspace: s.file, summary: path.join(s.dir, 'c.csv') });
    await runConvocations(fakeCtx({ cwd: s.dir }), { workspace: s.file });
    const pages = (await pdfText(fs.readFileSync(path.join(s.dir, 'convocations.pdf')))).pages.map(collapse);
    const nguyen = pages.find((p) => p.includes('NGUYỄN'))!;
    const e4 = nguyen.slice(nguyen.indexOf('E4 – '), nguyen.indexOf('E61 – '));
    expect(e4).toContain('ÉPREUVE NON PASSÉE — pas de convocation à cette épreuve');
    expect(e4).toContain('Vous ne passerez pas cette épreuve : votre dossier a été déclaré non conforme (durée de stage insuffisante (12 semaines pour 14 requises)).');
    expect(e4).toContain('la mention « non valide » (NV) vous est attribuée');
    expect(e4).not.toContain('à venir');
    expect(e4).not.toContain('centre communiqué ultérieurement');
    // E61, not scheduled yet, still waits for its date and place.
    expect(nguyen.slice(nguyen.indexOf('E61 – '))).toMatch(/E61 – .*à venir.*centre communiqué ultérieurement/);
    const abadie = pages.find((p) => p.includes('ABADIE'))!;
    expect(abadie).not.toContain('ÉPREUVE NON PASSÉE');
  });
});
