// ccst notes status [--epreuve E5] [--json] (issue #13 item 5): what is in and what is missing before `ccst deliberate`
// — per épreuve (candidates expected, notes in, missing, codes), and for the written épreuves corrected anonymously
// per lot (copies, notes in, the missing copies by anonymity number, the correcteur to chase). Read-only, one snapshot;
// the data on stdout (text or --json), exit 0 whatever is missing.
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { usageError } from '../errors.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { terminalSafe } from '../terminal-text.js';
import { readSnapshot } from '../../store/snapshot.js';
import { sessionRegulation } from '../../store/session.js';
import { allCopies, allLots, candidateUnitGroups, noteValuesByUnit } from '../../store/notes-by-lot.js';
import { findUnit } from '../../domain/regulation/units.js';
import { notesStatus, type EpreuveStatus } from '../../domain/notes/status.js';

const optionsSchema = z.object({
  workspace: z.string().optional(),
  epreuve: z.string().optional(),
  json: z.boolean().optional(),
});

/** Numéros and anonymity numbers named per line in the text output (all of them in --json). */
const SHOWN = 12;

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const ws = await openExistingWorkspace(ctx, opts, 'read');
  try {
    const reg = await sessionRegulation(ws.db);
    const only = opts.epreuve === undefined ? undefined : findUnit(reg, opts.epreuve);
    if (opts.epreuve !== undefined && !only) throw usageError(`--epreuve ${opts.epreuve} : épreuve inconnue du règlement (${reg.units.map((u) => u.epreuve).join(', ')})`);
    const status = await readSnapshot(ws, async (db) => {
      const unitOf = (epreuve: string) => findUnit(reg, epreuve)?.code ?? epreuve;
      return notesStatus({
        reg,
        candidates: await candidateUnitGroups(db),
        notes: await noteValuesByUnit(db),
        copies: (await allCopies(db)).map((c) => ({ anonymat: c.anonymat, numero: c.numero, unite: unitOf(c.epreuve), lot: c.lot })),
        lots: (await allLots(db)).map((l) => ({ name: l.name, unite: unitOf(l.epreuve), correcteur: l.correcteur })),
        unite: only?.code,
      });
    });
    if (opts.json) ctx.stdout.write(JSON.stringify({ epreuves: status }, null, 2) + '\n');
    else ctx.stdout.write(terminalSafe(statusText(status)));
  } finally {
    await ws.close();
  }
}

const some = (list: string[]) => `${list.slice(0, SHOWN).join(', ')}${list.length > SHOWN ? ` … (+${list.length - SHOWN}, --json pour tous)` : ''}`;

export function statusText(status: EpreuveStatus[]): string {
  const lines: string[] = [];
  for (const e of status) {
    if (e.attendus === 0 && e.notes === 0 && e.lots.length === 0) continue;
    const codes = Object.entries(e.codes).sort(([a], [b]) => a.localeCompare(b)).map(([c, n]) => `${c} ${n}`).join(', ');
    lines.push(`${e.epreuve} (${e.unite})${e.anonyme ? ', copies anonymes' : ''} : ${e.attendus} candidat(s) attendu(s), ${e.notes} note(s), ${e.manquantes} manquante(s)${codes ? ` — dont codes : ${codes}` : ''}`);
    for (const l of e.lots) {
      const missing = l.manquantes.length ? `, ${l.manquantes.length} manquante(s) : ${some(l.manquantes)}` : ', complet';
      lines.push(`  lot ${l.lot} — ${l.correcteur} : ${l.copies} copie(s), ${l.notes} note(s)${missing}`);
    }
    if (e.copiesSansLot) lines.push(`  ${e.copiesSansLot} copie(s) dans aucun lot (ccst copies lots)`);
    if (e.sansCopie.length) lines.push(`  ${e.anonyme ? 'sans copie ni note' : 'sans note'} : ${some(e.sansCopie)}`);
  }
  if (!lines.length) lines.push('Aucun candidat attendu ni aucune note dans le workspace.');
  return lines.join('\n') + '\n';
}
