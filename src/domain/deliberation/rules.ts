// The deliberation rules of a session, taken from the regulation data (`units`, `deliberation`), never from
// constants in code: coefficients, thresholds, professional and contrôle units, bénéfice limits.
import type { Regulation } from '../regulation/schema.js';
import { regimeCovers, type ControleRegime } from '../regulation/controle-schema.js';
import { toHundredths } from './exact.js';
import { codeScope, nvEffect } from '../regulation/code-scope.js';

export interface RuleUnit {
  code: string;
  /** Coefficient in hundredths (U21 1,5 → 150); 0 for optional units. */
  coefH: number;
  /** Counts in the professional average (domain "professional": U4, U5, U61, U62). */
  professional: boolean;
  /** Can be taken as an épreuve de contrôle (deliberation.controleUnits). */
  controle: boolean;
  /**
   * NV here eliminates (contrôle de conformité units, circulaire Toulouse 2023 §1.2.2); false for an optional épreuve
   * that « ne peut pas se dérouler » without its support: no points, a warning (regulation `nonValide`, code-scope.ts).
   */
  nvEliminates: boolean;
}

export interface DeliberationRules {
  session: number;
  /** Compulsory units in regulation order. */
  compulsory: RuleUnit[];
  /** Optional units (UF1, UF2, engagement étudiant): only points above the average count. */
  optional: RuleUnit[];
  admissionH: number;
  controleH: number;
  professionalH: number;
  /** D643-15-1: points of optional units above 10/20 — "la moyenne", the admission threshold of the data. */
  optionalAboveH: number;
  beneficeMinimumH: number;
  beneficeValidityYears: number;
  controleMaxUnits: number;
  /** The contrôle regime of the session (regulation `controle`), when the regulation has one. */
  controleRegime?: ControleRegime;
  /** A unit raised to the bénéfice minimum at the contrôle counts as acquired (regime data; true when absent). */
  acquiredAfterControle: boolean;
}

/** The contrôle regime covering a session: sessions up to 2024 and from 2025 differ (issue 11 item 8). */
export function controleRegimeFor(reg: Regulation, session: number): ControleRegime | undefined {
  return reg.controle?.regimes.find((r) => regimeCovers(r, session));
}

export function rulesFrom(reg: Regulation, session = reg.session): DeliberationRules {
  const d = reg.deliberation;
  // A regime for the session gives the access thresholds and the épreuves; otherwise the `deliberation` fields.
  const regime = controleRegimeFor(reg, session);
  const controleUnits = regime ? regime.epreuves.map((e) => e.unite) : d.controleUnits;
  const scope = codeScope(reg);
  const unit = (u: Regulation['units'][number]): RuleUnit => ({
    code: u.code,
    coefH: u.optional ? 0 : toHundredths(u.coefficient, `coefficient ${u.code}`),
    professional: u.domain === 'professional',
    controle: controleUnits.includes(u.code),
    nvEliminates: !u.optional || nvEffect(scope, u.code) === 'elimination',
  });
  return {
    session,
    compulsory: reg.units.filter((u) => !u.optional).map(unit),
    optional: reg.units.filter((u) => u.optional).map(unit),
    admissionH: toHundredths(d.admissionThreshold, 'deliberation.admissionThreshold'),
    controleH: toHundredths(regime?.access.value.controleThreshold ?? d.controleThreshold, 'controleThreshold'),
    professionalH: toHundredths(regime?.access.value.professionalThreshold ?? d.professionalThreshold, 'professionalThreshold'),
    optionalAboveH: toHundredths(d.admissionThreshold, 'deliberation.admissionThreshold'),
    beneficeMinimumH: toHundredths(d.beneficeMinimum, 'deliberation.beneficeMinimum'),
    beneficeValidityYears: d.beneficeValidityYears,
    controleMaxUnits: regime?.choice.value.max ?? d.controleMaxUnits,
    controleRegime: regime,
    acquiredAfterControle: regime?.acquiredAfterControle.value ?? true,
  };
}

export function allUnitCodes(rules: DeliberationRules): string[] {
  return [...rules.compulsory, ...rules.optional].map((u) => u.code);
}
