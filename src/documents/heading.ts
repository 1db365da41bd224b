// The running title of the national models: "BTS CONSEIL ET COMMERCIALISATION DE SOLUTIONS TECHNIQUES - SESSION 2024"
// (circulaire nationale 2024, annexes 4 to 25).
import type { Regulation } from '../domain/regulation/schema.js';

export function modelHeading(reg: Regulation, session: number): string {
  const diplome = reg.diplome.replace(/^BTS\s+/i, '');
  return `BTS ${diplome.toUpperCase()} - SESSION ${session}`;
}

export function academieLabel(reg: Regulation, code: string | undefined): string | undefined {
  if (!code) return undefined;
  return reg.academies.find((a) => a.code === code)?.label ?? code;
}
