// Where each note code may stand (issue 11 finding 4): one scope, from the regulation data, applied wherever a code
// enters — candidate import (dispenses), notes file and jury file of `ccst deliberate`, with or without a workspace.
//   DIS      only on a unit some dispense ground covers (regulation `dispenses.grounds`: référentiel annexe IV b,
//            annexe V b C); U5 is covered by none, so never dispensable.
//   NV       only on a unit with `nonValide`: the contrôle de conformité units E4, E61, E62 (circulaire nationale
//            2024 §H « Le contrôle de conformité concerne les épreuves E4, E61 et E62 »), where it eliminates
//            (circulaire Toulouse 2023 §1.2.2), and the optional épreuves whose text says only « l'épreuve ne peut
//            pas se dérouler » without their support (EF2, engagement étudiant): no points, a warning, no elimination.
//   BEN/REP  only on compulsory units: notes of optional units are not kept from a session to the next (D643-23).
import type { NoteCell } from '../deliberation/note-cell.js';
import { fail, ok, type FieldResult } from '../validation.js';
import type { DispenseGround, Regulation, UnitDef } from './schema.js';

export type NvEffect = 'elimination' | 'sans_points';

export interface CodeScope {
  /** Unit code → the grounds that may dispense it. */
  dispensable: Map<string, DispenseGround[]>;
  /** Unit code → what NV does there. */
  nonValide: Map<string, { effect: NvEffect; source: string }>;
  compulsory: Set<string>;
  /** Units of the regulation, in order (for messages). */
  units: UnitDef[];
}

/**
 * A regulation stored before dispense grounds existed (no `dispenses`): the general-domain units, with U2 as one block,
 * under annexe IV b — what the import accepted then.
 */
export function dispenseGrounds(reg: Regulation): DispenseGround[] {
  if (reg.dispenses) return reg.dispenses.grounds;
  const general = reg.units.filter((u) => u.domain === 'general' && !u.optional);
  const blocks = new Map<string, string[]>();
  for (const u of general) {
    const key = /^U2\d$/.test(u.code) ? 'U2' : u.code;
    blocks.set(key, [...(blocks.get(key) ?? []), u.code]);
  }
  return [{ id: 'diplome', label: 'Titulaire d’un autre BTS ou d’un diplôme de niveau 5', source: 'référentiel annexe IV b', aliases: [], blocks: [...blocks.values()] }];
}

const scopes = new WeakMap<Regulation, CodeScope>();

export function codeScope(reg: Regulation): CodeScope {
  let s = scopes.get(reg);
  if (s) return s;
  const dispensable = new Map<string, DispenseGround[]>();
  for (const g of dispenseGrounds(reg)) {
    for (const code of g.blocks.flat()) dispensable.set(code, [...(dispensable.get(code) ?? []), g]);
  }
  const nonValide = new Map<string, { effect: NvEffect; source: string }>();
  for (const u of reg.units) {
    if (u.nonValide) nonValide.set(u.code, u.nonValide);
    // A regulation stored before `nonValide`: its dossier units (contrôle de conformité) keep their NV.
    else if (u.dossier && !u.optional) nonValide.set(u.code, { effect: 'elimination', source: 'circulaire nationale 2024 §H' });
  }
  s = { dispensable, nonValide, compulsory: new Set(reg.units.filter((u) => !u.optional).map((u) => u.code)), units: reg.units };
  scopes.set(reg, s);
  return s;
}

function list(codes: Iterable<string>): string {
  const all = [...codes];
  return all.length ? all.join(', ') : 'aucune';
}

/** Whether the code of a cell may stand on that unit; the message says where it may, and why. */
export function checkCodeScope(scope: CodeScope, unit: string, cell: NoteCell): FieldResult<true> {
  switch (cell.kind) {
    case 'DIS':
      if (scope.dispensable.has(unit)) return ok(true);
      return fail('dispense', `DIS impossible en ${unit} : aucun motif de dispense du règlement ne couvre cette unité (unités dispensables : ${list(scope.dispensable.keys())} ; référentiel annexe IV b, annexe V b C)`);
    case 'NV':
      if (scope.nonValide.has(unit)) return ok(true);
      return fail('nv', `NV impossible en ${unit} : la mention non valide ne s’applique qu’aux épreuves soumises au contrôle de conformité ou dont le support manque (${list(scope.nonValide.keys())} ; circulaire nationale 2024 §H « Le contrôle de conformité concerne les épreuves E4, E61 et E62 »)`);
    case 'NUL':
      // Only a recorded disciplinary decision voids an épreuve (templates/discipline/bts-fraude.json): never a file.
      return fail('nul', `NUL en ${unit} : l’annulation d’une épreuve ne se saisit pas dans un fichier, elle est posée par ccst incidents close (décision disciplinaire enregistrée)`);
    case 'BEN':
    case 'REP':
      if (scope.compulsory.has(unit)) return ok(true);
      return fail('benefice', `${cell.kind} impossible en ${unit} : les notes des unités facultatives ne sont pas conservées (D643-23)`);
    default:
      return ok(true);
  }
}

/** What NV does on a unit (only asked for a unit where checkCodeScope accepted it). */
export function nvEffect(scope: CodeScope, unit: string): NvEffect {
  return scope.nonValide.get(unit)?.effect ?? 'elimination';
}
