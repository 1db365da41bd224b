// ccst regulation show|check|new (issue 11 finding 9): help an office write and trust the regulation file of a
// session — after décret 2024-788 the CCST règlement changes (épreuves renumbered, ECTS, at most nine compulsory and
// two optional épreuves), and ccst ships no guessed coefficients: the office builds its file from the arrêté's
// annexe IV, starting from a copy (`new`), verified by `check`, read back by `show`.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { say } from '../context.js';
import { parseOptions } from '../options.js';
import { inputError, usageError } from '../errors.js';
import { bundledRegulationPath, listBundledRegulations, parseRegulation } from '../../io/regulation-file.js';
import { TEMPLATES_DIR } from '../../io/paths.js';
import { writeFileAtomic } from '../../io/output.js';
import { checkRegulation, type TemplateRef } from '../../domain/regulation/check.js';
import { regimeCovers, fieldsToConfirm } from '../../domain/regulation/controle-schema.js';
import { dispenseGrounds } from '../../domain/regulation/code-scope.js';
import type { Regulation } from '../../domain/regulation/schema.js';
import { maybeOpenWorkspace } from '../deliberation/workspace-inputs.js';
import { sessionRegulation } from '../../store/session.js';
import { claimOutputs } from '../output-policy.js';
import { compositionLines } from '../../domain/regulation/commissions.js';

const optionsSchema = z.object({
  action: z.enum(['show', 'check', 'new']),
  file: z.string().optional(),
  workspace: z.string().optional(),
  session: z.coerce.number().int().min(2000).max(2100).optional(),
  from: z.string().optional(),
  output: z.string().optional(),
  json: z.boolean().optional(),
  force: z.boolean().optional(),
});

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  if (opts.action === 'check') return check(ctx, opts);
  if (opts.action === 'new') return create(ctx, opts);
  return show(ctx, opts);
}

/** A bundled id (bts-ccst-2024) or a file path → its text and a name for messages. */
function source(ctx: Ctx, ref: string): { text: string; name: string } {
  if (listBundledRegulations().includes(ref)) return { text: fs.readFileSync(bundledRegulationPath(ref), 'utf8'), name: ref };
  const file = path.resolve(ctx.cwd, ref);
  if (!fs.existsSync(file)) throw usageError(`règlement introuvable : ${ref}`, [`Règlements fournis : ${listBundledRegulations().join(', ')} ; ou le chemin d’un fichier .json.`]);
  return { text: fs.readFileSync(file, 'utf8'), name: path.basename(file) };
}

/** The unit and forms each bundled document template serves (grids and forms name them). */
function templateRefs(): TemplateRef[] {
  const dir = path.join(TEMPLATES_DIR, 'documents');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const t = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { unit: string; forms?: string[] };
      return { file: `templates/documents/${f}`, unit: t.unit, forms: t.forms ?? [] };
    });
}

async function check(ctx: Ctx, opts: z.infer<typeof optionsSchema>): Promise<void> {
  if (!opts.file) throw usageError('ccst regulation check <fichier.json> : fichier à vérifier manquant');
  const { text, name } = source(ctx, opts.file);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw inputError(`${name} : JSON invalide (${(e as Error).message})`);
  }
  const r = checkRegulation(raw, templateRefs());
  if (opts.json) ctx.stdout.write(JSON.stringify({ file: name, valid: r.errors.length === 0, errors: r.errors, warnings: r.warnings }, null, 2) + '\n');
  if (r.errors.length) {
    throw inputError(`${name} : règlement invalide, ${r.errors.length} erreur(s)`, [...r.errors, ...r.warnings.map((w) => `(attention) ${w}`)]);
  }
  const reg = r.regulation!;
  for (const w of r.warnings) say(ctx, ctx.color.yellow(`Attention : ${w}`));
  say(ctx, ctx.color.green(`${name} : règlement valide — ${reg.id}, session ${reg.session}, ${reg.units.length} unités, ${reg.voies.length} voies, ${reg.academies.length} académies${r.warnings.length ? `, ${r.warnings.length} point(s) à confirmer` : ''}.`));
}

