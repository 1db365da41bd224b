// The effects a disciplinary decision has on a candidate's result (templates/discipline/bts-fraude.json), as data,
// and the notes they void. Circulaire nationale 2024 §G: « La procédure disciplinaire applicable en cas de fraude est
// régie par les articles D643-1 à D 643-32-11. » The BTS articles that fix the effects were not found (the template
// says so and marks every sanction aConfirmer, quoting the neighbouring texts found word for word); the rule encoded
// is theirs: « Toute sanction prononcée entraîne pour le candidat la nullité de l'épreuve au cours de laquelle la
// fraude ou la tentative de fraude a été commise. Le candidat est réputé avoir été présent sans l'avoir subie. »
// (Légifrance LEGIARTI000028321703). The voided épreuve is the note code NUL (note-cell.ts), counted 0.
import { z } from 'zod';

const quoted = z.object({ source: z.string().min(1), text: z.string().min(1) });
const found = z.object({ ref: z.string().min(1), url: z.string().url(), text: z.string().min(1) });

/** The source of the notes a decision voids: « discipline:incident-<id> » (note_audit, notes.source). */
export const DISCIPLINE_SOURCE = 'discipline';
export const disciplineSource = (incidentId: number) => `${DISCIPLINE_SOURCE}:incident-${incidentId}`;
/** The incident whose decision wrote a note (its source), or undefined. */
export function incidentOfSource(source: string): number | undefined {
  const m = /^discipline:incident-(\d+)$/.exec(source);
  return m ? Number(m[1]) : undefined;
}
/** A stored NUL written by `ccst incidents close`: the decision is the reference for that unit. */
export const fromDiscipline = (s: { value: string; source: string }): boolean => s.value === 'NUL' && s.source.startsWith(`${DISCIPLINE_SOURCE}:`);

export const VOIDS = ['none', 'epreuve', 'groupe', 'session'] as const;
export type Voids = (typeof VOIDS)[number];

/** May a unit voided by a sanction be chosen for the épreuves de contrôle of the same session? (controle/choices.ts) */
const controleRule = z.object({ voidedChoosable: z.boolean(), aConfirmer: z.boolean().default(false), source: z.string().min(1), why: z.string().min(1) });
export type ControleVoidedRule = z.infer<typeof controleRule>;

export const disciplineSchema = z.object({
  procedure: quoted,
  /** SIEC, « BTS — fraudes »: no final result while the case is open. */
  withholding: quoted,
  commission: found.optional(),
  /** How « réputé avoir été présent sans l'avoir subie » is written in the notes (the code is note-cell.ts's). */
  voidedNote: z.object({ code: z.literal('NUL'), why: z.string().min(1), found: z.array(found) }),
  controle: controleRule,
  effects: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z_]+$/),
        label: z.string().min(1),
        /** Which notes the decision voids: none, the épreuve of the fraud, a group named by the decision, the session. */
        voids: z.enum(VOIDS),
        /** A sanction with a duration (interdiction): the decision gives it, at most maxYears. */
        duration: z
          .object({
            maxYears: z.number().int().positive(),
            /** « peut être prononcée avec sursis si l'interdiction n'excède pas deux ans » (décret 2024-385 art. 9, DCG/DSCG). */
            sursis: z.object({ maxYears: z.number().int().positive(), aConfirmer: z.boolean().default(false), source: z.string().min(1) }).optional(),
          })
          .optional(),
        source: z.string().min(1),
        /** True while the BTS article that states this effect has not been read (the template says which texts were). */
        aConfirmer: z.boolean().default(false),
        found: z.array(found).min(1),
      }),
    )
    .min(1)
    .refine((l) => new Set(l.map((e) => e.code)).size === l.length, { message: 'code d’effet en double' }),
});
export type Discipline = z.infer<typeof disciplineSchema>;
export type Effect = Discipline['effects'][number];

export function effectByCode(d: Discipline, code: string): Effect | undefined {
  return d.effects.find((e) => e.code === code);
}

/** « En cas de nullité de l'épreuve ou du groupe d'épreuves … la commission d'examen est saisie pour une nouvelle délibération » (LEGIARTI000028321703). */
export const changesResult = (e: Effect): boolean => e.voids !== 'none';

/**
 * The stored effet: the code, and for a sanction with a duration « code:années », « code:années:sursis » when the
 * commission grants a sursis (incidents.effet, no migration).
 */
