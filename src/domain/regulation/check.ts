// `ccst regulation check`: every rule about a regulation file that can be verified without the arrêté in hand
// (issue 11 finding 9). The zod schema (schema.ts) gives shape and references (units named by calendars,
// regroupements, contrôle, dispenses, correspondence); this module adds what needs arithmetic or counting and turns
// every issue into a sentence that names the unit, the épreuve or the académie at fault. Pure: no file access.
import type { z } from 'zod';
import { COLUMNS, regulationSchema, type Regulation } from './schema.js';
import { fieldsToConfirm, regimeCovers } from './controle-schema.js';

/** A document template (grid, form) names the unit and forms it is for (templates/documents/*.json). */
export interface TemplateRef {
  file: string;
  unit: string;
  forms: string[];
}

export interface RegulationCheck {
  regulation?: Regulation;
  errors: string[];
  warnings: string[];
}

const hundredths = (x: number) => Math.round(x * 100);
const fr = (h: number) => (h % 100 === 0 ? String(h / 100) : (h / 100).toFixed(2).replace(/0$/, '').replace('.', ','));

/** A zod issue as a sentence; a missing form names the unit and the voies of that column. */
function issueText(raw: unknown, issue: z.ZodIssue): string {
  const p = issue.path;
  const units = (raw as { units?: { code?: string }[] })?.units;
  const voies = (raw as { voies?: { code?: string; column?: string }[] })?.voies ?? [];
  if (p[0] === 'units' && typeof p[1] === 'number' && p[2] === 'forms' && typeof p[3] === 'string' && (COLUMNS as readonly string[]).includes(p[3]) && p.length === 4) {
    const code = units?.[p[1]]?.code ?? `n° ${p[1] + 1}`;
    const who = voies.filter((v) => v.column === p[3]).map((v) => v.code);
    return `unité ${code} : forme manquante pour la colonne ${p[3]}${who.length ? ` (voies ${who.join(', ')})` : ''}`;
  }
  if (p[0] === 'units' && typeof p[1] === 'number') {
    const code = units?.[p[1]]?.code ?? `n° ${p[1] + 1}`;
    return `unité ${code}, ${p.slice(2).join('.') || '(unité)'} : ${issue.message}`;
  }
  // The schema's cross-reference checks already name their field (« calendar: épreuve inconnue E9 »).
  if (issue.code === 'custom') return issue.message;
  return `${p.join('.') || '(racine)'} : ${issue.message}`;
}

export function checkRegulation(raw: unknown, templates: TemplateRef[] = []): RegulationCheck {
  const parsed = regulationSchema.safeParse(raw);
  if (!parsed.success) return { errors: parsed.error.issues.map((i) => issueText(raw, i)), warnings: [] };
  const reg = parsed.data;
  const errors: string[] = [];
  const warnings: string[] = [];
  const unit = new Map(reg.units.map((u) => [u.code, u]));

  // Référentiel annexe IV c gives an épreuve made of sub-épreuves one coefficient (E2: 3 = U21 1,5 + U22 1,5).
  for (const g of reg.epreuves ?? []) {
    const sum = g.units.reduce((n, c) => n + hundredths(unit.get(c)?.coefficient ?? 0), 0);
    if (sum !== hundredths(g.coefficient)) {
      errors.push(`épreuve ${g.code} : somme des coefficients ${g.units.join(' + ')} = ${fr(sum)}, le règlement donne ${fr(hundredths(g.coefficient))} à l’épreuve`);
    }
  }
  for (const u of reg.units) {
    if (u.optional && u.coefficient !== 0) errors.push(`unité facultative ${u.code} : coefficient ${fr(hundredths(u.coefficient))} ; seuls les points au-dessus de 10 comptent (D643-15-1), coefficient 0 attendu`);
    if (!u.optional && u.coefficient === 0) errors.push(`unité obligatoire ${u.code} : coefficient 0`);
  }

  // D643-15 1°: at most N compulsory and M optional épreuves (sub-épreuves counted once, under their épreuve).
  if (reg.limits) {
    const groupOf = new Map((reg.epreuves ?? []).flatMap((g) => g.units.map((c) => [c, g.code] as const)));
    const count = (optional: boolean) => new Set(reg.units.filter((u) => u.optional === optional).map((u) => groupOf.get(u.code) ?? u.epreuve)).size;
    const compulsory = count(false);
    const optional = count(true);
    if (compulsory > reg.limits.maxCompulsoryEpreuves) errors.push(`${compulsory} épreuves obligatoires : au plus ${reg.limits.maxCompulsoryEpreuves} (${reg.limits.source})`);
    if (optional > reg.limits.maxOptionalEpreuves) errors.push(`${optional} épreuves facultatives : au plus ${reg.limits.maxOptionalEpreuves} (${reg.limits.source})`);
  }

  // Every voie's column has a form for every unit (the schema requires A, B, C); every column is used by a voie.
  for (const c of COLUMNS) if (!reg.voies.some((v) => v.column === c)) warnings.push(`colonne ${c} du règlement : aucune voie n’y est rattachée`);

  // Grids and forms name a unit and the forms they serve: the unit must exist and take that form for some voie.
  for (const t of templates) {
    const u = unit.get(t.unit);
    if (!u) {
      warnings.push(`modèle ${t.file} : unité ${t.unit} inconnue de ce règlement (grille ou formulaire à adapter)`);
      continue;
    }
    const forms = new Set(COLUMNS.map((c) => u.forms[c].form));
    for (const f of t.forms) if (!forms.has(f as 'ccf' | 'ponctuel')) warnings.push(`modèle ${t.file} : ${t.unit} n’est jamais passée en ${f} dans ce règlement`);
  }

  if (!reg.controle?.regimes.some((r) => regimeCovers(r, reg.session))) {
    warnings.push(`épreuves de contrôle : aucun régime ne couvre la session ${reg.session} (controle.regimes)`);
  }
  for (const r of reg.controle?.regimes ?? []) for (const f of fieldsToConfirm(r)) warnings.push(`à confirmer : ${f}`);
  if (reg.correspondence?.aConfirmer) warnings.push(`table de correspondance avec ${reg.correspondence.from} : à confirmer (${reg.correspondence.source})`);
  for (const f of reg.toConfirm ?? []) warnings.push(`à confirmer : ${f}`);
  if (reg.calendar.written.length === 0) warnings.push('calendrier : aucune épreuve écrite datée (importez le calendrier : ccst calendar import)');
  return { regulation: errors.length ? undefined : reg, errors, warnings };
}