async function show(ctx: Ctx, opts: z.infer<typeof optionsSchema>): Promise<void> {
  let reg: Regulation;
  let name: string;
  if (opts.file) {
    const s = source(ctx, opts.file);
    reg = parseRegulation(s.text, s.name);
    name = s.name;
  } else {
    const ws = await maybeOpenWorkspace(ctx, opts);
    try {
      reg = ws ? (await sessionRegulation(ws.db)) : parseRegulation(fs.readFileSync(bundledRegulationPath(listBundledRegulations()[0]!), 'utf8'), 'règlement fourni');
      name = ws ? 'règlement du workspace' : reg.id;
    } finally {
      await ws?.close();
    }
  }
  const session = opts.session ?? reg.session;
  const regime = reg.controle?.regimes.find((r) => regimeCovers(r, session));
  const groups = reg.epreuves ?? [];
  if (opts.json) {
    ctx.stdout.write(JSON.stringify({ id: reg.id, session, units: reg.units, epreuves: groups, controle: regime ?? null, dispenses: dispenseGrounds(reg), correspondence: reg.correspondence ?? null, commissions: reg.commissions ?? null }, null, 2) + '\n');
    return;
  }
  const out: string[] = [];
  out.push(`${reg.diplome} — ${reg.id} (${name}), session ${session}`);
  out.push('');
  out.push('Unité  Épreuve  Coef  ECTS  Domaine        Colonne A / B / C');
  for (const u of reg.units) {
    const forms = (['A', 'B', 'C'] as const).map((c) => {
      const f = u.forms[c];
      return f.form === 'ccf' ? `CCF ${f.situations} sit.` : `${f.nature} ${f.minutes} min`;
    });
    const coef = u.optional ? 'fac.' : String(u.coefficient).replace('.', ',');
    out.push(`${u.code.padEnd(6)} ${u.epreuve.padEnd(8)} ${coef.padEnd(5)} ${String(u.ects ?? '—').padEnd(5)} ${u.domain.padEnd(14)} ${forms.join(' / ')}  ${u.title}`);
  }
  for (const g of groups) out.push(`Épreuve ${g.code} (coef ${String(g.coefficient).replace('.', ',')}) = ${g.units.join(' + ')}`);
  out.push('');
  out.push(`Voies : ${reg.voies.map((v) => `${v.code} (${v.column})`).join(', ')}`);
  out.push(`Dispenses : ${dispenseGrounds(reg).map((g) => `${g.id} → ${g.blocks.map((b) => b.join('+')).join(', ')}`).join(' ; ')}`);
  out.push(regime
    ? `Épreuves de contrôle (session ${session}) : ${regime.label} — ${regime.epreuves.map((e) => e.unite).join(', ')}, ${regime.choice.value.min} à ${regime.choice.value.max} au choix${fieldsToConfirm(regime).length ? ` (${fieldsToConfirm(regime).length} valeur(s) à confirmer)` : ''}`
    : `Épreuves de contrôle (session ${session}) : aucun régime du règlement ne couvre cette session`);
  if (reg.correspondence) out.push(`Correspondance avec ${reg.correspondence.from} (bénéfices jusqu’à la session ${reg.correspondence.untilSession}) : ${reg.correspondence.units.map((m) => `${m.old} → ${m.new}`).join(', ')}`);
  const commissions = compositionLines(reg);
  if (commissions.length) out.push('', 'Commissions (entre crochets : la commission peut siéger sans ce membre) :', ...commissions.map((l) => `  ${l}`));
  if (reg.toConfirm?.length) out.push(`À confirmer : ${reg.toConfirm.length} champ(s) (ccst regulation check)`);
  ctx.stdout.write(out.join('\n') + '\n');
}

/**
 * A copy of a regulation for another session, to edit: the id and session changed, the dated calendar emptied (its
 * dates belong to the source session), and `toConfirm` listing what the office must check against the arrêté.
 */
export function copyForSession(sourceText: string, session: number): { json: Record<string, unknown>; toConfirm: string[] } {
  const json = JSON.parse(sourceText) as Record<string, unknown> & { units: { code: string; ects?: number }[]; calendar: { written: unknown[] } };
  const reg = parseRegulation(sourceText, 'source');
  const id = `${String(json.id).replace(/-\d{4}$/, '')}-${session}`;
  const toConfirm = [
    'units[].coefficient : coefficients du règlement d’examen (annexe IV c de l’arrêté)',
    'units[].ects : crédits européens de chaque épreuve (annexe IV c de l’arrêté, après le décret n° 2024-788)',
    'units[].epreuve et units[].code : numérotation des épreuves (ex. « E4 » devient « E5 »)',
    'units[].forms : forme et durée par colonne de voies (annexe IV c)',
    'epreuves : épreuves composées de sous-épreuves (il n’y en a plus après la réforme)',
    'limits : nombre maximal d’épreuves (D643-15 1° : neuf obligatoires et deux facultatives après le décret n° 2024-788)',
    'dispenses.grounds : unités dispensables (annexe IV b)',
    `controle : régime des épreuves de contrôle couvrant la session ${session}`,
    'correspondence : table de correspondance entre les unités de l’ancien règlement et les nouvelles épreuves (bénéfices)',
    `calendar.written : dates et heures des épreuves écrites de la session ${session} (ccst calendar import)`,
  ];
  for (const r of reg.controle?.regimes ?? []) if (regimeCovers(r, session)) toConfirm.push(...fieldsToConfirm(r));
  if (!reg.controle?.regimes.some((r) => regimeCovers(r, session))) toConfirm.push(`controle.regimes : aucun régime ne couvre la session ${session}`);
  json.$comment = `Copie de ${String(json.id)} pour la session ${session} (ccst regulation new) : à compléter d’après l’arrêté et sa circulaire ; voir toConfirm.`;
  json.id = id;
  json.session = session;
  json.calendar = { ...json.calendar, written: [] };
  json.toConfirm = toConfirm;
  return { json, toConfirm };
}

async function create(ctx: Ctx, opts: z.infer<typeof optionsSchema>): Promise<void> {
  if (!opts.from) throw usageError('ccst regulation new --from <règlement> --session <année> : --from manquant');
  if (!opts.session) throw usageError('ccst regulation new : --session manquante (la session du nouveau règlement, ex. 2027)');
  const { text } = source(ctx, opts.from);
  const { json, toConfirm } = copyForSession(text, opts.session);
  const target = path.resolve(ctx.cwd, opts.output ?? `${String(json.id)}.json`);
  // The house's rule for outputs (output-policy.ts): never the source file nor the workspace; --force to replace.
  await claimOutputs(ctx, [target], { inputs: [listBundledRegulations().includes(opts.from) ? undefined : opts.from], workspace: opts, force: opts.force });
  await writeFileAtomic(target, async (tmp) => fs.writeFileSync(tmp, JSON.stringify(json, null, 2) + '\n'));
  fs.chmodSync(target, 0o644);
  say(ctx, ctx.color.green(`Règlement ${String(json.id)} écrit : ${path.relative(ctx.cwd, target) || target}`));
  say(ctx, `À confirmer d’après l’arrêté (champ toConfirm du fichier, à vider une fois vérifié) :`);
  for (const f of toConfirm) say(ctx, `  - ${f}`);
  say(ctx, `Puis : ccst regulation check ${path.relative(ctx.cwd, target) || target}`);
}
