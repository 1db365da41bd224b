// ccst notes import <fichiers…> (issue #13 item 5): the notes come into the workspace as they come back from the
// correcteurs and examiners — filled bordereaux by lot (anonymity numbers: lifting the anonymity happens here, in the
// workspace only) and notes by numéro (CCF notes from établissements, oral notes by commission). Every file is read,
// then every note checked against the copies, the lots, the inscription and the notes stored (cli/notes/); one issue
// anywhere refuses the whole import (exit 3, nothing stored). Then the notes are stored in one transaction with the
// audit `ccst deliberate` uses (store/deliberation.ts writeNotes): a changed note is logged, and a change after a
// deliberation is warned. `ccst deliberate` with no file then deliberates on them.
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { say } from '../context.js';
import { parseOptions } from '../options.js';
import { inputError, usageError } from '../errors.js';
import { formatIssues } from '../issue-report.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { reportChangesAfterDeliberation } from '../deliberation/after-deliberation.js';
import { readImportFile, type ImportFile } from '../notes/import-files.js';
import { checkImport, type ImportCheck } from '../notes/import-check.js';
import { terminalSafe } from '../terminal-text.js';
import { mutate } from '../../store/workspace.js';
import { readSnapshot } from '../../store/snapshot.js';
import { readSessionInfo, sessionRegulation } from '../../store/session.js';
import { deliberatedNumeros, writeNotes, type NoteWrite, type NoteWriteReport } from '../../store/deliberation.js';
import { rulesFrom } from '../../domain/deliberation/rules.js';
import { findUnit } from '../../domain/regulation/units.js';
import { formatNoteCell } from '../../domain/deliberation/note-cell.js';
import type { NoteEntry } from '../../domain/notes/note-entry.js';

const optionsSchema = z.object({
  files: z.array(z.string().min(1)).min(1, 'au moins un fichier de notes attendu'),
  workspace: z.string().optional(),
  epreuve: z.string().optional(),
  dryRun: z.boolean().optional(),
  force: z.boolean().optional(),
  json: z.boolean().optional(),
});

/** Files summed up one line each on stderr; more are summed up together. */
const FILES_LISTED = 20;

type Counts = Pick<NoteWriteReport, 'inserted' | 'changed' | 'unchanged'>;

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  if (opts.files.includes('-')) throw usageError('ccst notes import lit des fichiers (un bordereau se reconnaît à son en-tête) : pas stdin.');
  const ws = await openExistingWorkspace(ctx, opts, opts.dryRun ? 'read' : 'write');
  try {
    const reg = await sessionRegulation(ws.db);
    const session = (await readSessionInfo(ws.db))?.session ?? reg.session;
    const rules = rulesFrom(reg, session);
    const epreuve = opts.epreuve === undefined ? undefined : findUnit(reg, opts.epreuve);
    if (opts.epreuve !== undefined && !epreuve) throw usageError(`--epreuve ${opts.epreuve} : épreuve inconnue du règlement (${reg.units.map((u) => u.epreuve).join(', ')})`);

    const files: ImportFile[] = [];
    for (const f of opts.files) files.push(await readImportFile(f, reg, rules, epreuve));
    const names = files.map((f) => f.name);
    for (const f of files) for (const w of f.warnings) say(ctx, ctx.color.yellow(terminalSafe(`Attention : ${w}`)));

    const check = (db: Parameters<typeof checkImport>[0]) => checkImport(db, files, reg, rules, epreuve, { force: opts.force }).then((c) => (refuseOnIssues(c, names), c));
    let c: ImportCheck;
    let report: NoteWriteReport | undefined;
    if (opts.dryRun) {
      c = await readSnapshot(ws, check);
    } else {
      ({ c, report } = await mutate(ws, 'notes import', ctx.now(), async (trx) => {
        const checked = await check(trx);
        const writes = byCandidate(checked.accepted);
        const written = await writeNotes(trx, ctx.now(), writes, await deliberatedNumeros(trx), checked.stored);
        const detail = { files: names, notes: checked.accepted.length, inserted: written.inserted, changed: written.changed, unchanged: written.unchanged, afterDeliberation: written.afterDeliberation.length };
        return { result: { c: checked, report: written }, detail };
      }));
    }
    const counts: Counts = report ?? preview(c);
    // Counted in one pass: an import of every lot of a national session is thousands of files.
    const notesIn = new Map<string, number>();
    for (const e of c.accepted) notesIn.set(e.file, (notesIn.get(e.file) ?? 0) + 1);
    const perFile = files.map((f) => ({
      file: f.name,
      kind: f.kind,
      notes: notesIn.get(f.name) ?? 0,
      sansNote: (c.blank.get(f.name) ?? []).map((b) => ({ ligne: b.row, lot: b.lot, anonymat: b.anonymat })),
      lots: (c.lots.get(f.name) ?? []).map((l) => ({ lot: l.name, epreuve: l.epreuve, correcteur: l.correcteur })),
    }));
    // --force over notes adjusted by the commission d'harmonisation: said, never silent (refused without --force).
    const harmonised = c.harmonised.map((h) => ({ fichier: h.entry.file, ligne: h.entry.row, copie: h.entry.what, unite: h.entry.unite, lot: h.entry.lot, harmonisee: h.old, source: h.source, nouvelle: formatNoteCell(h.entry.cell) }));
    if (opts.json) {
      const json = { dryRun: Boolean(opts.dryRun), files: perFile, ...counts, afterDeliberation: report?.afterDeliberation ?? [], ...(harmonised.length ? { harmoniseesRemplacees: harmonised } : {}) };
      ctx.stdout.write(JSON.stringify(json, null, 2) + '\n');
    }
    // One line per file up to FILES_LISTED; beyond (every lot of an académie at once), the totals — the detail is in --json.
    if (perFile.length > FILES_LISTED) {
      const blank = perFile.filter((f) => f.sansNote.length);
      say(ctx, `${perFile.length} fichier(s) : ${c.accepted.length} note(s)${blank.length ? ` ; ${blank.reduce((n, f) => n + f.sansNote.length, 0)} copie(s) sans note dans ${blank.length} fichier(s) (${blank.slice(0, 5).map((f) => f.file).join(', ')}${blank.length > 5 ? ' …' : ''}) : ccst notes status les liste` : ''}.`);
    }
    for (const f of perFile.length > FILES_LISTED ? [] : perFile) {
      const lots = f.lots.map((l) => `lot ${l.lot}, ${l.correcteur}`).join(' ; ');
      say(ctx, terminalSafe(`${f.file}${lots ? ` (${lots})` : ''} : ${f.notes} note(s)${f.sansNote.length ? `, ${f.sansNote.length} copie(s) sans note` : ''}.`));
      if (f.sansNote.length) say(ctx, ctx.color.yellow(terminalSafe(`Attention : ${f.file} : copie(s) sans note ${f.sansNote.slice(0, 10).map((b) => `${b.anonymat} (ligne ${b.ligne})`).join(', ')}${f.sansNote.length > 10 ? ' …' : ''} ; ccst notes status les liste.`)));
    }
    if (harmonised.length) {
      const shown = harmonised.slice(0, 10).map((h) => `${h.copie}${h.lot ? ` (lot ${h.lot})` : ''} en ${h.unite} : « ${h.harmonisee} » → « ${h.nouvelle} »`).join(', ');
      const verb = report ? 'remplacée(s)' : 'serai(en)t remplacée(s)';
      say(ctx, ctx.color.yellow(terminalSafe(`Attention : ${harmonised.length} note(s) ajustée(s) par la commission d’harmonisation ${verb} par les notes importées (--force) : ${shown}${harmonised.length > 10 ? ' …' : ''} ; l’ancienne valeur reste dans note_audit.`)));
    }
    if (report) {
      await reportChangesAfterDeliberation(ctx, report.afterDeliberation, '-');
      say(ctx, `Workspace : ${counts.inserted} note(s) ajoutée(s), ${counts.changed} modifiée(s) (historique dans note_audit), ${counts.unchanged} inchangée(s).`);
    } else {
      say(ctx, `Vérification seule (--dry-run) : rien n’a été enregistré ; ${counts.inserted} note(s) à ajouter, ${counts.changed} à modifier, ${counts.unchanged} inchangée(s).`);
    }
  } finally {
    await ws.close();
  }
}

