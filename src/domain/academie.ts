// Académie names as written by people ("Aix-Marseille", "LA REUNION", "Orléans-Tours", "ac-toulouse") to codes.
import type { Regulation, Zone } from './regulation/schema.js';

export function academieKey(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/^(ACADEMIE|ACAD\.?|AC)[\s-]+(DE |D'|D’|DU |DES )?/, '')
    .replace(/['’]/g, ' ')
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The regulation's code for an académie name, or undefined when unknown. */
export function normaliseAcademie(reg: Regulation, raw: string): string | undefined {
  const key = academieKey(raw);
  if (!key) return undefined;
  for (const a of reg.academies) {
    if (academieKey(a.code) === key || academieKey(a.label) === key || a.aliases.some((x) => academieKey(x) === key)) {
      return a.code;
    }
  }
  return undefined;
}

/** Annexe 2 zones: Guadeloupe/Martinique/Guyane → Antilles-Guyane, La Réunion (and Mayotte) → Réunion, else Métropole. */
export function zoneOfAcademie(reg: Regulation, code: string): Zone {
  return reg.academies.find((a) => a.code === code)?.zone ?? 'metropole';
}
