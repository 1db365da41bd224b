// The seats of one épreuve's commission (or its correctors) for a form and a candidate, from the regulation data
// (commissions-schema.ts). Pure: `ccst commissions build` and the lots of copies (issue #13) ask it who may sit.
import type { Regulation } from './schema.js';
import type { CommissionMember, Composition } from './commissions-schema.js';

export interface Seat {
  role: string;
  /** Profiles that can hold the seat, the candidate's language already applied. */
  profiles: string[];
  required: boolean;
  fallback?: { role: string; profiles: string[] };
}

export interface ResolvedComposition {
  epreuve: string;
  form: 'ccf' | 'ponctuel';
  kind: Composition['kind'];
  variant?: 'etranger';
  members: CommissionMember[];
  /** The entry that states it, and the one it refers to (« la même que celle de l'épreuve U61 »). */
  source: string;
  quote: string;
  via?: { source: string; quote: string };
}

/** The composition of `epreuve` in `form` (variant: parcours à l'étranger); undefined when the regulation gives none. */
export function compositionFor(reg: Regulation, epreuve: string, form: 'ccf' | 'ponctuel', variant?: 'etranger'): ResolvedComposition | undefined {
  const all = reg.commissions?.compositions ?? [];
  const find = (e: string, v?: 'etranger') => all.find((c) => c.epreuve === e && c.forms.includes(form) && c.variant === v);
  // No entry for the variant: the general composition applies (only EF2 has one abroad).
  const entry = find(epreuve, variant) ?? (variant ? find(epreuve) : undefined);
  if (!entry) return undefined;
  const base = { epreuve, form, kind: entry.kind, ...(entry.variant ? { variant: entry.variant } : {}), source: entry.source, quote: entry.quote };
  if (entry.members) return { ...base, members: entry.members };
  const target = find(entry.sameAs!);
  if (!target?.members) return undefined; // refused when the file is loaded (commissionsIssues)
  return { ...base, members: target.members, via: { source: target.source, quote: target.quote } };
}

export class UnknownLanguageProfileError extends Error {
  constructor(readonly epreuve: string, readonly language: string) {
    super(`${epreuve} : aucun profil d’examinateur pour la langue « ${language} » dans le règlement`);
  }
}

/**
 * The seats for one candidate: a seat that follows the candidate's language keeps only that language's profile
 * (a commission hears one language). Without a language such a seat keeps every language profile.
 */
export function seatsFor(reg: Regulation, composition: ResolvedComposition, language?: string): Seat[] {
  const profiles = reg.commissions?.profiles ?? [];
  return composition.members.map((m) => {
    let allowed = m.profiles;
    if (m.candidateLanguage && language) {
      const wanted = profiles.find((p) => p.language === language)?.code;
      if (!wanted || !m.profiles.includes(wanted)) throw new UnknownLanguageProfileError(composition.epreuve, language);
      allowed = [wanted];
    }
    return { role: m.role, profiles: allowed, required: m.required, ...(m.fallback ? { fallback: m.fallback } : {}) };
  });
}

/** How an examiner with these profiles can hold the seat: by its own profile, as the fallback, or not at all. */
export function holds(seat: Seat, examinerProfiles: readonly string[]): 'profile' | 'fallback' | undefined {
  if (seat.profiles.some((p) => examinerProfiles.includes(p))) return 'profile';
  if (seat.fallback?.profiles.some((p) => examinerProfiles.includes(p))) return 'fallback';
  return undefined;
}

/** Every composition of the regulation, one line each (`ccst regulation show`): « E4 ponctuel (évaluation) : … ». */
export function compositionLines(reg: Regulation): string[] {
  const kinds = { interrogation: 'interrogation', evaluation: 'évaluation', correction: 'correction des copies' };
  return (reg.commissions?.compositions ?? []).map((c) => {
    const head = `${c.epreuve} ${c.forms.join('/')}${c.variant ? ` (à l’étranger)` : ''} — ${kinds[c.kind]}`;
    if (c.sameAs) return `${head} : comme ${c.sameAs}`;
    const seats = c.members!.map((m) => `${m.required ? '' : '['}${m.role}${m.fallback ? `, à défaut ${m.fallback.role}` : ''}${m.required ? '' : ']'}`);
    return `${head} : ${seats.join(' + ')}`;
  });
}
