// One line of a room's PV back from the centre (issue #14 §4): numero, épreuve, statut (présent / absent / retard),
// heure d'arrivée (HH:MM, the centre's local time), observation. Every line is checked before anything is stored;
// problems are CellIssues (row, column) grouped by kind by the command (import standards of `ccst import`).
import type { CellIssue } from '../validation.js';

export type Statut = 'present' | 'absent' | 'retard';

export interface AttendanceRecord {
  row: number;
  numero: string;
  epreuve: string;
  statut: Statut;
  /** HH:MM, zero-padded. */
  heure?: string;
  observation?: string;
}

export type RawCell = string | number | boolean | Date | null | undefined;

export interface AttendanceRow {
  row: number;
  get(field: 'numero' | 'epreuve' | 'statut' | 'heure' | 'observation'): RawCell;
}

export interface RowContext {
  /** Épreuve codes of the regulation (E1, E21, E5…). */
  epreuves: ReadonlySet<string>;
  /** --epreuve: for files without an épreuve column, or checked against it. */
  epreuve?: string;
  /** Registered candidates: numero → units they are dispensed of or hold a bénéfice for (no épreuve to sit). */
  candidates: ReadonlyMap<string, { exempt: ReadonlySet<string> }>;
  unitOf(epreuve: string): string | undefined;
  columnOf(field: string): string;
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();

const STATUTS: Record<string, Statut> = {
  present: 'present', presente: 'present', p: 'present', oui: 'present',
  absent: 'absent', absente: 'absent', a: 'absent', abs: 'absent',
  retard: 'retard', 'en retard': 'retard', r: 'retard',
};

function text(v: RawCell): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  return String(v).replace(/[\u00a0\u202f]/g, ' ').trim();
}

/** "9:05", "09h05", "9h", an XLSX time (fraction of a day or a 1899-12-30 date) → "09:05"; undefined if not a time. */
export function parseHeure(v: RawCell): string | undefined {
  let minutes: number | undefined;
  if (v instanceof Date) minutes = v.getUTCHours() * 60 + v.getUTCMinutes();
  else if (typeof v === 'number') minutes = v >= 0 && v < 1 ? Math.round(v * 1440) : undefined;
  else {
    const m = /^(\d{1,2})\s*[:hH]\s*(\d{2})?$/.exec(text(v));
    if (m && Number(m[1]) < 24 && Number(m[2] ?? 0) < 60) minutes = Number(m[1]) * 60 + Number(m[2] ?? 0);
  }
  if (minutes === undefined || minutes >= 1440) return undefined;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function validateAttendanceRows(rows: Iterable<AttendanceRow>, ctx: RowContext): { records: AttendanceRecord[]; issues: CellIssue[] } {
  const records: AttendanceRecord[] = [];
  const issues: CellIssue[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const issue = (field: string, kind: string, message: string) => issues.push({ row: r.row, column: ctx.columnOf(field), kind, message });
    const numero = text(r.get('numero'));
    const epreuveCell = text(r.get('epreuve')).toUpperCase().replace(/[\s-]/g, '');
    const epreuve = epreuveCell || ctx.epreuve;
    const statutText = text(r.get('statut'));
    const statut = STATUTS[fold(statutText)];
    const heureCell = r.get('heure');
    const heure = parseHeure(heureCell);
    const observation = text(r.get('observation')) || undefined;
    let bad = false;
    const refuse = (field: string, kind: string, message: string) => ((bad = true), issue(field, kind, message));

    const candidate = ctx.candidates.get(numero);
    if (!numero) refuse('numero', 'numero', 'numéro de candidat manquant');
    else if (!candidate) refuse('numero', 'inconnu', `candidat ${numero} absent du workspace (importez-le avec ccst import)`);
    if (!epreuve) refuse('epreuve', 'epreuve', 'épreuve manquante (colonne epreuve ou --epreuve E5)');
    else if (!ctx.epreuves.has(epreuve)) refuse('epreuve', 'epreuve', `épreuve « ${epreuveCell || epreuve} » inconnue du règlement (${[...ctx.epreuves].join(', ')})`);
    else if (epreuveCell && ctx.epreuve && epreuveCell !== ctx.epreuve) refuse('epreuve', 'epreuve', `épreuve ${epreuveCell} alors que --epreuve ${ctx.epreuve} est demandé`);
    if (!statut) refuse('statut', 'statut', statutText ? `statut « ${statutText} » : attendu present, absent ou retard` : 'statut manquant : present, absent ou retard');
    if (text(heureCell) !== '' && heure === undefined) refuse('heure', 'heure', `heure « ${text(heureCell)} » : attendu HH:MM (heure locale du centre), ex. 14:45`);
    if (statut === 'retard' && text(heureCell) === '') refuse('heure', 'heure', 'retard sans heure d’arrivée : indiquez l’heure (HH:MM) pour apprécier la limite de retard');
    if (candidate && epreuve && ctx.epreuves.has(epreuve) && statut === 'absent') {
      const unite = ctx.unitOf(epreuve);
      if (unite && candidate.exempt.has(unite)) refuse('statut', 'dispense', `${numero} absent à ${epreuve} alors qu’il en est dispensé ou en garde le bénéfice (${unite}) à l’inscription`);
    }
    if (numero && epreuve) {
      const key = `${numero}\u0000${epreuve}`;
      const first = seen.get(key);
      if (first !== undefined) refuse('numero', 'doublon', `${numero} ${epreuve} déjà à la ligne ${first}`);
      else seen.set(key, r.row);
    }
    if (!bad) records.push({ row: r.row, numero, epreuve: epreuve!, statut: statut!, ...(heure ? { heure } : {}), ...(observation ? { observation } : {}) });
  }
  return { records, issues };
}
