// Puts together, for each candidate of the notes file, the cells the jury deliberates on: notes already stored
// in the workspace, the file's notes on top, the dispenses and bénéfices registered at inscription, the jury's
// changes, livrets and contrôle notes. Every inconsistency is a CellIssue of the file that carries it.
import { formatHundredths } from '../candidate.js';
import type { CellIssue } from '../validation.js';
import { checkBenefice, formatNoteCell, type NoteCell } from './note-cell.js';
import type { CandidateInput, Livret } from './candidate-result.js';
import type { ControleNote } from './controle.js';
import type { DeliberationRules } from './rules.js';
import { fileCellAgainstAttendance } from '../attendance/absence-notes.js';

/** One candidate as read from the notes file (io/notes-reader.ts). */
export interface FileRecord {
  numero: string;
  /** First row of the candidate in the file. */
  row: number;
  nom?: string;
  prenom?: string;
  etablissement?: string;
  voie?: string;
  cells: Map<string, NoteCell>;
}

export interface RegisteredCandidate {
  numero: string;
  nom: string;
  prenom: string;
  etablissement?: string;
  etablissementUai?: string;
  voie: string;
  dispenses: string[];
  benefices: { unite: string; note: number; session: number }[];
}

export interface SideRows<T> {
  name: string;
  rows: T[];
}

export interface AssembleInput {
  rules: DeliberationRules;
  notesName: string;
  /** Header text of a unit in the notes file (for messages). */
  unitLabel: (code: string) => string;
  records: Iterable<FileRecord>;
  workspace?: {
    candidates: Map<string, RegisteredCandidate>;
    notes: Map<string, Map<string, NoteCell>>;
    livrets: Map<string, Livret>;
    /** numero → units where the contrôle de conformité set NV (dossier non conforme): no note may replace it. */
    conformityNV?: Map<string, Set<string>>;
    /** numero → units whose notation is « sous réserve de vérification » (circulaire Toulouse 2023 §1.2.2). */
    underReserve?: Map<string, Set<string>>;
    /** numero → unit → ABS / ABJ set by the room's PV (ccst attendance): the reference for that unit. */
    attendance?: Map<string, Map<string, 'ABS' | 'ABJ'>>;
    /**
     * numero → units voided by a disciplinary decision (NUL, ccst incidents close): the decision is the reference,
     * the bordereau's note (corrected before the decision) gives way without an issue.
     */
    voided?: Map<string, Set<string>>;
  };
  jury?: SideRows<{ row: number; numero: string; unite: string; note: NoteCell; motif: string }>;
  livrets?: SideRows<{ row: number; numero: string; supplied: boolean; examined: boolean }>;
  controle?: SideRows<{ row: number; numero: string; unite: string; value: number | 'ABS' }>;
}

export interface Assembled {
  candidates: CandidateInput[];
  /** File name → its issues. */
  issues: Map<string, CellIssue[]>;
  /** numero → first row of its contrôle notes (to report a contrôle refused by the rules). */
  controleRow: Map<string, number>;
}

type JuryRow = NonNullable<AssembleInput['jury']>['rows'][number];
type ControleRow = NonNullable<AssembleInput['controle']>['rows'][number];

function groupBy<T extends { numero: string }>(rows: T[] | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows ?? []) out.set(r.numero, [...(out.get(r.numero) ?? []), r]);
  return out;
}

/**
 * One candidate at a time, in the order of the notes file, so that a 250k-candidate file is deliberated while it is
 * read (nothing but the results is kept). The side files are read first and indexed by numéro; finish() reports
 * their rows about candidates the notes file never named.
 */
export class Assembler {
  readonly issues = new Map<string, CellIssue[]>();
  readonly controleRow = new Map<string, number>();
  /** Numéros of the notes file that the side files name (finish() reports the others). */
  private readonly seen = new Set<string>();
  /** Whether any side file has rows: without, a record needs no lookup at all (250k records). */
  private readonly hasSideRows: boolean;
  private readonly jury: Map<string, JuryRow[]>;
  private readonly livrets: Map<string, { row: number; numero: string; supplied: boolean; examined: boolean }>;
  private readonly controle: Map<string, ControleRow[]>;
  private readonly benRule: Parameters<typeof checkBenefice>[1];

