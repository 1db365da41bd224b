// ccst copies bordereaux --epreuve E5 -o dossier/: per lot of anonymous copies, the bordereau de notation as a PDF
// (to sign) and an XLSX (to return filled, read back by `ccst notes import`): anonymity numbers only, never a
// candidate's numéro or name (the view-model has no such field: documents/lot-bordereau.ts). Every file is rendered
// to its temp sibling first and all are renamed together at the end: a failure leaves no partial set behind.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { inputError, usageError } from '../errors.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { claimOutputs } from '../output-policy.js';
import { commitLast } from '../commit-last.js';
import { readSessionInfo, sessionRegulation } from '../../store/session.js';
import { listExaminers } from '../../store/examiners.js';
import { storedLots } from '../../store/copies.js';
import { copyNoteCodes, writtenUnit } from '../../domain/examiners/written-copies.js';
import { formatHundredths } from '../../domain/candidate.js';
import { academieLabel, modelHeading } from '../../documents/heading.js';
import type { LotBordereauView } from '../../documents/lot-bordereau.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  epreuve: z.string({ message: '--epreuve est obligatoire (ex. --epreuve E5)' }),
  output: z.string().optional(),
  lot: z.string().transform((s) => s.trim().toUpperCase()).optional(),
  force: z.boolean().optional(),
});

/** A lot name as a file name (names are « E5-03 »; anything else is replaced). */
const filePart = (lot: string) => lot.replace(/[^A-Za-z0-9_-]/g, '_');

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const ws = await openExistingWorkspace(ctx, opts, 'read');
  try {
    const reg = await sessionRegulation(ws.db);
    const written = writtenUnit(reg, opts.epreuve);
    if ('error' in written) throw usageError(written.error);
    const { unit } = written;
    const epreuve = unit.epreuve;
    const dir = path.resolve(ctx.cwd, opts.output ?? `bordereaux-copies-${epreuve}`);
    if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw usageError(`-o ${opts.output} : un dossier est attendu (un PDF et un XLSX par lot)`);
    let lots = await storedLots(ws.db, epreuve);
    if (!lots.length) throw inputError(`${epreuve} : aucun lot : lancez d’abord ccst copies lots --epreuve ${epreuve} --size 35`);
    if (opts.lot !== undefined) {
      lots = lots.filter((l) => l.name === opts.lot);
      if (!lots.length) throw usageError(`--lot ${opts.lot} : lot inconnu pour ${epreuve}`);
    }
    const targets = lots.flatMap((l) => ['pdf', 'xlsx'].map((ext) => path.join(dir, `${filePart(l.name)}.${ext}`)));
    await claimOutputs(ctx, targets, { workspace: opts, force: opts.force });

    const info = await readSessionInfo(ws.db);
    const session = info?.session ?? reg.session;
    const examiners = new Map((await listExaminers(ws.db)).map((e) => [e.email, e]));
    const epreuveLine = `${unit.epreuve} — ${unit.title} (${unit.code}${unit.coefficient ? `, coefficient ${formatHundredths(Math.round(unit.coefficient * 100))}` : ''})`;
    const views: LotBordereauView[] = lots.map((l) => {
      const e = examiners.get(l.correcteur);
      return {
        heading: modelHeading(reg, session), academie: academieLabel(reg, l.academie), session, epreuve, epreuveLine, lot: l.name,
        // A correcteur removed from the file since the lots were made: the e-mail stays, the name is said missing.
        correcteur: { nom: e?.nom ?? '(non renseigné)', prenom: e?.prenom ?? '', email: l.correcteur },
        anonymats: l.anonymats, codes: copyNoteCodes(unit),
      };
    });
    const { writePdfFile } = await import('../../documents/render/index.js');
    const { drawLotBordereau } = await import('../../documents/lot-bordereau.js');
    const { writeLotWorkbook } = await import('../../documents/lot-bordereau-xlsx.js');
    let pages = 0;
    await commitLast({
      targets,
      render: async () => {
        for (const v of views) {
          const base = path.join(dir, filePart(v.lot));
          pages += (await writePdfFile(`${base}.pdf`, { title: `Bordereau de notation ${v.lot}`, creationDate: ctx.now() }, (w) => drawLotBordereau(w, v))).pages;
          await writeLotWorkbook(`${base}.xlsx`, v, ctx.now());
        }
      },
    });
    say(ctx, `${epreuve} : ${views.length} bordereau(x) de notation (PDF, ${pages} page(s), et XLSX à renvoyer rempli) dans ${dir}.`);
  } finally {
    await ws.close();
  }
}
