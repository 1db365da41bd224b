// The effects a disciplinary decision may have on a candidate's result (templates/discipline/bts-fraude.json), and
// what they mean for the documents of the session. Circulaire nationale 2024 §G: « La procédure disciplinaire
// applicable en cas de fraude est régie par les articles D643-1 à D 643-32-11. » Those articles are not in the
// reference texts of the project: an effect that changes the result is recorded, never applied by ccst (no fake):
// the candidate's relevé stays withheld and the office is told the jury must apply it.
import { z } from 'zod';

const quoted = z.object({ source: z.string().min(1), text: z.string().min(1) });

export const disciplineSchema = z.object({
  procedure: quoted,
  /** SIEC, « BTS — fraudes »: no final result while the case is open. */
  withholding: quoted,
  effects: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z_]+$/),
        label: z.string().min(1),
        /** False: the deliberated result stands once the decision is recorded. True: ccst does not apply it. */
        changesResult: z.boolean(),
        source: z.string().min(1),
        aConfirmer: z.boolean().default(false),
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