  constructor(private readonly input: Omit<AssembleInput, 'records'>) {
    const { rules } = input;
    this.benRule = { minimumHundredths: rules.beneficeMinimumH, validityYears: rules.beneficeValidityYears, session: rules.session };
    this.jury = groupBy(input.jury?.rows);
    this.controle = groupBy(input.controle?.rows);
    this.livrets = new Map((input.livrets?.rows ?? []).map((l) => [l.numero, l]));
    this.hasSideRows = this.jury.size + this.controle.size + this.livrets.size > 0;
  }

  private add(file: string, i: CellIssue): void {
    const list = this.issues.get(file);
    if (list) list.push(i);
    else this.issues.set(file, [i]);
  }

  /** The candidate of one notes record, or undefined (with an issue) when it cannot be deliberated. */
  candidate(rec: FileRecord): CandidateInput | undefined {
    const { input } = this;
    const ws = input.workspace;
    if (this.hasSideRows) this.seen.add(rec.numero);
    let candidate: CandidateInput;
    if (ws) {
      const issue = (column: string, kind: string, message: string) => this.add(input.notesName, { row: rec.row, column, kind, message });
      const reg = ws.candidates.get(rec.numero);
      if (!reg) {
        issue('numero', 'inconnu', `candidat ${rec.numero} absent du workspace (importez-le avec ccst import)`);
        return undefined;
      }
      const cells = new Map(ws.notes.get(rec.numero) ?? []);
      const locked = ws.conformityNV?.get(rec.numero);
      const absent = ws.attendance?.get(rec.numero);
      const voided = ws.voided?.get(rec.numero);
      for (const [u, c] of rec.cells) {
        if (voided?.has(u)) continue;
        const code = absent?.get(u);
        const verdict = code ? fileCellAgainstAttendance(code, c) : 'same';
        if (locked?.has(u) && c.kind !== 'NV') issue(input.unitLabel(u), 'nv-conformite', nvLockedMessage(u, c));
        else if (verdict === 'conflict') issue(input.unitLabel(u), 'presence', absentLockedMessage(u, code!, c));
        else if (verdict === 'same') cells.set(u, c);
      }
      registeredRights(reg, cells, rec.cells, this.benRule, (u, kind, message) => issue(input.unitLabel(u), kind, message));
      // Circulaire Toulouse 2023 §1.2.2: « la notation sera mise sous réserve de vérification » — the verdict (note
      // confirmed or NV) comes first: a deliberation on a note still under réserve is refused.
      for (const u of ws.underReserve?.get(rec.numero) ?? []) {
        issue(input.unitLabel(u), 'reserve', `${u} : notation sous réserve de vérification du dossier (circulaire Toulouse 2023 §1.2.2) ; levez la réserve avec ccst conformity (reserve = non) avant de délibérer`);
      }
      const etablissement = reg.etablissement ?? reg.etablissementUai ?? '';
      candidate = { numero: reg.numero, nom: reg.nom, prenom: reg.prenom, etablissement, voie: reg.voie, cells, livret: ws.livrets.get(rec.numero) };
    } else {
      // The record's own map: copied below before a jury change, so the record stays as read.
      candidate = { numero: rec.numero, nom: rec.nom ?? '', prenom: rec.prenom ?? '', etablissement: rec.etablissement ?? '', voie: rec.voie, cells: rec.cells };
    }
    if (!this.hasSideRows) return candidate;
    for (const j of this.jury.get(rec.numero) ?? []) this.applyJury(candidate, j);
    const livret = this.livrets.get(rec.numero);
    if (livret) candidate.livret = { supplied: livret.supplied, examined: livret.examined };
    const controle = this.controleNotes(rec.numero);
    if (controle) {
      candidate.controle = controle.map((k): ControleNote => ({ unite: k.unite, value: k.value }));
      this.controleRow.set(rec.numero, controle[0]!.row);
    }
    return candidate;
  }