/**
 * The writes in numéro order, a candidate's in import order: writeNotes takes each candidate's writes together, and
 * bordereaux come lot by lot, so a candidate's notes are spread over the files. Made as they are written (no array of
 * 250,000 writes), the distinct numéros sorted once (the order of a comparison of each pair of numéros, as before).
 */
function* byCandidate(accepted: readonly NoteEntry[]): Generator<NoteWrite> {
  const of = new Map<string, NoteEntry | NoteEntry[]>();
  for (const e of accepted) {
    const had = of.get(e.numero);
    if (had === undefined) of.set(e.numero, e);
    else if (Array.isArray(had)) had.push(e);
    else of.set(e.numero, [had, e]);
  }
  const write = (e: NoteEntry): NoteWrite => ({ numero: e.numero, unite: e.unite, value: formatNoteCell(e.cell), source: e.source });
  for (const numero of [...of.keys()].sort()) {
    const mine = of.get(numero)!;
    if (Array.isArray(mine)) for (const e of mine) yield write(e);
    else yield write(mine);
  }
}

/** What the import would store (--dry-run): each accepted note against the stored one. */
function preview(c: ImportCheck): Counts {
  const counts: Counts = { inserted: 0, changed: 0, unchanged: 0 };
  for (const e of c.accepted) {
    const old = c.stored.get(e.numero)?.get(e.unite)?.value;
    if (old === undefined) counts.inserted++;
    else if (old === formatNoteCell(e.cell)) counts.unchanged++;
    else counts.changed++;
  }
  return counts;
}

/** Any issue in any file → exit 3, every one listed with its file, row and column; nothing is stored. */
function refuseOnIssues(c: ImportCheck, names: string[]): void {
  if (!c.issues.size) return;
  const count = [...c.issues.values()].reduce((n, l) => n + l.length, 0);
  const ordered = [...c.issues].sort(([a], [b]) => names.indexOf(a) - names.indexOf(b));
  const details = ordered.flatMap(([file, list]) => formatIssues(file, list));
  throw inputError(`${count} erreur(s) dans les fichiers de notes : aucune note enregistrée.`, details, { issues: Object.fromEntries(ordered) });
}
