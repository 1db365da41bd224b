// The checks of `ccst notes import` that need the workspace, run inside the command's transaction (or its read
// snapshot on --dry-run): bordereau rows against the copies and lots (domain/notes/lot-notes.ts), every note against
// the inscription as `ccst deliberate` checks a notes file (the Assembler: unknown numéro, dispenses and bénéfices
// of the inscription, the conformity control's NV), then the import against itself and the stored notes
// (domain/notes/import-plan.ts). Returns the notes to write, or every issue of every file.
import type { Db } from '../../store/workspace.js';
import { CONFORMITY_SOURCE } from '../../store/conformity.js';
import type { StoredNotes } from '../../store/deliberation.js';
import { copiesByAnonymat, CopyLookup, lotsByName, inscriptionsOf, storedNotesOf, type Inscriptions } from '../../store/notes-by-lot.js';
import { parseAnonymat } from '../../domain/examiners/anonymity.js';
import { findUnit } from '../../domain/regulation/units.js';
import { codeScope } from '../../domain/regulation/code-scope.js';
import type { Regulation, UnitDef } from '../../domain/regulation/schema.js';
import type { DeliberationRules } from '../../domain/deliberation/rules.js';
import { Assembler, type RegisteredCandidate } from '../../domain/deliberation/assemble.js';
import { parseNoteCell, type NoteCell } from '../../domain/deliberation/note-cell.js';
import type { CellIssue } from '../../domain/validation.js';
import { checkBordereau, type CopyRef, type LotRef } from '../../domain/notes/lot-notes.js';
import { inscriptionQuiet } from '../../domain/deliberation/inscription-quiet.js';
import { planNoteImport, type ImportPlan } from '../../domain/notes/import-plan.js';
import type { NoteEntry } from '../../domain/notes/note-entry.js';
import type { ImportFile } from './import-files.js';

export interface ImportCheck {
  accepted: NoteEntry[];
  /** By file, in the order the files were given. */
  issues: Map<string, CellIssue[]>;
  /** Bordereau rows without a note yet, by file. */
  blank: Map<string, { row: number; lot: string; anonymat: string }[]>;
  /** Lots each bordereau file filled (with their correcteur), for the summary. */
  lots: Map<string, LotRef[]>;
  /** The stored notes of the candidates concerned, read in the caller's transaction (writeNotes compares with them). */
  stored: StoredNotes;
  /** With --force: the accepted notes that replace a note adjusted by ccst harmonisation apply. */
  harmonised: ImportPlan['harmonised'];
}

