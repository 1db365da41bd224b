// The figures of `ccst harmonisation` as one plain object: written as JSON (--json, -o .json), as sheets (-o .xlsx)
// and laid out in the PDF — the three outputs show the same numbers by construction (like session-view.ts).
import type { GroupRow, Verdict } from '../../domain/statistics/harmonisation.js';
import { ALPHA } from '../../domain/statistics/harmonisation.js';
import { MIN_GROUP } from '../../domain/statistics/welch.js';
import type { Summary } from '../../domain/statistics/distribution.js';
import { ratePercent } from '../../domain/statistics/rate.js';
import type { HarmonisationSection } from '../../domain/statistics/harmonisation.js';
import { epreuveFigures, type EpreuveFigures } from './session-view.js';
import type { UnitNotes } from '../../domain/statistics/unit-notes.js';
import { meanNumber, pointsNumber } from './format.js';

export const VERDICT_TEXT: Record<Verdict, string> = {
  'trop-petit': 'effectif trop faible',
  ecart: 'écart significatif',
  conforme: 'sans écart significatif',
};

export interface Figures {
  effectif: number;
  moyenne: number | null;
  ecartType: number | null;
  min: number | null;
  q1: number | null;
  mediane: number | null;
  q3: number | null;
  max: number | null;
  moins8: number;
  de8a10: number;
  auMoins10: number;
  /** Shares in percent, one decimal, truncated (rate.ts). */
  partMoins8: number | null;
  part8a10: number | null;
  partAuMoins10: number | null;
}

export interface GroupFigures extends Figures {
  /** What `ccst harmonisation apply` reads in its « groupe » column. */
  groupe: string;
  libelle: string;
  /** Codes (ABS, ABJ, NV, DIS…) of the group: counted, not in the figures. */
  codes: number;
  /** Group mean − mean of the rest of the section, in points, truncated toward zero to the hundredth. */
  ecartAuReste: number | null;
  /** Welch's two-sided p-value, and after Bonferroni (× groups tested, capped at 1). */
  p: number | null;
  pBonferroni: number | null;
  avis: Verdict;
}

export interface SectionView extends Figures {
  par: HarmonisationSection['par'];
  titre: string;
  population: string;
  groupes: GroupFigures[];
}

export interface HarmonisationView {
  session: number;
  academie: string | null;
  epreuve: string;
  unite: string;
  methode: { test: string; risque: number; correction: string; effectifMinimum: number; quartiles: string; affichage: string };
  /** Every note of the épreuve (all voies and forms): its histogram. */
  notes: EpreuveFigures;
  sections: SectionView[];
}

export function figures(s: Summary): Figures {
  return {
    effectif: s.n,
    moyenne: meanNumber(s.mean),
    ecartType: s.sd === null ? null : Math.round(s.sd * 100) / 100,
    min: pointsNumber(s.min),
    q1: pointsNumber(s.q1),
    mediane: pointsNumber(s.median),
    q3: pointsNumber(s.q3),
    max: pointsNumber(s.max),
    moins8: s.bands.below8,
    de8a10: s.bands.from8to10,
    auMoins10: s.bands.atLeast10,
    partMoins8: ratePercent(s.bands.below8, s.n),
    part8a10: ratePercent(s.bands.from8to10, s.n),
    partAuMoins10: ratePercent(s.bands.atLeast10, s.n),
  };
}

function groupFigures(g: GroupRow): GroupFigures {
  const d = g.test?.diff;
  return {
    groupe: g.key,
    libelle: g.label,
    codes: g.codes,
    ...figures(g.summary),
    // The difference of two float means: truncated toward zero, the epsilon only absorbs the float's last bit.
    ecartAuReste: d === undefined ? null : Math.trunc(d * 100 + Math.sign(d) * 1e-7) / 100,
    p: g.test?.p ?? null,
    pBonferroni: g.pAdjusted,
    avis: g.verdict,
  };
}

export function harmonisationView(session: number, academie: string | null, unit: UnitNotes, sections: HarmonisationSection[]): HarmonisationView {
  return {
    session,
    academie,
    epreuve: unit.epreuve,
    unite: unit.unite,
    methode: {
      test: 'Welch (t de Student à variances inégales), bilatéral : moyenne du groupe contre moyenne du reste de la section',
      risque: ALPHA,
      correction: 'Bonferroni (p × nombre de groupes testés)',
      effectifMinimum: MIN_GROUP,
      quartiles: 'définition 7 de Hyndman et Fan (Excel QUARTILE.INC, R par défaut)',
      affichage: 'moyennes et quartiles tronqués au centième, parts tronquées au dixième de pour cent',
    },
    notes: epreuveFigures(unit),
    sections: sections.map((s) => ({
      par: s.par,
      titre: s.title,
      population: s.population,
      ...figures(s.report.overall),
      groupes: s.report.groups.map(groupFigures),
    })),
  };
}
