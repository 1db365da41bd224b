// Manual choices for assign-centres: `--pin NUMERO:EPREUVE=UAI` (repeatable) or a pins file with the columns
// numero, epreuve, uai. Checked for form here; the domain checks them against the regulation and the centres.
import type { Ctx } from './context.js';
import { inputError, usageError } from './errors.js';
import { formatIssues } from './issue-report.js';
import { openTable } from '../io/table-reader.js';
import { cellText, readHeader, recordOf, type ColumnSpec } from '../io/header-mapping.js';
import type { Regulation } from '../domain/regulation/schema.js';
import { findUnit } from '../domain/regulation/units.js';
import { parseUai } from '../domain/uai.js';
import type { PinRequest } from '../domain/assignment/assign.js';
import type { CellIssue } from '../domain/validation.js';

type PinResult = { ok: true; pin: PinRequest } | { ok: false; column: 'numero' | 'epreuve' | 'uai'; kind: string; message: string };

function pinOf(reg: Regulation, numero: string, epreuve: string, uai: string): PinResult {
  if (!numero) return { ok: false, column: 'numero', kind: 'requis', message: 'numéro de candidat manquant' };
  const unit = findUnit(reg, epreuve);
  if (!unit) return { ok: false, column: 'epreuve', kind: 'epreuve', message: `épreuve inconnue « ${epreuve} »` };
  const u = parseUai(uai);
  if (!u.ok) return { ok: false, column: 'uai', kind: u.kind, message: u.message };
  return { ok: true, pin: { numero, epreuve: unit.epreuve, centreUai: u.value } };
}

export function parsePinArgs(reg: Regulation, args: string[]): PinRequest[] {
  const pins: PinRequest[] = [];
  const errors: string[] = [];
  for (const a of args) {
    const m = /^([^:=]+):([^=]+)=(.+)$/.exec(a.trim());
    if (!m) {
      errors.push(`--pin « ${a} » : attendu NUMERO:EPREUVE=UAI, ex. 02412345678:E4=0311201M`);
      continue;
    }
    const r = pinOf(reg, m[1]!.trim(), m[2]!.trim(), m[3]!.trim());
    if (r.ok) pins.push(r.pin);
    else errors.push(`--pin « ${a} » : ${r.message}`);
  }
  if (errors.length) throw usageError('épinglage(s) illisible(s)', errors);
  return pins;
}

/** `--unpin NUMERO:EPREUVE` (repeatable): lifts a pin; the épreuve in any spelling (E6-1, U61…). */
export function parseUnpinArgs(reg: Regulation, args: string[]): { numero: string; epreuve: string }[] {
  const out: { numero: string; epreuve: string }[] = [];
  const errors: string[] = [];
  for (const a of args) {
    const m = /^([^:=]+):([^=]+)$/.exec(a.trim());
    const unit = m ? findUnit(reg, m[2]!.trim()) : undefined;
    if (!m || !unit) errors.push(`--unpin « ${a} » : attendu NUMERO:EPREUVE, ex. 02412345678:E4`);
    else out.push({ numero: m[1]!.trim(), epreuve: unit.epreuve });
  }
  if (errors.length) throw usageError('--unpin illisible', errors);
  return out;
}

const SPECS: ColumnSpec[] = [
  { name: 'numero', aliases: ['numero candidat', 'n candidat', 'candidat'], required: true },
  { name: 'epreuve', aliases: ['epreuves', 'unite'], required: true },
  { name: 'uai', aliases: ['centre', 'centre uai', 'uai centre', 'code uai'], required: true },
];

export async function readPinsFile(reg: Regulation, file: string, ctx: Ctx): Promise<PinRequest[]> {
  const table = await openTable(file, { stdin: ctx.stdin });
  const { header, rest } = await readHeader(table.rows, SPECS);
  const name = table.info.name;
  if (!header) throw inputError(`${name} : ligne d’en-tête introuvable (colonnes attendues : numero, epreuve, uai)`);
  if (header.missing.length) throw inputError(`${name} : colonne(s) absente(s) : ${header.missing.join(', ')}`);
  const issues: CellIssue[] = [];
  const pins: PinRequest[] = [];
  const seen = new Map<string, number>();
  for await (const raw of rest) {
    const rec = recordOf(raw, header);
    if (rec.blank) continue;
    const get = (k: string) => cellText(rec.values.get(k) ?? null);
    const r = pinOf(reg, get('numero'), get('epreuve'), get('uai'));
    if (!r.ok) {
      issues.push({ row: rec.row, column: header.labels.get(r.column) ?? r.column, kind: r.kind, message: r.message });
      continue;
    }
    const key = `${r.pin.numero}:${r.pin.epreuve}`;
    if (seen.has(key)) {
      issues.push({ row: rec.row, column: header.labels.get('numero') ?? 'numero', kind: 'doublon', message: `${key} déjà épinglé ligne ${seen.get(key)}` });
      continue;
    }
    seen.set(key, rec.row);
    pins.push(r.pin);
  }
  if (issues.length) throw inputError(`${name} : ${issues.length} erreur(s) dans les épinglages, rien n’a été fait`, formatIssues(name, issues));
  return pins;
}
