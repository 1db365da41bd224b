// Who sits on each épreuve's commission (issue #13): the « Composition de la commission » sentences of the national
// circular as data, one entry per épreuve, form and variant, each with the sentence it encodes. The shape only;
// the entries and their sources are in templates/regulations/*.json.
import { z } from 'zod';

const profileCode = z.string().regex(/^[a-z][a-z-]*$/, 'profil : minuscules et tirets (ex. economie-gestion)');

export const commissionProfileSchema = z.object({
  code: profileCode,
  label: z.string().min(1),
  /** For a language teacher: the language (as candidates' `langue`/`ef1` name it) this profile examines in. */
  language: z.string().min(1).optional(),
});
export type CommissionProfile = z.infer<typeof commissionProfileSchema>;

const memberSchema = z.object({
  /** The member as the sentence names them (shown on documents and in shortage reports). */
  role: z.string().min(1),
  /** Any of these profiles can hold the seat. */
  profiles: z.array(profileCode).min(1),
  /** false: « En l'absence de ce dernier, la commission pourra néanmoins procéder à l'évaluation ». */
  required: z.boolean(),
  /** The seat is held by a teacher of the language the candidate chose (EF1, EF2 abroad). */
  candidateLanguage: z.boolean().optional(),
  /** « … ou à défaut d'un second professeur … »: who takes the seat when no one of `profiles` is available. */
  fallback: z.object({ role: z.string().min(1), profiles: z.array(profileCode).min(1) }).optional(),
});
export type CommissionMember = z.infer<typeof memberSchema>;

export const compositionSchema = z
  .object({
    epreuve: z.string().regex(/^E[A-Z0-9]+$/),
    forms: z.array(z.enum(['ccf', 'ponctuel'])).min(1),
    /** interrogation/evaluation: an oral commission; correction: who corrects written copies (lots). */
    kind: z.enum(['interrogation', 'evaluation', 'correction']),
    /** « etranger »: parcours de professionnalisation à l'étranger (EF2). Absent: the general case. */
    variant: z.enum(['etranger']).optional(),
    /** « la même que celle de l'épreuve U61 »: the composition of that épreuve, same form. */
    sameAs: z.string().regex(/^E[A-Z0-9]+$/).optional(),
    members: z.array(memberSchema).min(1).optional(),
    /** Where the text stands (circular, épreuve, paragraph). */
    source: z.string().min(1),
    /** The sentence itself, verbatim: a test finds it in the reference text. */
    quote: z.string().min(1),
  })
  .refine((c) => (c.sameAs === undefined) !== (c.members === undefined), {
    message: 'une composition donne soit members, soit sameAs',
  });
export type Composition = z.infer<typeof compositionSchema>;

/** A meeting of the correcteurs the circular announces for an épreuve (« réunion d'entente », « commission d'harmonisation »). */
export const correcteursMeetingSchema = z.object({
  epreuve: z.string().regex(/^E[A-Z0-9]+$/),
  kind: z.enum(['entente', 'harmonisation']),
  source: z.string().min(1),
  /** The sentence itself, verbatim: a test finds it in the reference text. */
  quote: z.string().min(1),
});
export type CorrecteursMeeting = z.infer<typeof correcteursMeetingSchema>;

export const commissionsSchema = z.object({
  profiles: z.array(commissionProfileSchema).min(1),
  compositions: z.array(compositionSchema).min(1),
  meetings: z.array(correcteursMeetingSchema).optional(),
});
export type Commissions = z.infer<typeof commissionsSchema>;

/** Cross-checks within the regulation: known épreuves and profiles, one entry per épreuve/form/variant, sameAs resolvable. */
export function commissionsIssues(c: Commissions, epreuves: Set<string>): string[] {
  const issues: string[] = [];
  const profiles = new Set(c.profiles.map((p) => p.code));
  const seen = new Set<string>();
  for (const m of c.meetings ?? []) if (!epreuves.has(m.epreuve)) issues.push(`commissions.meetings ${m.epreuve} : épreuve inconnue`);
  for (const comp of c.compositions) {
    const at = `commissions ${comp.epreuve}${comp.variant ? ` (${comp.variant})` : ''}`;
    if (!epreuves.has(comp.epreuve)) issues.push(`${at} : épreuve inconnue`);
    for (const form of comp.forms) {
      const key = `${comp.epreuve}/${form}/${comp.variant ?? ''}`;
      if (seen.has(key)) issues.push(`${at} : deux compositions pour la forme ${form}`);
      seen.add(key);
      if (comp.sameAs && !c.compositions.some((o) => o.epreuve === comp.sameAs && o.members && o.forms.includes(form) && !o.variant)) {
        issues.push(`${at} : sameAs ${comp.sameAs} n’a pas de composition pour la forme ${form}`);
      }
    }
    for (const m of comp.members ?? []) {
      for (const p of [...m.profiles, ...(m.fallback?.profiles ?? [])]) {
        if (!profiles.has(p)) issues.push(`${at} : profil inconnu ${p}`);
      }
      if (m.candidateLanguage && !m.profiles.every((p) => c.profiles.find((d) => d.code === p)?.language)) {
        issues.push(`${at} : « ${m.role} » suit la langue du candidat mais un de ses profils n’a pas de langue`);
      }
    }
  }
  return issues;
}
