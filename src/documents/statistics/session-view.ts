// The figures of `ccst stats` as one plain object: written as JSON (--json, -o .json), as sheets (-o .xlsx) and
// laid out in the PDF — the three outputs show the same numbers by construction.
import { summarize, pointBins } from '../../domain/statistics/distribution.js';
import type { Breakdown, ControleFigures, GroupCounts, SessionStatistics } from '../../domain/statistics/session.js';
import type { UnitNotes } from '../../domain/statistics/unit-notes.js';
import { meanNumber, pointsNumber } from './format.js';

export const BREAKDOWN_TITLES: Record<Breakdown, string> = {
  etablissement: 'Par établissement',
  voie: 'Par voie',
  academie: 'Par académie',
  centre: 'Par centre d’écrit',
};

export interface EpreuveFigures {
  unite: string;
  epreuve: string;
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
  codes: Record<string, number>;
  /** Notes per whole point (bin k = [k, k+1[, 20 in the last bin). */
  repartition: number[];
}

export interface SessionView {
  session: number;
  academie: string | null;
  total: GroupCounts;
  parGroupe: { par: Breakdown; titre: string; groupes: GroupCounts[] }[];
  moyennes: { effectif: number; repartition: number[] };
  epreuves: EpreuveFigures[];
  controle: ControleFigures;
  /** A previous session's PV (--compare): the same figures, as far as a PV holds them. */
  comparaison?: { fichier: string; total: GroupCounts; parEtablissement: GroupCounts[]; moyennes: { effectif: number; repartition: number[] } };
}

export function epreuveFigures(u: UnitNotes): EpreuveFigures {
  const s = summarize(u.table);
  return {
    unite: u.unite,
    epreuve: u.epreuve,
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
    codes: u.codes,
    repartition: pointBins(u.table),
  };
}

export function sessionView(session: number, academie: string | null, stats: SessionStatistics, units: UnitNotes[]): SessionView {
  return {
    session,
    academie,
    total: stats.total,
    parGroupe: (Object.keys(stats.breakdowns) as Breakdown[]).map((par) => ({ par, titre: BREAKDOWN_TITLES[par], groupes: stats.breakdowns[par]! })),
    moyennes: { effectif: stats.moyennes, repartition: stats.moyenneBins },
    epreuves: units.map(epreuveFigures),
    controle: stats.controle,
  };
}