  /**
   * The candidate's contrôle rows, each checked where it stands in the contrôle file: a unit that is not one of the
   * épreuves de contrôle, a second note for one unit, or more units than allowed (circulaire Toulouse 2023 §V) is
   * reported at its own row and column. Undefined when there is none, or when one is refused.
   */
  private controleNotes(numero: string): ControleRow[] | undefined {
    const rows = this.controle.get(numero);
    if (!rows) return undefined;
    const { rules } = this.input;
    const file = this.input.controle!.name;
    const allowed = rules.compulsory.filter((u) => u.controle).map((u) => u.code);
    const seen = new Set<string>();
    let refused = false;
    for (const [i, k] of rows.entries()) {
      const refuse = (message: string) => {
        refused = true;
        this.add(file, { row: k.row, column: 'unite', kind: 'controle', message: `${numero} : ${message}` });
      };
      if (!allowed.includes(k.unite)) refuse(`${k.unite} n’est pas une unité des épreuves de contrôle (${allowed.join(', ')})`);
      else if (seen.has(k.unite)) refuse(`${k.unite} : deux notes de contrôle pour la même unité`);
      else if (i >= rules.controleMaxUnits) refuse(`${rows.length} épreuves de contrôle : au plus ${rules.controleMaxUnits}`);
      seen.add(k.unite);
    }
    return refused ? undefined : rows;
  }

  private applyJury(c: CandidateInput, j: JuryRow): void {
    const file = this.input.jury!.name;
    if (this.input.workspace?.conformityNV?.get(j.numero)?.has(j.unite) && j.note.kind !== 'NV') {
      this.add(file, { row: j.row, column: 'note', kind: 'nv-conformite', message: nvLockedMessage(j.unite, j.note) });
      return;
    }
    if (this.input.workspace?.voided?.get(j.numero)?.has(j.unite)) {
      this.add(file, { row: j.row, column: 'note', kind: 'sanction', message: `${j.unite} : épreuve annulée par une décision disciplinaire (NUL, ccst incidents close) ; « ${formatNoteCell(j.note)} » ne peut pas la remplacer` });
      return;
    }
    if (j.note.kind === 'BEN') {
      const b = checkBenefice(j.note, this.benRule);
      if (!b.ok) this.add(file, { row: j.row, column: 'note', kind: b.kind, message: b.message });
    }
    // The inscription is the reference for dispenses and bénéfices, for the jury file as for the notes file.
    const registered = this.input.workspace?.candidates.get(j.numero);
    if (registered) {
      const rights = new Map<string, NoteCell>();
      registeredRights(registered, new Map(), new Map([[j.unite, j.note]]), this.benRule, (_u, kind, message) => {
        if (kind === 'dispense' || kind === 'benefice') rights.set(kind, j.note);
        this.add(file, { row: j.row, column: 'note', kind, message });
      });
      if (rights.size) return;
    }
    if (!c.jury) c.cells = new Map(c.cells);
    (c.jury ??= []).push({ unite: j.unite, before: c.cells.get(j.unite), after: j.note, motif: j.motif });
    c.cells.set(j.unite, j.note);
  }

  /** Side-file rows about candidates absent from the notes file (livrets: absent from the workspace too). */
  finish(): void {
    const { input } = this;
    const unknown = (file: string, r: { row: number; numero: string }) =>
      this.add(file, { row: r.row, column: 'numero', kind: 'inconnu', message: `candidat ${r.numero} absent du fichier de notes ${input.notesName}` });
    for (const j of input.jury?.rows ?? []) if (!this.seen.has(j.numero)) unknown(input.jury!.name, j);
    for (const k of input.controle?.rows ?? []) if (!this.seen.has(k.numero)) unknown(input.controle!.name, k);
    for (const l of input.livrets?.rows ?? []) {
      if (!this.seen.has(l.numero) && !input.workspace?.candidates.has(l.numero)) {
        this.add(input.livrets!.name, { row: l.row, column: 'numero', kind: 'inconnu', message: `candidat ${l.numero} inconnu` });
      }
    }
  }
}