export function formatEffet(code: string, years?: number, sursis = false): string {
  return years === undefined ? code : `${code}:${years}${sursis ? ':sursis' : ''}`;
}

export function parseEffet(stored: string): { code: string; years?: number; sursis?: true } {
  const m = /^([a-z_]+):(\d+)(:sursis)?$/.exec(stored);
  if (!m) return { code: stored };
  return { code: m[1]!, years: Number(m[2]), ...(m[3] ? { sursis: true as const } : {}) };
}

/** « durée de 2 ans avec sursis » words of a stored effet ('' without a duration). */
function durationWords(years: number | undefined, sursis: boolean | undefined): string {
  if (years === undefined) return '';
  return ` — ${years} an${years > 1 ? 's' : ''}${sursis ? ' avec sursis' : ''}`;
}

export function effetLabel(d: Discipline, stored: string): string {
  const { code, years, sursis } = parseEffet(stored);
  return `${effectByCode(d, code)?.label ?? code}${durationWords(years, sursis)}`;
}

/** « nullité de l'épreuve » without the template's explanation in brackets (for the PV's narrow column). */
const shortLabel = (e: Effect | undefined, code: string) => (e?.label ?? code).replace(/\s*\([^)]*\)\s*$/, '');

/**
 * The PV's observation once the commission has decided (issue #14: the PV said « procédure de fraude en cours »
 * before): « Sanction : nullité de l'épreuve U5 (décision enregistrée le 03/07/2023) ». `units` are the units the decision
 * voided (notes written by incidents close); `decidedOn` the ISO day the decision was recorded.
 */
export function decisionObservation(d: Discipline, stored: string, units: readonly string[], decidedOn: string): string {
  const { code, years, sursis } = parseEffet(stored);
  const effect = effectByCode(d, code);
  const day = decidedOn.slice(0, 10).split('-').reverse().join('/');
  if (!effect || !changesResult(effect)) return `Fraude : ${shortLabel(effect, code)} (décision enregistrée le ${day})`;
  const voided = units.length ? `, ${units.length > 1 ? 'épreuves annulées' : 'épreuve annulée'} ${units.join(', ')}` : '';
  const what = code === 'nullite_epreuve' && units.length === 1 ? `nullité de l'épreuve ${units[0]}` : `${shortLabel(effect, code)}${durationWords(years, sursis)}${voided}`;
  return `Sanction : ${what} (décision enregistrée le ${day})`;
}

/** A stored note of the candidate: its canonical text (« 12,5 », « ABS », « BEN 14@2022 »). */
export interface VoidInput {
  effect: Effect;
  /** The unit of the épreuve where the fraud was committed. */
  unit: string;
  /** nullité d'un groupe: the units the decision names (the fraud's unit is added). */
  group?: readonly string[];
  /** The candidate's stored notes, unit → text. */
  stored: ReadonlyMap<string, string>;
}

export interface VoidPlan {
  writes: { unite: string; old?: string; value: 'NUL' }[];
  /** Units that cannot be voided: a bénéfice, report or dispense is not an épreuve of this session. */
  refused: { unite: string; stored: string }[];
}

/** Not an épreuve sat at this session: an earlier session's note (D643-20), a report, a dispense. */
const notOfThisSession = (v: string) => v === 'DIS' || /^(BEN|REP)\b/.test(v);
/** What the candidate did not sit (ABS, NV) or what is already void stays as it is. */
const keptAsIs = (v: string) => v === 'ABS' || v === 'NV' || v === 'NUL';

/** The units a decision sets to NUL (« réputé avoir été présent sans l'avoir subie »), with their old value. */
export function voidPlan(i: VoidInput): VoidPlan {
  const plan: VoidPlan = { writes: [], refused: [] };
  if (i.effect.voids === 'none') return plan;
  const units = new Set([i.unit]);
  if (i.effect.voids === 'groupe') for (const u of i.group ?? []) units.add(u);
  if (i.effect.voids === 'session') {
    // « nullité de la session d'examen »: every note of this session; what came from earlier sessions stays.
    for (const [u, v] of i.stored) if (!notOfThisSession(v) && !keptAsIs(v)) units.add(u);
  }
  for (const u of [...units].sort()) {
    const old = i.stored.get(u);
    if (old !== undefined && notOfThisSession(old)) plan.refused.push({ unite: u, stored: old });
    else if (old === 'NUL') continue;
    else plan.writes.push(old === undefined ? { unite: u, value: 'NUL' } : { unite: u, old, value: 'NUL' });
  }
  return plan;
}
