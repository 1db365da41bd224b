// An exam centre (centre d'écrit / centre d'oral) as the assignment works with it, and the small rules that
// read it: which épreuves and languages it offers, how many candidates it can take, which département it is in.
import type { Zone } from '../regulation/schema.js';

export type CentreType = 'ecrit' | 'oral';

export interface Centre {
  uai: string;
  type: CentreType;
  nom: string;
  adresse?: string;
  codePostal?: string;
  commune?: string;
  /** Académie code of the regulation: the centre serves the candidates this académie organises. */
  academie: string;
  /** Épreuve codes of the regulation (E1, E21, E4, EF1…). */
  epreuves: string[];
  /** Written centre: seats per épreuve. Oral centre: candidates per day and épreuve. */
  capacite: number;
  /** Oral days (AAAA-MM-JJ), sorted. */
  dates: string[];
  /** Languages offered for language orals (E22, EF1): key "*" = every language épreuve, else an épreuve code. */
  langues: Record<string, string[]>;
  /** UAIs of the establishments the rector designated to this centre (circulaire nationale §1-B). */
  origines: string[];
  zone: Zone;
}

/** Languages a centre offers for one épreuve: the épreuve's own list, else the centre-wide one. */
export function languagesFor(centre: Centre, epreuve: string): string[] {
  return centre.langues[epreuve] ?? centre.langues['*'] ?? [];
}

/** "Espagnol", "espagnol ", "ESPAGNOL" are one language; accents are ignored ("néerlandais" = "neerlandais"). */
export function languageKey(raw: string): string {
  return raw.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

export function offersLanguage(centre: Centre, epreuve: string, langue: string | undefined): boolean {
  if (langue === undefined) return true;
  const key = languageKey(langue);
  return languagesFor(centre, epreuve).some((l) => languageKey(l) === key);
}

/**
 * How many candidates a centre takes for one épreuve. A written centre's capacity is its seats for each sitting;
 * an oral centre's capacity is per day, so it takes `capacite × days` candidates over the session.
 */
export function capacityFor(centre: Centre): number {
  return centre.type === 'ecrit' ? centre.capacite : centre.capacite * Math.max(1, centre.dates.length);
}

/**
 * Département of an establishment from its UAI: the first three characters (0310028M → 031, 9710001A → 971).
 * Corsica's UAIs start 620/720 and overseas 97x/98x, which are compared as written.
 */
export function departementOfUai(uai: string | undefined): string | undefined {
  return uai && uai.length >= 3 ? uai.slice(0, 3).toUpperCase() : undefined;
}

/** Département from a French postal code, in the UAI convention (31000 → 031, 97100 → 971); Corsica unknown. */
export function departementOfPostalCode(cp: string | undefined): string | undefined {
  if (!cp || !/^\d{5}$/.test(cp)) return undefined;
  if (cp.startsWith('97') || cp.startsWith('98')) return cp.slice(0, 3);
  if (cp.startsWith('20')) return undefined;
  return '0' + cp.slice(0, 2);
}

/** Canonical text of a language offer as stored: "anglais espagnol" or "E22: anglais espagnol | EF1: espagnol". */
export function formatLangues(langues: Record<string, string[]>): string {
  const parts: string[] = [];
  if (langues['*']) parts.push(langues['*'].join(' '));
  for (const k of Object.keys(langues).filter((k) => k !== '*').sort()) parts.push(`${k}: ${langues[k]!.join(' ')}`);
  return parts.join(' | ');
}
