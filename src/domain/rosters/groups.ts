// Who sits an épreuve where and when, grouped as the exam office prints them: one group per written centre and
// épreuve (time from the written calendar of the centre's zone, circulaire nationale annexe 2), per oral centre,
// day and commission (oral_slots), per établissement for CCF, and the candidates not placed yet. Pure.
import type { Candidate } from '../candidate.js';
import { compareCandidates } from '../candidate.js';
import type { Regulation, UnitDef, Zone } from '../regulation/schema.js';
import { findUnit, formFor, voieByCode } from '../regulation/units.js';
import { languageFor, LANGUAGE_MISSING } from '../language.js';
import { localWrittenTime } from '../calendar/local-time.js';

export interface CentreFact {
  uai: string;
  nom: string;
  commune?: string;
  zone: Zone;
  /** Académie of the centre: its clock gives the written times (issue #11 finding 1). */
  academie?: string;
}
export interface PlacementFact {
  numero: string;
  epreuve: string;
  centreUai: string;
}
export interface SlotFact extends PlacementFact {
  date: string;
  start: string;
  end: string;
  commission: number;
  passage?: string;
}

export interface RosterLine {
  candidate: Candidate;
  /** The unit of the line's group (to pick the language of a language épreuve). */
  unit: UnitDef;
  /** Oral: arrival (start of preparation) and passage before the commission. */
  start?: string;
  passage?: string;
  end?: string;
  /** Non-conforming dossier (annexe 4): listed, but marked NV — no interrogation (circulaire Toulouse 2023 §1.2.2). */
  nv?: boolean;
}

export type GroupKind = 'ecrit' | 'oral' | 'centre' | 'ccf' | 'non_place';

export interface RosterGroup {
  kind: GroupKind;
  unit: UnitDef;
  centre?: CentreFact;
  /** CCF: the établissement that assesses its candidates. */
  etablissement?: { uai?: string; nom?: string };
  date?: string;
  start?: string;
  end?: string;
  commission?: number;
  /** Written épreuves split by room (`ccst lists --salles`). */
  room?: string;
  /** Language épreuve (E22, EF1): the one language of the group — a commission hears one language (issue #10 §3). */
  langue?: string;
  lines: RosterLine[];
}

/** Optional units are taken only when chosen (candidate.ef1/ef2/ef3); dispensed units and bénéfices are not sat. */
export function sitsUnit(c: Candidate, unit: UnitDef): boolean {
  if (c.dispenses.includes(unit.code)) return false;
  if (c.benefices.some((b) => b.unite === unit.code)) return false;
  if (!unit.optional) return true;
  if (unit.epreuve === 'EF1') return Boolean(c.ef1);
  if (unit.epreuve === 'EF2') return c.ef2;
  if (unit.epreuve === 'EF3') return c.ef3;
  return false;
}

const KIND_ORDER: GroupKind[] = ['ecrit', 'oral', 'centre', 'ccf', 'non_place'];

export interface GroupInput {
  reg: Regulation;
  units: UnitDef[];
  candidates: Candidate[];
  assignments: PlacementFact[];
  slots: SlotFact[];
  centres: Map<string, CentreFact>;
  /** Bordereaux list every candidate of the unit (CCF by établissement, not placed); lists only placed ones. */
  everyone: boolean;
  /** "numero:unit" of the dossiers found non-conforming by `ccst conformity`. */
  nonConforming?: ReadonlySet<string>;
}

type WrittenDef = Regulation['calendar']['written'][number];

