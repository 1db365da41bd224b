// The épreuves de contrôle as regulation data: one regime per range of sessions, each with its sources. The rules
// differ by session (issue 11 item 8): sessions up to 2024 follow décret 2022-850 (D643-15 2°, version of 5 June
// 2022: two oral épreuves on the general domain); from session 2025 the arrêté of 20 June 2024, replaced by the
// arrêté of 9 May 2025, lists the épreuves a candidate may choose. What the texts we hold do not say is a value
// marked `aConfirmer` (shared/reference/reforme-bts-2024.md): the commands warn when they apply such a value.
import { z } from 'zod';

/** A value with the status of its source: `aConfirmer` when no text we hold confirms it. */
export function confirmable<T extends z.ZodTypeAny>(value: T) {
  return z.object({
    value,
    aConfirmer: z.boolean().default(false),
    source: z.string().optional(),
    note: z.string().optional(),
  });
}

const minutes = z.number().int().positive();

const controleEpreuveSchema = z.object({
  /** The unit whose note the contrôle may replace (a code of `units`). */
  unite: z.string().regex(/^U[A-Z0-9]+$/),
  label: z.string().min(1),
  /** Oral: interrogation and preparation minutes. */
  minutes: confirmable(minutes),
  preparationMinutes: confirmable(z.number().int().nonnegative()),
});
export type ControleEpreuve = z.infer<typeof controleEpreuveSchema>;

export const controleRegimeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    label: z.string().min(1),
    /** Sessions the regime applies to, both ends included; an open end has no bound. */
    sessions: z.object({ from: z.number().int().optional(), to: z.number().int().optional() }),
    sources: z.array(z.string().min(1)).min(1),
    /** Access: MG ≥ controleThreshold (and < the admission threshold) and MP ≥ professionalThreshold. */
    access: confirmable(z.object({ controleThreshold: z.number(), professionalThreshold: z.number() })),
    epreuves: z.array(controleEpreuveSchema).min(1),
    /** How many épreuves a candidate chooses. */
    choice: confirmable(z.object({ min: z.number().int().nonnegative(), max: z.number().int().positive() })),
    /** May a unit held as a bénéfice of an earlier session be chosen? */
    beneficeChoosable: confirmable(z.boolean()),
    /** Does a unit whose note reached the bénéfice minimum at the contrôle become an acquired unit (ajourné)? */
    acquiredAfterControle: confirmable(z.boolean()),
  })
  .refine((r) => r.choice.value.min <= r.choice.value.max, { message: 'choice : min > max' });
export type ControleRegime = z.infer<typeof controleRegimeSchema>;

export const controleSchema = z.object({
  $comment: z.string().optional(),
  regimes: z.array(controleRegimeSchema).min(1),
});
export type ControleData = z.infer<typeof controleSchema>;

export function regimeCovers(r: ControleRegime, session: number): boolean {
  return (r.sessions.from === undefined || session >= r.sessions.from) && (r.sessions.to === undefined || session <= r.sessions.to);
}

export function regimesOverlap(a: ControleRegime, b: ControleRegime): boolean {
  const from = Math.max(a.sessions.from ?? -Infinity, b.sessions.from ?? -Infinity);
  const to = Math.min(a.sessions.to ?? Infinity, b.sessions.to ?? Infinity);
  return from <= to;
}

/** Every field of a regime still to confirm, as "regime.path : note" lines (for `regulation new|check`). */
export function fieldsToConfirm(r: ControleRegime): string[] {
  const out: string[] = [];
  const add = (path: string, f: { aConfirmer: boolean; note?: string }) => {
    if (f.aConfirmer) out.push(`controle.${r.id}.${path}${f.note ? ` : ${f.note}` : ''}`);
  };
  add('access', r.access);
  add('choice', r.choice);
  add('beneficeChoosable', r.beneficeChoosable);
  add('acquiredAfterControle', r.acquiredAfterControle);
  for (const e of r.epreuves) {
    add(`${e.unite}.minutes`, e.minutes);
    add(`${e.unite}.preparationMinutes`, e.preparationMinutes);
  }
  return out;
}
