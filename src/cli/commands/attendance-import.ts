// ccst attendance import <pv-salle.csv|xlsx> [--epreuve E5]: the rooms' PV back from the centre (issue #14 §4), with
// the import standards of `ccst import`: header mapped through aliases, every line checked before anything is
// stored (row/column-precise, grouped, exit 3), one transaction, re-importing the same file changes nothing.
// An absent candidate gets ABS at the épreuve's unit (ABJ when a justification is recorded: attendance justify);
// a note or code someone else entered is never replaced: listed as a conflict, exit 4, nothing stored.
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { say } from '../context.js';
import { parseOptions } from '../options.js';
import { inputError, ruleConflict } from '../errors.js';
import { formatIssues } from '../issue-report.js';
import { terminalSafe } from '../terminal-text.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { latenessFlags, latenessFromFlags, latenessSummary } from '../lateness-options.js';
import { attendanceContext } from '../attendance/context.js';
import { recordOf, type ColumnSpec } from '../../io/header-mapping.js';
import { openKeyedTable } from '../import/keyed-table.js';
import { mutate, type Db } from '../../store/workspace.js';
import { readLateness, sessionRegulation, writeLateness } from '../../store/session.js';
import { justifications, listAttendance, notesOfCandidates, recordAttendance, type AttendanceWrite } from '../../store/attendance.js';
import { validateAttendanceRows, type AttendanceRow } from '../../domain/attendance/rows.js';
import { judgeLateness, writtenStart } from '../../domain/attendance/lateness.js';
import { ATTENDANCE_SOURCE, planAbsenceNotes, type AbsencePlan } from '../../domain/attendance/absence-notes.js';

const SPECS: ColumnSpec[] = [
  { name: 'numero', maxLength: 30, aliases: ['n candidat', 'numero candidat', 'numero de candidat', 'candidat', 'num'], required: true },
  { name: 'epreuve', maxLength: 10, aliases: ['epreuves', 'code epreuve'] },
  { name: 'statut', maxLength: 20, aliases: ['presence', 'etat', 'present absent', 'situation'], required: true },
  { name: 'heure', maxLength: 10, aliases: ['heure arrivee', 'heure d arrivee', 'arrivee', 'horaire'] },
  { name: 'observation', maxLength: 500, aliases: ['observations', 'remarque', 'remarques', 'commentaire'] },
];