export function groupRosters(input: GroupInput): RosterGroup[] {
  const { reg } = input;
  // Memoised: findUnit normalises every alias of every unit, and is asked once per placement (bench:seating).
  const units = new Map<string, string | undefined>();
  const unitOf = (e: string) => {
    if (!units.has(e)) units.set(e, findUnit(reg, e)?.code);
    return units.get(e);
  };
  const slotOf = new Map(input.slots.map((s) => [`${s.numero}|${unitOf(s.epreuve)}`, s]));
  const placeOf = new Map(input.assignments.map((a) => [`${a.numero}|${unitOf(a.epreuve)}`, a]));
  const groups = new Map<string, RosterGroup>();
  const add = (key0: string, make0: () => RosterGroup, line: RosterLine) => {
    // Language épreuves: one group per language (never anglais and espagnol on one list or bordereau).
    const langue = line.unit.language ? (languageFor(line.unit, line.candidate) ?? LANGUAGE_MISSING) : undefined;
    const key = langue === undefined ? key0 : `${key0}|${langue}`;
    const make = langue === undefined ? make0 : () => ({ ...make0(), langue });
    let g = groups.get(key);
    if (!g) groups.set(key, (g = make()));
    if (input.nonConforming?.has(`${line.candidate.numero}:${g.unit.code}`)) line.nv = true;
    g.lines.push(line);
  };
  for (const unit of input.units) {
    for (const c of input.candidates) {
      const k = `${c.numero}|${unit.code}`;
      const slot = slotOf.get(k);
      const place = placeOf.get(k);
      if (!slot && !place && !input.everyone) continue;
      if (!sitsUnit(c, unit) && !slot && !place) continue;
      if (slot) {
        const centre = input.centres.get(slot.centreUai) ?? { uai: slot.centreUai, nom: slot.centreUai, zone: 'metropole' as Zone };
        add(`${unit.code}|oral|${slot.centreUai}|${slot.date}|${slot.commission}`, () => ({ kind: 'oral', unit, centre, date: slot.date, commission: slot.commission, lines: [] }), {
          candidate: c, unit, start: slot.start, passage: slot.passage, end: slot.end,
        });
      } else if (place) {
        const centre = input.centres.get(place.centreUai) ?? { uai: place.centreUai, nom: place.centreUai, zone: 'metropole' as Zone };
        const written = reg.calendar.written.find((w) => w.epreuve === unit.epreuve);
        if (written) {
          // Circulaire nationale annexe 2: the same instant everywhere, on the clock of the centre's académie
          // (local-time.ts); a night-time hour (Pacific, no académie calendar) is left blank, never guessed.
          // Computed once per group, when it is made (per candidate it was most of `ccst seat`'s time: bench:seating).
          add(`${unit.code}|ecrit|${place.centreUai}`, () => ({ kind: 'ecrit', unit, centre, ...writtenTimes(reg, written, centre), lines: [] }), { candidate: c, unit });
        } else {
          add(`${unit.code}|centre|${place.centreUai}`, () => ({ kind: 'centre', unit, centre, lines: [] }), { candidate: c, unit });
        }
      } else if (voieByCode(reg, c.voie) && formFor(reg, unit, c.voie).form === 'ccf') {
        add(`${unit.code}|ccf|${c.etablissementUai ?? ''}`, () => ({ kind: 'ccf', unit, etablissement: { uai: c.etablissementUai, nom: c.etablissement }, lines: [] }), { candidate: c, unit });
      } else {
        add(`${unit.code}|non_place`, () => ({ kind: 'non_place', unit, lines: [] }), { candidate: c, unit });
      }
    }
  }
  const unitIndex = (u: UnitDef) => reg.units.findIndex((x) => x.code === u.code);
  const list = [...groups.values()];
  for (const g of list) {
    g.lines.sort((a, b) => (a.passage ?? a.start ?? '').localeCompare(b.passage ?? b.start ?? '') || compareCandidates(a.candidate, b.candidate));
  }
  return list.sort(
    (a, b) =>
      unitIndex(a.unit) - unitIndex(b.unit) ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      (a.centre?.uai ?? a.etablissement?.uai ?? '').localeCompare(b.centre?.uai ?? b.etablissement?.uai ?? '') ||
      (a.date ?? '').localeCompare(b.date ?? '') ||
      (a.commission ?? 0) - (b.commission ?? 0) ||
      (a.langue ?? '').localeCompare(b.langue ?? ''),
  );
}

/** The date and times of a written épreuve at a centre, on the clock of its académie (a night-time hour: no times). */
export function writtenTimes(reg: Regulation, written: WrittenDef, centre: CentreFact): { date: string; start?: string; end?: string } {
  const local = localWrittenTime(reg, written, { academie: centre.academie, zone: centre.zone });
  const t = local.kind === 'time' ? local.slot : undefined;
  return { date: t?.date ?? written.date, start: t?.start, end: t?.end };
}

/** "Commission 2 — 20/05/2024", "Centre d'écrit — 15/05/2024 14:00–18:00", "CCF — Lycée X" (titles of lists). */
export function groupLabel(g: RosterGroup): string {
  const base = groupBaseLabel(g);
  return g.langue ? `${base} — ${g.langue}` : base;
}

function groupBaseLabel(g: RosterGroup): string {
  const d = g.date ? `${g.date.slice(8, 10)}/${g.date.slice(5, 7)}/${g.date.slice(0, 4)}` : '';
  switch (g.kind) {
    case 'ecrit':
      return `${g.centre!.nom} — ${d} ${g.start ? `${g.start}–${g.end}` : '(horaire de la zone non fourni)'}`;
    case 'oral':
      return `${g.centre!.nom} — ${d} — commission ${g.commission}`;
    case 'centre':
      return `${g.centre!.nom} — horaire non fixé`;
    case 'ccf':
      return `CCF — ${g.etablissement?.nom ?? g.etablissement?.uai ?? 'établissement non renseigné'}`;
    case 'non_place':
      return 'Candidats sans centre affecté';
  }
}
