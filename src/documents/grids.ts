// Evaluation grids: view-models from the grid scope, and the drawing of a batch (reference sheets once, then
// each candidate's grid and worksheet as one page group) by the generic template renderer.
import type { Regulation } from '../domain/regulation/schema.js';
import type { GridEntry } from '../domain/grids/scope.js';
import { frenchClock, frenchDate } from '../domain/convocation/time.js';
import type { PdfWriter } from './render/index.js';
import type { DocumentTemplate, ViewModel } from './templates/schema.js';
import { renderTemplate } from './templates/render-template.js';

export interface GridJob {
  /** Footer of the page group: identifies the sheet if pages get separated. */
  footer: string;
  vm: ViewModel;
}

export interface GridBatch {
  reference: DocumentTemplate[];
  perCandidate: DocumentTemplate[];
  /** View-model of the reference sheets (académie, session). */
  common: ViewModel;
  jobs: GridJob[];
}

const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

export function academieLabel(reg: Regulation, code: string | undefined): string {
  if (!code) return '';
  return reg.academies.find((a) => a.code === code)?.label ?? code;
}

/** The fields a grid is pre-filled with (annexes 10–23: Académie, Session, Nom et prénom, N°, Date de l'épreuve). */
export function gridViewModel(reg: Regulation, session: number, e: GridEntry, centreName?: string): ViewModel {
  const c = e.candidate;
  const a = e.appointment;
  return {
    academie: academieLabel(reg, c.academie),
    session: String(session),
    candidat: `${c.nom} ${c.prenom}`,
    nom: c.nom,
    prenom: c.prenom,
    numero: c.numero,
    date: a ? `${frenchDate(a.date)}${a.time ? ` à ${frenchClock(a.time)}` : ''}` : '',
    centre: centreName ?? e.centreUai ?? '',
    langue: c.langue ? capitalise(c.langue) : 'Langue non renseignée',
  };
}

export function gridFooter(title: string, session: number, vm: ViewModel): string {
  return `BTS CCST ${session} — ${title} — ${vm.candidat ?? ''} — N° ${vm.numero ?? ''}`;
}

/** Draws a whole batch into the writer (one PDF). */
export async function drawGridBatch(w: PdfWriter, batch: GridBatch, onDocuments?: (n: number) => void): Promise<void> {
  for (const t of batch.reference) {
    w.beginDocument(`${t.title} — ${t.source}`);
    renderTemplate(w, t, batch.common);
  }
  for (const [i, job] of batch.jobs.entries()) {
    w.beginDocument(job.footer);
    batch.perCandidate.forEach((t, k) => {
      if (k > 0) w.newPage();
      renderTemplate(w, t, job.vm);
    });
    onDocuments?.(1);
    // Often (≈10 ms): in a render pool, workers get their next file when this thread yields (parallel.ts).
    if (i % 5 === 4) await w.yieldToStream();
  }
}