const optionsSchema = z.object({
  file: z.string().min(1, 'fichier du PV de salle attendu'),
  workspace: z.string().optional(),
  sheet: z.string().optional(),
  epreuve: z.string().regex(/^E[A-Z0-9]+$/i, '--epreuve attend un code d’épreuve, ex. E5').transform((s) => s.toUpperCase()).optional(),
  dryRun: z.boolean().optional(),
  json: z.boolean().optional(),
  ...latenessFlags,
});

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const ruleFlag = latenessFromFlags(opts);
  const ws = await openExistingWorkspace(ctx, opts, opts.dryRun ? 'read' : 'write');
  try {
    const reg = await sessionRegulation(ws.db);
    const ac = await attendanceContext(ws.db, reg);
    if (opts.epreuve && !ac.epreuves.has(opts.epreuve)) throw inputError(`--epreuve ${opts.epreuve} : épreuve inconnue du règlement (${[...ac.epreuves].join(', ')})`);
    const { name, header, rest } = await openKeyedTable(ctx, opts.file, opts.sheet, SPECS);
    if (!header.labels.has('epreuve') && !opts.epreuve) throw inputError(`${name} : pas de colonne epreuve : indiquez l’épreuve du PV avec --epreuve, ex. --epreuve E5`);
    if (header.unknown.length) say(ctx, ctx.color.yellow(`Colonnes ignorées (inconnues) : ${header.unknown.map((u) => `« ${terminalSafe(u.label)} »`).join(', ')}`));
    const rows: AttendanceRow[] = [];
    for await (const raw of rest) {
      const rec = recordOf(raw, header);
      if (!rec.blank) rows.push({ row: rec.row, get: (f) => rec.values.get(f) ?? null });
    }
    const { records, issues } = validateAttendanceRows(rows, { epreuves: ac.epreuves, epreuve: opts.epreuve, candidates: ac.exempt, unitOf: ac.unitOf, columnOf: (f) => header.labels.get(f) ?? f });
    if (issues.length) throw inputError(`${name} : ${issues.length} erreur(s), rien n’a été enregistré`, formatIssues(name, issues), { issues });
    if (!records.length) throw inputError(`${name} : aucune ligne de présence dans le fichier`);

    // Lateness (circulaire Toulouse 2023 §1.1, domain/attendance/lateness.ts): the académie's stored rule, or the flags.
    const rule = ruleFlag === undefined ? await readLateness(ws.db) : ruleFlag ?? undefined;
    const lines: AttendanceWrite[] = [];
    const late: { numero: string; epreuve: string; heure: string; minutes: number; limit: number }[] = [];
    const unchecked = new Set<string>();
    for (const r of records) {
      let isLate = false;
      if (r.heure && r.statut !== 'absent') {
        const v = judgeLateness(r.heure, writtenStart(reg, r.epreuve, ac.academieOf(r.numero, r.epreuve)), rule);
        if (v.kind === 'past') {
          late.push({ numero: r.numero, epreuve: r.epreuve, heure: r.heure, minutes: v.minutes, limit: v.limit });
          isLate = true;
        } else if (v.kind === 'unchecked' && r.statut === 'retard') unchecked.add(`${r.epreuve} : ${v.reason}`);
      }
      lines.push({ numero: r.numero, epreuve: r.epreuve, statut: r.statut, ...(r.heure ? { heure: r.heure } : {}), late: isLate, ...(r.observation ? { observation: r.observation } : {}) });
    }

    const planFrom = async (db: Db): Promise<{ plan: AbsencePlan; changedLines: number }> => {
      const stored = await notesOfCandidates(db, records.map((r) => r.numero));
      const justified = await justifications(db);
      const plan = planAbsenceNotes(
        records.map((r) => ({ row: r.row, numero: r.numero, epreuve: r.epreuve, unite: ac.unitOf(r.epreuve)!, statut: r.statut, justification: justified.get(`${r.numero}\u0000${r.epreuve}`) })),
        (numero, unite) => stored.get(`${numero}\u0000${unite}`),
      );
      if (plan.conflicts.length) {
        throw ruleConflict(`${name} : ${plan.conflicts.length} absent(s) dont la note est déjà enregistrée : rien n’a été enregistré`, plan.conflicts.map((c) =>
          `  ${name}, ligne ${c.row} : ${c.numero} absent à ${c.epreuve}, mais ${c.unite} = « ${terminalSafe(c.stored.value)} » (source ${terminalSafe(c.stored.source)}) ; ${c.wanted} ne la remplace pas : corrigez le PV de salle ou la note`), { conflicts: plan.conflicts });
      }
      const before = new Map((await listAttendance(db)).map((a) => [`${a.numero}\u0000${a.epreuve}`, a]));
      const changedLines = lines.filter((l) => {
        const b = before.get(`${l.numero}\u0000${l.epreuve}`);
        return !b || b.statut !== l.statut || b.heure !== (l.heure ?? null) || Number(b.late) !== (l.late ? 1 : 0) || b.observation !== (l.observation ?? null);
      }).length;
      return { plan, changedLines };
    };

    // Checked first outside any transaction: a file already imported changes nothing, not even the audit log.
    let result = await planFrom(ws.db);
    const nothingNew = !result.changedLines && !result.plan.writes.length && !result.plan.withdrawals.length && ruleFlag === undefined;
    if (!opts.dryRun && !nothingNew) {
      result = await mutate(ws, 'attendance import', ctx.now(), async (trx) => {
        const r = await planFrom(trx);
        if (ruleFlag !== undefined) await writeLateness(trx, ruleFlag);
        if (r.changedLines || r.plan.writes.length || r.plan.withdrawals.length) await recordAttendance(trx, ctx.now(), name, lines, r.plan);
        return { result: r, detail: { file: name, lines: lines.length, changed: r.changedLines, abs: r.plan.writes.filter((w) => w.value === 'ABS').length, abj: r.plan.writes.filter((w) => w.value === 'ABJ').length, withdrawn: r.plan.withdrawals.length, late: late.length } };
      });
    }
    const count = (s: string) => records.filter((r) => r.statut === s).length;
    const summary = {
      file: name, dryRun: Boolean(opts.dryRun), lines: records.length, present: count('present'), absent: count('absent'), retard: count('retard'),
      changed: result.changedLines, notes: { written: result.plan.writes, withdrawn: result.plan.withdrawals, unchanged: result.plan.unchanged },
      lateness: rule ?? null, lateBeyondLimit: late,
    };
    if (opts.json) ctx.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    if (ruleFlag !== undefined && !opts.dryRun) say(ctx, latenessSummary(ruleFlag));
    for (const l of late) {
      say(ctx, ctx.color.yellow(`Retard au-delà de la limite : ${terminalSafe(l.numero)} à ${l.epreuve}, arrivé à ${l.heure} (${l.minutes} min après le début ; limite ${l.limit} min, ${terminalSafe(rule!.source)})`));
    }
    for (const u of unchecked) say(ctx, ctx.color.yellow(`Retard non évalué — ${u}`));
    const abs = result.plan.writes.filter((w) => w.value === 'ABS').length;
    const abj = result.plan.writes.length - abs;
    say(ctx, (opts.dryRun ? 'Vérification seule (--dry-run) : rien n’a été enregistré. ' : '') +
      `${records.length} ligne(s) : ${summary.present} présent(s), ${summary.absent} absent(s), ${summary.retard} retard(s) ; ` +
      `${abs} ABS et ${abj} ABJ ${opts.dryRun ? 'à enregistrer' : 'enregistré(s)'}, ${result.plan.withdrawals.length} code(s) retiré(s), ${result.changedLines} ligne(s) nouvelle(s) ou modifiée(s).`);
  } finally {
    await ws.close();
  }
}