export async function checkImport(db: Db, files: readonly ImportFile[], reg: Regulation, rules: DeliberationRules, epreuve?: UnitDef, opts: { force?: boolean } = {}): Promise<ImportCheck> {
  const out: ImportCheck = { accepted: [], issues: new Map(), blank: new Map(), lots: new Map(), stored: new Map(), harmonised: [] };
  const addIssues = (file: string, list: CellIssue[]) => {
    if (list.length) out.issues.set(file, [...(out.issues.get(file) ?? []), ...list]);
  };
  const unitOf = new Map<string, UnitDef | undefined>();
  const unit = (epreuveText: string) => {
    if (!unitOf.has(epreuveText)) unitOf.set(epreuveText, findUnit(reg, epreuveText));
    return unitOf.get(epreuveText);
  };

  // Bordereaux: their copies and lots, read at once.
  const bordereaux = files.filter((f) => f.kind === 'bordereau');
  const anonymats: string[] = [];
  const lotSet = new Set<string>();
  for (const f of bordereaux) {
    for (const s of f.sheets) {
      if (s.sheet) lotSet.add(s.sheet);
      for (const r of s.rows) {
        if (r.lot) lotSet.add(r.lot);
        const a = parseAnonymat(r.anonymat);
        if (a.ok) anonymats.push(a.value);
      }
    }
  }
  const lotNames = [...lotSet];
  const copies = anonymats.length ? await copiesByAnonymat(db, anonymats, lotNames) : new CopyLookup();
  const lots = lotNames.length ? await lotsByName(db, lotNames) : new Map();
  // One LotRef per lot, asked for on each of its rows.
  const lotRefs = new Map<string, LotRef | undefined>();
  const lotOf = (name: string): LotRef | undefined => {
    if (lotRefs.has(name)) return lotRefs.get(name);
    const l = lots.get(name);
    const u = l && unit(l.epreuve);
    const ref = l && { name: l.name, epreuve: u?.epreuve ?? l.epreuve, unite: u?.code ?? l.epreuve, correcteur: l.correcteur };
    lotRefs.set(name, ref);
    return ref;
  };
  const copyOf = (anonymat: string): CopyRef | undefined => {
    const i = copies.indexOf(anonymat);
    if (i < 0) return undefined;
    const e = copies.epreuve(i);
    const u = unit(e);
    return { anonymat, numero: copies.numero(i), epreuve: u?.epreuve ?? e, unite: u?.code ?? e, lot: copies.lot(i) ?? undefined };
  };
  const entries: NoteEntry[] = [];
  const scope = codeScope(reg);
  for (const f of files) {
    if (f.kind === 'numero') {
      addIssues(f.name, f.issues);
      entries.push(...f.entries);
      continue;
    }
    for (const s of f.sheets) {
      const checked = checkBordereau({ file: f.name, sheet: s.sheet, labels: s.labels, rows: s.rows, lotOf, copyOf, epreuve: epreuve && { unite: epreuve.code, epreuve: epreuve.epreuve }, scope });
      addIssues(f.name, checked.issues);
      entries.push(...checked.entries);
      if (checked.blank.length) out.blank.set(f.name, [...(out.blank.get(f.name) ?? []), ...checked.blank]);
      const filled = new Map((out.lots.get(f.name) ?? []).map((l) => [l.name, l]));
      for (const list of [checked.entries, checked.blank]) {
        for (const e of list) {
          const l = e.lot ? lotOf(e.lot) : undefined;
          if (l) filled.set(l.name, l);
        }
      }
      out.lots.set(f.name, [...filled.values()]);
    }
  }

  // The inscription, as `ccst deliberate` checks a notes file's cells: one Assembler per file, one record per note so
  // that each issue has the note's own row.
  const distinct = new Set<string>();
  for (const e of entries) distinct.add(e.numero);
  const numeros = [...distinct];
  // The Assembler's candidate (name, voie, établissement) is dropped here — only its issues are kept: the inscription
  // is read for what those issues depend on (existence, dispenses, bénéfices), not whole.
  const candidates = new Registered(await inscriptionsOf(db, numeros));
  out.stored = await storedNotesOf(db, numeros);
  const notes = new Map<string, Map<string, NoteCell>>();
  const conformityNV = new Map<string, Set<string>>();
  for (const [numero, units] of out.stored) {
    const cells = new Map<string, NoteCell>();
    for (const [u, n] of units) {
      const parsed = parseNoteCell(n.value);
      if (parsed.ok && parsed.value) cells.set(u, parsed.value);
      if (n.value === 'NV' && n.source.startsWith(`${CONFORMITY_SOURCE}:`)) conformityNV.set(numero, (conformityNV.get(numero) ?? new Set()).add(u));
    }
    notes.set(numero, cells);
  }
  const workspace = { candidates, notes, livrets: new Map(), conformityNV };
  // Only the notes the inscription checks may refuse are assembled (inscription-quiet.ts): the others raise nothing.
  const byFile = new Map<string, NoteEntry[]>();
  for (const e of entries) {
    if (inscriptionQuiet(workspace, e.numero, e.cell)) continue;
    const list = byFile.get(e.file);
    if (list) list.push(e);
    else byFile.set(e.file, [e]);
  }
  for (const [file, list] of byFile) {
    let column = '';
    const assembler = new Assembler({ rules, notesName: file, unitLabel: () => column, workspace });
    for (const e of list) {
      column = e.column;
      assembler.candidate({ numero: e.numero, row: e.row, cells: new Map([[e.unite, e.cell]]) });
    }
    for (const list2 of assembler.issues.values()) addIssues(file, list2);
  }

  const plan = planNoteImport(entries, (numero, unite) => out.stored.get(numero)?.get(unite), opts);
  out.harmonised = plan.harmonised;
  for (const [file, list] of plan.issues) addIssues(file, list);
  out.accepted = plan.accepted;
  for (const list of out.issues.values()) list.sort((a, b) => a.row - b.row);
  return out;
}

/**
 * The registered candidates among the numéros of the import, as the Assembler asks for them (get, has): the few with
 * dispenses or bénéfices as read, every other known one with none — made when asked, not 250,000 entries held.
 */
class Registered extends Map<string, RegisteredCandidate> {
  constructor(private readonly inscriptions: Inscriptions) {
    super();
  }

  override has(numero: string): boolean {
    return this.inscriptions.asked.has(numero) && !this.inscriptions.unknown.has(numero);
  }

  override get(numero: string): RegisteredCandidate | undefined {
    if (!this.has(numero)) return undefined;
    const r = this.inscriptions.rights.get(numero);
    return { numero, dispenses: r?.dispenses ?? [], benefices: r?.benefices ?? [], nom: '', prenom: '', voie: '' };
  }
}
