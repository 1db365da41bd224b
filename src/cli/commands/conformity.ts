// ccst conformity <dossiers>: the contrôle de conformité of the E4, E61 and E62 dossiers (circulaire nationale 2024
// annexe 4; circulaire Toulouse 2023 §1.2.2). Every row is checked; any unreadable or incomplete row stops the
// command (exit 3) with nothing recorded. Non-conforming dossiers get « NV » in the workspace (conformity + notes +
// note_audit), one annexe 4 form per candidate (-o), and a summary table (stdout by default).
// A candidate taking E4/E61/E62 in ponctuel with no row in the file has deposited nothing (annexe 4 « absence de
// dossier »): listed always, NV once the date limite has passed, unless --partial says the file is incomplete.
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say } from '../context.js';
import { inputError } from '../errors.js';
import { formatIssues } from '../issue-report.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { readDossiersFile } from '../../io/dossiers-reader.js';
import { writeTable, type OutCell } from '../../io/table-writer.js';
import { getMeta, mutate, setMeta } from '../../store/workspace.js';
import { commitLast } from '../commit-last.js';
import { readSessionInfo, sessionRegulation } from '../../store/session.js';
import { candidatesByNumero, listCandidates } from '../../store/candidates.js';
import { recordConformity, resultsCount, unitsUnderReserve, type ConformityDecision } from '../../store/conformity.js';
import { checkDossier, noticeWarning } from '../../domain/conformity/rules.js';
import { absentDossiers, absenceMotif } from '../../domain/conformity/absent.js';
import { FIELD_COLUMNS } from '../../domain/conformity/dossier-row.js';
import { parseCalendarDate } from '../../domain/calendar/fields.js';
import { motifLabel, type ConformityEpreuve, type Motif } from '../../domain/conformity/motifs.js';
import { findUnit, voieByCode } from '../../domain/regulation/units.js';
import { compareCandidates, type Candidate } from '../../domain/candidate.js';
import type { CellIssue } from '../../domain/validation.js';
import { academieLabel, modelHeading } from '../../documents/heading.js';
import { claimOutputs } from '../output-policy.js';

const optionsSchema = z.object({
  file: z.string(),
  workspace: z.string().optional(),
  sheet: z.string().optional(),
  // The same date forms as the imported files (08/03/2024, 2024-03-08, « vendredi 8 mars 2024 »), stored AAAA-MM-JJ.
  dateLimite: z
    .string()
    .transform((v, c) => {
      const d = parseCalendarDate(v);
      if (d.ok) return d.value;
      c.addIssue({ code: 'custom', message: `--date-limite : ${d.message}` });
      return z.NEVER;
    })
    .optional(),
  output: z.string().refine((o) => o.toLowerCase().endsWith('.pdf'), '-o attend un fichier .pdf (les formulaires annexe 4)').optional(),
  summary: z.string().default('-'),
  dryRun: z.boolean().optional(),
  partial: z.boolean().optional(),
  force: z.boolean().optional(),
});

const DATE_LIMITE_KEY = 'conformity_date_limite';