/** All records at once (tests, small files): the same as feeding an Assembler record by record. */
export function assemble(input: AssembleInput): Assembled {
  const a = new Assembler(input);
  const candidates: CandidateInput[] = [];
  for (const rec of input.records) {
    const c = a.candidate(rec);
    if (c) candidates.push(c);
  }
  a.finish();
  return { candidates, issues: a.issues, controleRow: a.controleRow };
}

/**
 * Dispenses and bénéfices registered at inscription are the reference (issue 5: « dispenses/bénéfices come from
 * the workspace »): a dispensed unit is DIS; a bénéfice stands in for the unit. A notes file that says otherwise is
 * inconsistent with the inscription and reported rather than silently preferred.
 */
function registeredRights(
  reg: RegisteredCandidate,
  cells: Map<string, NoteCell>,
  fromFile: Map<string, NoteCell>,
  benRule: Parameters<typeof checkBenefice>[1],
  issue: (unit: string, kind: string, message: string) => void,
): void {
  const dispensed = new Set(reg.dispenses);
  const benefits = new Map(reg.benefices.map((b) => [b.unite, b]));
  for (const [u, c] of fromFile) {
    if (c.kind === 'DIS' && !dispensed.has(u)) issue(u, 'dispense', `DIS en ${u} alors que le candidat n’en est pas dispensé à l’inscription`);
    if (c.kind === 'BEN' && !benefits.has(u)) issue(u, 'benefice', `BEN en ${u} alors qu’aucun bénéfice n’est enregistré à l’inscription`);
  }
  // Only what the file says is checked: a note stored by an earlier run, before the inscription changed, gives way
  // to the inscription (the change is logged in note_audit when the notes are stored).
  for (const u of dispensed) {
    const c = fromFile.get(u);
    if (c && c.kind !== 'DIS') issue(u, 'dispense', `candidat dispensé de ${u} à l’inscription : « ${formatNoteCell(c)} » incohérent`);
    cells.set(u, { kind: 'DIS' });
  }
  for (const b of benefits.values()) {
    const ben: NoteCell = { kind: 'BEN', value: b.note, session: b.session };
    const check = checkBenefice(ben, benRule);
    if (!check.ok) issue(b.unite, check.kind, `bénéfice enregistré à l’inscription : ${check.message}`);
    const c = fromFile.get(b.unite);
    if (c && !(c.kind === 'BEN' && c.value === b.note)) {
      issue(b.unite, 'benefice', `bénéfice ${formatHundredths(b.note)} en ${b.unite} enregistré à l’inscription : « ${formatNoteCell(c)} » incohérent`);
    }
    cells.set(b.unite, ben);
  }
}

/** Circulaire Toulouse 2023 §1.2.2: a non-conforming dossier forbids the épreuve; only `ccst conformity` lifts NV. */
function nvLockedMessage(unit: string, cell: NoteCell): string {
  return `${unit} : NV enregistré par le contrôle de conformité (dossier non conforme) ; « ${formatNoteCell(cell)} » ne peut pas le remplacer (circulaire Toulouse 2023 §1.2.2 ; ccst conformity pour le lever)`;
}

/** The room's PV says absent (issue #14 §4): a note in the notes file contradicts it — which one is right is not ours to guess. */
function absentLockedMessage(unit: string, code: 'ABS' | 'ABJ', cell: NoteCell): string {
  return `${unit} : ${code} enregistré par le PV de salle (absent, ccst attendance import) ; « ${formatNoteCell(cell)} » ne peut pas le remplacer : corrigez le PV de salle (réimport) ou le fichier de notes`;
}