interface Checked {
  candidate: Candidate;
  epreuve: ConformityEpreuve;
  unite: string;
  conforme: boolean;
  reserve: boolean;
  motifs: Motif[];
  observations: string[];
  /** No row in the file for a ponctuel candidate (annexe 4 « absence de dossier »). */
  absent?: boolean;
}

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);

  // The output rule (output-policy.ts): never an input or the workspace, --force to replace, no file on --dry-run.
  const writeFiles = await claimOutputs(ctx, [opts.output, opts.summary], { inputs: [opts.file], workspace: opts, force: opts.force, dryRun: opts.dryRun });
  const ws = await openExistingWorkspace(ctx, opts, opts.dryRun ? 'read' : 'write');
  try {
    const reg = await sessionRegulation(ws.db);
    // The deadline is remembered: a re-run without --date-limite must not quietly withdraw an NV « hors délai ».
    const dateLimite = opts.dateLimite ?? (await getMeta(ws.db, DATE_LIMITE_KEY));
    if (!opts.dateLimite && dateLimite) say(ctx, `Date limite de dépôt enregistrée dans le workspace : ${dateLimite}.`);
    const session = (await readSessionInfo(ws.db))?.session ?? reg.session;
    const file = await readDossiersFile(opts.file, { sheet: opts.sheet, stdin: ctx.stdin });
    if (file.ignored.length) {
      say(ctx, ctx.color.yellow(`${file.name} : ${file.ignored.length} colonne(s) non reconnue(s), ignorée(s) : ${file.ignored.map((l) => `« ${l} »`).join(', ')}`));
    }
    const candidates = await candidatesByNumero(ws.db, [...new Set(file.rows.map((r) => r.numero))]);
    const issues: CellIssue[] = [...file.issues];
    const checked: Checked[] = [];
    const notices: string[] = [];
    const academie = (await readSessionInfo(ws.db))?.academie;
    const reserveAllowed = Boolean(academie && reg.conformity?.reserve?.academies.includes(academie));
    const firstRow = new Map<string, number>();

    for (const { row, numero, facts } of file.rows) {
      const candidate = candidates.get(numero);
      if (!candidate) {
        issues.push({ row, column: file.label('numero'), kind: 'numero-inconnu', message: `candidat ${numero} absent du workspace (importez-le d’abord : ccst import)` });
        continue;
      }
      const key = `${numero}/${facts.epreuve}`;
      const seen = firstRow.get(key);
      if (seen !== undefined) {
        issues.push({ row, column: file.label('epreuve'), kind: 'doublon', message: `dossier ${facts.epreuve} du candidat ${numero} déjà présent ligne ${seen}` });
        continue;
      }
      firstRow.set(key, row);
      const unit = findUnit(reg, facts.epreuve);
      if (!unit) throw new Error(`règlement sans unité pour ${facts.epreuve}`);
      if (candidate.dispenses.includes(unit.code)) {
        issues.push({ row, column: file.label('epreuve'), kind: 'dispense', message: `${unit.code} est dispensée pour le candidat ${numero} : pas de dossier ${facts.epreuve} à contrôler` });
        continue;
      }
      // A unit kept by bénéfice is not taken this session (D643-20): there is no dossier to control, and an NV there
      // would contradict the inscription.
      const benefice = candidate.benefices.find((b) => b.unite === unit.code);
      if (benefice) {
        issues.push({ row, column: file.label('epreuve'), kind: 'benefice', message: `${unit.code} est conservée par bénéfice (session ${benefice.session}) pour le candidat ${numero} : pas de dossier ${facts.epreuve} à contrôler` });
        continue;
      }
      if (facts.reserve && !reserveAllowed) {
        issues.push({ row, column: file.label('reserve'), kind: 'reserve', message: `la notation « sous réserve de vérification » est une règle de la circulaire de Toulouse (§1.2.2), non prévue pour l’académie ${academie ?? 'non renseignée'} dans le règlement` });
        continue;
      }
      const outcome = checkDossier(facts, candidate, reg.stage, dateLimite, reg.conformity);
      if (outcome.status === 'incomplete') {
        const voie = voieByCode(reg, candidate.voie)?.label ?? candidate.voie;
        for (const f of outcome.missing) {
          issues.push({ row, column: file.label(FIELD_COLUMNS[f]), kind: 'valeur-manquante', message: `valeur manquante, nécessaire au contrôle du dossier ${facts.epreuve} (${voie})` });
        }
        continue;
      }
      if (outcome.status === 'reserve') {
        checked.push({ candidate, epreuve: facts.epreuve, unite: unit.code, conforme: true, reserve: true, motifs: [], observations: outcome.observations });
        continue;
      }
      const late = !outcome.conforme && reg.conformity?.notice ? noticeWarning(reg.conformity.notice, academie, facts) : undefined;
      if (late) notices.push(`${numero} ${facts.epreuve} : ${late}`);
      checked.push({ candidate, epreuve: facts.epreuve, unite: unit.code, conforme: outcome.conforme, reserve: false, motifs: outcome.motifs, observations: late ? [...outcome.observations, late] : outcome.observations });
    }

    if (issues.length > 0) {
      issues.sort((a, b) => a.row - b.row);
      throw inputError(`${file.name} : contrôle refusé (${issues.length} erreur(s)), rien n’a été enregistré`, formatIssues(file.name, issues));
    }
    // Circulaire nationale 2024 annexe 4 « absence de dossier » (E4: « En l'absence de dossier, le candidat ne peut
    // être interrogé à cette épreuve. La mention non valide lui est alors attribuée »). NV only once the deadline has
    // passed (a dossier may still come before it) and only when the file claims to be complete (no --partial).
    const absent = absentDossiers(reg, (await listCandidates(ws.db)), new Set(firstRow.keys()));
    const today = ctx.now().toISOString().slice(0, 10);
    const absentNv = absent.length > 0 && !opts.partial && dateLimite !== undefined && today > dateLimite;
    const absentRows: Checked[] = absent.map((a) => ({
      candidate: a.candidate, epreuve: a.epreuve, unite: a.unite, conforme: false, reserve: false, absent: true,
      motifs: [absenceMotif(file.name)],
      observations: [absentNv ? `date limite ${frDate(dateLimite!)} passée` : opts.partial ? 'fichier partiel (--partial) : pas de NV' : dateLimite ? `dépôt possible jusqu’au ${frDate(dateLimite)}` : 'pas de NV sans --date-limite'],
    }));
    if (checked.length === 0 && absent.length === 0) throw inputError(`${file.name} : aucun dossier`);
    if (absentNv) checked.push(...absentRows);
    checked.sort(byCandidate);
    if (!dateLimite) say(ctx, ctx.color.yellow('Sans --date-limite, le dépôt hors délai n’a pas été contrôlé.'));

    // Commit last (commit-last.ts): forms and summary file rendered to temp files, then the decisions stored, then
    // the files renamed into place; a summary on stdout follows the commit.
    const decisions: ConformityDecision[] = checked.map((c) => ({ numero: c.candidate.numero, epreuve: c.epreuve, unite: c.unite, conforme: c.conforme, motifs: c.motifs, reserve: c.reserve }));
    const before = await unitsUnderReserve(ws.db);
    const summaryTable = {
      columns: ['numero', 'nom', 'prenom', 'epreuve', 'unite', 'conforme', 'note', 'motifs', 'observations'],
      rows: (absentNv ? checked : [...checked, ...absentRows].sort(byCandidate)).map((c): OutCell[] => [
        c.candidate.numero, c.candidate.nom, c.candidate.prenom, c.epreuve, c.unite,
        c.reserve ? 'sous réserve' : c.conforme ? 'oui' : absentNv || !c.absent ? 'non' : 'absent', c.conforme || (c.absent && !absentNv) ? '' : 'NV',
        c.motifs.map(motifLabel).join(' | '), c.observations.join(' | '),
      ]),
      sheetName: 'Conformité',
    };
    let pages = 0;
    const changes = await commitLast({
      targets: writeFiles ? [opts.output, opts.summary] : [],
      cwd: ctx.cwd,
      render: async () => {
        if (opts.output && !opts.dryRun) {
          const { writeConformityForms } = await import('../../documents/conformity/write-forms.js');
          pages = await writeConformityForms(opts.output, {
            heading: modelHeading(reg, session),
            creationDate: ctx.now(),
            candidates: groupNonConforming(checked).map((g) => ({
              who: { ...g.candidate, academie: academieLabel(reg, g.candidate.academie) },
              dossiers: g.dossiers,
            })),
          });
        }
        if (opts.summary !== '-' && writeFiles) await writeTable(opts.summary, ctx.stdout, summaryTable);
      },
      commit: opts.dryRun
        ? undefined
        : () => mutate(ws, 'conformity', ctx.now(), async (db) => {
          const result = await recordConformity(db, decisions, ctx.now(), file.name);
          if (opts.dateLimite) await setMeta(db, DATE_LIMITE_KEY, opts.dateLimite);
          const nv = decisions.filter((d) => !d.conforme).length;
          return { result, detail: { file: file.name, dossiers: decisions.length, non_conformes: nv, date_limite: dateLimite ?? null } };
        }),
    });
    if (changes) {
      for (const ch of changes) {
        if (ch.old && ch.old !== 'NV') say(ctx, ctx.color.yellow(`${ch.numero} ${ch.unite} : la note ${ch.old} est remplacée par NV (journal des notes).`));
        if (ch.old === 'NV' && !ch.new) say(ctx, `${ch.numero} ${ch.unite} : dossier désormais conforme, NV retiré.`);
      }
      // A réserve lifted: the note is confirmed (conforme) or replaced by NV (above).
      for (const c of checked) {
        if (!c.reserve && before.get(c.candidate.numero)?.has(c.unite)) {
          say(ctx, `${c.candidate.numero} ${c.unite} : réserve de vérification levée — ${c.conforme ? 'notation confirmée' : 'dossier non conforme, NV'}.`);
        }
      }
      if (changes.length > 0 && (await resultsCount(ws.db)) > 0) {
        say(ctx, ctx.color.yellow('Des résultats de délibération existent déjà : relancez `ccst deliberate` pour qu’ils tiennent compte de ces NV.'));
      }
    }
    if (opts.output && !opts.dryRun) say(ctx, `Formulaires annexe 4 : ${opts.output} (${pages} page(s)).`);
    if (opts.summary === '-') await writeTable('-', ctx.stdout, summaryTable);
    else if (!writeFiles) say(ctx, `Simulation (--dry-run) : ${opts.summary} n’a pas été écrit.`);

    for (const n of notices) say(ctx, ctx.color.yellow(`Attention : ${n}`));
    const reserved = checked.filter((c) => c.reserve).length;
    if (reserved) say(ctx, ctx.color.yellow(`${reserved} dossier(s) sous réserve de vérification (circulaire Toulouse 2023 §1.2.2) : notes en attente, la délibération les refusera tant que la réserve n’est pas levée (reserve = non).`));
    const deposited = checked.filter((c) => !c.absent);
    const nonConformes = deposited.filter((c) => !c.conforme);
    const who = new Set(nonConformes.map((c) => c.candidate.numero)).size;
    say(ctx, `${deposited.length} dossier(s) contrôlé(s) : ${deposited.length - nonConformes.length} conforme(s), ${nonConformes.length} non conforme(s) (${who} candidat(s)).`);
    if (absent.length > 0) {
      const why = absentNv
        ? `NV (annexe 4 « absence de dossier », date limite ${frDate(dateLimite!)} passée)`
        : opts.partial
          ? 'pas de NV : fichier déclaré partiel (--partial)'
          : dateLimite
            ? `pas encore de NV : dépôt possible jusqu’au ${frDate(dateLimite)}`
            : 'pas de NV sans date limite : ajoutez --date-limite AAAA-MM-JJ (ou --partial si le fichier est incomplet)';
      say(ctx, ctx.color.yellow(`${absent.length} dossier(s) absent(s) du fichier pour des épreuves passées en ponctuel — ${why} :`));
      for (const a of absentRows.sort(byCandidate)) say(ctx, `  ${a.candidate.numero} ${a.candidate.nom} ${a.candidate.prenom} : ${a.epreuve}`);
    }
    const nv = checked.filter((c) => !c.conforme);
    if (opts.dryRun) say(ctx, 'Vérification seule (--dry-run) : rien n’a été enregistré, aucun formulaire écrit.');
    else if (nv.length > 0) say(ctx, ctx.color.green(`NV enregistré dans le workspace pour ${nv.length} épreuve(s) : le candidat ne peut être interrogé à ces épreuves et le diplôme ne peut lui être délivré.`));
    if (nv.length > 0 && !opts.output && !opts.dryRun) say(ctx, 'Ajoutez -o formulaires.pdf pour imprimer les formulaires de l’annexe 4.');
  } finally {
    await ws.close();
  }
}

const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const byCandidate = (a: Checked, b: Checked) => compareCandidates(a.candidate, b.candidate) || a.epreuve.localeCompare(b.epreuve);

function groupNonConforming(checked: Checked[]): { candidate: Candidate; dossiers: { epreuve: ConformityEpreuve; motifs: Motif[] }[] }[] {
  const groups: { candidate: Candidate; dossiers: { epreuve: ConformityEpreuve; motifs: Motif[] }[] }[] = [];
  for (const c of checked) {
    if (c.conforme) continue;
    const last = groups[groups.length - 1];
    if (last && last.candidate.numero === c.candidate.numero) last.dossiers.push({ epreuve: c.epreuve, motifs: c.motifs });
    else groups.push({ candidate: c.candidate, dossiers: [{ epreuve: c.epreuve, motifs: c.motifs }] });
  }
  return groups;
}
